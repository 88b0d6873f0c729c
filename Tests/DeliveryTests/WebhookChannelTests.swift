import Foundation
import TestSupport
import Testing

@testable import Delivery

@Suite struct WebhookChannelTests {
    typealias V = DeliveryTestValues
    let secret = Array("s3cret-shared".utf8)

    @Test func aReceiverVerifiesTheSignatureOverTimestampAndBody() async throws {
        let server = try HTTPTestServer()
        defer { server.stop() }
        server.route("/hook/T0/SECRETPATH", response: .status(204))
        let channel = WebhookChannel(
            id: "hook", url: server.url("/hook/T0/SECRETPATH?token=abc"), secret: secret,
            now: { Date(timeIntervalSince1970: 1_795_000_200) })
        try await channel.deliver(V.digest([V.item("1"), V.hostile], id: "abc123"))

        let request = try #require(server.requests(path: "/hook/T0/SECRETPATH").first)
        #expect(request.method == "POST")
        #expect(request.header("Content-Type") == "application/json; charset=utf-8")
        #expect(request.header("X-Earshot-Delivery") == "abc123")
        let timestamp = try #require(request.header("X-Earshot-Timestamp"))
        #expect(timestamp == "1795000200")
        let signature = try #require(request.header("X-Earshot-Signature"))
        #expect(signature.hasPrefix("sha256=") && signature.count == 7 + 64)
        // Recomputed independently of the channel: HMAC-SHA256(secret, timestamp + "." + body).
        #expect(WebhookSignature.verify(signature: signature, body: request.body, timestamp: timestamp, secret: secret))
        #expect(
            !WebhookSignature.verify(
                signature: signature, body: request.body + [0x20], timestamp: timestamp, secret: secret))
        #expect(
            !WebhookSignature.verify(signature: signature, body: request.body, timestamp: "1795000201", secret: secret))
        #expect(
            !WebhookSignature.verify(
                signature: signature, body: request.body, timestamp: timestamp, secret: Array("other".utf8)))

        let json = try #require(try JSONSerialization.jsonObject(with: Data(request.body)) as? [String: Any])
        #expect(json["delivery_id"] as? String == "abc123")
        let mentions = try #require(json["mentions"] as? [[String: Any]])
        #expect(mentions.count == 2)
        #expect(mentions.first?["url"] as? String == "https://example.com/1")
        #expect((mentions.last?["title"] as? String)?.hasPrefix("<script>") == true)
    }

    @Test func signatureMatchesAnIndependentHMAC() {
        // Computed with Python: hmac.new(b"Jefe", b'1795000200.{"a":1}', hashlib.sha256).hexdigest()
        let signature = WebhookSignature.sign(
            body: Array(#"{"a":1}"#.utf8), timestamp: "1795000200", secret: Array("Jefe".utf8))
        #expect(signature == "sha256=6059913b4957eb000eb120a913c5b697f28ec6183c1850ae5c9ff3191469370b")
    }

    @Test func statusCodesDecideBetweenRetryAndDeadLetter() async throws {
        let server = try HTTPTestServer()
        defer { server.stop() }
        server.route("/500", response: .status(500))
        server.route("/429", response: HTTPTestResponse.status(429).header("Retry-After", "120"))
        server.route("/404", response: .status(404))
        for (path, transient, retryAfter) in [("/500", true, nil), ("/429", true, 120.0), ("/404", false, nil)] {
            let failing = WebhookChannel(id: "hook", url: server.url(path), secret: secret)
            await #expect {
                try await failing.deliver(V.digest([V.item("1")]))
            } throws: { error in
                guard let error = error as? DeliveryError else { return false }
                return error.transient == transient && error.retryAfter == retryAfter
                    && error.message.contains("HTTP \(path.dropFirst())")
            }
        }
        // A refused connection is transient, and the message never shows the URL's secret path.
        let closed = try HTTPTestServer()
        let url = closed.url("/services/T000/SECRET")
        closed.stop()
        let channel = WebhookChannel(id: "hook", url: url, secret: secret)
        await #expect {
            try await channel.deliver(V.digest([V.item("1")]))
        } throws: { error in
            guard let error = error as? DeliveryError else { return false }
            return error.transient && !error.description.contains("SECRET") && error.message.contains("127.0.0.1")
        }
    }

    @Test func slackGetsBlocksWithEscapedContent() async throws {
        let server = try HTTPTestServer()
        defer { server.stop() }
        server.route("/slack", response: .ok(body: "ok", contentType: "text/plain"))
        try await SlackChannel(id: "slack", url: server.url("/slack")).deliver(
            V.digest([V.item("1"), V.hostile]))
        let request = try #require(server.requests(path: "/slack").first)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(request.body)) as? [String: Any])
        #expect(json["text"] as? String == "[Earshot] 2 mentions: brand")
        let blocks = try #require(json["blocks"] as? [[String: Any]])
        #expect(blocks.count == 3)
        #expect(blocks.first?["type"] as? String == "header")
        let first = try #require((blocks[1]["text"] as? [String: Any])?["text"] as? String)
        #expect(first.hasPrefix("*[brand]* <https://example.com/1|Acme Cloud launches>"))
        let evil = try #require((blocks[2]["text"] as? [String: Any])?["text"] as? String)
        #expect(!evil.contains("<script>") && !evil.contains("<@U123>") && !evil.contains("<javascript"))
        #expect(evil.contains("&lt;script&gt;") && evil.contains("&lt;@U123&gt;"))
    }

    @Test func teamsGetsAnAdaptiveCard() async throws {
        let server = try HTTPTestServer()
        defer { server.stop() }
        server.route("/teams", response: .status(202))
        try await TeamsChannel(id: "teams", url: server.url("/teams")).deliver(V.digest([V.item("1"), V.hostile]))
        let request = try #require(server.requests(path: "/teams").first)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(request.body)) as? [String: Any])
        #expect(json["type"] as? String == "message")
        let attachment = try #require((json["attachments"] as? [[String: Any]])?.first)
        #expect(attachment["contentType"] as? String == "application/vnd.microsoft.card.adaptive")
        let card = try #require(attachment["content"] as? [String: Any])
        #expect(card["type"] as? String == "AdaptiveCard" && card["version"] as? String == "1.4")
        let body = try #require(card["body"] as? [[String: Any]])
        #expect(body.count == 3)
        let link = (body[1]["selectAction"] as? [String: Any])?["url"] as? String
        #expect(link == "https://example.com/1")
        #expect(body[2]["selectAction"] == nil)
    }
}
