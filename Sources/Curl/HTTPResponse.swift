/// A completed HTTP exchange, whatever its status code.
public struct HTTPResponse: Sendable {
    /// The URL that was requested.
    public var requestURL: String
    /// The URL of the final response, after redirects.
    public var url: String
    public var status: Int
    /// The final response's headers (those of earlier redirect responses are dropped).
    public var headers: [HTTPHeader]
    /// The decoded (decompressed) body.
    public var body: [UInt8]
    /// Redirects followed.
    public var redirects: Int
    /// The permanent-redirect status seen on the way, if any (301 or 308), for callers that update stored URLs.
    public var permanentRedirect: Bool
    /// Time from start to finish, as measured by libcurl.
    public var duration: Duration

    public var etag: String? { headers.value(for: "ETag") }
    public var lastModified: String? { headers.value(for: "Last-Modified") }
    public var contentType: String? { headers.value(for: "Content-Type") }
}
