import CCurl
import Dispatch
import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// The one place Earshot calls libcurl: a multi handle driven by a dedicated thread.
///
/// Any task may call `perform(_:)`; the request is queued, the engine thread is woken with `curl_multi_wakeup`,
/// and the transfer is admitted when fewer than `concurrency` transfers are in flight in all and fewer than
/// `perHost` to its host. Every libcurl call happens on the engine thread. A failing transfer affects no other.
public final class CurlEngine: Sendable {
    /// Engine-wide settings; per-request limits travel with each `HTTPRequest`.
    public struct Configuration: Sendable, Equatable {
        public var concurrency: Int = 16
        public var perHost: Int = 2
        public var userAgent: String = "Earshot/0.1"
        /// Least time between the starts of two transfers to the same host.
        public var hostGap: Duration = .zero

        public init(
            concurrency: Int = 16, perHost: Int = 2, userAgent: String = "Earshot/0.1", hostGap: Duration = .zero
        ) {
            self.concurrency = concurrency
            self.perHost = perHost
            self.userAgent = userAgent
            self.hostGap = hostGap
        }
    }

    public let configuration: Configuration
    private let multi: MultiHandle
    private let mailbox: Mailbox
    private let finished = DispatchSemaphore(value: 0)

    /// Starts the engine thread.
    public init(configuration: Configuration = Configuration()) {
        _ = CurlEngine.globalInit
        self.configuration = configuration
        let multi = MultiHandle()
        let mailbox = Mailbox()
        let finished = finished
        self.multi = multi
        self.mailbox = mailbox
        // The thread holds the loop and the mailbox, not the engine, so that dropping the engine shuts it down.
        let loop = EngineLoop(multi: multi, configuration: configuration)
        let thread = Thread {
            loop.run(mailbox: mailbox)
            finished.signal()
        }
        thread.name = "earshot-curl"
        thread.start()
    }

    deinit {
        shutdown()
    }

    /// `curl_global_init` once per process, and SIGPIPE ignored (a peer closing a socket must not kill us).
    private static let globalInit: Bool = {
        signal(SIGPIPE, SIG_IGN)
        return curl_global_init(earshot_curl_global_all) == CURLE_OK
    }()

    /// Runs one request to completion. Any HTTP status is a response; only transport-level failures and limits
    /// are errors. Cancelling the calling task aborts the transfer.
    public func perform(_ request: HTTPRequest) async -> Result<HTTPResponse, FetchError> {
        await run(.http(request)).map { completion in
            HTTPResponse(
                requestURL: request.url, url: completion.url, status: completion.status, headers: completion.headers,
                body: completion.body, redirects: completion.redirects,
                permanentRedirect: completion.permanentRedirect, duration: completion.duration)
        }
    }

    /// `perform(_:)` as a throwing call.
    public func fetch(_ request: HTTPRequest) async throws(FetchError) -> HTTPResponse {
        try await perform(request).get()
    }

    /// Submits one message over SMTP. A reply the server gave (even a rejection) is in the error's message and
    /// `curlCode`; `SMTPResponse.code` is the final reply of an accepted message.
    public func send(_ request: SMTPRequest) async -> Result<SMTPResponse, FetchError> {
        await run(.smtp(request)).map { SMTPResponse(code: $0.status, duration: $0.duration) }
    }

    private func run(_ job: Job) async -> Result<Completion, FetchError> {
        let id = mailbox.state.withLock { inbox -> UInt64 in
            inbox.nextID += 1
            return inbox.nextID
        }
        return await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                let transfer = Transfer(id: id, job: job, continuation: continuation)
                let accepted = mailbox.state.withLock { inbox -> Bool in
                    guard !inbox.stopping else { return false }
                    inbox.submitted.append(transfer)
                    curl_multi_wakeup(multi.pointer)
                    return true
                }
                if !accepted {
                    continuation.resume(returning: .failure(transfer.failure(.cancelled, "engine is shut down")))
                }
            }
        } onCancel: {
            mailbox.state.withLock { inbox in
                guard !inbox.closed else { return }
                inbox.cancelled.append(id)
                curl_multi_wakeup(multi.pointer)
            }
        }
    }

    /// Fails every queued and running transfer as cancelled, stops the engine thread and waits for it.
    /// Idempotent.
    public func shutdown() {
        let first = mailbox.state.withLock { inbox -> Bool in
            guard !inbox.stopping else { return false }
            inbox.stopping = true
            curl_multi_wakeup(multi.pointer)
            return true
        }
        if first {
            finished.wait()
        }
    }
}

/// What other threads hand to the engine thread, behind a lock.
private final class Mailbox: Sendable {
    struct State {
        var submitted: [Transfer] = []
        var cancelled: [UInt64] = []
        var stopping = false
        /// Set by the engine thread before it destroys the multi handle; nobody may wake it after that.
        var closed = false
        var nextID: UInt64 = 0
    }

    let state = Mutex(State())

    /// Called by the engine thread: everything handed over since the last call.
    func takeInbox() -> (submitted: [Transfer], cancelled: [UInt64], stopping: Bool) {
        state.withLock { inbox in
            defer {
                inbox.submitted.removeAll()
                inbox.cancelled.removeAll()
            }
            return (inbox.submitted, inbox.cancelled, inbox.stopping)
        }
    }

    /// Called by the engine thread right before it destroys the multi handle.
    func close() -> [Transfer] {
        state.withLock { inbox in
            inbox.closed = true
            defer { inbox.submitted.removeAll() }
            return inbox.submitted
        }
    }
}

/// The multi handle. `@unchecked Sendable`: the pointer is shared only so that other threads can call
/// `curl_multi_wakeup`, which libcurl documents as callable from any thread; every other use is on the engine
/// thread.
final class MultiHandle: @unchecked Sendable {
    let pointer: UnsafeMutableRawPointer

    init() {
        pointer = curl_multi_init()
    }
}

/// The engine thread's state and loop. Only ever touched by that thread.
private final class EngineLoop: @unchecked Sendable {
    let multi: MultiHandle
    let configuration: CurlEngine.Configuration
    /// Transfers waiting for a slot, per host, in arrival order; `hostOrder` lists hosts with waiting work.
    var waiting: [String: [Transfer]] = [:]
    var hostOrder: [String] = []
    var running: [UInt64: Transfer] = [:]
    var runningPerHost: [String: Int] = [:]
    /// When the last transfer to each host started, for `hostGap`.
    var lastStart: [String: ContinuousClock.Instant] = [:]
    /// The earliest time a waiting transfer held back only by `hostGap` may start.
    var nextAdmission: ContinuousClock.Instant?
    var idleHandles: [UnsafeMutableRawPointer] = []

    init(multi: MultiHandle, configuration: CurlEngine.Configuration) {
        self.multi = multi
        self.configuration = configuration
        earshot_multi_setopt_long(multi.pointer, CURLMOPT_MAX_HOST_CONNECTIONS, configuration.perHost)
        earshot_multi_setopt_long(multi.pointer, CURLMOPT_MAX_TOTAL_CONNECTIONS, configuration.concurrency)
        earshot_multi_setopt_long(multi.pointer, CURLMOPT_MAXCONNECTS, max(configuration.concurrency * 2, 8))
    }

    func run(mailbox: Mailbox) {
        while true {
            let (submitted, cancelled, stopping) = mailbox.takeInbox()
            for transfer in submitted { enqueue(transfer) }
            for id in cancelled { cancel(id) }
            if stopping { break }
            admit()
            var stillRunning: Int32 = 0
            curl_multi_perform(multi.pointer, &stillRunning)
            var completed = false
            while true {
                var remaining: Int32 = 0
                guard let message = curl_multi_info_read(multi.pointer, &remaining) else { break }
                if message.pointee.msg == CURLMSG_DONE, let easy = message.pointee.easy_handle {
                    complete(easy, result: message.pointee.data.result)
                    completed = true
                }
            }
            if completed, !waiting.isEmpty { continue }
            var timeout: Int32 = 1000
            if let next = nextAdmission {
                let (seconds, attoseconds) = (next - .now).components
                let milliseconds = seconds * 1000 + attoseconds / 1_000_000_000_000_000
                timeout = Int32(clamping: max(0, min(1000, milliseconds + 1)))
            }
            curl_multi_poll(multi.pointer, nil, 0, timeout, nil)
        }
        for transfer in running.values { finish(transfer, .failure(transfer.failure(.cancelled, "engine shut down"))) }
        for queue in waiting.values {
            for transfer in queue { transfer.continuation.resume(returning: .failure(shutDown(transfer))) }
        }
        waiting.removeAll()
        for transfer in mailbox.close() { transfer.continuation.resume(returning: .failure(shutDown(transfer))) }
        for handle in idleHandles { curl_easy_cleanup(handle) }
        idleHandles.removeAll()
        curl_multi_cleanup(multi.pointer)
    }

    private func shutDown(_ transfer: Transfer) -> FetchError {
        transfer.failure(.cancelled, "engine shut down")
    }

    private func enqueue(_ transfer: Transfer) {
        if waiting[transfer.host] == nil {
            waiting[transfer.host] = []
            hostOrder.append(transfer.host)
        }
        waiting[transfer.host]!.append(transfer)
    }

    /// Starts waiting transfers while there is room overall and for their host, and the host's gap has passed.
    private func admit() {
        nextAdmission = nil
        guard !hostOrder.isEmpty, running.count < configuration.concurrency else { return }
        let gap = configuration.hostGap
        let now = ContinuousClock.now
        var index = 0
        while index < hostOrder.count, running.count < configuration.concurrency {
            let host = hostOrder[index]
            while running.count < configuration.concurrency, runningPerHost[host, default: 0] < configuration.perHost,
                var queue = waiting[host], !queue.isEmpty
            {
                if gap > .zero, let last = lastStart[host], now < last + gap {
                    nextAdmission = min(nextAdmission ?? last + gap, last + gap)
                    break
                }
                let transfer = queue.removeFirst()
                waiting[host] = queue
                if gap > .zero { lastStart[host] = now }
                start(transfer)
            }
            if waiting[host]?.isEmpty ?? true {
                waiting[host] = nil
                hostOrder.remove(at: index)
            } else {
                index += 1
            }
        }
    }

    private func start(_ transfer: Transfer) {
        let easy = idleHandles.popLast() ?? curl_easy_init()!
        transfer.handle = easy
        if let problem = configure(easy, for: transfer) {
            recycle(easy)
            transfer.handle = nil
            transfer.continuation.resume(returning: .failure(problem))
            return
        }
        running[transfer.id] = transfer
        runningPerHost[transfer.host, default: 0] += 1
        curl_multi_add_handle(multi.pointer, easy)
    }

    private func cancel(_ id: UInt64) {
        if let transfer = running[id] {
            finish(transfer, .failure(transfer.failure(.cancelled, "cancelled")))
            return
        }
        for host in hostOrder {
            if let index = waiting[host]?.firstIndex(where: { $0.id == id }) {
                let transfer = waiting[host]!.remove(at: index)
                transfer.continuation.resume(returning: .failure(transfer.failure(.cancelled, "cancelled")))
                return
            }
        }
    }

    private func complete(_ easy: UnsafeMutableRawPointer, result: CURLcode) {
        var context: UnsafeMutableRawPointer?
        earshot_easy_getinfo_pointer(easy, CURLINFO_PRIVATE, &context)
        guard let context else { return }
        let transfer = Unmanaged<Transfer>.fromOpaque(context).takeUnretainedValue()
        guard running[transfer.id] != nil else { return }
        finish(transfer, outcome(of: transfer, easy: easy, result: result))
    }

    /// Removes a running transfer from the multi handle, recycles its easy handle and resumes its caller.
    private func finish(_ transfer: Transfer, _ result: Result<Completion, FetchError>) {
        running[transfer.id] = nil
        runningPerHost[transfer.host, default: 1] -= 1
        if runningPerHost[transfer.host] == 0 { runningPerHost[transfer.host] = nil }
        if let easy = transfer.handle {
            curl_multi_remove_handle(multi.pointer, easy)
            recycle(easy)
            transfer.handle = nil
        }
        transfer.continuation.resume(returning: result)
    }

    private func recycle(_ easy: UnsafeMutableRawPointer) {
        if idleHandles.count < configuration.concurrency {
            curl_easy_reset(easy)
            idleHandles.append(easy)
        } else {
            curl_easy_cleanup(easy)
        }
    }

    private func outcome(of transfer: Transfer, easy: UnsafeMutableRawPointer, result: CURLcode)
        -> Result<Completion, FetchError>
    {
        var status = 0
        earshot_easy_getinfo_long(easy, CURLINFO_RESPONSE_CODE, &status)
        guard result == CURLE_OK else {
            return .failure(transfer.error(for: result, status: status))
        }
        var effective: UnsafeMutablePointer<CChar>?
        earshot_easy_getinfo_string(easy, CURLINFO_EFFECTIVE_URL, &effective)
        var redirects = 0
        earshot_easy_getinfo_long(easy, CURLINFO_REDIRECT_COUNT, &redirects)
        var micros: curl_off_t = 0
        earshot_easy_getinfo_off_t(easy, CURLINFO_TOTAL_TIME_T, &micros)
        return .success(
            Completion(
                status: status, url: effective.map { String(cString: $0) } ?? transfer.url, headers: transfer.headers,
                body: transfer.body, redirects: redirects, permanentRedirect: transfer.sawPermanentRedirect,
                duration: .microseconds(micros)))
    }

    /// Sets every option of one transfer; returns an error for options libcurl refuses (a malformed URL).
    private func configure(_ easy: UnsafeMutableRawPointer, for transfer: Transfer) -> FetchError? {
        let limits = transfer.limits
        let context = Unmanaged.passUnretained(transfer).toOpaque()
        if earshot_easy_setopt_string(easy, CURLOPT_URL, transfer.url) != CURLE_OK {
            return transfer.failure(.badURL, "malformed URL")
        }
        earshot_easy_setopt_pointer(easy, CURLOPT_PRIVATE, context)
        earshot_easy_setopt_pointer(easy, CURLOPT_ERRORBUFFER, transfer.errorBuffer)
        earshot_easy_setopt_long(easy, CURLOPT_NOSIGNAL, 1)
        earshot_easy_setopt_string(easy, CURLOPT_PROTOCOLS_STR, limits.protocols)
        earshot_easy_setopt_string(easy, CURLOPT_REDIR_PROTOCOLS_STR, limits.protocols)
        earshot_easy_setopt_long(easy, CURLOPT_CONNECTTIMEOUT_MS, limits.connectTimeout.milliseconds)
        earshot_easy_setopt_long(easy, CURLOPT_TIMEOUT_MS, limits.timeout.milliseconds)
        earshot_easy_setopt_long(easy, CURLOPT_LOW_SPEED_LIMIT, limits.lowSpeedLimit)
        earshot_easy_setopt_long(easy, CURLOPT_LOW_SPEED_TIME, max(1, limits.lowSpeedTime.milliseconds / 1000))
        earshot_easy_setopt_pointer(easy, CURLOPT_WRITEDATA, context)
        earshot_easy_setopt_data_callback(easy, CURLOPT_WRITEFUNCTION) { data, size, count, context in
            let transfer = Unmanaged<Transfer>.fromOpaque(context!).takeUnretainedValue()
            let length = size * count
            // Returning anything but `length` aborts the transfer: that is how the body limit is enforced.
            return transfer.receive(UnsafeRawBufferPointer(start: data, count: length)) ? length : 0
        }
        switch transfer.job {
        case .http(let request):
            configureHTTP(easy, request, transfer: transfer, context: context)
        case .smtp(let request):
            configureSMTP(easy, request, transfer: transfer, context: context)
        }
        return nil
    }

    private func configureHTTP(
        _ easy: UnsafeMutableRawPointer, _ request: HTTPRequest, transfer: Transfer, context: UnsafeMutableRawPointer
    ) {
        earshot_easy_setopt_long(easy, CURLOPT_FOLLOWLOCATION, 1)
        earshot_easy_setopt_long(easy, CURLOPT_MAXREDIRS, request.limits.maxRedirects)
        earshot_easy_setopt_string(easy, CURLOPT_ACCEPT_ENCODING, "")
        earshot_easy_setopt_string(easy, CURLOPT_USERAGENT, configuration.userAgent)
        earshot_easy_setopt_off_t(easy, CURLOPT_MAXFILESIZE_LARGE, curl_off_t(request.limits.maxBody))
        earshot_easy_setopt_pointer(easy, CURLOPT_HEADERDATA, context)
        earshot_easy_setopt_data_callback(easy, CURLOPT_HEADERFUNCTION) { data, size, count, context in
            let transfer = Unmanaged<Transfer>.fromOpaque(context!).takeUnretainedValue()
            transfer.receiveHeader(UnsafeRawBufferPointer(start: data, count: size * count))
            return size * count
        }
        if let body = request.body {
            earshot_easy_setopt_off_t(easy, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(body.count))
            _ = body.withUnsafeBytes { bytes in
                // COPYPOSTFIELDS copies the bytes, so the array need not outlive this call.
                earshot_easy_setopt_pointer(
                    easy, CURLOPT_COPYPOSTFIELDS, UnsafeMutableRawPointer(mutating: bytes.baseAddress))
            }
        }
        if let method = request.method {
            earshot_easy_setopt_string(easy, CURLOPT_CUSTOMREQUEST, method)
        }
        var lines = request.headers.map { "\($0.name): \($0.value)" }
        if let etag = request.etag { lines.append("If-None-Match: \(etag)") }
        if let lastModified = request.lastModified { lines.append("If-Modified-Since: \(lastModified)") }
        // No "Expect: 100-continue" round trip for request bodies.
        if request.body != nil { lines.append("Expect:") }
        if let list = Self.list(lines) {
            transfer.lists.append(list)
            earshot_easy_setopt_slist(easy, CURLOPT_HTTPHEADER, list)
        }
    }

    private func configureSMTP(
        _ easy: UnsafeMutableRawPointer, _ request: SMTPRequest, transfer: Transfer, context: UnsafeMutableRawPointer
    ) {
        earshot_easy_setopt_long(easy, CURLOPT_UPLOAD, 1)
        earshot_easy_setopt_off_t(easy, CURLOPT_INFILESIZE_LARGE, curl_off_t(request.message.count))
        earshot_easy_setopt_pointer(easy, CURLOPT_READDATA, context)
        earshot_easy_setopt_data_callback(easy, CURLOPT_READFUNCTION) { buffer, size, count, context in
            let transfer = Unmanaged<Transfer>.fromOpaque(context!).takeUnretainedValue()
            return transfer.send(into: UnsafeMutableRawBufferPointer(start: buffer, count: size * count))
        }
        earshot_easy_setopt_string(easy, CURLOPT_MAIL_FROM, "<\(request.from)>")
        if let list = Self.list(request.recipients.map { "<\($0)>" }) {
            transfer.lists.append(list)
            earshot_easy_setopt_slist(easy, CURLOPT_MAIL_RCPT, list)
        }
        if let username = request.username { earshot_easy_setopt_string(easy, CURLOPT_USERNAME, username) }
        if let password = request.password { earshot_easy_setopt_string(easy, CURLOPT_PASSWORD, password) }
        if request.requireTLS, request.url.hasPrefix("smtp://") {
            earshot_easy_setopt_long(easy, CURLOPT_USE_SSL, Int(CURLUSESSL_ALL.rawValue))
        }
        if let caFile = request.caFile { earshot_easy_setopt_string(easy, CURLOPT_CAINFO, caFile) }
    }

    private static func list(_ lines: [String]) -> UnsafeMutablePointer<curl_slist>? {
        var list: UnsafeMutablePointer<curl_slist>? = nil
        for line in lines { list = curl_slist_append(list, line) }
        return list
    }
}

extension Transfer {
    func failure(_ kind: FetchError.Kind, _ message: String, code: CURLcode = CURLE_OK, status: Int = 0)
        -> FetchError
    {
        FetchError(url: url, kind: kind, curlCode: Int(code.rawValue), message: message, status: status)
    }

    /// Maps libcurl's result to an error that says which limit or failure it was.
    func error(for code: CURLcode, status: Int = 0) -> FetchError {
        let detail = errorMessage.isEmpty ? String(cString: curl_easy_strerror(code)) : errorMessage
        switch code {
        case CURLE_WRITE_ERROR where exceededMaxBody, CURLE_FILESIZE_EXCEEDED:
            return failure(.tooLarge, "body larger than max_body (\(limits.maxBody) bytes)", code: code)
        case CURLE_OPERATION_TIMEDOUT:
            if detail.contains("too slow") {
                let limits = limits
                return failure(
                    .tooSlow,
                    "stalled: below \(limits.lowSpeedLimit) bytes/s for \(limits.lowSpeedTime) (\(detail))",
                    code: code)
            }
            return failure(.timeout, "timed out: \(detail)", code: code)
        case CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_RESOLVE_PROXY:
            return failure(.dns, "cannot resolve host: \(detail)", code: code)
        case CURLE_COULDNT_CONNECT:
            return failure(.connect, "cannot connect: \(detail)", code: code)
        case CURLE_SSL_CONNECT_ERROR, CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_CERTPROBLEM, CURLE_SSL_CIPHER,
            CURLE_SSL_CACERT_BADFILE:
            return failure(.tls, "TLS failure: \(detail)", code: code)
        case CURLE_TOO_MANY_REDIRECTS:
            return failure(.tooManyRedirects, "more than \(limits.maxRedirects) redirects", code: code)
        case CURLE_UNSUPPORTED_PROTOCOL:
            return failure(.protocolNotAllowed, "protocol not allowed (only \(limits.protocols))", code: code)
        case CURLE_URL_MALFORMAT:
            return failure(.badURL, "malformed URL: \(detail)", code: code)
        case CURLE_LOGIN_DENIED:
            return failure(.rejected, "login denied: \(detail)", code: code, status: status)
        case CURLE_USE_SSL_FAILED:
            return failure(.tls, "the server does not offer STARTTLS: \(detail)", code: code, status: status)
        default:
            if case .smtp = job, status >= 400 {
                return failure(.rejected, "server replied \(status): \(detail)", code: code, status: status)
            }
            return failure(.transport, detail, code: code, status: status)
        }
    }
}
