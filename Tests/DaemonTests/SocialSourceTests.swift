import Foundation
import Store
import TestSupport
import Testing

/// Social sources through the whole daemon: cursors kept across restarts, mentions delivered, rate limits and
/// errors recorded with the source.
@Suite struct SocialSourceTests {
    static func status(_ id: Int, _ html: String) -> String {
        """
        {"id":"\(id)","created_at":"2026-11-21T10:00:00.000Z","language":"en","url":"https://social.example/@ana/\(id)",
         "content":"\(html)","account":{"username":"ana","acct":"ana","url":"https://social.example/@ana"}}
        """
    }

    @Test func mastodonPostsAreMatchedAndTheCursorSurvivesARestart() async throws {
        let scenario = try Scenario()
        let server = scenario.server
        server.route("/api/v1/timelines/tag/acme") { request in
            let body =
                request.query?.contains("min_id=101") == true
                ? "[\(Self.status(102, "<p>Love <a href=\\\"x\\\">#<span>acme</span></a> support</p>"))]"
                : "[\(Self.status(101, "<p>Trying Acme Cloud today</p>")),\(Self.status(100, "<p>unrelated</p>"))]"
            return .ok(
                body: body, contentType: "application/json",
                headers: [("X-RateLimit-Remaining", "299"), ("X-RateLimit-Reset", "2030-01-01T00:00:00.000Z")])
        }
        server.route("/api/v1/search_by_date", response: HTTPTestResponse(status: 429).header("Retry-After", "3600"))
        try "sekrit-token\n".write(toFile: scenario.folder.path("mastodon.token"), atomically: true, encoding: .utf8)
        try scenario.writeConfig(
            """
            [[source]]
            id = "fedi"
            kind = "mastodon"
            url = "\(server.baseURL)"
            tag = "acme"
            token_file = "mastodon.token"

            [[source]]
            id = "hn"
            kind = "hackernews"
            url = "\(server.baseURL)"
            query = "acme"

            \(brandWatches)
            \(team())
            """)
        let started = Date()
        let first = try #require(await scenario.daemon().pollOnce()).0
        #expect(first.fetched == 1 && first.failed == 1)
        #expect(first.newPosts == 2)
        #expect(first.mentions == 1)
        let mail = scenario.messages("ana")
        #expect(mail.count == 1)
        #expect(mail.first?.contains("https://social.example/@ana/101") == true)

        let store = try Store(path: scenario.folder.path("state/earshot.sqlite"))
        var states = try store.sourceStates()
        #expect(states["fedi"]?.cursor == "101")
        #expect(states["fedi"]?.rateLimitRemaining == 299)
        #expect(states["hn"]?.lastStatus == 429)
        #expect(states["hn"]?.lastError?.contains("rate limited") == true)
        #expect((states["hn"]?.nextDue ?? .distantPast).timeIntervalSince(started) >= 3600)
        // `earshot status` shows the cursor and the last rate-limit reading of each social source.
        let (status, out, _) = try await EarshotProcess.run(
            ["status", "--config", scenario.configPath], folder: scenario.folder.path)
        #expect(status == 0)
        let lines = out.split(separator: "\n").map { $0.split(separator: " ", omittingEmptySubsequences: true) }
        #expect(
            lines.contains { $0.starts(with: ["fedi", "mastodon", "101", "299", "calls", "left,", "resets", "in"]) })
        #expect(lines.contains { $0.starts(with: ["hn", "hackernews", "none", "(the", "next", "poll"]) })

        // A new daemon (a restart) asks only for statuses after the stored cursor, with the token.
        let second = try #require(await scenario.daemon().pollOnce()).0
        #expect(second.newPosts == 1 && second.mentions == 1)
        let requests = server.requests(path: "/api/v1/timelines/tag/acme")
        #expect(
            requests.map(\.path) == [
                "/api/v1/timelines/tag/acme?limit=40", "/api/v1/timelines/tag/acme?limit=40&min_id=101",
            ])
        #expect(requests.allSatisfy { $0.header("Authorization") == "Bearer sekrit-token" })
        states = try store.sourceStates()
        #expect(states["fedi"]?.cursor == "102")
        #expect(scenario.messages("ana").count == 2)
    }

    @Test func aBlueskySessionIsKeptAcrossARestart() async throws {
        let scenario = try Scenario()
        let server = scenario.server
        server.route(
            "/xrpc/com.atproto.server.createSession",
            response: .ok(
                body: #"{"accessJwt":"acc-1","refreshJwt":"ref-1","handle":"me.bsky.social","did":"did:plc:me"}"#,
                contentType: "application/json"))
        server.route("/xrpc/app.bsky.feed.searchPosts") { request in
            guard request.header("Authorization") == "Bearer acc-1" else { return .status(401) }
            let rkey = request.query?.contains("since=") == true ? "new" : "old"
            return .ok(
                body: """
                    {"posts":[{"uri":"at://did:plc:a/app.bsky.feed.post/\(rkey)","author":{"did":"did:plc:a",
                    "handle":"alice.bsky.social"},"record":{"text":"Acme Cloud \(rkey)","createdAt":
                    "2026-11-21T10:00:00Z"},"indexedAt":"2026-11-21T10:00:01Z"}]}
                    """, contentType: "application/json")
        }
        try "app-password".write(toFile: scenario.folder.path("bsky.pw"), atomically: true, encoding: .utf8)
        try scenario.writeConfig(
            """
            [[source]]
            id = "sky"
            kind = "bluesky"
            url = "\(server.baseURL)"
            query = "acme"
            handle = "me.bsky.social"
            password_file = "bsky.pw"

            \(brandWatches)
            \(team())
            """)
        let first = try #require(await scenario.daemon().pollOnce()).0
        #expect(first.fetched == 1 && first.newPosts == 1 && first.mentions == 1)
        let second = try #require(await scenario.daemon().pollOnce()).0
        #expect(second.fetched == 1 && second.newPosts == 1)
        #expect(server.requests(path: "/xrpc/com.atproto.server.createSession").count == 1)
        let searches = server.requests(path: "/xrpc/app.bsky.feed.searchPosts")
        #expect(searches.count == 2)
        #expect(searches.last?.query?.contains("since=2026-11-21T10%3A00%3A00Z") == true)
        let state = try #require(try Store(path: scenario.folder.path("state/earshot.sqlite")).sourceStates()["sky"])
        #expect(state.cursor == "2026-11-21T10:00:00Z")
        #expect(state.authToken?.contains("acc-1") == true)
        #expect(state.authToken?.contains("app-password") == false)
    }

    @Test func aChangedTagStartsAgainAndAnAuthErrorIsRecordedWithoutTheSecret() async throws {
        let scenario = try Scenario()
        let server = scenario.server
        server.route(
            "/api/v1/timelines/tag/acme",
            response: .ok(body: "[\(Self.status(5, "acme"))]", contentType: "application/json"))
        server.route(
            "/api/v1/timelines/tag/acmecloud",
            response: .ok(body: "[\(Self.status(3, "acme"))]", contentType: "application/json"))
        server.route("/api/v2/search", response: HTTPTestResponse(status: 401))
        try "tok-do-not-log".write(toFile: scenario.folder.path("t"), atomically: true, encoding: .utf8)
        func config(_ tag: String) -> String {
            """
            [[source]]
            id = "fedi"
            kind = "mastodon"
            url = "\(server.baseURL)"
            tag = "\(tag)"

            [[source]]
            id = "search"
            kind = "mastodon"
            url = "\(server.baseURL)"
            query = "acme"
            token_file = "t"

            \(brandWatches)
            \(team())
            """
        }
        try scenario.writeConfig(config("acme"))
        _ = await scenario.daemon().pollOnce()
        try scenario.writeConfig(config("acmecloud"))
        _ = await scenario.daemon().pollOnce()
        let requests = server.requests.map(\.path).filter { $0.contains("timelines") }
        // The new tag is read from its newest page, not from the old tag's cursor.
        #expect(requests == ["/api/v1/timelines/tag/acme?limit=40", "/api/v1/timelines/tag/acmecloud?limit=40"])
        let states = try Store(path: scenario.folder.path("state/earshot.sqlite")).sourceStates()
        #expect(states["fedi"]?.cursor == "3")
        #expect(states["search"]?.consecutiveFailures == 2)
        #expect(states["search"]?.lastError?.contains("HTTP 401") == true)
        #expect(states["search"]?.lastError?.contains("tok-do-not-log") == false)
    }
}

/// `earshot parse --kind` reads API responses as well as feeds.
@Suite struct ParseKindTests {
    @Test func parseDecodesAPIResponsesOfTheGivenKind() async throws {
        let folder = try TemporaryDirectory(prefix: "earshot-parse-kind")
        defer { folder.remove() }
        let (status, out, err) = try await EarshotProcess.run(
            ["parse", "--kind", "bluesky", "--source", "sky", Fixtures.path("Social/bluesky-search.json")],
            folder: folder.path)
        #expect(status == 0, "\(err)")
        let lines = out.split(separator: "\n").map(String.init)
        #expect(lines.count == 2)
        #expect(
            lines.first
                == #"{"source":"sky","id":"at://did:plc:alice123/app.bsky.feed.post/3kabc2","url":"https://bsky.app/profile/alice.bsky.social/post/3kabc2","title":"","text":"Trying Acme Cloud today #acme","author":"alice.bsky.social","published":"2026-11-21T10:02:00Z","lang":"en"}"#
        )
        let (badStatus, _, badErr) = try await EarshotProcess.run(
            ["parse", "--kind", "github", Fixtures.path("Social/malformed.json")], folder: folder.path)
        #expect(badStatus == 1)
        #expect(badErr.contains("malformed JSON"))
        let (unknownStatus, _, unknownErr) = try await EarshotProcess.run(
            ["parse", "--kind", "myspace", Fixtures.path("Social/malformed.json")], folder: folder.path)
        #expect(unknownStatus != 0)
        #expect(unknownErr.contains("unknown kind \"myspace\""))
    }
}
