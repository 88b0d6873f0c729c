/// A Lobsters story from `/newest.json` or `/t/{tag}.json`.
struct LobstersStory: Decodable, Sendable {
    var shortID: String
    var shortIDURL: String?
    var commentsURL: String?
    var createdAt: String?
    var title: String
    var url: String?
    var description: String?
    var descriptionPlain: String?
    var submitter: String?
    var tags: [String]?

    enum CodingKeys: String, CodingKey {
        case title, url, description, tags
        case shortID = "short_id"
        case shortIDURL = "short_id_url"
        case commentsURL = "comments_url"
        case createdAt = "created_at"
        case descriptionPlain = "description_plain"
        case submitter = "submitter_user"
    }

    /// `submitter_user` is a name in the current API and an object with `username` in older versions.
    struct User: Decodable {
        var username: String
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        shortID = try container.decode(String.self, forKey: .shortID)
        shortIDURL = try container.decodeIfPresent(String.self, forKey: .shortIDURL)
        commentsURL = try container.decodeIfPresent(String.self, forKey: .commentsURL)
        createdAt = try container.decodeIfPresent(String.self, forKey: .createdAt)
        title = try container.decode(String.self, forKey: .title)
        url = try container.decodeIfPresent(String.self, forKey: .url)
        description = try container.decodeIfPresent(String.self, forKey: .description)
        descriptionPlain = try container.decodeIfPresent(String.self, forKey: .descriptionPlain)
        tags = try container.decodeIfPresent([String].self, forKey: .tags)
        if let name = try? container.decodeIfPresent(String.self, forKey: .submitter) {
            submitter = name
        } else {
            submitter = try container.decodeIfPresent(User.self, forKey: .submitter)?.username
        }
    }
}
