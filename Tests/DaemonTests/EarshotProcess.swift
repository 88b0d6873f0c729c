import Foundation

/// The `earshot` executable built beside the test bundle, run as a real child process.
struct EarshotProcess {
    let process = Process()
    let stdoutPath: String
    let stderrPath: String

    /// `.build/<triple>/debug/earshot`, next to the test bundle.
    static var executable: URL {
        URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
            .appendingPathComponent("earshot")
    }

    init(_ arguments: [String], folder: String, stdin: String? = nil, environment extra: [String: String] = [:]) throws
    {
        let tag = UUID().uuidString.prefix(8)
        stdoutPath = folder + "/stdout-\(tag).txt"
        stderrPath = folder + "/stderr-\(tag).txt"
        _ = FileManager.default.createFile(atPath: stdoutPath, contents: nil)
        _ = FileManager.default.createFile(atPath: stderrPath, contents: nil)
        process.executableURL = Self.executable
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        environment["EARSHOT_CONFIG"] = nil
        environment["JOURNAL_STREAM"] = nil
        environment["NOTIFY_SOCKET"] = nil
        environment["WATCHDOG_USEC"] = nil
        environment.merge(extra) { $1 }
        process.environment = environment
        process.standardOutput = FileHandle(forWritingAtPath: stdoutPath)
        process.standardError = FileHandle(forWritingAtPath: stderrPath)
        if let stdin {
            let inputPath = folder + "/stdin-\(tag).txt"
            try stdin.write(toFile: inputPath, atomically: true, encoding: .utf8)
            process.standardInput = FileHandle(forReadingAtPath: inputPath)
        }
        try process.run()
    }

    var stdout: String { (try? String(contentsOfFile: stdoutPath, encoding: .utf8)) ?? "" }
    var stderr: String { (try? String(contentsOfFile: stderrPath, encoding: .utf8)) ?? "" }

    /// Waits for the process to exit (without blocking a thread); nil if it is still running after `limit`.
    func exitStatus(within limit: Duration = .seconds(30)) async -> Int32? {
        let deadline = ContinuousClock.now + limit
        while process.isRunning {
            if ContinuousClock.now > deadline { return nil }
            try? await Task.sleep(for: .milliseconds(20))
        }
        return process.terminationStatus
    }

    func signal(_ number: Int32) {
        kill(process.processIdentifier, number)
    }

    /// Runs to completion and returns (status, stdout, stderr).
    static func run(_ arguments: [String], folder: String, stdin: String? = nil) async throws -> (Int32, String, String)
    {
        let child = try EarshotProcess(arguments, folder: folder, stdin: stdin)
        let status = await child.exitStatus() ?? -1
        return (status, child.stdout, child.stderr)
    }
}

/// Polls `condition` every 50 ms until it holds or `limit` passes.
func eventually(within limit: Duration = .seconds(15), _ condition: () -> Bool) async -> Bool {
    let deadline = ContinuousClock.now + limit
    while ContinuousClock.now < deadline {
        if condition() { return true }
        try? await Task.sleep(for: .milliseconds(50))
    }
    return condition()
}
