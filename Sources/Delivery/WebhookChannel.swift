import Curl
import Foundation

/// Posts each digest as JSON to any HTTP endpoint, signed with a shared secret.
///
/// Headers: `X-Earshot-Delivery` (the digest id, the same when a digest is sent again after a crash, so a
/// receiver can drop duplicates), `X-Earshot-Timestamp` (Unix seconds) and `X-Earshot-Signature`
/// (see ``WebhookSignature``). The body: `{"delivery_id", "created_at", "recipient": {id, name, email},
/// "subject", "mentions": [{watch, source, post_id, title, url, author, published, terms, snippet, reason}]}`.
public struct WebhookChannel: Channel {
    public let id: String
    let url: String
    let secret: [UInt8]
    public let renderer: DigestRenderer
    let engine: CurlEngine
    /// The clock for `X-Earshot-Timestamp`.
    let now: @Sendable () -> Date

    public init(
        id: String, url: String, secret: [UInt8], renderer: DigestRenderer = DigestRenderer(),
        engine: CurlEngine = DeliveryEngine.shared, now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.id = id
        self.url = url
        self.secret = secret
        self.renderer = renderer
        self.engine = engine
        self.now = now
    }

    /// The JSON body for `digest`.
    public func body(for digest: Digest) -> [UInt8] {
        let mentions: [[String: Any]] = digest.items.map { item in
            let post = item.mention.post
            return [
                "watch": item.mention.watch, "source": post.source, "post_id": post.id, "title": post.title,
                "url": post.url ?? NSNull(), "author": post.author ?? NSNull(),
                "published": post.published.map(JSONText.rfc3339) ?? NSNull(), "terms": item.mention.terms,
                "snippet": item.mention.snippet, "reason": item.reason, "urgent": item.urgent,
            ]
        }
        let object: [String: Any] = [
            "delivery_id": digest.id,
            "created_at": JSONText.rfc3339(digest.createdAt),
            "recipient": [
                "id": digest.recipient.id, "name": digest.recipient.name, "email": digest.recipient.email,
            ],
            "subject": renderer.subject(for: digest),
            "mentions": mentions,
        ]
        return JSONText.encode(object)
    }

    public func deliver(_ digest: Digest) async throws(DeliveryError) {
        let body = body(for: digest)
        let timestamp = String(Int(now().timeIntervalSince1970))
        let headers = [
            HTTPHeader(name: "X-Earshot-Delivery", value: digest.id),
            HTTPHeader(name: "X-Earshot-Timestamp", value: timestamp),
            HTTPHeader(
                name: "X-Earshot-Signature",
                value: WebhookSignature.sign(body: body, timestamp: timestamp, secret: secret)),
        ]
        try await HTTPPost(channel: id, url: url, engine: engine).send(
            body, headers: headers, recipient: digest.recipient.id)
    }
}

/// JSON helpers shared by the chat channels.
enum JSONText {
    static func encode(_ object: Any) -> [UInt8] {
        // Only strings, numbers, booleans, NSNull, arrays and dictionaries go in: serialization cannot fail.
        let data = try! JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
        return Array(data)
    }

    static func rfc3339(_ date: Date) -> String {
        let parts = Calendar.utc.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        return String(
            format: "%04d-%02d-%02dT%02d:%02d:%02dZ", parts.year!, parts.month!, parts.day!, parts.hour!, parts.minute!,
            parts.second!)
    }
}
