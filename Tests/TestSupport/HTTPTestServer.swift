import Foundation

/// A real HTTP/1.1 server on 127.0.0.1 for tests: serves routes, records requests, and can misbehave on purpose.
///
/// Each connection gets its own thread and is kept alive until the client closes it or asks to close.
/// ```swift
/// let server = try HTTPTestServer()
/// server.route("/feed.xml") { _ in .ok(body: "<rss/>") }
/// // fetch server.url("/feed.xml") …
/// #expect(server.requests(path: "/feed.xml").count == 1)
/// ```
/// Handlers run on the connection's thread, so several may run at once. A handler that captures the server
/// keeps it alive; call ``stop()`` explicitly in that case (the server also stops when it is deinitialized).
public final class HTTPTestServer: Sendable {
    private let core: HTTPServerCore

    /// The port the server listens on.
    public let port: UInt16

    /// Binds 127.0.0.1 on `port` (0 picks a free ephemeral port) and starts accepting connections.
    public init(port: UInt16 = 0) throws(HTTPTestServerError) {
        let core = try HTTPServerCore(port: port)
        try core.start()
        self.core = core
        self.port = core.port
    }

    deinit {
        core.stop()
    }

    /// `http://127.0.0.1:PORT`, without a trailing slash.
    public var baseURL: String { "http://127.0.0.1:\(port)" }

    /// The absolute URL of `path` on this server; `path` should start with `/`.
    public func url(_ path: String) -> String { baseURL + path }

    // MARK: - Routes

    /// Serves `path` (matched exactly, query string ignored) with `handler`, replacing any earlier handler.
    public func route(_ path: String, _ handler: @escaping @Sendable (HTTPTestRequest) -> HTTPTestResponse) {
        core.state.withLock { $0.routes[path] = handler }
    }

    /// Serves `path` with the same `response` every time, replacing any earlier handler.
    public func route(_ path: String, response: HTTPTestResponse) {
        route(path) { _ in response }
    }

    /// Stops serving `path`; it answers 404 afterwards.
    public func removeRoute(_ path: String) {
        core.state.withLock { $0.routes[path] = nil }
    }

    // MARK: - Recorded requests

    /// Every request received so far, in order of arrival.
    public var requests: [HTTPTestRequest] {
        core.state.withLock { $0.records.map(\.request) }
    }

    /// The requests received so far whose target equals `path`, either exactly or without its query string.
    public func requests(path: String) -> [HTTPTestRequest] {
        requests.filter { $0.path == path || $0.pathWithoutQuery == path }
    }

    /// Forgets the recorded requests (and the concurrency history).
    public func clearRequests() {
        core.state.withLock { $0.records.removeAll() }
    }

    /// Waits until at least `count` requests (to `path`, if given) have been received; `false` on timeout.
    public func waitForRequests(_ count: Int, path: String? = nil, timeout: Duration = .seconds(10)) -> Bool {
        let deadline = ContinuousClock.now + timeout
        while true {
            let received = path.map { requests(path: $0).count } ?? requests.count
            if received >= count { return true }
            if ContinuousClock.now >= deadline { return false }
            PosixThread.sleep(.milliseconds(5))
        }
    }

    /// The number of TCP connections accepted so far; fewer connections than requests means reuse.
    public var connectionsAccepted: Int {
        core.state.withLock { $0.connectionsAccepted }
    }

    // MARK: - Concurrency

    /// How many requests are being handled right now: from arrival until the last bytes of the response are
    /// handed to the kernel (so once a client has a whole response, that request no longer counts).
    public var inFlight: Int {
        core.state.withLock { $0.inFlight }
    }

    /// The largest number of requests whose path starts with `pathPrefix` (all, if `nil`) that were being
    /// handled at the same time, counting from arrival until the last bytes of the response were handed to the
    /// kernel (delays and trickling included). Requests still in flight count as running until now.
    public func maxConcurrentSeen(pathPrefix: String? = nil) -> Int {
        maxConcurrentSeen { request in pathPrefix.map { request.path.hasPrefix($0) } ?? true }
    }

    /// The largest number of requests matching `filter` (for example by `Host` header) handled at the same time.
    public func maxConcurrentSeen(where filter: (HTTPTestRequest) -> Bool) -> Int {
        let records = core.state.withLock { $0.records }
        var events: [(time: ContinuousClock.Instant, delta: Int)] = []
        let now = ContinuousClock.now
        for record in records where filter(record.request) {
            events.append((record.start, 1))
            events.append((record.end ?? now, -1))
        }
        // At equal instants, count an end before a start: touching intervals do not overlap.
        events.sort { $0.time < $1.time || ($0.time == $1.time && $0.delta < $1.delta) }
        var current = 0
        var highest = 0
        for event in events {
            current += event.delta
            highest = max(highest, current)
        }
        return highest
    }

    // MARK: - Lifecycle

    /// Closes the listening socket and every connection, and waits for all server threads to finish.
    /// Responses being delayed or trickled are abandoned; a handler that blocks is waited for.
    /// Safe to call more than once, and from a handler (which is then not waited for).
    public func stop() {
        core.stop()
    }
}
