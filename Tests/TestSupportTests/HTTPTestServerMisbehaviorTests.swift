import Foundation
import Glibc
import Testing

import TestSupport

@Suite("HTTPTestServer timing, misbehavior and lifecycle")
struct HTTPTestServerMisbehaviorTests {
    @Test func delayHoldsTheResponseBack() throws {
        let server = try HTTPTestServer()
        defer { server.stop() }
        server.route("/slow") { _ in .ok(body: "late").delayed(.milliseconds(400)) }
        let client = try RawHTTPClient(port: server.port)
        let start = ContinuousClock.now
        let response = try client.get("/slow")
        let elapsed = ContinuousClock.now - start
        #expect(response.text == "late")
        #expect(elapsed >= .milliseconds(400))
        #expect(elapsed < .seconds(5))
    }

    @Test func delayMakesCurlTimeOut() throws {
        let server = try HTTPTestServer()
        defer { server.stop() }
        server.route("/slow") { _ in .ok(body: "late").delayed(.seconds(3)) }
        let result = try CurlCommand.run(["--max-time", "0.3", server.url("/slow")])
        #expect(result.status == 28)  // CURLE_OPERATION_TIMEDOUT
    }

    @Test func trickleSendsTheBodySlowly() throws {
        let server = try HTTPTestServer()
        defer { server.stop() }
        let body = Array("0123456789".utf8)
        server.route("/drip") { _ in .ok(body: body).trickled(bytes: 2, every: .milliseconds(60)) }
        let client = try RawHTTPClient(port: server.port)
        let start = ContinuousClock.now
        let response = try client.get("/drip")
        #expect(response.body == body)
        #expect(ContinuousClock.now - start >= .milliseconds(240))  // four pauses between five pieces

        // curl's low-speed abort: fewer than 1000 bytes/s for 1 s.
        server.route("/crawl") { _ in
            .ok(body: [UInt8](repeating: 65, count: 2000)).trickled(bytes: 1, every: .milliseconds(100))
        }
        let crawl = try CurlCommand.run(["--speed-limit", "1000", "--speed-time", "1", server.url("/crawl")])
        #expect(crawl.status == 28)
    }

    @Test func rawBytesAreSentVerbatimThenTheConnectionCloses() throws {
        let server = try HTTPTestServer()
        defer { server.stop() }
        let garbage = "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nshort"
        server.route("/bad") { _ in .raw(garbage) }
        let client = try RawHTTPClient(port: server.port)
        try client.send("GET /bad HTTP/1.1\r\nHost: x\r\n\r\n")
        #expect(try client.readToEnd() == Array(garbage.utf8))
        let result = try CurlCommand.run([server.url("/bad")])
        #expect(result.status == 18)  // CURLE_PARTIAL_FILE
    }

    @Test func maxConcurrentSeenCountsOverlappingRequests() throws {
        let server = try HTTPTestServer()
        defer { server.stop() }
        server.route("/slow") { _ in .ok(body: "s").delayed(.milliseconds(400)) }
        server.route("/fast") { _ in .ok(body: "f") }
        let port = server.port
        // Three connections with a request each in flight at once (blocking clients, not tasks: the
        // cooperative pool may have fewer threads than that).
        let slowClients = try (0..<3).map { _ in try RawHTTPClient(port: port) }
        for client in slowClients { try client.send("GET /slow HTTP/1.1\r\nHost: x\r\n\r\n") }
        for client in slowClients { #expect(try client.readResponse().status == 200) }
        let client = try RawHTTPClient(port: port)
        for _ in 0..<3 { _ = try client.get("/fast") }
        #expect(server.maxConcurrentSeen() == 3)
        #expect(server.maxConcurrentSeen(pathPrefix: "/slow") == 3)
        #expect(server.maxConcurrentSeen(pathPrefix: "/fast") == 1)
        #expect(server.maxConcurrentSeen { $0.header("host") == "nobody" } == 0)
        #expect(server.inFlight == 0)
    }

    @Test func curlParallelLimitIsVisibleInMaxConcurrentSeen() throws {
        let server = try HTTPTestServer()
        defer { server.stop() }
        server.route("/p") { _ in .ok(body: "p").delayed(.milliseconds(300)) }
        let urls = (0..<6).map { server.url("/p?\($0)") }
        let result = try CurlCommand.run(["--parallel", "--parallel-max", "3"] + urls)
        #expect(result.output == "pppppp")
        #expect(server.requests(path: "/p").count == 6)
        #expect(server.maxConcurrentSeen(pathPrefix: "/p") == 3)
    }

    @Test func inFlightCountsRequestsBeingDelayed() throws {
        let server = try HTTPTestServer()
        defer { server.stop() }
        server.route("/slow") { _ in .ok(body: "s").delayed(.milliseconds(500)) }
        let client = try RawHTTPClient(port: server.port)
        try client.send("GET /slow HTTP/1.1\r\nHost: x\r\n\r\n")
        #expect(server.waitForRequests(1, timeout: .seconds(5)))
        #expect(server.inFlight == 1)
        _ = try client.readResponse()
        #expect(server.waitForIdle())
    }

    @Test func clientVanishingMidResponseDoesNotHurtTheServer() throws {
        let server = try HTTPTestServer()
        defer { server.stop() }
        let big = [UInt8](repeating: 66, count: 4_000_000)
        server.route("/big") { _ in .ok(body: big) }
        server.route("/drip") { _ in .ok(body: big).trickled(bytes: 1000, every: .milliseconds(5)) }
        for path in ["/big", "/drip"] {
            let client = try RawHTTPClient(port: server.port)
            try client.send("GET \(path) HTTP/1.1\r\nHost: x\r\n\r\n")
            var first = [UInt8](repeating: 0, count: 100)
            #expect(recv(client.fd, &first, 100, 0) > 0)
            var linger = linger(l_onoff: 1, l_linger: 0)  // close with RST
            setsockopt(client.fd, SOL_SOCKET, SO_LINGER, &linger, socklen_t(MemoryLayout<linger>.size))
        }
        #expect(server.waitForIdle())
        server.route("/ok") { _ in .ok(body: "still here") }
        #expect(try RawHTTPClient(port: server.port).get("/ok").text == "still here")
    }

    @Test func malformedRequestGets400() throws {
        let server = try HTTPTestServer()
        defer { server.stop() }
        let client = try RawHTTPClient(port: server.port)
        try client.send("NONSENSE\r\n\r\n")
        #expect(try client.readResponse().status == 400)
        #expect(server.requests.isEmpty)
    }

    @Test func stopReturnsPromptlyAndFreesThePort() throws {
        let server = try HTTPTestServer()
        let port = server.port
        server.route("/hang") { _ in .ok(body: "never").delayed(.seconds(30)) }
        server.route("/a") { _ in .ok(body: "a") }
        let idle = try RawHTTPClient(port: port)
        _ = try idle.get("/a")  // an idle keep-alive connection
        let hanging = try RawHTTPClient(port: port)
        try hanging.send("GET /hang HTTP/1.1\r\nHost: x\r\n\r\n")  // a handler stuck in its delay
        #expect(server.waitForRequests(2, timeout: .seconds(5)))

        let start = ContinuousClock.now
        server.stop()
        #expect(ContinuousClock.now - start < .seconds(2))
        server.stop()  // idempotent

        #expect(idle.isClosedByServer())
        #expect(hanging.isClosedByServer())
        #expect(!RawHTTPClient.canConnect(port: port))
        let again = try HTTPTestServer(port: port)
        defer { again.stop() }
        #expect(again.port == port)
        #expect(RawHTTPClient.canConnect(port: port))
    }

    @Test func droppingTheServerStopsIt() throws {
        var port: UInt16 = 0
        do {
            let server = try HTTPTestServer()
            port = server.port
            _ = try RawHTTPClient(port: port).get("/x")
        }
        #expect(!RawHTTPClient.canConnect(port: port))
    }

    @Test func bindingAPortInUseThrows() throws {
        let server = try HTTPTestServer()
        defer { server.stop() }
        #expect(throws: HTTPTestServerError.self) { try HTTPTestServer(port: server.port) }
    }
}

extension HTTPTestServer {
    /// Waits until no request is being handled; `false` after five seconds.
    fileprivate func waitForIdle() -> Bool {
        let deadline = ContinuousClock.now + .seconds(5)
        while inFlight > 0 {
            if ContinuousClock.now > deadline { return false }
            usleep(5000)
        }
        return true
    }
}
