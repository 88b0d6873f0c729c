import EarshotCore
import Foundation
import Mustache

/// Renders a digest for people from ``DigestTemplates``: a subject naming the count and the watch lists, a text
/// body and an HTML body listing each mention with its watch, title, link, source, date, matched terms and a
/// snippet.
///
/// Every value from a feed is made single-line before it reaches a template, and escaped by the HTML template
/// (`{{value}}`), so a hostile post can neither break the layout nor inject markup. Only `http`/`https` URLs
/// become links.
public struct DigestRenderer: Sendable {
    /// Longest title shown, in characters; longer ones are cut with "…".
    public var maxTitle = 200
    /// Longest snippet shown, in characters.
    public var maxSnippet = 300
    public var templates: DigestTemplates

    public init(templates: DigestTemplates = .builtIn) {
        self.templates = templates
    }

    /// `[Earshot] 3 mentions: brand, competitors`.
    public func subject(for digest: Digest) -> String {
        Self.singleLine(
            templates.subject.render(context(for: digest, items: false)).trimmingCharacters(
                in: .whitespacesAndNewlines))
    }

    /// The text body, lines joined with "\n".
    public func plainText(for digest: Digest) -> String {
        var text = templates.text.render(context(for: digest))
        if !text.hasSuffix("\n") { text += "\n" }
        return text
    }

    /// The HTML body.
    public func html(for digest: Digest) -> String {
        var context = context(for: digest)
        context["subject"] = subject(for: digest)
        return templates.html.render(context)
    }

    /// The values templates see (documented in `Config/templates/README.md`); `items: false` leaves out the
    /// per-mention list (the subject needs only the counts).
    public func context(for digest: Digest, items includeItems: Bool = true) -> [String: Any] {
        let count = digest.items.count
        let watchCounts = digest.watchCounts
        var items: [[String: Any]] = []
        for (index, item) in digest.items.enumerated() where includeItems {
            let mention = item.mention
            let post = mention.post
            let url = post.url.map(Self.singleLine)
            let link = url.flatMap { Self.isWebLink($0) ? $0 : nil }
            var facts = ["source: \(Self.singleLine(post.source))"]
            if let author = post.author, !author.isEmpty {
                facts.append("by \(Self.singleLine(Self.clip(author, to: 80)))")
            }
            let published = post.published.map(Self.displayDate)
            if let published { facts.append(published) }
            let snippet = Self.singleLine(Self.clip(mention.snippet, to: maxSnippet))
            items.append([
                "number": index + 1,
                "watch": Self.singleLine(mention.watch),
                "title": post.title.isEmpty ? "(untitled)" : Self.singleLine(Self.clip(post.title, to: maxTitle)),
                "hasURL": url != nil,
                "url": url ?? "",
                "hasLink": link != nil,
                "source": Self.singleLine(post.source),
                "author": Self.singleLine(post.author ?? ""),
                "published": published ?? "",
                "facts": facts.joined(separator: " · "),
                "terms": Self.singleLine(mention.terms.joined(separator: ", ")),
                "hasSnippet": !snippet.isEmpty,
                "snippet": snippet,
                "overflow": item.reason == "overflow",
                "unclaimed": item.reason == "unclaimed",
                "urgent": item.urgent,
            ])
        }
        return [
            "name": Self.singleLine(digest.recipient.name),
            "count": count,
            "noun": count == 1 ? "mention" : "mentions",
            "summary": Self.singleLine(watchCounts.map { "\($0.watch) \($0.count)" }.joined(separator: ", ")),
            "watches": Self.singleLine(watchCounts.map(\.watch).joined(separator: ", ")),
            "hasExpertise": !digest.recipient.expertise.isEmpty,
            "expertise": Self.singleLine(digest.recipient.expertise.joined(separator: ", ")),
            "items": items,
        ]
    }

    /// An absolute `http`/`https` URL without spaces or quotes: safe in an `href` once HTML-escaped.
    static func isWebLink(_ url: String) -> Bool {
        let lower = url.lowercased()
        return (lower.hasPrefix("https://") || lower.hasPrefix("http://"))
            && !url.contains(where: { $0.isWhitespace || $0 == "\"" || $0 == "<" || $0 == ">" })
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
