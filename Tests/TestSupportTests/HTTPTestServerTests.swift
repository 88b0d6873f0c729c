import Foundation
import Testing

import TestSupport

@Suite("HTTPTestServer basics")
struct HTTPTestServerTests {
    @Test func bindsAnEphemeralLoopbackPort() throws {
        let server = try HTTPTestServer(port: 0)
        defer { server.stop() }
        #expect(server.port != 0)
        #expect(server.baseURL == "http://127.0.0.1:\(server.port)")
        #expect(server.url("/a") == "http://127.0.0.1:\(server.port)/a")
    }

    @Test func getReturnsTheBodyToCurl() throws {
        let server = try HTTPTestServer()
        defer { server.stop() }
        server.route("/feed.xml") { _ in .ok(body: "<rss>hello</rss>") }
        let result = try CurlCommand.run([server.url("/feed.xml")])
        #expect(result.status == 0)
        #expect(result.output == "<rss>hello</rss>")
    }

    @Test func getReturnsBodyAndHeadersOnTheWire() throws {
        let server = try HTTPTestServer()
        defer { server.stop() }
        server.route("/feed.xml") { _ in
            .ok(body: "<rss/>", contentType: "application/rss+xml").header("ETag", "\"v1\"")
        }
        let client = try RawHTTPClient(port: server.port)
        let response = try client.get("/feed.xml")
        #expect(response.status == 200)
        #expect(response.text == "<rss/>")
        #expect(response.header("content-type") == "application/rss+xml")
        #expect(response.header("etag") == "\"v1\"")
        #expect(response.header("content-length") == "6")
    }

    @Test func unknownPathIs404() throws {
        let server = try HTTPTestServer()
        defer { server.stop() }
        server.route("/known") { _ in .ok(body: "x") }
        let client = try RawHTTPClient(port: server.port)
        #expect(try client.get("/unknown").status == 404)
        let result = try CurlCommand.run(["--output", "/dev/null", "--write-out", "%{http_code}", server.url("/nope")])
        #expect(result.output == "404")
        #expect(server.requests(path: "/unknown").count == 1)
    }

    @Test func routesIgnoreTheQueryAndCanBeReplacedAndRemoved() throws {
        let server = try HTTPTestServer()
        defer { server.stop() }
        server.route("/r") { _ in .ok(body: "one") }
        let client = try RawHTTPClient(port: server.port)
        #expect(try client.get("/r?x=1").text == "one")
        server.route("/r") { request in .ok(body: "two \(request.query ?? "")") }
        #expect(try client.get("/r?x=2").text == "two x=2")
        server.route("/s", response: .status(503))
        #expect(try client.get("/s").status == 503)
        server.removeRoute("/r")
        #expect(try client.get("/r").status == 404)
    }

    @Test func keepAliveServesTwoRequestsOnOneConnection() throws {
        let server = try HTTPTestServer()
        defer { server.stop() }
        server.route("/a") { _ in .ok(body: "first") }
        server.route("/b") { _ in .ok(body: "second") }
        let client = try RawHTTPClient(port: server.port)
        #expect(try client.get("/a").text == "first")
        #expect(try client.get("/b").text == "second")
        #expect(server.connectionsAccepted == 1)
        let requests = server.requests
        #expect(requests.map(\.path) == ["/a", "/b"])
        #expect(requests[0].connectionID == requests[1].connectionID)
    }

    @Test func curlReusesTheConnection() throws {
        let server = try HTTPTestServer()
        defer { server.stop() }
        server.route("/a") { _ in .ok(body: "A") }
        let result = try CurlCommand.run([server.url("/a"), server.url("/a")])
        #expect(result.output == "AA")
        #expect(server.connectionsAccepted == 1)
    }

    @Test func pipelinedRequestsAreAnsweredInOrder() throws {
        let server = try HTTPTestServer()
        defer { server.stop() }
        server.route("/p") { request in .ok(body: request.query ?? "") }
        let client = try RawHTTPClient(port: server.port)
        try client.send("GET /p?1 HTTP/1.1\r\nHost: x\r\n\r\nGET /p?2 HTTP/1.1\r\nHost: x\r\n\r\n")
        #expect(try client.readResponse().text == "1")
        #expect(try client.readResponse().text == "2")
    }

    @Test func connectionCloseIsHonored() throws {
        let server = try HTTPTestServer()
        defer { server.stop() }
        server.route("/a") { _ in .ok(body: "bye") }
        let client = try RawHTTPClient(port: server.port)
        let response = try client.get("/a", headers: ["Connection: close"])
        #expect(response.text == "bye")
        #expect(response.header("connection") == "close")
        #expect(try client.readToEnd().isEmpty)
    }

    @Test func manyShortConnectionsAreServedPromptly() throws {
        let server = try HTTPTestServer()
        defer { server.stop() }
        server.route("/a") { _ in .ok(body: "a") }
        let start = ContinuousClock.now
        for _ in 0..<200 {
            let client = try RawHTTPClient(port: server.port)
            #expect(try client.get("/a", headers: ["Connection: close"]).text == "a")
        }
        #expect(ContinuousClock.now - start < .seconds(10))
        #expect(server.connectionsAccepted == 200)
    }

    @Test func chunkedBodyArrivesIntact() throws {
        let server = try HTTPTestServer()
        defer { server.stop() }
        let body = (0..<10_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        server.route("/chunked") { _ in
            .ok(body: body, contentType: "application/octet-stream").chunkedEncoding(chunkSize: 999)
        }
        let client = try RawHTTPClient(port: server.port)
        let response = try client.get("/chunked")
        #expect(response.header("transfer-encoding") == "chunked")
        #expect(response.header("content-length") == nil)
        #expect(response.chunkCount == 11)
        #expect(response.body == body)
        // The connection stays usable after the last chunk.
        #expect(try client.get("/chunked").body == body)

        let text = try HTTPTestServer()
        defer { text.stop() }
        text.route("/t") { _ in HTTPTestResponse(body: Array("hello chunked world".utf8), chunked: true, chunkSize: 4) }
        #expect(try CurlCommand.run([text.url("/t")]).output == "hello chunked world")
    }

    @Test func requestsAreRecordedWithHeadersBodyAndTime() throws {
        let server = try HTTPTestServer()
        defer { server.stop() }
        server.route("/hook") { _ in .status(204) }
        let before = ContinuousClock.now
        let client = try RawHTTPClient(port: server.port)
        try client.send(
            "POST /hook?x=1 HTTP/1.1\r\nHost: 127.0.0.1\r\nIf-None-Match: \"abc\"\r\nX-Multi: 1\r\nX-Multi: 2\r\n"
                + "Content-Type: application/json\r\nContent-Length: 13\r\n\r\n{\"post\": 42}\n")
        #expect(try client.readResponse().status == 204)
        let after = ContinuousClock.now

        let recorded = try #require(server.requests(path: "/hook").first)
        #expect(recorded.method == "POST")
        #expect(recorded.path == "/hook?x=1")
        #expect(recorded.pathWithoutQuery == "/hook")
        #expect(recorded.query == "x=1")
        #expect(recorded.version == "HTTP/1.1")
        #expect(recorded.header("if-none-match") == "\"abc\"")
        #expect(recorded.header("IF-NONE-MATCH") == "\"abc\"")
        #expect(recorded.headerValues("x-multi") == ["1", "2"])
        #expect(recorded.header("absent") == nil)
        #expect(recorded.bodyText == "{\"post\": 42}\n")
        #expect(recorded.arrival >= before && recorded.arrival <= after)
        #expect(server.requests(path: "/hook?x=1").count == 1)
        #expect(server.requests(path: "/other").isEmpty)
    }

    @Test func chunkedRequestBodyAndExpectContinueAreHandled() throws {
        let server = try HTTPTestServer()
        defer { server.stop() }
        server.route("/up") { request in .ok(body: "got \(request.body.count)") }
        let client = try RawHTTPClient(port: server.port)
        try client.send(
            "POST /up HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n2;ext=1\r\nde\r\n0\r\n\r\n")
        #expect(try client.readResponse().text == "got 5")

        try client.send("PUT /up HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\nExpect: 100-continue\r\n\r\n")
        #expect(try client.readResponse().status == 100)
        try client.send("wxyz")
        #expect(try client.readResponse().text == "got 4")
        #expect(server.requests(path: "/up").map(\.bodyText) == ["abcde", "wxyz"])

        let posted = try CurlCommand.run(["--data-binary", String(repeating: "z", count: 5000), server.url("/up")])
        #expect(posted.output == "got 5000")
    }

    @Test func conveniencesBuildTheExpectedResponses() throws {
        let server = try HTTPTestServer()
        defer { server.stop() }
        server.route("/old") { _ in .redirect(to: "/new", status: 301) }
        server.route("/new") { _ in .ok(body: "moved here") }
        server.route("/same") { _ in .notModified.header("ETag", "\"e\"") }
        let client = try RawHTTPClient(port: server.port)
        let redirect = try client.get("/old")
        #expect(redirect.status == 301)
        #expect(redirect.header("location") == "/new")
        let notModified = try client.get("/same")
        #expect(notModified.status == 304)
        #expect(notModified.header("content-length") == nil)
        #expect(String(decoding: notModified.raw, as: UTF8.self).hasPrefix("HTTP/1.1 304 Not Modified\r\n"))
        // Nothing stray after the 304: the next response parses.
        #expect(try client.get("/new").text == "moved here")
        #expect(try CurlCommand.run(["--location", server.url("/old")]).output == "moved here")
    }

    @Test func headGetsHeadersWithoutBody() throws {
        let server = try HTTPTestServer()
        defer { server.stop() }
        server.route("/f") { _ in .ok(body: "12345") }
        let client = try RawHTTPClient(port: server.port)
        try client.send("HEAD /f HTTP/1.1\r\nHost: x\r\n\r\n")
        let head = try client.readResponse(headRequest: true)
        #expect(head.header("content-length") == "5")
        #expect(try client.get("/f").text == "12345")
    }

    @Test func waitForRequestsSeesArrivals() throws {
        let server = try HTTPTestServer()
        defer { server.stop() }
        #expect(!server.waitForRequests(1, timeout: .milliseconds(50)))
        let client = try RawHTTPClient(port: server.port)
        _ = try client.get("/x")
        #expect(server.waitForRequests(1, path: "/x", timeout: .seconds(5)))
        server.clearRequests()
        #expect(server.requests.isEmpty)
    }
}
