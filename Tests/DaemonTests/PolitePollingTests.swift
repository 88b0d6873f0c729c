import Foundation
import Store
import TestSupport
import Testing

/// What a polled site sees: Retry-After, max-age, backoff, moved and gone feeds.
@Suite struct PolitePollingTests {
    private func config(_ scenario: Scenario, paths: [String: String]) -> String {
        let sources = paths.sorted { $0.key < $1.key }.map { id, path in
            "[[source]]\nid = \"\(id)\"\nurl = \"\(scenario.server.url(path))\"\n"
        }.joined(separator: "\n")
        return "\(sources)\n\(brandWatches)\n\(team())"
    }

    @Test func aPermanentRedirectMovesTheSourceAndA410DisablesIt() async throws {
        let scenario = try Scenario()
        scenario.server.route("/old.xml", response: .redirect(to: "/new.xml", status: 301))
        scenario.serveRSS("/new.xml", items: [("n1", "Acme Cloud", "Acme Cloud.")])
        scenario.server.route("/gone.xml", response: .status(410))
        try scenario.writeConfig(config(scenario, paths: ["moved": "/old.xml", "gone": "/gone.xml"]))

        let first = try #require(await scenario.daemon().pollOnce()).0
        #expect(first.fetched == 1 && first.failed == 1)
        let second = try #require(await scenario.daemon().pollOnce()).0
        #expect(second.gone == 1 && second.sources == 2)
        #expect(scenario.server.requests(path: "/old.xml").count == 1)
        #expect(scenario.server.requests(path: "/new.xml").count == 2)
        #expect(scenario.server.requests(path: "/gone.xml").count == 1)
        let (status, out, err) = try await EarshotProcess.run(
            ["status", "--config", scenario.configPath], folder: scenario.folder.path)
        #expect(status == 0, "\(err)")
        let lines = out.split(separator: "\n")
        #expect(lines.first?.hasPrefix("SOURCE") == true)
        #expect(lines.contains { $0.hasPrefix("gone ") && $0.contains("disabled: HTTP 410 Gone") })
        #expect(lines.contains { $0.hasPrefix("moved ") && $0.contains("HTTP 200") })

        // A new URL in the config brings the gone source back, and forgets the old redirect.
        scenario.serveRSS("/back.xml", items: [("b1", "Back", "Back again.")])
        try scenario.writeConfig(config(scenario, paths: ["moved": "/old.xml", "gone": "/back.xml"]))
        let third = try #require(await scenario.daemon().pollOnce()).0
        #expect(third.gone == 0 && third.fetched == 2)
        #expect(scenario.server.requests(path: "/back.xml").count == 1)
        let states = try Store(path: scenario.folder.path("state/earshot.sqlite")).sourceStates()
        #expect(states["moved"]?.url == scenario.server.url("/new.xml"))
        #expect(states["gone"]?.goneURL == nil)
    }

    @Test func hintsAndFailuresSetTheNextPoll() async throws {
        let scenario = try Scenario()
        scenario.server.route("/busy.xml", response: HTTPTestResponse.status(503).header("Retry-After", "7200"))
        scenario.server.route(
            "/cached.xml",
            response: .ok(body: "<rss version=\"2.0\"><channel><title>t</title></channel></rss>").header(
                "Cache-Control", "max-age=10800"))
        scenario.server.route("/broken.xml", response: .status(500))
        try scenario.writeConfig(
            config(scenario, paths: ["busy": "/busy.xml", "cached": "/cached.xml", "broken": "/broken.xml"]),
            interval: "10m")
        let started = Date()
        for _ in 0..<3 { _ = await scenario.daemon().pollOnce() }
        let states = try Store(path: scenario.folder.path("state/earshot.sqlite")).sourceStates()
        func wait(_ id: String) -> TimeInterval { (states[id]?.nextDue ?? .distantPast).timeIntervalSince(started) }
        #expect(wait("busy") >= 7200 && wait("busy") < 7200 * 1.1 + 60)
        #expect(wait("cached") >= 10800 && wait("cached") < 10800 * 1.1 + 60)
        // Third failure in a row: 10m, 20m, then 40m (plus up to 10% jitter).
        #expect(states["broken"]?.consecutiveFailures == 3)
        #expect(wait("broken") >= 2400 && wait("broken") < 2400 * 1.1 + 60)
    }

    @Test func theDaemonWaitsForMaxAgeAndBacksOffFromFailures() async throws {
        let scenario = try Scenario()
        scenario.server.route(
            "/cached.xml",
            response: .ok(body: "<rss version=\"2.0\"><channel><title>t</title></channel></rss>").header(
                "Cache-Control", "max-age=3"))
        scenario.server.route("/fresh.xml", response: .ok(body: "<rss version=\"2.0\"><channel></channel></rss>"))
        scenario.server.route("/broken.xml", response: .status(500))
        try scenario.writeConfig(
            config(scenario, paths: ["cached": "/cached.xml", "fresh": "/fresh.xml", "broken": "/broken.xml"]),
            daemon: "host_gap = \"0s\"\nmax_backoff = \"1h\"", interval: "1s")
        let daemon = try EarshotProcess(["run", "--config", scenario.configPath], folder: scenario.folder.path)
        defer { if daemon.process.isRunning { daemon.signal(SIGKILL) } }
        try await Task.sleep(for: .seconds(6.5))
        daemon.signal(SIGTERM)
        #expect(await daemon.exitStatus(within: .seconds(10)) == 0, "\(daemon.stderr)")
        let fresh = scenario.server.requests(path: "/fresh.xml").count
        let cached = scenario.server.requests(path: "/cached.xml").count
        let broken = scenario.server.requests(path: "/broken.xml").map(\.arrival)
        // Every ~1.05 s for the plain feed; every ~3 s for max-age=3; 1, 2, 4 s apart for the failing one.
        #expect(fresh >= 4, "fresh polled \(fresh) times")
        #expect(cached >= 2 && cached <= 3, "cached polled \(cached) times")
        #expect(broken.count >= 3 && broken.count <= 4, "broken polled \(broken.count) times")
        if broken.count >= 3 {
            #expect(broken[2] - broken[1] >= .seconds(1.9), "second backoff \(broken[2] - broken[1])")
        }
    }
}
