/// What ``HTTPTestServer`` sends back for one request, including ways to misbehave on purpose.
public struct HTTPTestResponse: Sendable {
    /// The status code, for example 200.
    public var status: Int
    /// The reason phrase of the status line.
    public var reason: String
    /// Header fields to send, in order. `Content-Length` (or `Transfer-Encoding: chunked`) and, when the
    /// connection will close, `Connection: close` are added unless present here already.
    public var headers: [(String, String)]
    /// The body bytes. Not sent for `HEAD` requests or 1xx/204/304 statuses.
    public var body: [UInt8]
    /// Send the body with `Transfer-Encoding: chunked`, in chunks of ``chunkSize`` bytes.
    public var chunked: Bool
    /// The largest chunk when ``chunked`` is set and no ``trickle`` is given.
    public var chunkSize: Int
    /// How long to wait before sending anything (to test timeouts).
    public var delay: Duration
    /// Send the body `bytes` at a time, pausing `every` between pieces (to test low-speed aborts).
    public var trickle: (bytes: Int, every: Duration)?
    /// When set, these bytes are sent verbatim after ``delay`` instead of a response, and the connection closes.
    public var rawBytes: [UInt8]?
    /// Close the connection after this response even if the client asked to keep it alive.
    public var closeConnection: Bool

    /// Creates a response; see the properties for the meaning of each argument.
    public init(
        status: Int = 200,
        reason: String? = nil,
        headers: [(String, String)] = [],
        body: [UInt8] = [],
        chunked: Bool = false,
        chunkSize: Int = 1024,
        delay: Duration = .zero,
        trickle: (bytes: Int, every: Duration)? = nil,
        rawBytes: [UInt8]? = nil,
        closeConnection: Bool = false
    ) {
        self.status = status
        self.reason = reason ?? Self.reasonPhrase(for: status)
        self.headers = headers
        self.body = body
        self.chunked = chunked
        self.chunkSize = chunkSize
        self.delay = delay
        self.trickle = trickle
        self.rawBytes = rawBytes
        self.closeConnection = closeConnection
    }

    /// A 200 response with the given body and `Content-Type`.
    public static func ok(
        body: [UInt8], contentType: String = "application/xml", headers: [(String, String)] = []
    ) -> HTTPTestResponse {
        HTTPTestResponse(status: 200, headers: [("Content-Type", contentType)] + headers, body: body)
    }

    /// A 200 response with a UTF-8 text body and `Content-Type`.
    public static func ok(
        body: String, contentType: String = "application/xml", headers: [(String, String)] = []
    ) -> HTTPTestResponse {
        ok(body: Array(body.utf8), contentType: contentType, headers: headers)
    }

    /// A response with the given status, its standard reason phrase and an empty body.
    public static func status(_ code: Int) -> HTTPTestResponse {
        HTTPTestResponse(status: code)
    }

    /// A redirect to `location` (an absolute URL or a path) with the given 3xx status.
    public static func redirect(to location: String, status: Int = 302) -> HTTPTestResponse {
        HTTPTestResponse(status: status, headers: [("Location", location)])
    }

    /// A `304 Not Modified` response without a body.
    public static var notModified: HTTPTestResponse { HTTPTestResponse(status: 304) }

    /// A connection that receives these exact bytes (for malformed responses) and is then closed.
    public static func raw(_ bytes: [UInt8]) -> HTTPTestResponse {
        HTTPTestResponse(rawBytes: bytes)
    }

    /// A connection that receives this exact text (for malformed responses) and is then closed.
    public static func raw(_ text: String) -> HTTPTestResponse {
        raw(Array(text.utf8))
    }

    /// This response with one more header field.
    public func header(_ name: String, _ value: String) -> HTTPTestResponse {
        var copy = self
        copy.headers.append((name, value))
        return copy
    }

    /// This response, sent after waiting `duration`.
    public func delayed(_ duration: Duration) -> HTTPTestResponse {
        var copy = self
        copy.delay = duration
        return copy
    }

    /// This response with its body sent `bytes` at a time, pausing `every` between pieces.
    public func trickled(bytes: Int, every: Duration) -> HTTPTestResponse {
        var copy = self
        copy.trickle = (bytes, every)
        return copy
    }

    /// This response sent with `Transfer-Encoding: chunked` in chunks of at most `chunkSize` bytes.
    public func chunkedEncoding(chunkSize: Int = 1024) -> HTTPTestResponse {
        var copy = self
        copy.chunked = true
        copy.chunkSize = chunkSize
        return copy
    }

    /// The standard reason phrase for `status`, or `Status` for codes without one here.
    public static func reasonPhrase(for status: Int) -> String {
        switch status {
        case 100: "Continue"
        case 200: "OK"
        case 201: "Created"
        case 202: "Accepted"
        case 204: "No Content"
        case 206: "Partial Content"
        case 301: "Moved Permanently"
        case 302: "Found"
        case 303: "See Other"
        case 304: "Not Modified"
        case 307: "Temporary Redirect"
        case 308: "Permanent Redirect"
        case 400: "Bad Request"
        case 401: "Unauthorized"
        case 403: "Forbidden"
        case 404: "Not Found"
        case 405: "Method Not Allowed"
        case 408: "Request Timeout"
        case 410: "Gone"
        case 413: "Content Too Large"
        case 429: "Too Many Requests"
        case 431: "Request Header Fields Too Large"
        case 500: "Internal Server Error"
        case 501: "Not Implemented"
        case 502: "Bad Gateway"
        case 503: "Service Unavailable"
        case 504: "Gateway Timeout"
        default: "Status"
        }
    }

    /// Whether a response with this status to this method carries a body on the wire.
    func hasBody(forMethod method: String) -> Bool {
        !(method == "HEAD" || (100..<200).contains(status) || status == 204 || status == 304)
    }
}
