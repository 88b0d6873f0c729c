import Foundation
import Glibc
import Synchronization

/// The engine behind ``HTTPTestServer``: owns the listening socket and the threads.
///
/// Threads retain this object, never the public server, so dropping the server runs its `deinit`, which stops
/// this. Checked `Sendable`: the descriptors are plain `Int32` constants and all mutable state is in a `Mutex`.
final class HTTPServerCore: Sendable {
    typealias Handler = @Sendable (HTTPTestRequest) -> HTTPTestResponse

    /// One received request and the interval during which it was being handled.
    struct Record: Sendable {
        var sequence: Int
        var request: HTTPTestRequest
        var start: ContinuousClock.Instant
        var end: ContinuousClock.Instant?
    }

    struct State: Sendable {
        var routes: [String: Handler] = [:]
        var records: [Record] = []
        var nextSequence = 0
        var inFlight = 0
        var connectionsAccepted = 0
        var openConnections: [Int: Int32] = [:]
        var connectionThreads: [pthread_t] = []
        var finishedThreads: [pthread_t] = []
        var acceptThread: pthread_t?
        var stopping = false
    }

    let listenFD: Int32
    let port: UInt16
    let state = Mutex(State())
    let stopping = Atomic<Bool>(false)
    /// Serializes `stop()`; holds whether it has completed.
    private let stopped = Mutex(false)

    init(port requestedPort: UInt16) throws(HTTPTestServerError) {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw .socket(errno: errno, step: "socket") }
        SocketIO.setOption(fd, level: SOL_SOCKET, name: SO_REUSEADDR, value: 1)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = requestedPort.bigEndian
        address.sin_addr = in_addr(s_addr: UInt32(0x7F00_0001).bigEndian)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard bound == 0 else {
            let code = errno
            close(fd)
            throw .socket(errno: code, step: "bind")
        }
        guard listen(fd, 128) == 0 else {
            let code = errno
            close(fd)
            throw .socket(errno: code, step: "listen")
        }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let named = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        guard named == 0 else {
            let code = errno
            close(fd)
            throw .socket(errno: code, step: "getsockname")
        }
        listenFD = fd
        port = UInt16(bigEndian: address.sin_port)
    }

    /// Starts the accept thread.
    func start() throws(HTTPTestServerError) {
        guard let thread = PosixThread.spawn({ [self] in acceptLoop() }) else {
            close(listenFD)
            throw .thread
        }
        state.withLock { $0.acceptThread = thread }
    }

    // MARK: - Stopping

    /// Closes the listener and every connection, then waits for all threads. Idempotent.
    func stop() {
        stopped.withLock { done in
            guard !done else { return }
            done = true
            stopping.store(true, ordering: .sequentiallyConsistent)
            let acceptThread = state.withLock { state in
                state.stopping = true
                return state.acceptThread
            }
            shutdown(listenFD, Int32(SHUT_RDWR))
            if let acceptThread { PosixThread.join(acceptThread) }
            close(listenFD)
            // No connection can be registered any more: the accept thread has ended.
            let threads = state.withLock { state in
                for fd in state.openConnections.values { shutdown(fd, Int32(SHUT_RDWR)) }
                defer {
                    state.connectionThreads = []
                    state.finishedThreads = []
                }
                return state.connectionThreads
            }
            for thread in threads { PosixThread.join(thread) }
        }
    }

    /// Sleeps for `duration` in short slices; `false` if the server began stopping meanwhile.
    func pause(_ duration: Duration) -> Bool {
        let clock = ContinuousClock()
        let deadline = clock.now + duration
        while true {
            if stopping.load(ordering: .relaxed) { return false }
            let left = deadline - clock.now
            if left <= .zero { return true }
            PosixThread.sleep(min(left, .milliseconds(10)))
        }
    }

    // MARK: - Accepting

    private func acceptLoop() {
        while !stopping.load(ordering: .relaxed) {
            reapFinishedThreads()
            var poller = pollfd(fd: listenFD, events: Int16(POLLIN), revents: 0)
            guard poll(&poller, 1, 100) > 0 else { continue }
            let fd = accept(listenFD, nil, nil)
            guard fd >= 0 else {
                // Out of descriptors or similar: do not spin.
                if !stopping.load(ordering: .relaxed) { PosixThread.sleep(.milliseconds(5)) }
                continue
            }
            _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
            SocketIO.setOption(fd, level: Int32(IPPROTO_TCP), name: TCP_NODELAY, value: 1)
            let accepted = state.withLock { state -> Bool in
                guard !state.stopping else { return false }
                state.connectionsAccepted += 1
                let id = state.connectionsAccepted
                guard let thread = PosixThread.spawn({ [self] in serveConnection(fd: fd, id: id) }) else {
                    return false
                }
                state.openConnections[id] = fd
                state.connectionThreads.append(thread)
                return true
            }
            if !accepted { close(fd) }
        }
    }

    /// Joins connection threads that have announced they are done, so a long test does not pile them up.
    private func reapFinishedThreads() {
        let finished = state.withLock { state in
            let finished = state.finishedThreads
            state.finishedThreads = []
            state.connectionThreads.removeAll { thread in finished.contains { pthread_equal($0, thread) != 0 } }
            return finished
        }
        for thread in finished { PosixThread.join(thread) }
    }

    // MARK: - Serving one connection

    private func serveConnection(fd: Int32, id: Int) {
        var reader = HTTPRequestReader(fd: fd)
        while !stopping.load(ordering: .relaxed) {
            let outcome = reader.next {
                _ = SocketIO.sendAll(fd, Array("HTTP/1.1 100 Continue\r\n\r\n".utf8))
            }
            guard case .request(let parsed) = outcome else {
                if case .malformed = outcome {
                    _ = SocketIO.sendAll(
                        fd, Array("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n".utf8))
                }
                break
            }
            let request = HTTPTestRequest(
                method: parsed.method, path: parsed.target, version: parsed.version, headers: parsed.headers,
                body: parsed.body, arrival: .now, date: Date(), connectionID: id)
            let (sequence, handler) = state.withLock { state in
                let sequence = state.nextSequence
                state.nextSequence += 1
                state.records.append(Record(sequence: sequence, request: request, start: request.arrival, end: nil))
                state.inFlight += 1
                return (sequence, state.routes[request.pathWithoutQuery])
            }
            let response =
                handler?(request)
                ?? HTTPTestResponse(
                    status: 404, headers: [("Content-Type", "text/plain")], body: Array("Not Found\n".utf8))
            // Marked finished just before the last bytes go out, so a client that has the whole response can
            // never see this request still in flight (nor overlapping its next request, in maxConcurrentSeen).
            var finished = false
            func finish() {
                guard !finished else { return }
                finished = true
                state.withLock { state in
                    state.inFlight -= 1
                    if let index = state.records.lastIndex(where: { $0.sequence == sequence }) {
                        state.records[index].end = .now
                    }
                }
            }
            let keepOpen = write(
                response, to: fd, for: request, clientWantsClose: parsed.wantsClose, beforeFinalSend: finish)
            finish()
            if !keepOpen { break }
        }
        // Linger while still registered, so stop() can cut it short with shutdown().
        drainBeforeClose(fd)
        state.withLock { state in
            state.openConnections[id] = nil
            state.finishedThreads.append(pthread_self())
        }
        // Closed only once unregistered, so stop() never shuts down a reused descriptor number.
        close(fd)
    }

    /// Half-closes, then discards what the client still sends (up to a second, or until stop), so unread
    /// request bytes do not make the kernel reset the connection and destroy the response in flight.
    private func drainBeforeClose(_ fd: Int32) {
        shutdown(fd, Int32(SHUT_WR))
        let deadline = ContinuousClock.now + .seconds(1)
        while ContinuousClock.now < deadline, !stopping.load(ordering: .relaxed) {
            var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            let ready = poll(&poller, 1, 50)
            if ready < 0 && errno != EINTR { break }
            if ready > 0 && SocketIO.receive(fd) == nil { break }
        }
    }

    /// Sends `response`, calling `beforeFinalSend` just before the send that completes it; returns whether the
    /// connection may carry another request.
    private func write(
        _ response: HTTPTestResponse, to fd: Int32, for request: HTTPTestRequest, clientWantsClose: Bool,
        beforeFinalSend: () -> Void
    ) -> Bool {
        if response.delay > .zero {
            guard pause(response.delay) else { return false }
        }
        if let raw = response.rawBytes {
            beforeFinalSend()
            _ = SocketIO.sendAll(fd, raw)
            return false
        }
        let closing = clientWantsClose || response.closeConnection
        let statusHasBody = !((100..<200).contains(response.status) || response.status == 204 || response.status == 304)
        func has(_ name: String) -> Bool {
            response.headers.contains { $0.0.caseInsensitiveCompare(name) == .orderedSame }
        }
        var head = "HTTP/1.1 \(response.status) \(response.reason)\r\n"
        for (name, value) in response.headers { head += "\(name): \(value)\r\n" }
        if response.chunked && statusHasBody {
            if !has("Transfer-Encoding") { head += "Transfer-Encoding: chunked\r\n" }
        } else if statusHasBody && !has("Content-Length") {
            head += "Content-Length: \(response.body.count)\r\n"
        }
        if closing && !has("Connection") { head += "Connection: close\r\n" }
        head += "\r\n"

        var pending = Array(head.utf8)
        guard response.hasBody(forMethod: request.method) else {
            beforeFinalSend()
            return SocketIO.sendAll(fd, pending) && !closing
        }
        let body = response.body
        let pieceSize = max(1, response.trickle?.bytes ?? (response.chunked ? response.chunkSize : body.count))
        var offset = 0
        repeat {
            if offset > 0, let trickle = response.trickle {
                guard pause(trickle.every) else { return false }
            }
            let end = min(offset + pieceSize, body.count)
            let piece = body[offset..<end]
            if !response.chunked {
                pending += piece
            } else if !piece.isEmpty {
                pending += Array("\(String(piece.count, radix: 16))\r\n".utf8) + piece + Array("\r\n".utf8)
            }
            if end == body.count {
                if response.chunked { pending += Array("0\r\n\r\n".utf8) }
                beforeFinalSend()
            }
            guard SocketIO.sendAll(fd, pending) else { return false }
            pending = []
            offset = end
        } while offset < body.count
        return !closing
    }
}
