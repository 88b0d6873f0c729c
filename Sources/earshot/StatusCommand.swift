import ArgumentParser
import Daemon
import Foundation
import Store

struct StatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status", abstract: "Show sources, ambassador loads and the outbox, read from the state database.")

    @OptionGroup var options: ConfigOptions

    func run() async throws {
        let snapshot: Snapshot
        do {
            snapshot = try Snapshot.load(path: options.path)
        } catch {
            for problem in error.errors { Output.error(problem.description) }
            throw ExitCode(1)
        }
        let store = try Store(path: snapshot.databasePath)
        let states = try store.sourceStates()
        let now = Date()
        var lines = ["SOURCE\tLAST FETCH\tOUTCOME\tNEXT DUE\tFAILURES"]
        for source in snapshot.settings.sources {
            let state = states[source.id]
            let outcome: String
            if let error = state?.lastError {
                outcome = "error: \(error)"
            } else if let status = state?.lastStatus {
                outcome = "HTTP \(status)"
            } else {
                outcome = "never polled"
            }
            lines.append(
                [
                    source.id, ago(state?.lastAttempt, now: now), outcome, ago(state?.nextDue, now: now),
                    "\(state?.consecutiveFailures ?? 0)",
                ].joined(separator: "\t"))
        }
        lines.append("")
        lines.append("AMBASSADOR\tLOAD (24 h)\tCAPACITY")
        let loads = try store.loads(since: now.addingTimeInterval(-86_400))
        for ambassador in snapshot.settings.ambassadors {
            let fallback = ambassador.id == snapshot.router.fallback ? " (fallback)" : ""
            lines.append("\(ambassador.id)\(fallback)\t\(loads[ambassador.id] ?? 0)\t\(ambassador.capacity)")
        }
        let statistics = try store.statistics()
        lines.append("")
        lines.append(
            "OUTBOX\tpending \(statistics.pending) (failing \(statistics.failing)), delivered \(statistics.delivered); "
                + "posts seen \(statistics.seenPosts)")
        Output.line(lines.joined(separator: "\n"))
    }

    private func ago(_ date: Date?, now: Date) -> String {
        guard let date else { return "-" }
        let seconds = Int(date.timeIntervalSince(now).rounded())
        let magnitude = abs(seconds)
        let text =
            magnitude < 120 ? "\(magnitude)s" : magnitude < 7200 ? "\(magnitude / 60)m" : "\(magnitude / 3600)h"
        return seconds <= 0 ? "\(text) ago" : "in \(text)"
    }
}
