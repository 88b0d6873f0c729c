import Curl
import Foundation

/// Posts each digest to a Slack incoming webhook as Block Kit JSON (Mattermost accepts the same payload): a
/// header with the subject, then one section per mention, with a plain `text` fallback for notifications.
///
/// Feed content is escaped for Slack's mrkdwn (`&`, `<`, `>`), so a post cannot forge links or mentions.
public struct SlackChannel: Channel {
    public let id: String
    let url: String
    public let renderer: DigestRenderer
    let engine: CurlEngine
    /// Slack allows 50 blocks per message: the header, 47 mentions and a "more" note at most.
    static let maxItems = 47

    public init(
        id: String, url: String, renderer: DigestRenderer = DigestRenderer(), engine: CurlEngine = DeliveryEngine.shared
    ) {
        self.id = id
        self.url = url
        self.renderer = renderer
        self.engine = engine
    }

    /// The JSON body for `digest`.
    public func body(for digest: Digest) -> [UInt8] {
        let subject = renderer.subject(for: digest)
        var blocks: [[String: Any]] = [
            ["type": "header", "text": ["type": "plain_text", "text": DigestRenderer.clip(subject, to: 150)]]
        ]
        for item in digest.items.prefix(Self.maxItems) {
            let post = item.mention.post
            let title = Self.escape(DigestRenderer.singleLine(post.title.isEmpty ? "(untitled)" : post.title))
            var text = "*[\(Self.escape(item.mention.watch))]* "
            if let url = post.url, DigestRenderer.isWebLink(url), !url.contains("|") {
                text += "<\(url)|\(title.replacingOccurrences(of: "|", with: "¦"))>"
            } else {
                text += title
            }
            text +=
                "\nsource: \(Self.escape(post.source)) · matched: \(Self.escape(item.mention.terms.joined(separator: ", ")))"
            if !item.mention.snippet.isEmpty {
                text +=
                    "\n> " + Self.escape(DigestRenderer.singleLine(DigestRenderer.clip(item.mention.snippet, to: 300)))
            }
            blocks.append(["type": "section", "text": ["type": "mrkdwn", "text": DigestRenderer.clip(text, to: 3000)]])
        }
        if digest.items.count > Self.maxItems {
            blocks.append([
                "type": "context",
                "elements": [["type": "mrkdwn", "text": "and \(digest.items.count - Self.maxItems) more"]],
            ])
        }
        return JSONText.encode(["text": Self.escape(subject), "blocks": blocks])
    }

    public func deliver(_ digest: Digest) async throws(DeliveryError) {
        try await HTTPPost(channel: id, url: url, engine: engine).send(
            body(for: digest), headers: [], recipient: digest.recipient.id)
    }

    /// Slack's mrkdwn escaping: `&`, `<` and `>` only.
    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;")
    }
}
