/// GitHub `GET /search/issues` output, as far as Earshot reads it.
struct GitHubSearchPage: Decodable, Sendable {
    var totalCount: Int?
    var items: [GitHubIssue]

    enum CodingKeys: String, CodingKey {
        case items
        case totalCount = "total_count"
    }
}

/// An issue or pull request.
struct GitHubIssue: Decodable, Sendable {
    struct User: Decodable, Sendable {
        var login: String
    }

    var id: Int
    var number: Int?
    var title: String?
    var body: String?
    var htmlURL: String?
    var user: User?
    var createdAt: String?

    enum CodingKeys: String, CodingKey {
        case id, number, title, body, user
        case htmlURL = "html_url"
        case createdAt = "created_at"
    }
}

/// One event of `GET /repos/{owner}/{repo}/events`.
struct GitHubEvent: Decodable, Sendable {
    struct Actor: Decodable, Sendable {
        var login: String
    }

    struct Payload: Decodable, Sendable {
        var action: String?
        var issue: GitHubIssue?
        var comment: Comment?
        var pullRequest: GitHubIssue?
        var release: Release?

        enum CodingKeys: String, CodingKey {
            case action, issue, comment, release
            case pullRequest = "pull_request"
        }
    }

    struct Comment: Decodable, Sendable {
        var body: String?
        var htmlURL: String?
        var user: GitHubIssue.User?

        enum CodingKeys: String, CodingKey {
            case body, user
            case htmlURL = "html_url"
        }
    }

    struct Release: Decodable, Sendable {
        var name: String?
        var tagName: String?
        var body: String?
        var htmlURL: String?

        enum CodingKeys: String, CodingKey {
            case name, body
            case tagName = "tag_name"
            case htmlURL = "html_url"
        }
    }

    var id: String
    var type: String?
    var actor: Actor?
    var payload: Payload?
    var createdAt: String?

    enum CodingKeys: String, CodingKey {
        case id, type, actor, payload
        case createdAt = "created_at"
    }
}
