import CCurl

/// What a transfer does: an HTTP exchange or an SMTP submission.
enum Job: Sendable {
    case http(HTTPRequest)
    case smtp(SMTPRequest)

    var url: String {
        switch self {
        case .http(let request): request.url
        case .smtp(let request): request.url
        }
    }

    var limits: TransferLimits {
        switch self {
        case .http(let request): request.limits
        case .smtp(let request): request.limits
        }
    }
}

/// What libcurl reported for a finished transfer, before it is shaped into an `HTTPResponse` or `SMTPResponse`.
struct Completion: Sendable {
    var status: Int
    var url: String
    var headers: [HTTPHeader]
    var body: [UInt8]
    var redirects: Int
    var permanentRedirect: Bool
    var duration: Duration
}

/// One transfer in flight: the easy handle's context, reached from libcurl callbacks through `CURLOPT_PRIVATE`,
/// `WRITEDATA`, `HEADERDATA` and `READDATA`.
///
/// `@unchecked Sendable`: it is created on the submitting task, then touched only by the engine thread that owns
/// the multi handle until it completes, when its continuation hands a value copy back.
final class Transfer: @unchecked Sendable {
    let id: UInt64
    let job: Job
    let url: String
    let limits: TransferLimits
    let host: String
    let continuation: CheckedContinuation<Result<Completion, FetchError>, Never>

    var handle: UnsafeMutableRawPointer?
    /// Lists handed to libcurl (headers, recipients); freed with the transfer.
    var lists: [UnsafeMutablePointer<curl_slist>] = []
    let errorBuffer = UnsafeMutablePointer<CChar>.allocate(capacity: Int(CURL_ERROR_SIZE) + 1)
    var body: [UInt8] = []
    var headers: [HTTPHeader] = []
    var sawPermanentRedirect = false
    var exceededMaxBody = false
    /// Bytes to upload (an SMTP message) and how many were handed over so far.
    var upload: [UInt8] = []
    var uploaded = 0

    init(id: UInt64, job: Job, continuation: CheckedContinuation<Result<Completion, FetchError>, Never>) {
        self.id = id
        self.job = job
        self.url = job.url
        self.limits = job.limits
        self.host = hostKey(of: job.url)
        self.continuation = continuation
        errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE) + 1)
        if case .smtp(let request) = job { upload = request.message }
    }

    deinit {
        errorBuffer.deallocate()
        for list in lists { curl_slist_free_all(list) }
    }

    /// Appends decoded body bytes; returns false once the body would exceed the limit.
    func receive(_ data: UnsafeRawBufferPointer) -> Bool {
        if body.count + data.count > limits.maxBody {
            exceededMaxBody = true
            return false
        }
        body.append(contentsOf: data)
        return true
    }

    /// Copies the next part of the upload into libcurl's buffer; returns the count (0 at the end).
    func send(into buffer: UnsafeMutableRawBufferPointer) -> Int {
        let count = min(buffer.count, upload.count - uploaded)
        guard count > 0 else { return 0 }
        upload.withUnsafeBytes { source in
            buffer.baseAddress!.copyMemory(from: source.baseAddress! + uploaded, byteCount: count)
        }
        uploaded += count
        return count
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
