/// The settings of one social `[[source]]`, as the adapters need them.
public struct SocialSource: Sendable, Equatable {
    /// The configured source id, put in every post's `source`.
    public var id: String
    /// `mastodon`, `bluesky`, `reddit`, `hackernews`, `lobsters` or `github`.
    public var kind: String
    /// The API's base URL (an instance, or a loopback test server), without a trailing slash.
    public var baseURL: String
    /// Kind-specific string options (`tag`, `query`, `subreddit`, `handle`, `client_id`, ...).
    public var options: [String: String]
    /// Pages read on the first poll (and at most per poll afterwards, times ``maxForwardPagesFactor``).
    public var backlogPages: Int
    /// Where the secret (token, app password, client secret) is read from, if the source has one.
    public var secret: CredentialReference?
    /// The `User-Agent` sent with every request (Reddit asks for a unique one).
    public var userAgent: String?

    /// Pages read per later poll, as a multiple of `backlogPages`, before stopping until the next poll.
    public static let maxForwardPagesFactor = 10

    /// Creates source settings; `baseURL` loses any trailing slash.
    public init(
        id: String, kind: String, baseURL: String, options: [String: String] = [:], backlogPages: Int = 1,
        secret: CredentialReference? = nil, userAgent: String? = nil
    ) {
        self.id = id
        self.kind = kind
        var base = baseURL
        while base.hasSuffix("/") { base.removeLast() }
        self.baseURL = base
        self.options = options
        self.backlogPages = max(1, backlogPages)
        self.secret = secret
        self.userAgent = userAgent
    }

    /// The option `name`, when set and not empty.
    public func option(_ name: String) -> String? {
        guard let value = options[name], !value.isEmpty else { return nil }
        return value
    }

    /// A fingerprint of what is polled: a stored cursor is only valid while it stays the same.
    public var scope: String {
        ([kind, baseURL] + options.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }).joined(separator: "\n")
    }
}
