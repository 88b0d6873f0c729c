import EarshotCore
import Foundation

@testable import Delivery

/// Shared values for the channel tests: a hostile post and an ordinary one.
enum DeliveryTestValues {
    static let ana = Recipient(id: "ana", name: "Ana Lima", email: "ana@example.com", expertise: ["cloud"])

    static func item(
        _ id: String, title: String = "Acme Cloud launches", url: String? = nil,
        snippet: String = "Acme Cloud launched",
        reason: String = "expertise", watch: String = "brand"
    ) -> Digest.Item {
        let post = Post(
            source: "news", id: id, url: url ?? "https://example.com/\(id)", title: title, text: snippet, author: "Jo",
            published: Date(timeIntervalSince1970: 1_795_000_000))
        return Digest.Item(
            mention: Mention(post: post, watch: watch, terms: ["Acme Cloud"], tags: ["cloud"], snippet: snippet),
            reason: reason)
    }

    /// A post written to break out of HTML, mrkdwn and headers.
    static let hostile = item(
        "evil", title: "<script>alert('x')</script> Acme & \"Cloud\"\r\nBcc: victim@example.com",
        url: "javascript:alert(1)", snippet: "<img src=x onerror=alert(1)> <b>bold</b> <@U123> &amp;")

    static func digest(_ items: [Digest.Item], id: String = "d1") -> Digest {
        Digest(id: id, recipient: ana, items: items, createdAt: Date(timeIntervalSince1970: 1_795_000_100))
    }
}
