import Foundation
import TestSupport
import Testing

/// The notify protocol as systemd would see it, over a real Unix datagram socket.
@Suite struct NotifyTests {
    @Test func readyReloadingWatchdogAndStoppingArriveInOrder() async throws {
        let scenario = try Scenario()
        scenario.serveRSS("/news.xml", items: [("n1", "Acme Cloud one", "Acme Cloud.")])
        let config = """
            [[source]]
            id = "news"
            url = "\(scenario.server.url("/news.xml"))"
            \(brandWatches)
            \(team())
            """
        try scenario.writeConfig(config)
        let socket = try NotifySocket(path: scenario.folder.path("notify.sock"))
        let daemon = try EarshotProcess(
            ["run", "--config", scenario.configPath], folder: scenario.folder.path,
            environment: ["NOTIFY_SOCKET": socket.path, "WATCHDOG_USEC": "400000"])
        defer { if daemon.process.isRunning { daemon.signal(SIGKILL) } }
        var messages: [String] = []
        func collect(until condition: ([String]) -> Bool) async -> Bool {
            await eventually {
                messages += socket.drain()
                return condition(messages)
            }
        }

        #expect(await collect { $0.contains { $0.hasPrefix("READY=1") } }, "\(messages) \(daemon.stderr)")
        #expect(await collect { $0.filter { $0 == "WATCHDOG=1" }.count >= 3 }, "\(messages)")
        #expect(await collect { $0.contains { $0.hasPrefix("STATUS=last cycle: 1 sources") } }, "\(messages)")

        daemon.signal(SIGHUP)
        #expect(await collect { $0.filter { $0.hasPrefix("READY=1") }.count == 2 }, "\(messages)")
        try "[daemon\n".write(toFile: scenario.configPath, atomically: true, encoding: .utf8)
        daemon.signal(SIGHUP)
        #expect(await collect { $0.filter { $0.hasPrefix("READY=1") }.count == 3 }, "\(messages)")
        #expect(daemon.stderr.contains("config rejected"))

        daemon.signal(SIGTERM)
        #expect(await daemon.exitStatus(within: .seconds(10)) == 0)
        messages += socket.drain()

        let reloading = messages.indices.filter { messages[$0].hasPrefix("RELOADING=1") }
        let ready = messages.indices.filter { messages[$0].hasPrefix("READY=1") }
        #expect(reloading.count == 2 && ready.count == 3)
        if reloading.count == 2 && ready.count == 3 {
            #expect(ready[0] < reloading[0] && reloading[0] < ready[1] && ready[1] < reloading[1])
            #expect(reloading[1] < ready[2])
        }
        for index in reloading {
            let fields = messages[index].split(separator: "\n")
            let micros = fields.first { $0.hasPrefix("MONOTONIC_USEC=") }.flatMap { Int64($0.dropFirst(15)) }
            #expect((micros ?? 0) > 0, "\(messages[index])")
        }
        #expect(messages.last == "STOPPING=1", "\(messages.suffix(3))")
        #expect(messages.filter { $0 == "STOPPING=1" }.count == 1)
    }

    @Test func withoutNotifySocketNothingIsSentAndNothingBreaks() async throws {
        let scenario = try Scenario()
        scenario.serveRSS("/news.xml", items: [("n1", "Acme Cloud one", "Acme Cloud.")])
        try scenario.writeConfig(
            "[[source]]\nid = \"news\"\nurl = \"\(scenario.server.url("/news.xml"))\"\n\(brandWatches)\n\(team())")
        let daemon = try EarshotProcess(
            ["run", "--config", scenario.configPath], folder: scenario.folder.path,
            environment: ["WATCHDOG_USEC": "100000"])
        defer { if daemon.process.isRunning { daemon.signal(SIGKILL) } }
        #expect(await eventually { scenario.messages("ana").count == 1 })
        daemon.signal(SIGTERM)
        #expect(await daemon.exitStatus(within: .seconds(10)) == 0)
    }
}
