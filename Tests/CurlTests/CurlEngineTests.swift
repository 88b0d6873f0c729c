import Foundation
import TestSupport
import Testing

@testable import Curl

/// Waits without blocking a thread until the server has seen `count` requests to `path`.
func arrived(_ count: Int, path: String, on server: HTTPTestServer, within limit: Duration = .seconds(5)) async -> Bool
{
    let deadline = ContinuousClock.now + limit
    while ContinuousClock.now < deadline {
        if server.requests(path: path).count >= count { return true }
        try? await Task.sleep(for: .milliseconds(10))
    }
    return false
}

/// Every test talks to a real HTTP server on loopback through a real libcurl multi handle.
@Suite struct CurlEngineTests {
    let server: HTTPTestServer
    let engine: CurlEngine

    init() throws {
        server = try HTTPTestServer()
        engine = CurlEngine(configuration: .init(concurrency: 8, perHost: 2, userAgent: "EarshotTest/1"))
    }

    private func arrived(_ count: Int, path: String) async -> Bool {
        await CurlTests.arrived(count, path: path, on: server)
    }

    private func limits(_ change: (inout TransferLimits) -> Void) -> TransferLimits {
        var limits = TransferLimits()
        change(&limits)
        return limits
    }

    @Test func getReturnsStatusHeadersAndBody() async throws {
        server.route(
            "/feed.xml",
            response: .ok(body: "<rss/>", contentType: "application/rss+xml").header("ETag", "\"v1\"").header(
                "Last-Modified", "Sat, 21 Nov 2026 10:00:00 GMT"))
        let response = try await engine.fetch(HTTPRequest(url: server.url("/feed.xml")))
        #expect(response.status == 200)
        #expect(response.body == Array("<rss/>".utf8))
        #expect(response.etag == "\"v1\"")
        #expect(response.lastModified == "Sat, 21 Nov 2026 10:00:00 GMT")
        #expect(response.contentType == "application/rss+xml")
        let request = try #require(server.requests(path: "/feed.xml").first)
        #expect(request.header("User-Agent") == "EarshotTest/1")
        let accepted = request.header("Accept-Encoding") ?? ""
        #expect(accepted.contains("gzip") && accepted.contains("deflate") && accepted.contains("br"))
    }

    @Test func postSendsTheBodyAndHeaders() async throws {
        server.route("/hook") { request in
            .ok(body: "\(request.method) \(request.header("Content-Type") ?? "-") \(request.bodyText)")
        }
        let body = Array(#"{"text":"hello \u0000 world"}"#.utf8) + [0]
        let response = try await engine.fetch(
            HTTPRequest(
                url: server.url("/hook"), body: body,
                headers: [HTTPHeader(name: "Content-Type", value: "application/json")]))
        #expect(response.status == 200)
        let request = try #require(server.requests(path: "/hook").first)
        #expect(request.method == "POST")
        #expect(request.body == body)
        #expect(request.header("Expect") == nil)
        #expect(String(decoding: response.body, as: UTF8.self).hasPrefix("POST application/json"))
    }

    @Test func conditionalGetSendsValidatorsAndGets304() async throws {
        server.route("/feed.xml") { request in
            if request.header("If-None-Match") == "\"v1\""
                && request.header("If-Modified-Since") == "Sat, 21 Nov 2026 10:00:00 GMT"
            {
                return .notModified
            }
            return .ok(body: "<rss/>").header("ETag", "\"v1\"")
        }
        let response = try await engine.fetch(
            HTTPRequest(
                url: server.url("/feed.xml"), etag: "\"v1\"", lastModified: "Sat, 21 Nov 2026 10:00:00 GMT"))
        #expect(response.status == 304)
        #expect(response.body.isEmpty)
    }

    @Test func httpErrorsAreResponsesNotFailures() async throws {
        server.route("/gone", response: .status(500))
        let missing = try await engine.fetch(HTTPRequest(url: server.url("/nowhere")))
        let broken = try await engine.fetch(HTTPRequest(url: server.url("/gone")))
        #expect(missing.status == 404)
        #expect(broken.status == 500)
    }

    @Test func gzipBodiesAreDecoded() async throws {
        let compressed = try Fixtures.bytes("Curl/hello.txt.gz")
        server.route(
            "/hello",
            response: .ok(body: compressed, contentType: "text/plain", headers: [("Content-Encoding", "gzip")]))
        let response = try await engine.fetch(HTTPRequest(url: server.url("/hello")))
        #expect(response.body == Array(String(repeating: "hello, compressed world\n", count: 100).utf8))
    }

    @Test(arguments: [false, true])
    func aBodyOverTheLimitFailsEvenWhenChunked(chunked: Bool) async throws {
        var response = HTTPTestResponse.ok(body: [UInt8](repeating: UInt8(ascii: "x"), count: 300_000))
        if chunked { response = response.chunkedEncoding(chunkSize: 16_384) }
        server.route("/big", response: response)
        let result = await engine.perform(
            HTTPRequest(url: server.url("/big"), limits: limits { $0.maxBody = 100_000 }))
        guard case .failure(let error) = result else {
            Issue.record("a 300 kB body passed a 100 kB limit")
            return
        }
        #expect(error.kind == .tooLarge)
        #expect(error.url == server.url("/big"))
        #expect(error.description.contains("max_body"))
    }

    @Test func aCompressionBombIsStoppedByTheDecodedSize() async throws {
        let bomb = try Fixtures.bytes("Curl/bomb.xml.gz")
        #expect(bomb.count < 100_000)
        server.route(
            "/bomb", response: .ok(body: bomb, headers: [("Content-Encoding", "gzip")]).chunkedEncoding())
        let result = await engine.perform(
            HTTPRequest(url: server.url("/bomb"), limits: limits { $0.maxBody = 1_048_576 }))
        guard case .failure(let error) = result else {
            Issue.record("a gzip body inflating to 16 MiB passed a 1 MiB limit")
            return
        }
        #expect(error.kind == .tooLarge)
    }

    @Test func aSlowServerTimesOut() async throws {
        server.route("/slow", response: .ok(body: "late").delayed(.seconds(30)))
        let started = ContinuousClock.now
        let result = await engine.perform(
            HTTPRequest(url: server.url("/slow"), limits: limits { $0.timeout = .milliseconds(400) }))
        // Far below the server's 30 s, whatever the load on the machine.
        #expect(ContinuousClock.now - started < .seconds(15))
        guard case .failure(let error) = result else {
            Issue.record("expected a timeout")
            return
        }
        #expect(error.kind == .timeout)
        #expect(error.curlCode == 28)
    }

    @Test func aStalledTransferIsAborted() async throws {
        server.route(
            "/trickle",
            response: .ok(body: [UInt8](repeating: 65, count: 10_000)).trickled(bytes: 10, every: .milliseconds(200)))
        let result = await engine.perform(
            HTTPRequest(
                url: server.url("/trickle"),
                limits: limits {
                    $0.lowSpeedLimit = 1000
                    $0.lowSpeedTime = .seconds(1)
                }))
        guard case .failure(let error) = result else {
            Issue.record("expected the low-speed abort")
            return
        }
        #expect(error.kind == .tooSlow)
        #expect(error.description.contains("1000 bytes/s"))
    }

    @Test func redirectsAreFollowedUpToTheLimit() async throws {
        for hop in 0..<7 {
            server.route("/r\(hop)", response: .redirect(to: "/r\(hop + 1)", status: hop == 0 ? 301 : 302))
        }
        server.route("/r7", response: .ok(body: "end"))
        let followed = try await engine.fetch(
            HTTPRequest(url: server.url("/r0"), limits: limits { $0.maxRedirects = 7 }))
        #expect(followed.body == Array("end".utf8))
        #expect(followed.redirects == 7)
        #expect(followed.url == server.url("/r7"))
        #expect(followed.permanentRedirect)

        let result = await engine.perform(HTTPRequest(url: server.url("/r0")))
        guard case .failure(let error) = result else {
            Issue.record("7 redirects passed a limit of 5")
            return
        }
        #expect(error.kind == .tooManyRedirects)
    }

    @Test func onlyHTTPAndHTTPSAreAllowedEvenThroughARedirect() async throws {
        server.route("/to-file", response: .redirect(to: "file:///etc/passwd"))
        let redirected = await engine.perform(HTTPRequest(url: server.url("/to-file")))
        let direct = await engine.perform(HTTPRequest(url: "file:///etc/passwd"))
        for result in [redirected, direct] {
            guard case .failure(let error) = result else {
                Issue.record("a file:// URL was fetched")
                continue
            }
            #expect(error.kind == .protocolNotAllowed)
        }
    }

    @Test func connectionRefusedIsAConnectError() async throws {
        let closed = try HTTPTestServer()
        let url = closed.url("/feed.xml")
        closed.stop()
        let result = await engine.perform(HTTPRequest(url: url))
        guard case .failure(let error) = result else {
            Issue.record("expected a connection error")
            return
        }
        #expect(error.kind == .connect)
        #expect(error.description.hasPrefix(url))
    }

    @Test func atMostTwoTransfersPerHost() async throws {
        server.route("/slow", response: .ok(body: "x").delayed(.milliseconds(150)))
        let hosts = ["127.0.0.1", "localhost"]
        await withTaskGroup(of: Void.self) { group in
            for index in 0..<12 {
                let url = "http://\(hosts[index % 2]):\(server.port)/slow?n=\(index)"
                group.addTask { _ = await engine.perform(HTTPRequest(url: url)) }
            }
        }
        #expect(server.requests(path: "/slow").count == 12)
        for host in hosts {
            let seen = server.maxConcurrentSeen { $0.header("Host")?.hasPrefix(host) ?? false }
            #expect(seen == 2, "host \(host) saw \(seen) concurrent transfers")
        }
        #expect(server.maxConcurrentSeen(pathPrefix: "/slow") <= 4)
    }

    @Test func requestsToOneHostAreSpacedByTheGap() async throws {
        let polite = CurlEngine(configuration: .init(concurrency: 8, perHost: 4, hostGap: .milliseconds(200)))
        defer { polite.shutdown() }
        server.route("/feed", response: .ok(body: "x"))
        await withTaskGroup(of: Void.self) { group in
            for index in 0..<4 {
                let url = server.url("/feed?n=\(index)")
                group.addTask { _ = await polite.perform(HTTPRequest(url: url)) }
            }
        }
        let arrivals = server.requests(path: "/feed").map(\.arrival).sorted()
        #expect(arrivals.count == 4)
        for (earlier, later) in zip(arrivals, arrivals.dropFirst()) {
            #expect(later - earlier >= .milliseconds(180), "requests \(later - earlier) apart")
        }
    }

    @Test func overallConcurrencyIsBounded() async throws {
        let narrow = CurlEngine(configuration: .init(concurrency: 3, perHost: 10))
        defer { narrow.shutdown() }
        server.route("/slow", response: .ok(body: "x").delayed(.milliseconds(150)))
        await withTaskGroup(of: Void.self) { group in
            for index in 0..<9 {
                let url = server.url("/slow?n=\(index)")
                group.addTask { _ = await narrow.perform(HTTPRequest(url: url)) }
            }
        }
        #expect(server.maxConcurrentSeen(pathPrefix: "/slow") == 3)
    }

    @Test func aFailingSourceDoesNotDelayTheOthers() async throws {
        server.route("/hang", response: .ok(body: "late").delayed(.seconds(30)))
        server.route("/fast", response: .ok(body: "ok"))
        let clock = ContinuousClock()
        let started = clock.now
        let hanging = Task {
            await engine.perform(HTTPRequest(url: server.url("/hang"), limits: limits { $0.timeout = .seconds(6) }))
        }
        #expect(await arrived(1, path: "/hang"))
        for index in 0..<5 {
            let response = try await engine.fetch(HTTPRequest(url: server.url("/fast?n=\(index)")))
            #expect(response.status == 200)
        }
        let fastDone = clock.now - started
        let result = await hanging.value
        let hangDone = clock.now - started
        // The five fast transfers to the same host finished while the hanging one was still waiting.
        #expect(fastDone < hangDone, "fast transfers took \(fastDone), the hanging one \(hangDone)")
        #expect(hangDone >= .seconds(6))
        if case .success = result { Issue.record("the hanging transfer should have timed out") }
    }

    @Test func cancellingTheTaskAbortsTheTransfer() async throws {
        server.route("/hang", response: .ok(body: "late").delayed(.seconds(30)))
        let task = Task { await engine.perform(HTTPRequest(url: server.url("/hang"))) }
        #expect(await arrived(1, path: "/hang"))
        let started = ContinuousClock.now
        task.cancel()
        let result = await task.value
        #expect(ContinuousClock.now - started < .seconds(10))
        guard case .failure(let error) = result else {
            Issue.record("expected a cancellation")
            return
        }
        #expect(error.kind == .cancelled)
    }

    @Test func shutdownFailsWhatIsQueuedAndRefusesMore() async throws {
        let engine = CurlEngine(configuration: .init(concurrency: 1, perHost: 1))
        server.route("/hang", response: .ok(body: "late").delayed(.seconds(10)))
        let first = Task { await engine.perform(HTTPRequest(url: server.url("/hang?1"))) }
        let second = Task { await engine.perform(HTTPRequest(url: server.url("/hang?2"))) }
        #expect(await arrived(1, path: "/hang"))
        engine.shutdown()
        for result in [await first.value, await second.value] {
            guard case .failure(let error) = result else {
                Issue.record("expected a cancellation")
                continue
            }
            #expect(error.kind == .cancelled)
        }
        let late = await engine.perform(HTTPRequest(url: server.url("/hang")))
        if case .success = late { Issue.record("a shut-down engine ran a transfer") }
    }
}
