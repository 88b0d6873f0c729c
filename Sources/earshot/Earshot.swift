import ArgumentParser
import Daemon
import Foundation
import Logging

/// `earshot`: the social listening daemon and its tools for ops.
@main
struct Earshot: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "earshot",
        abstract: "Hear every mention of your organization, and hand each to the ambassadors who can answer it.",
        subcommands: [
            RunCommand.self, PollCommand.self, CheckCommand.self, ParseCommand.self, MatchCommand.self,
            StatusCommand.self, RedeliverCommand.self, BenchFanoutCommand.self,
        ]
    )
}

/// Options shared by the commands that read the config.
struct ConfigOptions: ParsableArguments {
    @Option(name: .long, help: "Config file (default: $EARSHOT_CONFIG, else /etc/earshot/earshot.toml).")
    var config: String?

    @Option(name: .long, help: "trace, debug, info, notice, warning, error or critical (default: the config's).")
    var logLevel: String?

    var path: String {
        config ?? Snapshot.defaultConfigPath(environment: ProcessInfo.processInfo.environment)
    }

    /// The config, compiled; or every problem on standard error and exit status 1.
    func snapshot() throws -> Snapshot {
        try Output.snapshot(path: path)
    }

    /// Sets up logfmt logging on standard error and returns the root logger.
    func logger(configLevel: String? = nil) -> Logger {
        let level = (logLevel ?? configLevel).flatMap(Logger.Level.init(rawValue:)) ?? .info
        LoggingBootstrap.once(level: level)
        return Logger(label: "earshot")
    }
}

/// Standard output, unbuffered by Foundation: big outputs are written in large chunks.
enum Output {
    static func write(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = Foundation.write(1, buffer.baseAddress! + offset, buffer.count - offset)
                if written <= 0 {
                    if errno == EINTR { continue }
                    return
                }
                offset += written
            }
        }
    }

    /// Loads and compiles the config at `path`, or lists every problem (`FILE:LINE:COLUMN: message`) and exits 1.
    static func snapshot(path: String) throws -> Snapshot {
        do {
            return try Snapshot.load(path: path)
        } catch {
            for problem in error.errors { Output.error(problem.description) }
            throw ExitCode(1)
        }
    }

    static func line(_ text: String) {
        write(Array((text + "\n").utf8))
    }

    static func error(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }
}
