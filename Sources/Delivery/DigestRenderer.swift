import EarshotCore
import Foundation

/// Renders a digest as plain text for people: a subject naming the count and the watch lists, and a body listing
/// each mention with its watch, title, link, source, date, matched terms and a snippet.
public struct DigestRenderer: Sendable {
    /// Longest title shown, in characters; longer ones are cut with "…".
    public var maxTitle = 200
    /// Longest snippet shown, in characters.
    public var maxSnippet = 300

    public init() {}

    /// `[Earshot] 3 mentions: brand, competitors`.
    public func subject(for digest: Digest) -> String {
        let count = digest.items.count
        let watches = digest.watchCounts.map(\.watch).joined(separator: ", ")
        return "[Earshot] \(count) mention\(count == 1 ? "" : "s"): \(watches)"
    }

    /// The text body, lines joined with "\n".
    public func plainText(for digest: Digest) -> String {
        var lines: [String] = []
        let count = digest.items.count
        lines.append("Hello \(digest.recipient.name),")
        lines.append("")
        let summary = digest.watchCounts.map { "\($0.watch) \($0.count)" }.joined(separator: ", ")
        lines.append("\(count) new mention\(count == 1 ? "" : "s") for you (\(summary)).")
        for (index, item) in digest.items.enumerated() {
            let mention = item.mention
            let post = mention.post
            lines.append("")
            let title = post.title.isEmpty ? "(untitled)" : Self.clip(post.title, to: maxTitle)
            lines.append("\(index + 1). [\(mention.watch)] \(title)")
            if let url = post.url { lines.append("   \(url)") }
            var facts = ["source: \(post.source)"]
            if let author = post.author, !author.isEmpty { facts.append("by \(Self.clip(author, to: 80))") }
            if let published = post.published { facts.append(Self.displayDate(published)) }
            lines.append("   " + facts.joined(separator: " · "))
            lines.append("   matched: " + mention.terms.joined(separator: ", "))
            if !mention.snippet.isEmpty { lines.append("   \"\(Self.clip(mention.snippet, to: maxSnippet))\"") }
            switch item.reason {
            case "overflow":
                lines.append("   (sent to you because everyone whose expertise fits was at capacity)")
            case "unclaimed":
                lines.append("   (sent to you because nobody's expertise fits this watch)")
            default:
                break
            }
        }
        lines.append("")
        lines.append("-- ")
        if digest.recipient.expertise.isEmpty {
            lines.append("Earshot")
        } else {
            lines.append("Earshot · your expertise: " + digest.recipient.expertise.joined(separator: ", "))
        }
        return lines.map(Self.singleLine).joined(separator: "\n") + "\n"
    }

    /// `2026-11-21 10:00 UTC`.
    static func displayDate(_ date: Date) -> String {
        let parts = Calendar.utc.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        return String(
            format: "%04d-%02d-%02d %02d:%02d UTC", parts.year!, parts.month!, parts.day!, parts.hour!, parts.minute!)
    }

    /// Cuts `text` to at most `limit` characters, ending in "…" when cut.
    static func clip(_ text: String, to limit: Int) -> String {
        guard text.count > limit else { return text }
        return String(text.prefix(limit - 1)) + "…"
    }

    /// Content from feeds never breaks the layout: line breaks and control characters become spaces.
    static func singleLine(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7f }) else { return text }
        return String(
            String.UnicodeScalarView(
                text.unicodeScalars.map { $0.value < 0x20 || $0.value == 0x7f ? " " : $0 }))
    }
}

extension Calendar {
    static let utc: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar
    }()
}
