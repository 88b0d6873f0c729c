import Foundation
import Social
import Synchronization
import TestSupport
import Testing

/// Reddit listings with app-only OAuth, `after` paging, comments, the User-Agent and rate limits.
@Suite struct RedditAdapterTests {
    /// A listing of `names` (newest first), each created a minute after the letter before it.
    static func listing(_ kind: String, _ names: [String], after: String? = nil) -> HTTPTestResponse {
        let children: [[String: Any]] = names.map { name in
            [
                "kind": kind,
                "data": [
                    "id": String(name.dropFirst(3)), "name": name, "title": "Acme \(name)", "body": "Acme \(name)",
                    "link_title": "Acme thread", "author": "u1", "permalink": "/r/acme/comments/\(name)/",
                    "created_utc": 1_795_341_600.0 + 60 * Double(name.unicodeScalars.last!.value),
                ] as [String: Any],
            ]
        }
        return .json(
            [
                "kind": "Listing",
                "data": ["after": after.map { $0 as Any } ?? NSNull(), "before": NSNull(), "children": children],
            ],
            headers: [("X-Ratelimit-Used", "4"), ("X-Ratelimit-Remaining", "596.0"), ("X-Ratelimit-Reset", "300")])
    }

    /// Serves `names` two per page (fewer than asked for, as Reddit may), following `after`.
    static func paged(_ kind: String, _ names: [String], after: String?) -> HTTPTestResponse {
        let start = after.flatMap { names.firstIndex(of: $0).map { $0 + 1 } } ?? 0
        let page = Array(names[min(start, names.count)..<min(start + 2, names.count)])
        return listing(kind, page, after: start + 2 < names.count ? page.last : nil)
    }

    /// A subreddit whose links are `links` (changeable), with an OAuth token endpoint handing out `tokens`.
    static func serve(_ api: APIServer, tokens: [String], links: SharedNames = SharedNames(["t3_c", "t3_b", "t3_a"])) {
        let issued = TokenCounter(tokens)
        api.server.route("/api/v1/access_token") { request in
            guard request.header("Authorization") == "Basic " + Data("app-id:app-secret".utf8).base64EncodedString(),
                request.bodyText == "grant_type=client_credentials"
            else { return HTTPTestResponse(status: 401) }
            return .json(["access_token": issued.next(), "token_type": "bearer", "expires_in": 86400, "scope": "*"])
        }
        api.server.route("/r/acme/new.json") { request in
            guard request.header("Authorization") == "Bearer \(tokens.last!)" else {
                return HTTPTestResponse(status: 401)
            }
            return paged("t3", links.names, after: APIServer.query(request)["after"])
        }
        api.server.route("/r/acme/comments.json") { request in
            guard request.header("Authorization") == "Bearer \(tokens.last!)" else {
                return HTTPTestResponse(status: 401)
            }
            return paged("t1", ["t1_x"], after: APIServer.query(request)["after"])
        }
    }

    static func source(_ api: APIServer) throws -> SocialSource {
        api.source(
            "reddit",
            options: ["subreddit": "acme", "comments": "true", "client_id": "app-id", "auth_url": api.server.baseURL],
            backlogPages: 2, secret: try api.secret("reddit-secret", "app-secret"),
            userAgent: "linux:earshot-test:0.1 (by /u/earshot)")
    }

    @Test func oauthBacklogThenPagesWithAfterUntilTheLastSeen() async throws {
        let api = try APIServer()
        let links = SharedNames(["t3_c", "t3_b", "t3_a"])
        Self.serve(api, tokens: ["tok1"], links: links)
        let source = try Self.source(api)
        let first = await api.poll(RedditAdapter(), source)
        #expect(first.error == nil)
        #expect(first.posts.map(\.id) == ["t3_c", "t3_b", "t3_a", "t1_x"])
        #expect(first.cursor == "comments=t1_x&comments_time=1795348800&posts=t3_c&posts_time=1795347540")
        #expect(first.token?.access == "tok1")
        let requests = api.server.requests
        #expect(
            requests.map(\.path) == [
                "/api/v1/access_token", "/r/acme/new.json?limit=100&raw_json=1",
                "/r/acme/new.json?limit=100&raw_json=1&after=t3_b", "/r/acme/comments.json?limit=100&raw_json=1",
            ])
        #expect(requests[0].method == "POST")
        #expect(requests.allSatisfy { $0.header("User-Agent") == "linux:earshot-test:0.1 (by /u/earshot)" })
        #expect(first.rateLimit?.remaining == 596)

        // Two new links: read up to the last one seen, across a page boundary.
        links.names = ["t3_e", "t3_d", "t3_c", "t3_b", "t3_a"]
        api.server.clearRequests()
        let second = await api.poll(RedditAdapter(), source, after: first)
        #expect(second.posts.map(\.id) == ["t3_e", "t3_d"])
        #expect(second.cursor?.contains("posts=t3_e") == true)
        #expect(
            api.server.requests.map(\.path) == [
                "/r/acme/new.json?limit=100&raw_json=1", "/r/acme/new.json?limit=100&raw_json=1&after=t3_d",
                "/r/acme/comments.json?limit=100&raw_json=1",
            ])

        // The last one seen was deleted: its time still tells where the new ones end.
        links.names = ["t3_g", "t3_f", "t3_d", "t3_c", "t3_b", "t3_a"]
        let third = await api.poll(RedditAdapter(), source, after: second)
        #expect(third.posts.map(\.id) == ["t3_g", "t3_f"])
    }

    @Test func aRejectedTokenIsReplacedOnceThenReported() async throws {
        let api = try APIServer()
        Self.serve(api, tokens: ["tok1"])
        let source = try Self.source(api)
        let first = await api.poll(RedditAdapter(), source)
        // The server now wants tok2, which the token endpoint hands out next.
        Self.serve(api, tokens: ["tok2"])
        api.server.clearRequests()
        let second = await api.poll(RedditAdapter(), source, after: first)
        #expect(second.error == nil)
        #expect(second.token?.access == "tok2")
        #expect(
            api.server.requests.map(\.pathWithoutQuery) == [
                "/r/acme/new.json", "/api/v1/access_token", "/r/acme/new.json", "/r/acme/comments.json",
            ])
        // A server that rejects every token: one renewal, then an auth error, cursor kept.
        api.server.route("/r/acme/new.json", response: HTTPTestResponse(status: 401))
        api.server.clearRequests()
        let third = await api.poll(RedditAdapter(), source, after: second)
        #expect(third.error?.kind == .auth)
        #expect(third.cursor == second.cursor)
        #expect(
            api.server.requests.map(\.pathWithoutQuery) == [
                "/r/acme/new.json", "/api/v1/access_token", "/r/acme/new.json",
            ])
    }

    @Test func anExpiredTokenIsReplacedBeforeTheFirstRequest() async throws {
        let api = try APIServer()
        Self.serve(api, tokens: ["tok9"])
        let source = try Self.source(api)
        var previous = AdapterResult(keeping: AdapterContext(source: source, fetch: { _ in fatalError("not used") }))
        previous.cursor = "posts=t3_c&comments=t1_x"
        previous.token = AuthToken(access: "old", expires: Date().addingTimeInterval(-10))
        let now = Date()
        let result = await api.poll(RedditAdapter(), source, after: previous, now: now)
        #expect(result.error == nil)
        #expect(result.token?.access == "tok9")
        let expires = try #require(result.token?.expires)
        #expect(abs(expires.timeIntervalSince(now) - 86_400) < 1)
        #expect(api.server.requests.first?.pathWithoutQuery == "/api/v1/access_token")
        #expect(!api.server.requests.contains { $0.header("Authorization") == "Bearer old" })
    }

    @Test func withoutCredentialsItSendsNoAuthorization() async throws {
        let api = try APIServer()
        api.server.route("/search.json", response: Self.listing("t3", ["t3_q"]))
        let result = await api.poll(RedditAdapter(), api.source("reddit", options: ["query": "acme cloud"]))
        #expect(result.posts.map(\.id) == ["t3_q"])
        let request = try #require(api.server.requests.first)
        #expect(request.header("Authorization") == nil)
        #expect(request.path == "/search.json?q=acme%20cloud&sort=new&limit=100&raw_json=1")
    }
}

/// Hands out the given tokens in order, repeating the last.
final class TokenCounter: Sendable {
    let tokens: [String]
    let index = Mutex(0)

    init(_ tokens: [String]) { self.tokens = tokens }

    func next() -> String {
        index.withLock { i in
            defer { i += 1 }
            return tokens[min(i, tokens.count - 1)]
        }
    }
}

/// A list of names a test changes while the server reads it.
final class SharedNames: Sendable {
    private let storage: Mutex<[String]>

    init(_ names: [String]) { storage = Mutex(names) }

    var names: [String] {
        get { storage.withLock { $0 } }
        set { storage.withLock { $0 = newValue } }
    }
}
