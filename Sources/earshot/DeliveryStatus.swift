import Daemon
import Foundation
import Store

/// The delivery sections of `earshot status`: ambassadors' loads against capacity with what went to the
/// fallback, and the dead letters.
enum DeliveryStatus {
    static func ambassadorLines(snapshot: Snapshot, store: Store, now: Date) throws -> [String] {
        let loads = try store.ambassadorLoads(now: now)
        let next = try Deliverer.nextDigests(snapshot: snapshot, store: store, now: now)
        var lines = [
            "AMBASSADOR\tLOAD (24 h)\tCAPACITY\tLOAD (7 d)\tCAPACITY (7 d)\tDIGEST\tNEXT DIGEST\tTIME ZONE\tAWAY"
        ]
        for ambassador in snapshot.settings.ambassadors {
            let fallback = ambassador.id == snapshot.router.fallback ? " (fallback)" : ""
            let away = ambassador.away.map(\.description).joined(separator: ", ")
            let awayNow = snapshot.router.ambassadors.first { $0.id == ambassador.id }?.isAway(at: now) == true
            lines.append(
                [
                    "\(ambassador.id)\(fallback)", "\(loads.day[ambassador.id] ?? 0)",
                    fallback.isEmpty ? "\(ambassador.capacity)" : "no limit", "\(loads.week[ambassador.id] ?? 0)",
                    ambassador.capacityWeek.map(String.init) ?? "-",
                    ambassador.digest.description
                        + (ambassador.quietHours.map { " (quiet \($0))" } ?? ""),
                    next[ambassador.id].map { "\(when($0.at, now: now)) (\($0.waiting) waiting)" } ?? "-",
                    ambassador.timeZone, away.isEmpty ? "-" : away + (awayNow ? " (away now)" : ""),
                ].joined(separator: "\t"))
        }
        let overflow = loads.toFallback["overflow"] ?? 0
        let unclaimed = loads.toFallback["unclaimed"] ?? 0
        lines.append(
            "TO FALLBACK (24 h)\t\(overflow + unclaimed) to \(snapshot.router.fallback): \(overflow) overflow "
                + "(everyone fitting full or away), \(unclaimed) unclaimed (nobody's expertise fits)")
        return lines
    }

    /// `in 3h 20m` for a time to come (at the minute), `now` for one that has come.
    static func when(_ date: Date, now: Date) -> String {
        let minutes = Int((date.timeIntervalSince(now) / 60).rounded(.up))
        guard minutes > 0 else { return "now" }
        if minutes < 60 { return "in \(minutes)m" }
        if minutes < 48 * 60 { return "in \(minutes / 60)h" + (minutes % 60 == 0 ? "" : " \(minutes % 60)m") }
        return "in \(minutes / (24 * 60))d \(minutes / 60 % 24)h"
    }

    static func deadLetterLines(store: Store, now: Date) throws -> [String] {
        let letters = try store.deadLetters()
        guard !letters.isEmpty else { return ["DEAD LETTERS\tnone"] }
        var lines = [
            "",
            "DEAD LETTERS\t\(letters.count) (`earshot redeliver ID` retries one)",
            "ID\tAMBASSADOR\tCHANNEL\tWATCH\tATTEMPTS\tDEAD SINCE\tERROR\tTITLE",
        ]
        for letter in letters {
            let hours = Int(now.timeIntervalSince(letter.deadAt) / 3600)
            lines.append(
                [
                    "\(letter.id)", letter.ambassador, letter.channel, letter.watch, "\(letter.attempts)",
                    hours < 1 ? "<1h" : "\(hours)h", letter.error, String(letter.title.prefix(80)),
                ].joined(separator: "\t"))
        }
        return lines
    }
}
