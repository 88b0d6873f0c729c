/// A Reddit `Listing` of links (`t3`) or comments (`t1`), as far as Earshot reads it.
struct RedditListing: Decodable, Sendable {
    struct Data: Decodable, Sendable {
        var after: String?
        var before: String?
        var children: [Child]
    }

    struct Child: Decodable, Sendable {
        var kind: String
        var data: Thing
    }

    /// A link or a comment: the fields of both, each optional.
    struct Thing: Decodable, Sendable {
        var id: String
        var name: String
        var title: String?
        var selftext: String?
        var body: String?
        var linkTitle: String?
        var author: String?
        var subreddit: String?
        var permalink: String?
        var url: String?
        var createdUTC: Double?

        enum CodingKeys: String, CodingKey {
            case id, name, title, selftext, body, author, subreddit, permalink, url
            case linkTitle = "link_title"
            case createdUTC = "created_utc"
        }
    }

    var kind: String
    var data: Data
}

/// `POST /api/v1/access_token` output.
struct RedditAccessToken: Decodable, Sendable {
    var accessToken: String
    var expiresIn: Double?

    enum CodingKeys: String, CodingKey {
        case accessToken = "access_token"
        case expiresIn = "expires_in"
    }
}
