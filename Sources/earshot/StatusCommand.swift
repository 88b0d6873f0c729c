import ArgumentParser
import Daemon
import Foundation
import Store

struct StatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status", abstract: "Show sources, ambassador loads and the outbox, read from the state database.")

    @OptionGroup var options: ConfigOptions

    func run() async throws {
        let snapshot = try Output.snapshot(path: options.path)
        let store = try Store(path: snapshot.databasePath)
        let states = try store.sourceStates()
        let now = Date()
        var lines = ["SOURCE\tLAST FETCH\tOUTCOME\tNEXT DUE\tINTERVAL\tFAILURES"]
        for source in snapshot.settings.sources {
            let state = states[source.id]
            let outcome: String
            if let gone = state?.goneURL, gone == source.url {
                outcome = "disabled: HTTP 410 Gone (change its url to re-enable)"
            } else if let error = state?.lastError {
                outcome = "error: \(error)"
            } else if let status = state?.lastStatus {
                outcome = "HTTP \(status)"
            } else {
                outcome = "never polled"
            }
            lines.append(
                [
                    source.id, ago(state?.lastAttempt, now: now), outcome, ago(state?.nextDue, now: now),
                    state?.interval.map { "\(Int($0))s" } ?? "-", "\(state?.consecutiveFailures ?? 0)",
                ].joined(separator: "\t"))
        }
        let social = snapshot.settings.sources.filter { $0.kind != "feed" }
        if !social.isEmpty {
            lines.append("")
            lines.append("SOCIAL SOURCE\tKIND\tCURSOR\tRATE LIMIT")
            for source in social {
                let state = states[source.id]
                lines.append(
                    [
                        source.id, source.kind, Self.cursor(state?.cursor),
                        Self.rateLimit(remaining: state?.rateLimitRemaining, reset: state?.rateLimitReset, now: now),
                    ].joined(separator: "\t"))
            }
        }
        lines.append("")
        lines += try DeliveryStatus.ambassadorLines(snapshot: snapshot, store: store, now: now)
        let statistics = try store.statistics()
        lines.append("")
        lines.append(
            "OUTBOX\tpending \(statistics.pending) (failing \(statistics.failing)), delivered \(statistics.delivered); "
                + "posts seen \(statistics.seenPosts)")
        lines += try DeliveryStatus.deadLetterLines(store: store, now: now)
        Output.line(TextTable.aligned(lines).joined(separator: "\n"))
    }

    /// Where the next poll of a social source starts reading (shortened), or that it reads the backlog first.
    static func cursor(_ cursor: String?) -> String {
        guard let cursor, !cursor.isEmpty else { return "none (the next poll reads the backlog)" }
        return cursor.count <= 32 ? cursor : cursor.prefix(31) + "…"
    }

    /// The API's last rate-limit reading: calls left, and when the window resets.
    static func rateLimit(remaining: Double?, reset: Date?, now: Date) -> String {
        guard let remaining else { return "-" }
        let left = "\(Int(remaining)) calls left"
        guard let reset else { return left }
        return reset > now ? "\(left), resets \(DeliveryStatus.when(reset, now: now))" : "\(left) (window since reset)"
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
