/// Why a poll of a social source failed. Messages name URLs but never secrets.
public struct AdapterError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What kind of failure it was.
    public enum Kind: Sendable, Equatable {
        /// Rejected credentials, after one refresh (or new session) was tried.
        case auth
        /// A secret could not be read.
        case credentials
        /// The request never got a response (DNS, connect, timeout, limits).
        case transport
        /// A response with an unexpected status.
        case http
        /// HTTP 429 (or 403 with no requests left): wait for the rate limit.
        case rateLimited
        /// The body was not the JSON the API documents.
        case malformed
        /// The source's settings do not make a request possible.
        case configuration
    }

    public var kind: Kind
    public var message: String
    /// The HTTP status, when there was a response.
    public var status: Int?

    /// Creates an error.
    public init(_ kind: Kind, _ message: String, status: Int? = nil) {
        self.kind = kind
        self.message = message
        self.status = status
    }

    public var description: String { message }
}
