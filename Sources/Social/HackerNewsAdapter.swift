import EarshotCore
import Feeds
import Foundation

/// `kind = "hackernews"`: Algolia's `search_by_date` (`query`, stories and comments by default, `tags` to
/// change that). The cursor is the newest `created_at_i` read; later polls ask for
/// `numericFilters=created_at_i>=cursor` (the store drops the repeats at the boundary second).
public struct HackerNewsAdapter: SourceAdapter {
    public let kind = "hackernews"
    static let pageSize = 100

    public init() {}

    public func poll(_ context: AdapterContext) async -> AdapterResult {
        await APIClient.poll(context) { client in await poll(context, &client) }
    }

    func poll(_ context: AdapterContext, _ client: inout APIClient) async -> AdapterResult {
        var result = AdapterResult(keeping: context)
        let source = context.source
        guard let query = source.option("query") else {
            result.error = AdapterError(.configuration, "a hackernews source needs `query`")
            return result
        }
        let pageLimit =
            context.cursor == nil ? source.backlogPages : source.backlogPages * SocialSource.maxForwardPagesFactor
        var newest = context.cursor.flatMap { Int($0) }
        for page in 0..<pageLimit {
            let url = QueryString.url(
                source.baseURL, "/api/v1/search_by_date",
                [
                    ("query", query), ("tags", source.option("tags") ?? "(story,comment)"),
                    ("numericFilters", context.cursor.map { "created_at_i>=\($0)" }),
                    ("hitsPerPage", String(Self.pageSize)), ("page", String(page)),
                ])
            let value: HackerNewsPage
            switch await client.json(HackerNewsPage.self, url) {
            case .failure(let error):
                result.error = error
                return result
            case .success(let page): value = page
            }
            result.posts += value.hits.map { Self.post($0, source: source.id) }
            for hit in value.hits {
                if let time = hit.createdAtI, time > (newest ?? Int.min) { newest = time }
            }
            result.cursor = newest.map(String.init)
            guard page + 1 < (value.nbPages ?? 0), !value.hits.isEmpty, client.rateLimit?.exhausted != true else {
                break
            }
        }
        return result
    }

    public func decode(_ body: [UInt8], source: String, url: String) throws(AdapterError) -> [Post] {
        try APIClient.decode(HackerNewsPage.self, body, url: url).hits.map { Self.post($0, source: source) }
    }

    /// A story (title, text) or a comment (`Re: <story title>`, comment text), linked to its item page.
    static func post(_ hit: HackerNewsHit, source: String) -> Post {
        let isComment = hit.commentText != nil || hit.tags?.contains("comment") == true
        let title = isComment ? hit.storyTitle.map { "Re: \($0)" } ?? "" : hit.title ?? ""
        let text = (isComment ? hit.commentText : hit.storyText) ?? ""
        return Post(
            source: source, id: hit.objectID, url: "https://news.ycombinator.com/item?id=\(hit.objectID)",
            title: HTMLText.string(Array(title.utf8), mode: .html),
            text: HTMLText.string(Array(text.utf8), mode: .html),
            author: hit.author,
            published: hit.createdAtI.map { Date(timeIntervalSince1970: TimeInterval($0)) }
                ?? hit.createdAt.flatMap(FeedDate.parse))
    }
}
