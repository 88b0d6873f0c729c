import Foundation
import Social
import TestSupport
import Testing

/// Hacker News (Algolia), Lobsters and GitHub against loopback servers.
@Suite struct ForumAdapterTests {
    static func hit(_ id: Int, at time: Int) -> [String: Any] {
        ["objectID": String(id), "created_at_i": time, "author": "pat", "title": "Acme \(id)", "_tags": ["story"]]
    }

    @Test func hackerNewsPagesTheBacklogAndFiltersByTimeAfterwards() async throws {
        let api = try APIServer()
        api.server.route("/api/v1/search_by_date") { request in
            let query = APIServer.query(request)
            if query["numericFilters"] != nil {
                return .json(["hits": [Self.hit(9, at: 1_900)], "page": 0, "nbPages": 1])
            }
            let page = Int(query["page"] ?? "0") ?? 0
            return .json(["hits": [Self.hit(8 - page, at: 1_800 - page)], "page": page, "nbPages": 5])
        }
        let source = api.source("hackernews", options: ["query": "acme"], backlogPages: 2)
        let first = await api.poll(HackerNewsAdapter(), source)
        #expect(first.posts.map(\.id) == ["8", "7"])
        #expect(first.cursor == "1800")
        #expect(
            APIServer.query(api.server.requests[0]) == [
                "query": "acme", "tags": "(story,comment)", "hitsPerPage": "100", "page": "0",
            ])
        #expect(APIServer.query(api.server.requests[1])["page"] == "1")
        api.server.clearRequests()
        let second = await api.poll(HackerNewsAdapter(), source, after: first)
        #expect(second.posts.map(\.id) == ["9"])
        #expect(second.cursor == "1900")
        #expect(api.server.requests.count == 1)
        #expect(APIServer.query(api.server.requests[0])["numericFilters"] == "created_at_i>=1800")
    }

    static func story(_ id: String, at time: String) -> [String: Any] {
        [
            "short_id": id, "created_at": time, "title": "Acme \(id)", "description": "", "tags": ["acme"],
            "comments_url": "https://lobste.rs/s/\(id)", "submitter_user": "lea",
        ]
    }

    @Test func lobstersReadsPagesUntilItReachesWhatItHasSeen() async throws {
        let api = try APIServer()
        api.server.route(
            "/t/acme.json",
            response: .json([
                Self.story("d", at: "2026-11-21T12:00:00.000-06:00"),
                Self.story("c", at: "2026-11-21T11:00:00.000-06:00"),
            ]))
        api.server.route(
            "/t/acme/page/2.json",
            response: .json([
                Self.story("b", at: "2026-11-21T10:00:00.000-06:00"),
                Self.story("a", at: "2026-11-21T09:00:00.000-06:00"),
            ]))
        let source = api.source("lobsters", options: ["tag": "acme"])
        let first = await api.poll(LobstersAdapter(), source)
        #expect(first.posts.map(\.id) == ["d", "c"])
        #expect(first.cursor == "2026-11-21T12:00:00.000-06:00")
        #expect(api.server.requests.map(\.path) == ["/t/acme.json"])
        // Five new stories: page 1 is all new, page 2 reaches the seen one and stops.
        api.server.route(
            "/t/acme.json",
            response: .json([
                Self.story("h", at: "2026-11-21T16:00:00.000-06:00"),
                Self.story("g", at: "2026-11-21T15:00:00.000-06:00"),
            ]))
        api.server.route(
            "/t/acme/page/2.json",
            response: .json([
                Self.story("f", at: "2026-11-21T14:00:00.000-06:00"),
                Self.story("d", at: "2026-11-21T12:00:00.000-06:00"),
                Self.story("c", at: "2026-11-21T11:00:00.000-06:00"),
            ]))
        api.server.clearRequests()
        let second = await api.poll(LobstersAdapter(), source, after: first)
        #expect(second.posts.map(\.id) == ["h", "g", "f", "d"])
        #expect(second.cursor == "2026-11-21T16:00:00.000-06:00")
        #expect(api.server.requests.map(\.path) == ["/t/acme.json", "/t/acme/page/2.json"])
        #expect(second.posts.first?.text == "#acme")
    }

    static func issue(_ n: Int, at time: String) -> [String: Any] {
        [
            "id": n, "number": n, "title": "Acme \(n)", "body": "b",
            "html_url": "https://github.com/acme/cli/issues/\(n)",
            "user": ["login": "octocat"], "created_at": time,
        ]
    }

    @Test func gitHubSearchUsesCreatedAfterTheCursorAndTheToken() async throws {
        let api = try APIServer()
        api.server.route("/search/issues") { request in
            let query = APIServer.query(request)
            let items =
                query["q"]!.contains("created:>")
                ? [Self.issue(3, at: "2026-11-21T12:00:00Z")]
                : [Self.issue(2, at: "2026-11-21T11:00:00Z"), Self.issue(1, at: "2026-11-21T10:00:00Z")]
            return .json(
                ["total_count": items.count, "incomplete_results": false, "items": items],
                headers: [
                    ("X-RateLimit-Limit", "30"), ("X-RateLimit-Remaining", "29"), ("X-RateLimit-Reset", "1800000060"),
                ])
        }
        let source = api.source(
            "github", options: ["query": "acme in:title"], secret: try api.secret("gh", "ghp_secret"))
        let first = await api.poll(GitHubAdapter(), source)
        #expect(
            first.posts.map(\.id) == ["https://github.com/acme/cli/issues/2", "https://github.com/acme/cli/issues/1"])
        #expect(first.cursor == "search=2026-11-21T11%3A00%3A00Z")
        let request = try #require(api.server.requests.first)
        #expect(request.header("Authorization") == "Bearer ghp_secret")
        #expect(request.header("Accept") == "application/vnd.github+json")
        #expect(request.header("X-GitHub-Api-Version") == "2022-11-28")
        #expect(
            APIServer.query(request) == [
                "q": "acme in:title", "sort": "created", "order": "desc", "per_page": "50", "page": "1",
            ])
        api.server.clearRequests()
        let second = await api.poll(GitHubAdapter(), source, after: first)
        #expect(second.posts.map(\.title) == ["Acme 3"])
        #expect(APIServer.query(api.server.requests[0])["q"] == "acme in:title created:>2026-11-21T11:00:00Z")
        #expect(APIServer.query(api.server.requests[0])["order"] == "asc")
    }

    @Test func gitHubEventsUseTheETagAndThePollInterval() async throws {
        let api = try APIServer()
        let body = try Fixtures.string("Social/github-events.json")
        api.server.route("/repos/acme/cli/events") { request in
            if request.header("If-None-Match") == "\"ev1\"" {
                return HTTPTestResponse(status: 304, headers: [("X-Poll-Interval", "60")])
            }
            return .ok(
                body: body, contentType: "application/json", headers: [("ETag", "\"ev1\""), ("X-Poll-Interval", "60")])
        }
        let source = api.source("github", options: ["repository": "acme/cli"])
        let now = Date()
        let first = await api.poll(GitHubAdapter(), source, now: now)
        #expect(first.posts.map(\.id) == ["event-30000000003", "event-30000000001"])
        #expect(first.etag == "\"ev1\"")
        #expect(first.cursor == "events=30000000003")
        #expect(first.rateLimit?.wait(now: now) == 60)
        #expect(api.server.requests[0].header("If-None-Match") == nil)
        let second = await api.poll(GitHubAdapter(), source, after: first, now: now)
        #expect(second.notModified && second.posts.isEmpty && second.error == nil)
        #expect(second.cursor == first.cursor)
        #expect(api.server.requests[1].header("If-None-Match") == "\"ev1\"")
    }

    @Test func gitHubForbiddenWithNoRequestsLeftIsARateLimit() async throws {
        let api = try APIServer()
        api.server.route(
            "/search/issues",
            response: HTTPTestResponse(
                status: 403, headers: [("X-RateLimit-Remaining", "0"), ("X-RateLimit-Reset", "1800000900")]))
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        let result = await api.poll(GitHubAdapter(), api.source("github", options: ["query": "acme"]), now: now)
        #expect(result.error?.kind == .rateLimited)
        #expect(result.rateLimit?.wait(now: now) == 900)
    }
}

/// Failures that are not the API's fault or not about auth: HTTP errors, unreachable servers.
@Suite struct AdapterFailureTests {
    @Test func anHTTPErrorKeepsTheCursorAndNamesTheURLAndStatus() async throws {
        let api = try APIServer()
        api.server.route("/newest.json", response: .status(500))
        var previous = AdapterResult(
            keeping: AdapterContext(source: api.source("lobsters", options: [:]), fetch: { _ in fatalError() }))
        previous.cursor = "2026-11-21T12:00:00.000-06:00"
        let result = await api.poll(LobstersAdapter(), api.source("lobsters", options: [:]), after: previous)
        #expect(result.error == AdapterError(.http, "\(api.server.baseURL)/newest.json: HTTP 500", status: 500))
        #expect(result.cursor == previous.cursor)
        #expect(result.status == 500 && result.requests == 1)
    }

    @Test func aSecondaryRateLimitIsARateLimit() async throws {
        let api = try APIServer()
        api.server.route("/search/issues", response: HTTPTestResponse(status: 403).header("Retry-After", "120"))
        let now = Date()
        let result = await api.poll(GitHubAdapter(), api.source("github", options: ["query": "acme"]), now: now)
        #expect(result.error?.kind == .rateLimited)
        #expect(result.rateLimit?.wait(now: now) == 120)
    }

    @Test func anUnreachableServerIsATransportError() async throws {
        let api = try APIServer()
        let closed = try HTTPTestServer()
        let url = closed.baseURL
        closed.stop()
        let source = SocialSource(id: "hn", kind: "hackernews", baseURL: url, options: ["query": "acme"])
        let result = await HackerNewsAdapter().poll(AdapterContext(source: source, engine: api.engine))
        #expect(result.error?.kind == .transport)
        #expect(result.error?.message.hasPrefix(url + "/api/v1/search_by_date?") == true)
        #expect(result.posts.isEmpty && result.cursor == nil)
    }

    @Test func aMissingCredentialFileIsReportedWithoutARequest() async throws {
        let api = try APIServer()
        let source = api.source(
            "bluesky", options: ["query": "acme", "handle": "me"], secret: .file(api.folder.path("nope")))
        let result = await api.poll(BlueskyAdapter(), source)
        #expect(result.error?.kind == .credentials)
        #expect(result.error?.message == "cannot read credential file \(api.folder.path("nope"))")
        #expect(api.server.requests.isEmpty)
        let unset = await BlueskyAdapter().poll(
            AdapterContext(
                source: api.source("bluesky", options: ["query": "a", "handle": "me"], secret: .credential("pw")),
                engine: api.engine, credentials: CredentialReader(credentialsDirectory: nil)))
        #expect(unset.error?.message == "credential \"pw\" needs $CREDENTIALS_DIRECTORY, which is not set")
    }
}
