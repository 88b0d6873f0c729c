import Foundation
import Logging
import Testing

@testable import Daemon

@Test(arguments: [
    ("plain", "plain"),
    ("two words", "\"two words\""),
    ("", "\"\""),
    ("a=b", "\"a=b\""),
    ("say \"hi\"", "\"say \\\"hi\\\"\""),
    ("line\nbreak", "\"line\\nbreak\""),
    ("back\\slash", "\"back\\\\slash\""),
    ("https://example.com/feed?x=1", "\"https://example.com/feed?x=1\""),
    ("/var/lib/earshot", "/var/lib/earshot"),
])
func logfmtValuesAreQuotedOnlyWhenNeeded(value: String, expected: String) {
    #expect(LogfmtLogHandler.quoted(value) == expected)
}

@Test func journaldGetsSyslogPriorities() {
    let levels: [Logger.Level] = [.trace, .debug, .info, .notice, .warning, .error, .critical]
    #expect(levels.map(LogfmtLogHandler.priority) == [7, 7, 6, 5, 4, 3, 2])
}

/// Under journald (`$JOURNAL_STREAM` set) each line starts with its priority and has no timestamp of its own.
@Test func linesCarryThePriorityPrefixUnderJournald() async throws {
    let scenario = try Scenario()
    scenario.server.route("/missing.xml", response: .status(404))
    try scenario.writeConfig(
        """
        [[source]]
        id = "secret-feed"
        url = "\(scenario.server.url("/missing.xml"))?api_key=hunter2&page=1"
        \(brandWatches)
        \(team())
        """)
    let child = try EarshotProcess(
        ["poll", "--once", "--config", scenario.configPath, "--log-level", "info"], folder: scenario.folder.path,
        environment: ["JOURNAL_STREAM": "8:12345"])
    #expect(await child.exitStatus() == 0)
    let lines = child.stderr.split(separator: "\n")
    let failure = try #require(lines.first { $0.contains("source failed") })
    #expect(failure.hasPrefix("<4>level=warning msg=\"source failed\""))
    #expect(failure.contains("source=secret-feed"))
    #expect(failure.contains("api_key=***"))
    #expect(!child.stderr.contains("hunter2"))
    #expect(!lines.contains { $0.hasPrefix("ts=") })

    // The status table and `earshot check` never show the key either.
    let (_, status, _) = try await EarshotProcess.run(
        ["status", "--config", scenario.configPath], folder: scenario.folder.path)
    #expect(status.contains("secret-feed") && !status.contains("hunter2"))
}

@Test func checkOutputMasksSecretsInQuotedValues() async throws {
    let scenario = try Scenario()
    try scenario.writeConfig(
        """
        [[source]]
        id = "x"
        url = "ftp://bob:hunter2@example.com/feed?token=abc"
        \(brandWatches)
        \(team())
        """)
    let (status, _, err) = try await EarshotProcess.run(
        ["check", "--config", scenario.configPath], folder: scenario.folder.path)
    #expect(status == 1)
    #expect(err.contains("url"))
    #expect(!err.contains("hunter2") && !err.contains("abc"))
}
