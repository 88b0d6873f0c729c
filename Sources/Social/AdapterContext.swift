import Curl
import Foundation

/// Everything one poll of a social source may use: its settings, what the store kept from the last poll, and
/// the way to reach the network (the shared `CurlEngine`, so per-host limits and timeouts apply).
public struct AdapterContext: Sendable {
    /// Performs one HTTP request.
    public typealias Fetch = @Sendable (HTTPRequest) async -> Result<HTTPResponse, FetchError>

    public var source: SocialSource
    /// The cursor the last successful poll returned; nil on the first poll (then a backlog is read).
    public var cursor: String?
    /// The token or session kept from the last poll.
    public var token: AuthToken?
    /// The ETag kept from the last poll, for APIs polled with conditional requests (GitHub events).
    public var etag: String?
    public var fetch: Fetch
    public var credentials: CredentialReader
    /// The time of the poll (token expiry and rate-limit resets are measured against it).
    public var now: Date
    /// Limits for each transfer.
    public var limits: TransferLimits

    /// Creates a context.
    public init(
        source: SocialSource, cursor: String? = nil, token: AuthToken? = nil, etag: String? = nil,
        fetch: @escaping Fetch, credentials: CredentialReader = CredentialReader(), now: Date = Date(),
        limits: TransferLimits = TransferLimits()
    ) {
        self.source = source
        self.cursor = cursor
        self.token = token
        self.etag = etag
        self.fetch = fetch
        self.credentials = credentials
        self.now = now
        self.limits = limits
    }

    /// A context whose requests go through `engine`.
    public init(
        source: SocialSource, engine: CurlEngine, cursor: String? = nil, token: AuthToken? = nil,
        etag: String? = nil, credentials: CredentialReader = CredentialReader(), now: Date = Date(),
        limits: TransferLimits = TransferLimits()
    ) {
        self.init(
            source: source, cursor: cursor, token: token, etag: etag, fetch: { await engine.perform($0) },
            credentials: credentials, now: now, limits: limits)
    }
}
