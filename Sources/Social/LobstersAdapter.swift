import EarshotCore
import Feeds
import Foundation

/// `kind = "lobsters"`: `/newest.json`, or `/t/{tag}.json` with `tag`; no authentication. The API has no "since"
/// filter, so later polls read pages until one reaches the newest story already seen (the cursor, its
/// `created_at`) and keep only stories from that time on.
public struct LobstersAdapter: SourceAdapter {
    public let kind = "lobsters"

    public init() {}

    static func path(_ source: SocialSource, page: Int) -> String {
        let base = source.option("tag").map { "/t/\(QueryString.segment($0))" } ?? "/newest"
        return page == 1 ? base + ".json" : base + "/page/\(page).json"
    }

    public func poll(_ context: AdapterContext) async -> AdapterResult {
        await APIClient.poll(context) { client in await poll(context, &client) }
    }

    func poll(_ context: AdapterContext, _ client: inout APIClient) async -> AdapterResult {
        var result = AdapterResult(keeping: context)
        let source = context.source
        let since = context.cursor.flatMap(FeedDate.parse)
        let pageLimit =
            context.cursor == nil ? source.backlogPages : source.backlogPages * SocialSource.maxForwardPagesFactor
        var newest: (text: String, date: Date)? = context.cursor.flatMap { text in since.map { (text, $0) } }
        for page in 1...pageLimit {
            let url = source.baseURL + Self.path(source, page: page)
            let stories: [LobstersStory]
            switch await client.json([LobstersStory].self, url) {
            case .failure(let error):
                result.error = error
                return result
            case .success(let value): stories = value
            }
            var reachedSeen = stories.isEmpty
            for story in stories {
                let date = story.createdAt.flatMap(FeedDate.parse)
                if let since, let date, date < since {
                    reachedSeen = true
                    continue
                }
                result.posts.append(Self.post(story, source: source.id))
                if let text = story.createdAt, let date, date > (newest?.date ?? .distantPast) { newest = (text, date) }
            }
            result.cursor = newest?.text ?? context.cursor
            if reachedSeen || since == nil && page >= source.backlogPages || client.rateLimit?.exhausted == true {
                break
            }
        }
        return result
    }

    public func decode(_ body: [UInt8], source: String, url: String) throws(AdapterError) -> [Post] {
        try APIClient.decode([LobstersStory].self, body, url: url).map { Self.post($0, source: source) }
    }

    /// The story's title, its description as text followed by its tags as hashtags, linked to its comments page.
    static func post(_ story: LobstersStory, source: String) -> Post {
        var text =
            story.description.map { HTMLText.string(Array($0.utf8), mode: .html) }
            ?? HTMLText.string(Array((story.descriptionPlain ?? "").utf8), mode: .plain)
        let tags = (story.tags ?? []).map { "#" + $0 }.joined(separator: " ")
        if !tags.isEmpty { text = text.isEmpty ? tags : text + " " + tags }
        return Post(
            source: source, id: story.shortID, url: story.commentsURL ?? story.shortIDURL ?? story.url,
            title: HTMLText.string(Array(story.title.utf8), mode: .plain), text: text, author: story.submitter,
            published: story.createdAt.flatMap(FeedDate.parse))
    }
}
