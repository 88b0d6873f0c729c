import ArgumentParser
import Daemon
import EarshotCore
import Foundation
import Logging
import Store

/// `earshot bench-fanout`: the fan-out benchmark behind `Benchmarks/fanout/run` (hidden from help). Writes a
/// config with `ambassadors` people sharing `tags` expertise tags, then pushes `mentions` mentions through the
/// router (route = "one"), the outbox (in 5,000-post transactions, as a poll cycle does) and one delivery pass
/// into a Maildir, and prints the time of each stage.
struct BenchFanoutCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench-fanout", abstract: "Fan-out benchmark (see Benchmarks/fanout).", shouldDisplay: false)

    @Option(help: "Folder for the config, state and Maildir (created; must be empty).")
    var folder: String

    @Option(help: "Mentions to route and deliver.")
    var mentions = 100_000

    @Option(help: "Ambassadors.")
    var ambassadors = 1_000

    @Option(help: "Distinct expertise tags (one watch per tag).")
    var tags = 100

    func run() async throws {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        var config = """
            [daemon]
            state_dir = "state"

            [routing]
            fallback = "fallback"

            [[channel]]
            id = "box"
            kind = "maildir"
            path = "maildir"

            [[ambassador]]
            id = "fallback"
            name = "Fallback"
            email = "fallback@example.com"
            channels = ["box"]

            """
        let capacity = mentions / ambassadors * 2 + 10
        for index in 0..<ambassadors {
            config += """
                [[ambassador]]
                id = "a\(index)"
                name = "Ambassador \(index)"
                email = "a\(index)@example.com"
                expertise = ["t\(index % tags)"]
                capacity = \(capacity)
                channels = ["box"]

                """
        }
        for tag in 0..<tags {
            config += """
                [[watch]]
                id = "w\(tag)"
                any = ["acme"]
                tags = ["t\(tag)"]
                route = "one"

                """
        }
        let path = folder + "/earshot.toml"
        try config.write(toFile: path, atomically: true, encoding: .utf8)
        let snapshot = try Output.snapshot(path: path)
        let store = try Store(path: snapshot.databasePath)
        let clock = ContinuousClock()
        let now = Date()
        let started = clock.now

        var load = Deliverer.routingLoad(store, now: now)
        var assigned = 0
        var routeTime = Duration.zero
        let batch = 5_000
        var next = 0
        while next < mentions {
            let end = min(mentions, next + batch)
            let posts = (next..<end).map { index in
                Post(
                    source: "bench", id: "p\(index)", url: "https://example.com/posts/\(index)",
                    title: "Acme story number \(index)", text: "Something about acme and its cloud, post \(index).",
                    author: "author\(index % 97)", published: now)
            }
            try store.record(posts: posts, now: now) { fresh in
                let routing = clock.now
                var rows: [NewAssignment] = []
                rows.reserveCapacity(fresh.count)
                for post in fresh {
                    let number = Int(post.id.dropFirst())!
                    let mention = Mention(
                        post: post, watch: "w\(number % tags)", terms: ["acme"], tags: ["t\(number % tags)"],
                        snippet: "Something about acme and its cloud")
                    for assignment in snapshot.router.route(mention, load: &load, now: now).assignments {
                        rows.append(
                            NewAssignment(
                                ambassador: assignment.ambassador,
                                channels: snapshot.channelsOf[assignment.ambassador] ?? [], mention: mention,
                                reason: assignment.reason.rawValue))
                    }
                }
                routeTime += clock.now - routing
                assigned += rows.count
                return rows
            }
            next = end
        }
        let recorded = clock.now
        let logger = Logger(label: "bench") { _ in SwiftLogNoOpLogHandler() }
        let report = await Deliverer(snapshot: snapshot, store: store, logger: logger).deliverPending(now: now)
        let finished = clock.now

        let total = (finished - started).seconds
        let files = (try? FileManager.default.contentsOfDirectory(atPath: folder + "/maildir/new").count) ?? 0
        Output.line("mentions\t\(mentions)")
        Output.line("ambassadors\t\(ambassadors)")
        Output.line("assignments\t\(assigned)")
        Output.line("route_seconds\t\(String(format: "%.3f", routeTime.seconds))")
        Output.line("route_and_outbox_seconds\t\(String(format: "%.3f", (recorded - started).seconds))")
        Output.line("deliver_seconds\t\(String(format: "%.3f", (finished - recorded).seconds))")
        Output.line("digests\t\(report.digests)")
        Output.line("delivered_mentions\t\(report.delivered)")
        Output.line("maildir_messages\t\(files)")
        Output.line("total_seconds\t\(String(format: "%.3f", total))")
        Output.line("mentions_per_second\t\(String(format: "%.0f", Double(mentions) / total))")
        if report.delivered != assigned || report.failedDigests > 0 { throw ExitCode(1) }
    }
}

extension Duration {
    fileprivate var seconds: Double {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }
}
