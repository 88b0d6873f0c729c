import Curl
import Foundation

/// Posts each digest to a Microsoft Teams Workflows webhook as a message with one Adaptive Card (version 1.4):
/// the subject, then per mention its watch and title (opening the post when tapped), the facts and the snippet.
public struct TeamsChannel: Channel {
    public let id: String
    let url: String
    public let renderer: DigestRenderer
    let engine: CurlEngine
    /// Cards have a size limit (about 28 KB): at most this many mentions, then a "more" note.
    static let maxItems = 30

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
        var body: [[String: Any]] = [
            [
                "type": "TextBlock", "text": Self.plain(renderer.subject(for: digest)), "weight": "Bolder",
                "size": "Medium", "wrap": true,
            ]
        ]
        for item in digest.items.prefix(Self.maxItems) {
            let post = item.mention.post
            var container: [String: Any] = [
                "type": "Container", "separator": true,
                "items": [
                    [
                        "type": "TextBlock", "wrap": true, "weight": "Bolder",
                        "text": Self.plain(
                            "[\(item.mention.watch)] " + (post.title.isEmpty ? "(untitled)" : post.title)),
                    ],
                    [
                        "type": "TextBlock", "wrap": true, "isSubtle": true, "spacing": "None",
                        "text": Self.plain(
                            "source: \(post.source) · matched: \(item.mention.terms.joined(separator: ", "))"),
                    ],
                    [
                        "type": "TextBlock", "wrap": true,
                        "text": Self.plain(DigestRenderer.clip(item.mention.snippet, to: 300)),
                    ],
                ],
            ]
            if let url = post.url, DigestRenderer.isWebLink(url) {
                container["selectAction"] = ["type": "Action.OpenUrl", "url": url]
            }
            body.append(container)
        }
        if digest.items.count > Self.maxItems {
            body.append(["type": "TextBlock", "text": "and \(digest.items.count - Self.maxItems) more", "wrap": true])
        }
        let card: [String: Any] = [
            "$schema": "http://adaptivecards.io/schemas/adaptive-card.json", "type": "AdaptiveCard", "version": "1.4",
            "body": body,
        ]
        return JSONText.encode([
            "type": "message",
            "attachments": [["contentType": "application/vnd.microsoft.card.adaptive", "content": card]],
        ])
    }

    public func deliver(_ digest: Digest) async throws(DeliveryError) {
        try await HTTPPost(channel: id, url: url, engine: engine).send(
            body(for: digest), headers: [], recipient: digest.recipient.id)
    }

    /// Single-line text with Adaptive Card markdown's link and emphasis characters neutralized, so feed content
    /// shows as written and cannot make links.
    static func plain(_ text: String) -> String {
        var result = ""
        for character in DigestRenderer.singleLine(text) {
            switch character {
            case "[", "]", "(", ")", "*", "_", "`", "#", "<", ">": result.append("\\"); result.append(character)
            default: result.append(character)
            }
        }
        return result
    }
}
