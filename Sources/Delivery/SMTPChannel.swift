import Curl
import Foundation

/// Delivers each digest as one `multipart/alternative` mail (text + HTML) through libcurl's SMTP: `smtp://` with
/// STARTTLS required unless `requireTLS` is off, or `smtps://`; AUTH when a username is set.
///
/// SMTP 4xx replies and connection failures are transient; 5xx replies (and a refused login) are permanent.
public struct SMTPChannel: Channel {
    public let id: String
    public let url: String
    public let requireTLS: Bool
    /// Certificate authorities to trust instead of the system's (PEM), for a relay with a private CA.
    public let caFile: String?
    public let sender: (name: String, address: String)
    public let username: String?
    let password: String?
    public let renderer: DigestRenderer
    let engine: CurlEngine

    public init(
        id: String, url: String, requireTLS: Bool = true, caFile: String? = nil,
        sender: (name: String, address: String), username: String? = nil, password: String? = nil,
        renderer: DigestRenderer = DigestRenderer(), engine: CurlEngine = DeliveryEngine.shared
    ) {
        self.id = id
        self.url = url
        self.requireTLS = requireTLS
        self.caFile = caFile
        self.sender = sender
        self.username = username
        self.password = password
        self.renderer = renderer
        self.engine = engine
    }

    /// The message for `digest`, CRLF line endings. Its Message-ID depends only on the digest id and the
    /// recipient, so a digest sent again after a crash carries the same one.
    public func message(for digest: Digest) -> MailMessage {
        let domain = sender.address.split(separator: "@").last.map(String.init) ?? "earshot"
        return MailMessage(
            from: sender, to: (digest.recipient.name, digest.recipient.email), subject: renderer.subject(for: digest),
            date: digest.createdAt, messageID: "\(digest.id).\(digest.recipient.id)@\(domain)",
            body: renderer.plainText(for: digest), html: renderer.html(for: digest))
    }

    public func deliver(_ digest: Digest) async throws(DeliveryError) {
        let bytes = message(for: digest).rendered(lineEnding: "\r\n")
        let recipient = MailMessage.sanitized(digest.recipient.email).filter { $0 != "<" && $0 != ">" && $0 != " " }
        let request = SMTPRequest(
            url: url, from: sender.address, recipients: [recipient], message: bytes, username: username,
            password: password, requireTLS: requireTLS, caFile: caFile)
        switch await engine.send(request) {
        case .success:
            return
        case .failure(let error):
            throw DeliveryError(
                channel: id, recipient: digest.recipient.id,
                message: "SMTP \(RedactedURL.redact(url)): "
                    + HTTPPost.describe(error), transient: Self.isTransient(error))
        }
    }

    /// 4xx replies and transport trouble are worth retrying; 5xx replies and refused logins are not.
    static func isTransient(_ error: FetchError) -> Bool {
        switch error.kind {
        case .rejected:
            return (400..<500).contains(error.status)
        case .badURL, .protocolNotAllowed:
            return false
        default:
            return true
        }
    }
}
