import EarshotCore
import Feeds
import Foundation

/// `kind = "mastodon"`: the statuses of a hashtag timeline on any instance (`tag`), or of a full-text search
/// (`query`, which instances only answer with a token). Pages forward with `min_id`; the cursor is the newest
/// status id read.
public struct MastodonAdapter: SourceAdapter {
    public let kind = "mastodon"
    /// Statuses per page (the API's maximum).
    static let pageSize = 40

    public init() {}

    public func poll(_ context: AdapterContext) async -> AdapterResult {
        await APIClient.poll(context) { client in await poll(context, &client) }
    }

    func poll(_ context: AdapterContext, _ client: inout APIClient) async -> AdapterResult {
        var result = AdapterResult(keeping: context)
        let source = context.source
        var bearer: String?
        if let secret = source.secret {
            do {
                bearer = try context.credentials.read(secret)
            } catch {
                result.error = error
                return result
            }
        }
        let path: String
        var fixed: [(String, String?)] = [("limit", String(Self.pageSize))]
        if let query = source.option("query") {
            guard bearer != nil else {
                result.error = AdapterError(.configuration, "Mastodon search (`query`) needs a token")
                return result
            }
            path = "/api/v2/search"
            fixed = [("q", query), ("type", "statuses"), ("resolve", "false")] + fixed
        } else if let tag = source.option("tag") {
            let bare = tag.hasPrefix("#") ? String(tag.dropFirst()) : tag
            path = "/api/v1/timelines/tag/\(QueryString.segment(bare))"
        } else {
            result.error = AdapterError(.configuration, "a mastodon source needs `tag` or `query`")
            return result
        }
        let isSearch = path.hasPrefix("/api/v2/")
        let pageLimit =
            context.cursor == nil ? source.backlogPages : source.backlogPages * SocialSource.maxForwardPagesFactor
        var newest = context.cursor
        var oldest: String?
        for _ in 0..<pageLimit {
            var parameters = fixed
            if let cursor = context.cursor {
                parameters.append(("min_id", newest ?? cursor))
            } else if let oldest {
                parameters.append(("max_id", oldest))
            }
            let url = QueryString.url(source.baseURL, path, parameters)
            let statuses: [MastodonStatus]
            if isSearch {
                switch await client.json(MastodonSearchResults.self, url, bearer: bearer) {
                case .failure(let error):
                    result.error = error
                    return result
                case .success(let results): statuses = results.statuses
                }
            } else {
                switch await client.json([MastodonStatus].self, url, bearer: bearer) {
                case .failure(let error):
                    result.error = error
                    return result
                case .success(let page): statuses = page
                }
            }
            result.posts += statuses.map { Self.post($0, source: source.id, instance: source.baseURL) }
            let ids = statuses.map(\.id)
            if let top = SnowflakeID.max(ids), newest.map({ SnowflakeID.less($0, top) }) ?? true {
                newest = top
                result.cursor = top
            }
            oldest = SnowflakeID.min(ids)
            if statuses.count < Self.pageSize || client.rateLimit?.exhausted == true { break }
        }
        return result
    }

    public func decode(_ body: [UInt8], source: String, url: String) throws(AdapterError) -> [Post] {
        let statuses: [MastodonStatus]
        if body.first(where: { $0 > 0x20 }) == UInt8(ascii: "{") {
            statuses = try APIClient.decode(MastodonSearchResults.self, body, url: url).statuses
        } else {
            statuses = try APIClient.decode([MastodonStatus].self, body, url: url)
        }
        return statuses.map { Self.post($0, source: source, instance: url) }
    }

    /// The normalized post: the HTML `content` as text (hashtags stay `#tag`), the content warning as the
    /// title, the author as `user@instance`, the status language.
    static func post(_ status: MastodonStatus, source: String, instance: String) -> Post {
        var author = status.account.acct
        if !author.contains("@"), let host = URLComponents(string: status.account.url ?? instance)?.host {
            author += "@" + host
        }
        return Post(
            source: source, id: status.id, url: status.url ?? status.uri,
            title: HTMLText.string(Array((status.spoilerText ?? "").utf8), mode: .html),
            text: HTMLText.string(Array(status.content.utf8), mode: .html), author: author,
            published: status.createdAt.flatMap(FeedDate.parse), lang: status.language)
    }
}
