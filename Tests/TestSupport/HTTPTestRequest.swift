import Foundation

/// One HTTP request as received by ``HTTPTestServer``.
public struct HTTPTestRequest: Sendable, CustomStringConvertible {
    /// The request method as sent, for example `GET` or `POST`.
    public let method: String
    /// The request target as sent, including any query string (for example `/feed.xml?page=2`).
    public let path: String
    /// The HTTP version from the request line, for example `HTTP/1.1`.
    public let version: String
    /// The header fields in the order received, with names as sent.
    public let headers: [(name: String, value: String)]
    /// The request body (after removing any chunked transfer coding).
    public let body: [UInt8]
    /// When the complete request had been read, on the continuous clock.
    public let arrival: ContinuousClock.Instant
    /// When the complete request had been read, as a wall-clock date.
    public let date: Date
    /// A number identifying the TCP connection the request came on; equal numbers mean a reused connection.
    public let connectionID: Int

    /// Creates a request value; the server builds these, tests rarely need to.
    public init(
        method: String,
        path: String,
        version: String = "HTTP/1.1",
        headers: [(name: String, value: String)] = [],
        body: [UInt8] = [],
        arrival: ContinuousClock.Instant = .now,
        date: Date = Date(),
        connectionID: Int = 0
    ) {
        self.method = method
        self.path = path
        self.version = version
        self.headers = headers
        self.body = body
        self.arrival = arrival
        self.date = date
        self.connectionID = connectionID
    }

    /// The request target without its query string.
    public var pathWithoutQuery: String {
        guard let mark = path.firstIndex(of: "?") else { return path }
        return String(path[..<mark])
    }

    /// The query string after `?`, or `nil` when the target has none.
    public var query: String? {
        guard let mark = path.firstIndex(of: "?") else { return nil }
        return String(path[path.index(after: mark)...])
    }

    /// The value of the first header field named `name`, compared case-insensitively.
    public func header(_ name: String) -> String? {
        headers.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }?.value
    }

    /// The values of every header field named `name`, compared case-insensitively, in order received.
    public func headerValues(_ name: String) -> [String] {
        headers.filter { $0.name.caseInsensitiveCompare(name) == .orderedSame }.map(\.value)
    }

    /// The body decoded as UTF-8 (invalid sequences repaired).
    public var bodyText: String { String(decoding: body, as: UTF8.self) }

    /// `METHOD target`, for test failure messages.
    public var description: String { "\(method) \(path)" }
}
