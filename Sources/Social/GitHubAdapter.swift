import Curl
import EarshotCore
import Feeds
import Foundation

/// `kind = "github"`: issues and pull requests from `GET /search/issues` (`query`, with `created:>` the newest
/// creation time read), and/or the events of one `repository` (`GET /repos/{owner}/{repo}/events`, polled with
/// its ETag, honouring `X-Poll-Interval`). A token is optional (it raises the rate limit).
public struct GitHubAdapter: SourceAdapter {
    public let kind = "github"
    static let pageSize = 50

    public init() {}

    static let headers = [
        HTTPHeader(name: "Accept", value: "application/vnd.github+json"),
        HTTPHeader(name: "X-GitHub-Api-Version", value: "2022-11-28"),
    ]

    public func poll(_ context: AdapterContext) async -> AdapterResult {
        await APIClient.poll(context) { client in await poll(context, &client) }
    }

    func poll(_ context: AdapterContext, _ client: inout APIClient) async -> AdapterResult {
        var result = AdapterResult(keeping: context)
        let source = context.source
        guard source.option("query") != nil || source.option("repository") != nil else {
            result.error = AdapterError(.configuration, "a github source needs `query` or `repository`")
            return result
        }
        var token: String?
        if let secret = source.secret {
            do {
                token = try context.credentials.read(secret)
            } catch {
                result.error = error
                return result
            }
        }
        var cursors = CursorSet(context.cursor)
        if let query = source.option("query") {
            await search(query, &client, context, token: token, cursors: &cursors, result: &result)
        }
        if result.error == nil, let repository = source.option("repository") {
            await events(repository, &client, context, token: token, cursors: &cursors, result: &result)
        }
        result.cursor = cursors.text
        return result
    }

    /// Search: the backlog newest first; later polls oldest first from the cursor, so that a poll cut short by
    /// the page limit continues where it stopped.
    func search(
        _ query: String, _ client: inout APIClient, _ context: AdapterContext, token: String?,
        cursors: inout CursorSet, result: inout AdapterResult
    ) async {
        let source = context.source
        let since = cursors["search"]
        let pageLimit = since == nil ? source.backlogPages : source.backlogPages * SocialSource.maxForwardPagesFactor
        var newest = since.flatMap { text in FeedDate.parse(text).map { (text, $0) } }
        for page in 1...pageLimit {
            let url = QueryString.url(
                source.baseURL, "/search/issues",
                [
                    ("q", since.map { "\(query) created:>\($0)" } ?? query), ("sort", "created"),
                    ("order", since == nil ? "desc" : "asc"), ("per_page", String(Self.pageSize)),
                    ("page", String(page)),
                ])
            let value: GitHubSearchPage
            switch await client.json(GitHubSearchPage.self, url, headers: Self.headers, bearer: token) {
            case .failure(let error):
                result.error = error
                return
            case .success(let page): value = page
            }
            result.posts += value.items.map { Self.post($0, source: source.id) }
            for item in value.items {
                if let text = item.createdAt, let date = FeedDate.parse(text), date > (newest?.1 ?? .distantPast) {
                    newest = (text, date)
                }
            }
            cursors["search"] = newest?.0
            if value.items.count < Self.pageSize || client.rateLimit?.exhausted == true { break }
        }
    }

    /// Repository events since the newest event id read, with `If-None-Match`.
    func events(
        _ repository: String, _ client: inout APIClient, _ context: AdapterContext, token: String?,
        cursors: inout CursorSet, result: inout AdapterResult
    ) async {
        let source = context.source
        let url = QueryString.url(source.baseURL, "/repos/\(repository)/events", [("per_page", "100")])
        let seen = cursors["events"]
        let response: HTTPResponse
        switch await client.send(
            url, headers: Self.headers, bearer: token, etag: seen == nil ? nil : context.etag)
        {
        case .failure(let error):
            result.error = error
            return
        case .success(let value): response = value
        }
        if response.status == 304 {
            result.notModified = result.posts.isEmpty
            return
        }
        if let error = APIClient.error(for: response, rateLimit: client.rateLimit) {
            result.error = error
            return
        }
        let events: [GitHubEvent]
        do {
            events = try APIClient.decode([GitHubEvent].self, response.body, url: url)
        } catch {
            result.error = error
            return
        }
        result.etag = response.etag
        var newest = seen
        for event in events {
            if let seen, !SnowflakeID.less(seen, event.id) { continue }
            if let post = Self.post(event, source: source.id) { result.posts.append(post) }
            if newest.map({ SnowflakeID.less($0, event.id) }) ?? true { newest = event.id }
        }
        cursors["events"] = newest
    }

    public func decode(_ body: [UInt8], source: String, url: String) throws(AdapterError) -> [Post] {
        if body.first(where: { $0 > 0x20 }) == UInt8(ascii: "[") {
            return try APIClient.decode([GitHubEvent].self, body, url: url).compactMap {
                Self.post($0, source: source)
            }
        }
        return try APIClient.decode(GitHubSearchPage.self, body, url: url).items.map { Self.post($0, source: source) }
    }

    static func post(_ issue: GitHubIssue, source: String) -> Post {
        Post(
            source: source, id: issue.htmlURL ?? String(issue.id), url: issue.htmlURL,
            title: HTMLText.string(Array((issue.title ?? "").utf8), mode: .plain),
            text: HTMLText.string(Array((issue.body ?? "").utf8), mode: .plain), author: issue.user?.login,
            published: issue.createdAt.flatMap(FeedDate.parse))
    }

    /// Opened issues and pull requests, comments and releases; other events are not conversations.
    static func post(_ event: GitHubEvent, source: String) -> Post? {
        guard let payload = event.payload else { return nil }
        var title = ""
        var text = ""
        var url: String?
        switch event.type {
        case "IssuesEvent" where payload.action == "opened":
            title = payload.issue?.title ?? ""
            text = payload.issue?.body ?? ""
            url = payload.issue?.htmlURL
        case "PullRequestEvent" where payload.action == "opened":
            title = payload.pullRequest?.title ?? ""
            text = payload.pullRequest?.body ?? ""
            url = payload.pullRequest?.htmlURL
        case "IssueCommentEvent", "PullRequestReviewCommentEvent":
            title = "Re: " + (payload.issue?.title ?? payload.pullRequest?.title ?? "")
            text = payload.comment?.body ?? ""
            url = payload.comment?.htmlURL
        case "ReleaseEvent" where payload.action == "published":
            title = payload.release?.name ?? payload.release?.tagName ?? ""
            text = payload.release?.body ?? ""
            url = payload.release?.htmlURL
        default:
            return nil
        }
        return Post(
            source: source, id: "event-" + event.id, url: url,
            title: HTMLText.string(Array(title.utf8), mode: .plain),
            text: HTMLText.string(Array(text.utf8), mode: .plain),
            author: event.actor?.login, published: event.createdAt.flatMap(FeedDate.parse))
    }
}
