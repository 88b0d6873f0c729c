/// `[[channel]] kind = "slack"`, `"teams"` or `"webhook"`: an HTTP POST of JSON to a URL that is itself a secret.
public struct WebhookChannelSettings: Sendable, Equatable {
    /// The target, read from `url_file` (or given as `url`). Never logged beyond its scheme and host.
    public var url: String
    /// `webhook` only: the shared secret that signs each body (`X-Earshot-Signature`), read from `secret_file`.
    public var secret: [UInt8]?

    public init(url: String, secret: [UInt8]? = nil) {
        self.url = url
        self.secret = secret
    }
}
