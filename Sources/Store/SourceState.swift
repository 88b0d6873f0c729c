import Foundation

/// What the store remembers about one source between polls and restarts.
public struct SourceState: Sendable, Equatable {
    public var source: String
    /// The URL the source is polled at; differs from the configured one after a permanent redirect.
    public var url: String?
    public var etag: String?
    public var lastModified: String?
    public var lastAttempt: Date?
    public var lastSuccess: Date?
    /// HTTP status of the last response, if there was one.
    public var lastStatus: Int?
    /// The last error, as a one-line message, and when it happened; cleared by a success.
    public var lastError: String?
    public var lastErrorAt: Date?
    public var consecutiveFailures: Int = 0
    public var nextDue: Date?
    /// The URL in the config when this state was last written; a change resets `url` and the validators.
    public var configuredURL: String?
    /// The current (adapted) interval between polls, in seconds.
    public var interval: Double?
    /// Set to the configured URL when the server answered 410 Gone: the source is not polled until the config
    /// names another URL.
    public var goneURL: String?
    /// The feed's last `<ttl>` (seconds), `<skipHours>` (GMT hours) and `<skipDays>` (1 = Sunday), kept for 304s.
    public var ttl: Double?
    public var skipHours: Set<Int> = []
    public var skipDays: Set<Int> = []
    /// Social sources (`Social` adapters): the API cursor (newest id or time read), the settings it belongs
    /// to (a change forgets it), the session or access token (JSON, see `AuthToken`), and the rate limit
    /// the last response reported.
    public var cursor: String?
    public var cursorScope: String?
    public var authToken: String?
    public var rateLimitRemaining: Double?
    public var rateLimitReset: Date?

    public init(source: String) {
        self.source = source
    }
}
