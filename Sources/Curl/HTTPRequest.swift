/// An HTTP request for the engine: a GET with the validators of a conditional GET, or a request with a body.
public struct HTTPRequest: Sendable {
    public var url: String
    /// `GET` unless a body is given (then `POST`), or any method set here.
    public var method: String?
    /// Sent as the request body (with `Content-Length`).
    public var body: [UInt8]?
    /// Extra request headers.
    public var headers: [HTTPHeader]
    /// Sent as `If-None-Match` when set.
    public var etag: String?
    /// Sent as `If-Modified-Since` when set.
    public var lastModified: String?
    public var limits: TransferLimits

    public init(
        url: String, method: String? = nil, body: [UInt8]? = nil, headers: [HTTPHeader] = [], etag: String? = nil,
        lastModified: String? = nil, limits: TransferLimits = TransferLimits()
    ) {
        self.url = url
        self.method = method
        self.body = body
        self.headers = headers
        self.etag = etag
        self.lastModified = lastModified
        self.limits = limits
    }
}

/// The host part of a URL, lowercased: the key for per-host limits.
func hostKey(of url: String) -> String {
    var rest = Substring(url)
    if let scheme = rest.range(of: "://") { rest = rest[scheme.upperBound...] }
    let end = rest.firstIndex { $0 == "/" || $0 == "?" || $0 == "#" } ?? rest.endIndex
    var authority = rest[..<end]
    if let at = authority.lastIndex(of: "@") { authority = authority[authority.index(after: at)...] }
    return authority.lowercased()
}
