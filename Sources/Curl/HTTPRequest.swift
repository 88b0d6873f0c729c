/// A GET request for the engine, with the validators of a conditional GET.
public struct HTTPRequest: Sendable {
    public var url: String
    /// Extra request headers.
    public var headers: [HTTPHeader]
    /// Sent as `If-None-Match` when set.
    public var etag: String?
    /// Sent as `If-Modified-Since` when set.
    public var lastModified: String?
    public var limits: TransferLimits

    public init(
        url: String, headers: [HTTPHeader] = [], etag: String? = nil, lastModified: String? = nil,
        limits: TransferLimits = TransferLimits()
    ) {
        self.url = url
        self.headers = headers
        self.etag = etag
        self.lastModified = lastModified
        self.limits = limits
    }

    /// The host part of the URL, lowercased: the key for per-host limits.
    var hostKey: String {
        var rest = Substring(url)
        if let scheme = rest.range(of: "://") { rest = rest[scheme.upperBound...] }
        let end = rest.firstIndex { $0 == "/" || $0 == "?" || $0 == "#" } ?? rest.endIndex
        var authority = rest[..<end]
        if let at = authority.lastIndex(of: "@") { authority = authority[authority.index(after: at)...] }
        return authority.lowercased()
    }
}
