import Foundation
import TestSupport
import Testing

/// `earshot run` as a real process: polls on its interval, reloads on SIGHUP, keeps the old config when the new
/// one is broken, and stops on SIGTERM.
@Suite struct RunDaemonTests {
    @Test func reloadsOnHangupKeepsServingOnABadConfigAndStopsOnTerm() async throws {
        let scenario = try Scenario()
        let source = """
            [[source]]
            id = "news"
            url = "\(scenario.server.url("/news.xml"))"
            """
        scenario.serveRSS("/news.xml", items: [("n1", "Acme Cloud one", "Acme Cloud.")])
        try scenario.writeConfig("\(source)\n\(brandWatches)\n\(team())", interval: "1s")
        let daemon = try EarshotProcess(
            ["run", "--config", scenario.configPath, "--log-level", "info"], folder: scenario.folder.path)
        defer { if daemon.process.isRunning { daemon.signal(SIGKILL) } }

        #expect(await eventually { scenario.messages("ana").count == 1 }, "\(daemon.stderr)")

        // A new watch arrives by reload and catches the next new post.
        let weather = """
            [[watch]]
            id = "weather"
            any = ["sunny"]
            tags = ["billing"]
            """
        try scenario.writeConfig(
            "\(source)\n\(brandWatches)\n\(weather)\n\(team())", interval: "1s")
        daemon.signal(SIGHUP)
        #expect(await eventually { daemon.stderr.contains("config reloaded") }, "\(daemon.stderr)")
        scenario.serveRSS(
            "/news.xml", items: [("n1", "Acme Cloud one", "Acme Cloud."), ("n2", "Sunny day", "It is sunny.")])
        #expect(await eventually { scenario.messages("ben").count == 1 }, "\(daemon.stderr)")
        #expect(scenario.messages("ben").first?.contains("[weather] Sunny day") == true)

        // A broken config is rejected with its location; the running one keeps working.
        try "[daemon\nstate_dir = 3\n".write(toFile: scenario.configPath, atomically: true, encoding: .utf8)
        daemon.signal(SIGHUP)
        #expect(await eventually { daemon.stderr.contains("config rejected") }, "\(daemon.stderr)")
        #expect(daemon.stderr.contains("\(scenario.configPath):1:"))
        #expect(daemon.process.isRunning)
        scenario.serveRSS(
            "/news.xml",
            items: [
                ("n1", "Acme Cloud one", "Acme Cloud."), ("n2", "Sunny day", "It is sunny."),
                ("n3", "Sunny again", "Still sunny."),
            ])
        #expect(await eventually { scenario.messages("ben").count == 2 }, "\(daemon.stderr)")

        let stopping = ContinuousClock.now
        daemon.signal(SIGTERM)
        let status = await daemon.exitStatus(within: .seconds(10))
        #expect(status == 0)
        #expect(ContinuousClock.now - stopping < .seconds(10))
        #expect(daemon.stderr.contains("msg=stopped"))
    }

    @Test func termDuringASlowCycleStopsWithinTenSeconds() async throws {
        let scenario = try Scenario()
        scenario.server.route("/slow.xml", response: .ok(body: "<rss/>").delayed(.seconds(30)))
        try scenario.writeConfig(
            """
            [[source]]
            id = "slow"
            url = "\(scenario.server.url("/slow.xml"))"
            \(brandWatches)
            \(team())
            """)
        let daemon = try EarshotProcess(["run", "--config", scenario.configPath], folder: scenario.folder.path)
        defer { if daemon.process.isRunning { daemon.signal(SIGKILL) } }
        #expect(await eventually { !scenario.server.requests(path: "/slow.xml").isEmpty })
        let stopping = ContinuousClock.now
        daemon.signal(SIGTERM)
        let status = await daemon.exitStatus(within: .seconds(12))
        #expect(status == 0, "\(daemon.stderr)")
        #expect(ContinuousClock.now - stopping < .seconds(10))
    }
}
