import Foundation
import Social
import TestSupport
import Testing

/// Mastodon's tag timeline and search against a loopback instance (paths, `min_id` paging, bearer token).
@Suite struct MastodonAdapterTests {
    static func status(_ id: Int, _ text: String = "Acme") -> [String: Any] {
        [
            "id": String(id), "created_at": "2026-11-21T10:00:00.000Z", "content": "<p>\(text) #acme</p>",
            "url": "https://social.example/@ana/\(id)", "language": "en",
            "account": ["username": "ana", "acct": "ana", "url": "https://social.example/@ana"],
        ]
    }

    @Test func firstPollTakesTheBacklogThenPagesForwardWithMinID() async throws {
        let api = try APIServer()
        api.server.route("/api/v1/timelines/tag/acme") { request in
            let query = APIServer.query(request)
            if let minID = query["min_id"].flatMap(Int.init) {
                // 45 newer statuses exist: 40 on the first forward page, 5 on the next.
                let newer = (minID + 1)...min(minID + 40, 145)
                return .json(newer.reversed().map { Self.status($0) })
            }
            if let maxID = query["max_id"].flatMap(Int.init) {
                return .json((maxID - 40..<maxID).reversed().map { Self.status($0) })
            }
            return .json((61...100).reversed().map { Self.status($0) })
        }
        let source = api.source("mastodon", options: ["tag": "#acme"], backlogPages: 2)
        let first = await api.poll(MastodonAdapter(), source)
        #expect(first.error == nil)
        #expect(first.posts.count == 80)
        #expect(first.cursor == "100")
        #expect(first.posts.first?.text == "Acme #acme")
        var targets = api.server.requests.map(\.path)
        #expect(
            targets == ["/api/v1/timelines/tag/acme?limit=40", "/api/v1/timelines/tag/acme?limit=40&max_id=61"])

        api.server.clearRequests()
        let second = await api.poll(MastodonAdapter(), source, after: first)
        #expect(second.error == nil)
        #expect(second.posts.count == 45)
        #expect(second.cursor == "145")
        targets = api.server.requests.map(\.path)
        #expect(
            targets == [
                "/api/v1/timelines/tag/acme?limit=40&min_id=100", "/api/v1/timelines/tag/acme?limit=40&min_id=140",
            ])
        #expect(api.server.requests.allSatisfy { $0.header("Authorization") == nil })
    }

    @Test func searchSendsTheBearerTokenFromTheCredentialsDirectory() async throws {
        let api = try APIServer()
        _ = try api.secret("mastodon-token", "tok-123")
        api.server.route(
            "/api/v2/search", response: .json(["accounts": [], "statuses": [Self.status(7)], "hashtags": []]))
        let source = api.source(
            "mastodon", options: ["query": "acme cloud"], secret: .credential("mastodon-token"))
        let result = await api.poll(MastodonAdapter(), source)
        #expect(result.error == nil)
        #expect(result.posts.map(\.id) == ["7"])
        let request = try #require(api.server.requests.first)
        #expect(request.header("Authorization") == "Bearer tok-123")
        #expect(request.path == "/api/v2/search?q=acme%20cloud&type=statuses&resolve=false&limit=40")
    }

    @Test func aRateLimitedAnswerKeepsTheCursorAndSaysHowLongToWait() async throws {
        let api = try APIServer()
        api.server.route(
            "/api/v1/timelines/tag/acme",
            response: HTTPTestResponse(
                status: 429,
                headers: [
                    ("X-RateLimit-Limit", "300"), ("X-RateLimit-Remaining", "0"),
                    ("X-RateLimit-Reset", "2027-01-15T08:05:00.000Z"),
                ]))
        var previous = await api.poll(MastodonAdapter(), api.source("mastodon", options: ["tag": "acme"]))
        previous.cursor = "99"
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        let result = await api.poll(
            MastodonAdapter(), api.source("mastodon", options: ["tag": "acme"]), after: previous, now: now)
        #expect(result.error?.kind == .rateLimited)
        #expect(result.error?.status == 429)
        #expect(result.cursor == "99")
        #expect(result.rateLimit?.wait(now: now) == 300)
    }

    @Test func malformedJSONNamesTheURL() async throws {
        let api = try APIServer()
        api.server.route(
            "/api/v1/timelines/tag/acme", response: .ok(body: "[{\"id\": ", contentType: "application/json"))
        let result = await api.poll(MastodonAdapter(), api.source("mastodon", options: ["tag": "acme"]))
        #expect(result.error?.kind == .malformed)
        #expect(
            result.error?.message
                == "\(api.server.baseURL)/api/v1/timelines/tag/acme?limit=40: malformed JSON (not valid JSON)")
        #expect(result.posts.isEmpty && result.cursor == nil)
    }
}
