import CCurl

/// One transfer in flight: the easy handle's context, reached from libcurl callbacks through `CURLOPT_PRIVATE`,
/// `WRITEDATA` and `HEADERDATA`.
///
/// `@unchecked Sendable`: it is created on the submitting task, then touched only by the engine thread that owns
/// the multi handle until it completes, when its continuation hands a value copy back.
final class Transfer: @unchecked Sendable {
    let id: UInt64
    let request: HTTPRequest
    let host: String
    let continuation: CheckedContinuation<Result<HTTPResponse, FetchError>, Never>

    var handle: UnsafeMutableRawPointer?
    var headerList: UnsafeMutablePointer<curl_slist>?
    let errorBuffer = UnsafeMutablePointer<CChar>.allocate(capacity: Int(CURL_ERROR_SIZE) + 1)
    var body: [UInt8] = []
    var headers: [HTTPHeader] = []
    var sawPermanentRedirect = false
    var exceededMaxBody = false

    init(
        id: UInt64, request: HTTPRequest,
        continuation: CheckedContinuation<Result<HTTPResponse, FetchError>, Never>
    ) {
        self.id = id
        self.request = request
        self.host = request.hostKey
        self.continuation = continuation
        errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE) + 1)
    }

    deinit {
        errorBuffer.deallocate()
        if let headerList { curl_slist_free_all(headerList) }
    }

    /// Appends decoded body bytes; returns false once the body would exceed the limit.
    func receive(_ data: UnsafeRawBufferPointer) -> Bool {
        if body.count + data.count > request.limits.maxBody {
            exceededMaxBody = true
            return false
        }
        body.append(contentsOf: data)
        return true
    }

    /// One raw header line from libcurl. A status line starts a new response (after a redirect or a 100).
    func receiveHeader(_ line: UnsafeRawBufferPointer) {
        var text = String(decoding: line, as: UTF8.self)
        while let last = text.last, last.isNewline { text.removeLast() }
        if text.hasPrefix("HTTP/") {
            let parts = text.split(separator: " ", maxSplits: 2)
            if parts.count >= 2, parts[1] == "301" || parts[1] == "308" { sawPermanentRedirect = true }
            headers.removeAll(keepingCapacity: true)
            return
        }
        guard let colon = text.firstIndex(of: ":") else { return }
        let name = String(text[..<colon]).trimmingSpaces()
        let value = String(text[text.index(after: colon)...]).trimmingSpaces()
        headers.append(HTTPHeader(name: name, value: value))
    }

    var errorMessage: String {
        String(cString: errorBuffer)
    }
}

extension String {
    func trimmingSpaces() -> String {
        var scalars = Substring(self)
        while let first = scalars.first, first == " " || first == "\t" { scalars.removeFirst() }
        while let last = scalars.last, last == " " || last == "\t" { scalars.removeLast() }
        return String(scalars)
    }
}
