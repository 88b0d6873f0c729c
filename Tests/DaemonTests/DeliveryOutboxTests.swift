import Daemon
import Foundation
import Logging
import Store
import TestSupport
import Testing

/// The outbox end to end: retries with backoff, dead letters with `status` and `redeliver`, digest schedules on
/// an injected clock, and a daemon killed during delivery.
@Suite struct DeliveryOutboxTests {
    static let secret = "webhook-shared-secret"

    /// ana (cloud) gets mentions through a signed webhook on the scenario's server; comms is the fallback.
    func config(_ scenario: Scenario, ana: String = "", hookPath: String = "/hook/T0/SECRET") throws -> String {
        try Self.secret.write(toFile: scenario.folder.path("hook.secret"), atomically: true, encoding: .utf8)
        try (scenario.server.url(hookPath) + "\n").write(
            toFile: scenario.folder.path("hook.url"), atomically: true, encoding: .utf8)
        return """
            [[source]]
            id = "news"
            url = "\(scenario.server.url("/news.xml"))"

            [[watch]]
            id = "brand"
            any = ["Acme Cloud"]
            tags = ["cloud"]

            [[ambassador]]
            id = "ana"
            name = "Ana Lima"
            email = "ana@example.com"
            expertise = ["cloud"]
            channels = ["hook"]
            \(ana)

            [[ambassador]]
            id = "comms"
            name = "Comms"
            email = "comms@example.com"
            channels = ["comms-box"]

            [[channel]]
            id = "hook"
            kind = "webhook"
            url_file = "hook.url"
            secret_file = "hook.secret"

            [[channel]]
            id = "comms-box"
            kind = "maildir"
            path = "maildir/comms"
            """
    }

    func deliverer(_ scenario: Scenario) throws -> Deliverer {
        let snapshot = try Snapshot.load(path: scenario.configPath)
        return Deliverer(
            snapshot: snapshot, store: try Store(path: snapshot.databasePath),
            logger: Logger(label: "test") { _ in SwiftLogNoOpLogHandler() })
    }

    /// Post ids in the `mentions` of webhook requests.
    static func postIDs(_ request: HTTPTestRequest) -> [String] {
        guard let json = try? JSONSerialization.jsonObject(with: Data(request.body)) as? [String: Any],
            let mentions = json["mentions"] as? [[String: Any]]
        else { return [] }
        return mentions.compactMap { $0["post_id"] as? String }
    }

    @Test func aFailingChannelRetriesWithBackoffAndRecovers() async throws {
        let scenario = try Scenario()
        scenario.serveRSS("/news.xml", items: [("n1", "Acme Cloud one", "Acme Cloud."), ("n2", "Acme Cloud two", "x")])
        scenario.server.route("/hook/T0/SECRET", response: HTTPTestResponse.status(503))
        try scenario.writeConfig(try config(scenario))

        let (_, first) = try #require(await scenario.daemon().pollOnce())
        #expect(first.failedDigests == 1 && first.delivered == 0)
        #expect(first.nextWake != nil)

        // The receiver recovers, but the retry waits out its backoff (30 s plus jitter).
        scenario.server.route("/hook/T0/SECRET", response: .status(200))
        let deliverer = try deliverer(scenario)
        let now = Date()
        let early = await deliverer.deliverPending(now: now.addingTimeInterval(5))
        #expect(early.digests == 0 && early.failedDigests == 0)
        #expect(scenario.server.requests(path: "/hook/T0/SECRET").count == 1)
        let wake = try #require(early.nextWake)
        #expect(wake > now.addingTimeInterval(29) && wake < now.addingTimeInterval(40))

        let retry = await deliverer.deliverPending(now: wake)
        #expect(retry.digests == 1 && retry.delivered == 2)
        let requests = scenario.server.requests(path: "/hook/T0/SECRET")
        #expect(requests.count == 2)
        // The same rows go out as the same delivery, so a receiver can tell a retry from a new digest.
        #expect(requests[0].header("X-Earshot-Delivery") == requests[1].header("X-Earshot-Delivery"))
        #expect(Set(Self.postIDs(requests[1])) == ["n1", "n2"])
        #expect(try deliverer.store.deliverable(now: wake.addingTimeInterval(3600)).isEmpty)
    }

    @Test func rowsAnotherRunningProcessIsSendingAreLeftToIt() async throws {
        let scenario = try Scenario()
        scenario.serveRSS("/news.xml", items: [("n1", "Acme Cloud one", "Acme Cloud.")])
        scenario.server.route("/hook/T0/SECRET", response: HTTPTestResponse.status(503))
        try scenario.writeConfig(try config(scenario))
        let (_, first) = try #require(await scenario.daemon().pollOnce())
        #expect(first.failedDigests == 1)
        scenario.server.route("/hook/T0/SECRET", response: .status(200))
        let deliverer = try deliverer(scenario)
        let id = try #require(try deliverer.store.pending().first?.id)
        let now = Date()
        // Another process (pid 1 runs for as long as the machine) is sending the row: this pass leaves it.
        #expect(try deliverer.store.claim([id], until: now.addingTimeInterval(600), now: now, by: 1) == [id])
        let skipped = await deliverer.deliverPending(now: now, retryingNow: true)
        #expect(skipped.claimedElsewhere == 1 && skipped.digests == 0)
        #expect(scenario.server.requests(path: "/hook/T0/SECRET").count == 1)
        // A process that died holding it leaves it to the next pass at once.
        let gone = Process()
        gone.executableURL = URL(fileURLWithPath: "/bin/true")
        try gone.run()
        gone.waitUntilExit()
        let dead = try deliverer.store.claim(
            [id], until: now.addingTimeInterval(1_200), now: now.addingTimeInterval(601),
            by: Int64(gone.processIdentifier))
        #expect(dead == [id])  // its lease runs to +1,200 s
        let taken = await deliverer.deliverPending(now: now.addingTimeInterval(602), retryingNow: true)
        #expect(taken.digests == 1 && taken.claimedElsewhere == 0)
        #expect(scenario.server.requests(path: "/hook/T0/SECRET").count == 2)
    }

    @Test func aPermanentFailureIsADeadLetterThatStatusListsAndRedeliverRetries() async throws {
        let scenario = try Scenario()
        scenario.serveRSS("/news.xml", items: [("n1", "Acme Cloud one", "Acme Cloud.")])
        scenario.server.route("/hook/T0/SECRET", response: .status(404))
        try scenario.writeConfig(try config(scenario))
        let (_, delivery) = try #require(await scenario.daemon().pollOnce())
        #expect(delivery.deadLettered == 1)

        let (status, out, err) = try await EarshotProcess.run(
            ["status", "--config", scenario.configPath], folder: scenario.folder.path)
        #expect(status == 0, "\(err)")
        // Columns may be aligned with spaces: compare words.
        let words = { (line: Substring) in line.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init) }
        #expect(out.split(separator: "\n").contains { words($0).starts(with: ["DEAD", "LETTERS", "1"]) })
        let line = try #require(out.split(separator: "\n").first { $0.hasSuffix("Acme Cloud one") })
        #expect(Array(words(line)[1...4]) == ["ana", "hook", "brand", "1"])
        #expect(line.contains("HTTP 404"))
        // The webhook URL is a secret: only its scheme and host are ever shown.
        #expect(!out.contains("SECRET") && line.contains("http://127.0.0.1:\(scenario.server.port)/…"))
        #expect(out.split(separator: "\n").contains { words($0).starts(with: ["AMBASSADOR", "LOAD", "(24", "h)"]) })
        #expect(out.split(separator: "\n").contains { words($0).starts(with: ["TO", "FALLBACK", "(24", "h)", "0"]) })
        let id = words(line)[0]

        // Dead letters are not retried by later passes...
        let later = try await deliverer(scenario).deliverPending(now: Date().addingTimeInterval(7200))
        #expect(later.digests + later.failedDigests == 0)
        #expect(scenario.server.requests(path: "/hook/T0/SECRET").count == 1)

        // ...until an operator fixes the receiver and redelivers.
        scenario.server.route("/hook/T0/SECRET", response: .status(200))
        let (again, redelivered, _) = try await EarshotProcess.run(
            ["redeliver", "--config", scenario.configPath, id], folder: scenario.folder.path)
        #expect(again == 0, "\(redelivered)")
        #expect(redelivered.contains("1 digests (1 mentions)"))
        #expect(scenario.server.requests(path: "/hook/T0/SECRET").count == 2)
        let (_, after, _) = try await EarshotProcess.run(
            ["status", "--config", scenario.configPath], folder: scenario.folder.path)
        #expect(after.split(separator: "\n").contains { words($0) == ["DEAD", "LETTERS", "none"] })
        let (unknown, _, unknownErr) = try await EarshotProcess.run(
            ["redeliver", "--config", scenario.configPath, "999"], folder: scenario.folder.path)
        #expect(unknown == 1 && unknownErr.contains("no undelivered outbox row 999"))
    }

    @Test func digestsWaitForTheAmbassadorsScheduleAndQuietHours() async throws {
        let scenario = try Scenario()
        scenario.serveRSS("/news.xml", items: [("n1", "Acme Cloud one", "Acme Cloud.")])
        scenario.server.route("/hook/T0/SECRET", response: .status(200))
        try scenario.writeConfig(
            try config(
                scenario,
                ana: """
                    timezone = "America/New_York"
                    digest = "daily 08:30"
                    quiet_hours = "22:00-07:00"
                    """))
        let (_, delivery) = try #require(await scenario.daemon().pollOnce())
        #expect(delivery.digests == 0 && delivery.held == 1)
        let wake = try #require(delivery.nextWake)
        // The next 08:30 in New York, whatever the time of day now.
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "America/New_York")!
        let local = calendar.dateComponents([.hour, .minute, .second], from: wake)
        #expect(local.hour == 8 && local.minute == 30 && local.second == 0)
        #expect(wake > Date() && wake <= Date().addingTimeInterval(25 * 3600))

        let deliverer = try deliverer(scenario)
        let before = await deliverer.deliverPending(now: wake.addingTimeInterval(-60))
        #expect(before.digests == 0 && before.held == 1)
        let onTime = await deliverer.deliverPending(now: wake)
        #expect(onTime.digests == 1 && onTime.delivered == 1)
        #expect(scenario.server.requests(path: "/hook/T0/SECRET").count == 1)
    }

    @Test func aDaemonKilledDuringDeliveryDeliversEverythingAfterRestartAtMostOnceMore() async throws {
        let scenario = try Scenario()
        scenario.serveRSS(
            "/news.xml",
            items: [
                ("n1", "Acme Cloud one", "Acme Cloud."), ("n2", "Acme Cloud two", "x"), ("n3", "Acme Cloud 3", "y"),
            ])
        // A slow receiver: the daemon is killed while it waits for the answer.
        scenario.server.route("/hook/T0/SECRET", response: HTTPTestResponse.status(200).delayed(.seconds(20)))
        try scenario.writeConfig(try config(scenario))
        let first = try EarshotProcess(["run", "--config", scenario.configPath], folder: scenario.folder.path)
        defer { if first.process.isRunning { first.signal(SIGKILL) } }
        #expect(await eventually { scenario.server.requests(path: "/hook/T0/SECRET").count == 1 }, "\(first.stderr)")
        first.signal(SIGKILL)
        _ = await first.exitStatus(within: .seconds(10))

        scenario.server.route("/hook/T0/SECRET", response: .status(200))
        let second = try EarshotProcess(["run", "--config", scenario.configPath], folder: scenario.folder.path)
        defer { if second.process.isRunning { second.signal(SIGKILL) } }
        #expect(await eventually { scenario.server.requests(path: "/hook/T0/SECRET").count == 2 }, "\(second.stderr)")
        #expect(await eventually { second.stderr.contains("digest delivered") }, "\(second.stderr)")
        second.signal(SIGTERM)
        #expect(await second.exitStatus(within: .seconds(10)) == 0)

        let requests = scenario.server.requests(path: "/hook/T0/SECRET")
        try #require(requests.count == 2)
        var seen: [String: Int] = [:]
        for request in requests {
            for id in Self.postIDs(request) { seen[id, default: 0] += 1 }
        }
        #expect(Set(seen.keys) == ["n1", "n2", "n3"])
        #expect(seen.values.allSatisfy { $0 <= 2 })
        #expect(requests[0].header("X-Earshot-Delivery") == requests[1].header("X-Earshot-Delivery"))
        let store = try Store(path: scenario.folder.path("state/earshot.sqlite"))
        #expect(try store.deliverable(now: Date().addingTimeInterval(86_400)).isEmpty)
    }

    @Test func termDuringASlowScheduledDeliveryStopsInTimeAndKeepsTheRowsPending() async throws {
        let scenario = try Scenario()
        scenario.serveRSS("/news.xml", items: [("n1", "Acme Cloud one", "Acme Cloud.")])
        scenario.server.route("/hook/T0/SECRET", response: HTTPTestResponse.status(200).delayed(.seconds(30)))
        try scenario.writeConfig(try config(scenario))
        let first = try EarshotProcess(["run", "--config", scenario.configPath], folder: scenario.folder.path)
        defer { if first.process.isRunning { first.signal(SIGKILL) } }
        #expect(await eventually { scenario.server.requests(path: "/hook/T0/SECRET").count == 1 }, "\(first.stderr)")
        first.signal(SIGKILL)
        _ = await first.exitStatus(within: .seconds(10))

        // No source is due after the restart: the outbox is delivered on its own, and a stop cancels it in time.
        let second = try EarshotProcess(["run", "--config", scenario.configPath], folder: scenario.folder.path)
        defer { if second.process.isRunning { second.signal(SIGKILL) } }
        #expect(await eventually { scenario.server.requests(path: "/hook/T0/SECRET").count == 2 }, "\(second.stderr)")
        let stopping = ContinuousClock.now
        second.signal(SIGTERM)
        #expect(await second.exitStatus(within: .seconds(12)) == 0, "\(second.stderr)")
        #expect(ContinuousClock.now - stopping < .seconds(10))
        let store = try Store(path: scenario.folder.path("state/earshot.sqlite"))
        #expect(try store.deliverable(now: Date().addingTimeInterval(3600)).count == 1)
    }

    @Test func checkReportsBadDeliveryKeysWithTheirLocations() async throws {
        let scenario = try Scenario()
        try scenario.writeConfig(
            try config(
                scenario,
                ana: """
                    timezone = "Mars/Olympus"
                    digest = "fortnightly"
                    """)
                    + """

                    [[channel]]
                    id = "mail"
                    kind = "smtp"
                    url = "http://mail.example.com"
                    from = "earshot@example.com"
                    path = "x"
                    """)
        let (status, _, err) = try await EarshotProcess.run(
            ["check", "--config", scenario.configPath], folder: scenario.folder.path)
        #expect(status == 1)
        #expect(err.contains("unknown time zone \"Mars/Olympus\""))
        #expect(err.contains("`digest` must be"))
        #expect(err.contains("smtp://host:port"))
        #expect(err.contains("`path` does not apply to a smtp channel"))
        #expect(
            err.split(separator: "\n").allSatisfy {
                $0.hasPrefix(scenario.configPath + ":") || $0.hasPrefix(scenario.configPath)
            })
    }
}
