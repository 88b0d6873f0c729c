import Curl
import EarshotCore
import Feeds
import Foundation

/// `kind = "bluesky"`: `app.bsky.feed.searchPosts` (`q`, `sort=latest`) on a PDS or AppView, with a session from
/// `com.atproto.server.createSession` (`handle` and an app password), refreshed with `refreshSession` when it
/// expires. The cursor is the newest post time read, asked for again with `since`.
public struct BlueskyAdapter: SourceAdapter {
    public let kind = "bluesky"
    static let pageSize = 25

    public init() {}

    public func poll(_ context: AdapterContext) async -> AdapterResult {
        await APIClient.poll(context) { client in await poll(context, &client) }
    }

    func poll(_ context: AdapterContext, _ client: inout APIClient) async -> AdapterResult {
        var result = AdapterResult(keeping: context)
        let source = context.source
        guard let query = source.option("query") else {
            result.error = AdapterError(.configuration, "a bluesky source needs `query`")
            return result
        }
        var session = context.token
        if session == nil {
            switch await createSession(&client, context) {
            case .failure(let error):
                result.error = error
                result.token = nil
                return result
            case .success(let token): session = token
            }
        }
        result.token = session
        let pageLimit =
            context.cursor == nil ? source.backlogPages : source.backlogPages * SocialSource.maxForwardPagesFactor
        var pageCursor: String?
        var newest = context.cursor
        var renewed = false
        var pages = 0
        while pages < pageLimit {
            let url = QueryString.url(
                source.baseURL, "/xrpc/app.bsky.feed.searchPosts",
                [
                    ("q", query), ("sort", "latest"), ("limit", String(Self.pageSize)), ("since", context.cursor),
                    ("cursor", pageCursor),
                ])
            let page: BlueskySearchPage
            switch await client.json(BlueskySearchPage.self, url, bearer: session?.access) {
            case .failure(let error) where error.kind == .auth && !renewed:
                renewed = true
                switch await renew(&client, context, session) {
                case .failure(let error):
                    result.error = error
                    result.token = nil
                    return result
                case .success(let token):
                    session = token
                    result.token = token
                    continue
                }
            case .failure(let error):
                result.error =
                    error.kind == .auth
                    ? AdapterError(.auth, error.message + " after renewing the session", status: error.status) : error
                if error.kind == .auth { result.token = nil }
                return result
            case .success(let value): page = value
            }
            pages += 1
            result.posts += page.posts.map { Self.post($0, source: source.id) }
            for view in page.posts {
                if let time = Self.sortTime(view), newest.map({ Self.later(time, than: $0) }) ?? true {
                    newest = time
                }
            }
            guard let next = page.cursor, !next.isEmpty, !page.posts.isEmpty, client.rateLimit?.exhausted != true
            else { break }
            pageCursor = next
        }
        result.cursor = newest
        return result
    }

    /// A new session from the handle and app password.
    func createSession(_ client: inout APIClient, _ context: AdapterContext) async -> Result<AuthToken, AdapterError> {
        guard let handle = context.source.option("handle") else {
            return .failure(AdapterError(.configuration, "a bluesky source needs `handle`"))
        }
        guard let secret = context.source.secret else {
            return .failure(AdapterError(.configuration, "a bluesky source needs an app password"))
        }
        let password: String
        do {
            password = try context.credentials.read(secret)
        } catch {
            return .failure(error)
        }
        let body = try? JSONSerialization.data(withJSONObject: ["identifier": handle, "password": password])
        let url = context.source.baseURL + "/xrpc/com.atproto.server.createSession"
        return await client.json(
            BlueskySession.self, url, method: "POST", body: body.map(Array.init),
            headers: [HTTPHeader(name: "Content-Type", value: "application/json")]
        ).map { AuthToken(access: $0.accessJwt, refresh: $0.refreshJwt, account: $0.did) }
    }

    /// The session refreshed with its refresh token, or a new one when that fails.
    func renew(_ client: inout APIClient, _ context: AdapterContext, _ session: AuthToken?) async -> Result<
        AuthToken, AdapterError
    > {
        if let refresh = session?.refresh {
            let url = context.source.baseURL + "/xrpc/com.atproto.server.refreshSession"
            let refreshed = await client.json(BlueskySession.self, url, method: "POST", body: [], bearer: refresh)
            if case .success(let value) = refreshed {
                return .success(AuthToken(access: value.accessJwt, refresh: value.refreshJwt, account: value.did))
            }
            if case .failure(let error) = refreshed, error.kind != .auth { return .failure(error) }
        }
        return await createSession(&client, context)
    }

    public func decode(_ body: [UInt8], source: String, url: String) throws(AdapterError) -> [Post] {
        try APIClient.decode(BlueskySearchPage.self, body, url: url).posts.map { Self.post($0, source: source) }
    }

    /// The time search sorts by: the earlier of `createdAt` and `indexedAt`.
    static func sortTime(_ view: BlueskyPostView) -> String? {
        let times = [view.record.createdAt, view.indexedAt].compactMap { $0 }
        return times.min { (FeedDate.parse($0) ?? .distantFuture) < (FeedDate.parse($1) ?? .distantFuture) }
    }

    static func later(_ a: String, than b: String) -> Bool {
        (FeedDate.parse(a) ?? .distantPast) > (FeedDate.parse(b) ?? .distantPast)
    }

    /// `https://bsky.app/profile/{handle}/post/{rkey}` for `at://{did}/app.bsky.feed.post/{rkey}`.
    static func webURL(uri: String, handle: String) -> String? {
        guard uri.hasPrefix("at://"), let rkey = uri.split(separator: "/").last, uri.contains("/app.bsky.feed.post/")
        else { return nil }
        return "https://bsky.app/profile/\(handle)/post/\(rkey)"
    }

    static func post(_ view: BlueskyPostView, source: String) -> Post {
        Post(
            source: source, id: view.uri, url: webURL(uri: view.uri, handle: view.author.handle), title: "",
            text: HTMLText.string(Array((view.record.text ?? "").utf8), mode: .plain), author: view.author.handle,
            published: (view.record.createdAt ?? view.indexedAt).flatMap(FeedDate.parse),
            lang: view.record.langs?.first)
    }
}
