import Curl
import EarshotCore
import Feeds
import Foundation

/// `kind = "reddit"`: new links of a subreddit (`/r/{sub}/new.json`) or a search (`/search.json?q=...&sort=new`),
/// and with `comments = true` the subreddit's new comments (`/r/{sub}/comments.json`). With `client_id` and a
/// secret it first gets an app-only OAuth token (`client_credentials`) and sends it as a bearer token (point
/// `url` at `https://oauth.reddit.com`). Pages back with `after`: the first poll `backlog_pages` pages, later
/// polls until they reach the newest fullname read before (or, if it was deleted, an older creation time).
public struct RedditAdapter: SourceAdapter {
    public let kind = "reddit"
    static let pageSize = 100

    public init() {}

    /// The listings a source reads: cursor name and path with its fixed parameters.
    static func listings(_ source: SocialSource) -> [(name: String, path: String, parameters: [(String, String?)])] {
        var listings: [(String, String, [(String, String?)])] = []
        let sub = source.option("subreddit").map { $0.hasPrefix("r/") ? String($0.dropFirst(2)) : $0 }
        if let query = source.option("query") {
            if let sub {
                listings.append(
                    (
                        "posts", "/r/\(QueryString.segment(sub))/search.json",
                        [("q", query), ("sort", "new"), ("restrict_sr", "1")]
                    ))
            } else {
                listings.append(("posts", "/search.json", [("q", query), ("sort", "new")]))
            }
        } else if let sub {
            listings.append(("posts", "/r/\(QueryString.segment(sub))/new.json", []))
        }
        if let sub, source.option("comments") == "true" {
            listings.append(("comments", "/r/\(QueryString.segment(sub))/comments.json", []))
        }
        return listings
    }

    public func poll(_ context: AdapterContext) async -> AdapterResult {
        await APIClient.poll(context) { client in await poll(context, &client) }
    }

    func poll(_ context: AdapterContext, _ client: inout APIClient) async -> AdapterResult {
        var result = AdapterResult(keeping: context)
        let source = context.source
        let listings = Self.listings(source)
        guard !listings.isEmpty else {
            result.error = AdapterError(.configuration, "a reddit source needs `subreddit` or `query`")
            return result
        }
        let usesOAuth = source.option("client_id") != nil
        var token = usesOAuth ? context.token : nil
        if usesOAuth, token == nil || (token?.expires).map({ $0 <= context.now.addingTimeInterval(60) }) == true {
            switch await accessToken(&client, context) {
            case .failure(let error):
                result.error = error
                result.token = nil
                return result
            case .success(let fresh): token = fresh
            }
        }
        result.token = token
        var cursors = CursorSet(context.cursor)
        var renewed = false
        let pageLimit =
            context.cursor == nil ? source.backlogPages : source.backlogPages * SocialSource.maxForwardPagesFactor
        listing: for listing in listings {
            // Later polls read the newest pages with `after` until they reach the newest link or comment read
            // last time (by fullname, or by time when that one was deleted), so a removed anchor never stalls
            // the source the way `before` would.
            let stored = cursors[listing.name]
            let storedTime = cursors[listing.name + "_time"].flatMap(Double.init)
            var after: String?
            var pages = 0
            var newest: RedditListing.Thing?
            pageLoop: while pages < pageLimit {
                var parameters = listing.parameters + [("limit", String(Self.pageSize)), ("raw_json", "1")]
                if let after { parameters.append(("after", after)) }
                let url = QueryString.url(source.baseURL, listing.path, parameters)
                let page: RedditListing
                switch await client.json(RedditListing.self, url, bearer: token?.access) {
                case .failure(let error) where error.kind == .auth && usesOAuth && !renewed:
                    renewed = true
                    switch await accessToken(&client, context) {
                    case .failure(let error):
                        result.error = error
                        result.token = nil
                        break listing
                    case .success(let fresh):
                        token = fresh
                        result.token = fresh
                        continue
                    }
                case .failure(let error):
                    result.error = error
                    if error.kind == .auth { result.token = nil }
                    break listing
                case .success(let value): page = value
                }
                pages += 1
                for child in page.data.children {
                    if let stored, child.data.name == stored { break pageLoop }
                    if let storedTime, let created = child.data.createdUTC, created < storedTime { break pageLoop }
                    if newest == nil { newest = child.data }
                    result.posts.append(Self.post(child, source: source.id, base: source.baseURL))
                }
                if client.rateLimit?.exhausted == true { break }
                guard let next = page.data.after, !next.isEmpty else { break }
                after = next
            }
            if let newest {
                cursors[listing.name] = newest.name
                cursors[listing.name + "_time"] = newest.createdUTC.map { String(Int($0)) }
            }
            if client.rateLimit?.exhausted == true { break }
        }
        result.cursor = cursors.text
        return result
    }

    /// An app-only token from `client_id` and the client secret (`grant_type=client_credentials`).
    func accessToken(_ client: inout APIClient, _ context: AdapterContext) async -> Result<AuthToken, AdapterError> {
        let source = context.source
        guard let id = source.option("client_id"), let secretReference = source.secret else {
            return .failure(AdapterError(.configuration, "reddit OAuth needs `client_id` and a client secret"))
        }
        let secret: String
        do {
            secret = try context.credentials.read(secretReference)
        } catch {
            return .failure(error)
        }
        let basic = Data("\(id):\(secret)".utf8).base64EncodedString()
        let authBase = source.option("auth_url") ?? "https://www.reddit.com"
        let url = (authBase.hasSuffix("/") ? String(authBase.dropLast()) : authBase) + "/api/v1/access_token"
        let response = await client.json(
            RedditAccessToken.self, url, method: "POST", body: QueryString.form([("grant_type", "client_credentials")]),
            headers: [
                HTTPHeader(name: "Authorization", value: "Basic \(basic)"),
                HTTPHeader(name: "Content-Type", value: "application/x-www-form-urlencoded"),
            ])
        return response.map { token in
            AuthToken(access: token.accessToken, expires: token.expiresIn.map { context.now.addingTimeInterval($0) })
        }
    }

    public func decode(_ body: [UInt8], source: String, url: String) throws(AdapterError) -> [Post] {
        let base = URLComponents(string: url).flatMap { parts in
            parts.scheme.flatMap { scheme in parts.host.map { "\(scheme)://\($0)\(parts.port.map { ":\($0)" } ?? "")" }
            }
        }
        return try APIClient.decode(RedditListing.self, body, url: url).data.children.map {
            Self.post($0, source: source, base: base ?? "https://www.reddit.com")
        }
    }

    /// A link's title and self text, or a comment's body under `Re: <link title>`; the web URL from the permalink.
    static func post(_ child: RedditListing.Child, source: String, base: String) -> Post {
        let thing = child.data
        let web = base.contains("reddit.com") ? "https://www.reddit.com" : base
        let isComment = child.kind == "t1"
        let title = isComment ? thing.linkTitle.map { "Re: \($0)" } ?? "" : thing.title ?? ""
        let text = isComment ? thing.body ?? "" : thing.selftext ?? ""
        return Post(
            source: source, id: thing.name, url: thing.permalink.map { web + $0 } ?? thing.url,
            title: HTMLText.string(Array(title.utf8), mode: .plain),
            text: HTMLText.string(Array(text.utf8), mode: .plain),
            author: thing.author, published: thing.createdUTC.map(Date.init(timeIntervalSince1970:)))
    }
}
