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

    public init(source: String) {
        self.source = source
    }
}
