import Foundation
import Social
import TestSupport
import Testing

/// Bluesky sessions (create, refresh when expired, give up after one renewal) and `searchPosts` paging.
@Suite struct BlueskyAdapterTests {
    static func post(_ rkey: String, at time: String) -> [String: Any] {
        [
            "uri": "at://did:plc:a/app.bsky.feed.post/\(rkey)", "cid": "c",
            "author": ["did": "did:plc:a", "handle": "alice.bsky.social"],
            "record": ["text": "Acme \(rkey)", "createdAt": time, "langs": ["en"]], "indexedAt": time,
        ]
    }

    static func session(_ n: Int) -> HTTPTestResponse {
        .json(["accessJwt": "access\(n)", "refreshJwt": "refresh\(n)", "handle": "me.bsky.social", "did": "did:plc:me"])
    }

    /// A PDS whose valid access tokens are in `valid`; `refreshWorks` decides refreshSession.
    static func serve(_ api: APIServer, valid: Set<String>, refreshWorks: Bool, passwordWorks: Bool = true) {
        api.server.route("/xrpc/com.atproto.server.createSession") { request in
            passwordWorks && request.bodyText.contains("\"password\":\"app-pass\"")
                ? session(1)
                : HTTPTestResponse(status: 401, body: Array(#"{"error":"AuthenticationRequired"}"#.utf8))
        }
        api.server.route("/xrpc/com.atproto.server.refreshSession") { request in
            refreshWorks && request.header("Authorization") == "Bearer refresh1"
                ? session(2) : HTTPTestResponse(status: 400, body: Array(#"{"error":"ExpiredToken"}"#.utf8))
        }
        api.server.route("/xrpc/app.bsky.feed.searchPosts") { request in
            let token = request.header("Authorization")?.replacingOccurrences(of: "Bearer ", with: "") ?? ""
            guard valid.contains(token) else {
                return HTTPTestResponse(
                    status: 400, body: Array(#"{"error":"ExpiredToken","message":"Token has expired"}"#.utf8))
            }
            let query = APIServer.query(request)
            if query["cursor"] == "page2" {
                return .json(["posts": [post("p1", at: "2026-11-21T09:00:00.000Z")]])
            }
            if query["since"] != nil {
                return .json(["posts": [post("p4", at: "2026-11-21T11:00:00.000Z")]])
            }
            return .json([
                "cursor": "page2",
                "posts": [post("p3", at: "2026-11-21T10:30:00.000Z"), post("p2", at: "2026-11-21T10:00:00.000Z")],
            ])
        }
    }

    func source(_ api: APIServer, pages: Int = 2) throws -> SocialSource {
        api.source(
            "bluesky", options: ["query": "acme", "handle": "me.bsky.social"], backlogPages: pages,
            secret: try api.secret("bsky-password", "app-pass"))
    }

    @Test func createsASessionReadsTheBacklogAndAsksOnlyForNewerPostsNext() async throws {
        let api = try APIServer()
        Self.serve(api, valid: ["access1"], refreshWorks: true)
        let source = try source(api)
        let first = await api.poll(BlueskyAdapter(), source)
        #expect(first.error == nil)
        #expect(first.posts.map(\.id).map { $0.split(separator: "/").last! } == ["p3", "p2", "p1"])
        #expect(first.token?.access == "access1" && first.token?.refresh == "refresh1")
        #expect(first.cursor == "2026-11-21T10:30:00.000Z")
        let requests = api.server.requests
        #expect(
            requests.map(\.pathWithoutQuery) == [
                "/xrpc/com.atproto.server.createSession", "/xrpc/app.bsky.feed.searchPosts",
                "/xrpc/app.bsky.feed.searchPosts",
            ])
        #expect(requests[0].method == "POST")
        let body = try JSONSerialization.jsonObject(with: Data(requests[0].body)) as? [String: String]
        #expect(body == ["identifier": "me.bsky.social", "password": "app-pass"])
        #expect(APIServer.query(requests[1]) == ["q": "acme", "sort": "latest", "limit": "25"])
        #expect(APIServer.query(requests[2])["cursor"] == "page2")
        #expect(requests[1].header("Authorization") == "Bearer access1")

        api.server.clearRequests()
        let second = await api.poll(BlueskyAdapter(), source, after: first)
        #expect(second.posts.map(\.text) == ["Acme p4"])
        #expect(second.cursor == "2026-11-21T11:00:00.000Z")
        #expect(api.server.requests.count == 1)
        #expect(APIServer.query(api.server.requests[0])["since"] == "2026-11-21T10:30:00.000Z")
    }

    @Test func anExpiredSessionIsRefreshedOnce() async throws {
        let api = try APIServer()
        Self.serve(api, valid: ["access1"], refreshWorks: true)
        let first = await api.poll(BlueskyAdapter(), try source(api, pages: 1))
        // The PDS now only takes the refreshed token.
        Self.serve(api, valid: ["access2"], refreshWorks: true)
        api.server.clearRequests()
        let second = await api.poll(BlueskyAdapter(), try source(api, pages: 1), after: first)
        #expect(second.error == nil)
        #expect(second.token?.access == "access2")
        #expect(second.posts.count == 1)
        #expect(
            api.server.requests.map(\.pathWithoutQuery) == [
                "/xrpc/app.bsky.feed.searchPosts", "/xrpc/com.atproto.server.refreshSession",
                "/xrpc/app.bsky.feed.searchPosts",
            ])
        #expect(api.server.requests[1].header("Authorization") == "Bearer refresh1")
        #expect(api.server.requests[2].header("Authorization") == "Bearer access2")
    }

    @Test func aSessionThatCannotBeRenewedIsAnAuthError() async throws {
        let api = try APIServer()
        Self.serve(api, valid: ["access1"], refreshWorks: true)
        let first = await api.poll(BlueskyAdapter(), try source(api, pages: 1))
        Self.serve(api, valid: [], refreshWorks: false, passwordWorks: false)
        api.server.clearRequests()
        let second = await api.poll(BlueskyAdapter(), try source(api, pages: 1), after: first)
        #expect(second.error?.kind == .auth)
        #expect(second.token == nil)
        #expect(second.cursor == first.cursor)
        // One search, one refresh, one new session: then it stops.
        #expect(
            api.server.requests.map(\.pathWithoutQuery) == [
                "/xrpc/app.bsky.feed.searchPosts", "/xrpc/com.atproto.server.refreshSession",
                "/xrpc/com.atproto.server.createSession",
            ])
        #expect(!(second.error?.message.contains("app-pass") ?? true))
    }
}
