import ArgumentParser
import Daemon
import Foundation
import Store

struct RedeliverCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "redeliver",
        abstract: "Retry dead letters (or rows waiting for a retry) now, by the ids `earshot status` lists.")

    @OptionGroup var options: ConfigOptions

    @Argument(help: "Outbox row ids.")
    var ids: [Int64]

    func run() async throws {
        let logger = options.logger(configLevel: "warning")
        let snapshot = try Output.snapshot(path: options.path)
        let store = try Store(path: snapshot.databasePath)
        let (report, unknown) = await Deliverer(snapshot: snapshot, store: store, logger: logger).redeliver(ids)
        for id in unknown { Output.error("no undelivered outbox row \(id)") }
        Output.line("redelivered \(report.summary)")
        if !unknown.isEmpty || report.failedDigests > 0 || report.stranded > 0 { throw ExitCode(1) }
    }
}
