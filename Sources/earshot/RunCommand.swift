import ArgumentParser
import Daemon
import Foundation

struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run the daemon: poll each source on its interval and deliver digests. SIGHUP reloads the config.")

    @OptionGroup var options: ConfigOptions

    func run() async throws {
        // Loaded once here for the log level; when it is invalid the daemon loads it again to log every problem.
        let snapshot = try? Snapshot.load(path: options.path)
        let logger = options.logger(configLevel: snapshot?.settings.daemon.logLevel)
        let status = await Daemon(configPath: options.path, logger: logger, snapshot: snapshot).run()
        if status != 0 { throw ExitCode(status) }
    }
}

struct PollCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "poll", abstract: "Poll every source once, deliver, print a one-line summary and exit.")

    @OptionGroup var options: ConfigOptions

    @Flag(name: .long, help: "One full cycle, then exit (required; `earshot run` is the daemon).")
    var once = false

    func validate() throws {
        guard once else { throw ValidationError("`earshot poll` needs --once; use `earshot run` for the daemon") }
    }

    func run() async throws {
        let snapshot = try? Snapshot.load(path: options.path)
        let logger = options.logger(configLevel: snapshot?.settings.daemon.logLevel)
        let daemon = Daemon(configPath: options.path, logger: logger, snapshot: snapshot)
        guard let (report, delivery) = await daemon.pollOnce() else {
            throw ExitCode(1)
        }
        Output.line(
            "\(report.summary) · delivered \(delivery.summary) · "
                + String(
                    format: "%.2f s",
                    Double(report.duration.components.seconds)
                        + Double(report.duration.components.attoseconds) / 1e18))
    }
}

struct CheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check", abstract: "Validate the config: exit 0 when valid, 1 with every problem listed.")

    @Option(name: .long, help: "Config file (default: $EARSHOT_CONFIG, else /etc/earshot/earshot.toml).")
    var config: String?

    func run() async throws {
        let path = config ?? Snapshot.defaultConfigPath(environment: ProcessInfo.processInfo.environment)
        do {
            let snapshot = try Snapshot.load(path: path)
            let settings = snapshot.settings
            Output.line(
                "\(path): OK: \(settings.sources.count) sources, \(settings.watches.count) watches, "
                    + "\(settings.ambassadors.count) ambassadors, \(settings.channels.count) channels "
                    + "from \(settings.files.count) files")
        } catch {
            for problem in error.errors { Output.error(problem.description) }
            Output.error("\(path): \(error.errors.count) problem\(error.errors.count == 1 ? "" : "s")")
            throw ExitCode(1)
        }
    }
}
