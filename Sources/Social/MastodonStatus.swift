/// A Mastodon `Status` entity, as far as Earshot reads it (`GET /api/v1/timelines/tag/:hashtag`,
/// `GET /api/v2/search`).
struct MastodonStatus: Decodable, Sendable {
    struct Account: Decodable, Sendable {
        var username: String
        var acct: String
        var displayName: String?
        var url: String?

        enum CodingKeys: String, CodingKey {
            case username, acct, url
            case displayName = "display_name"
        }
    }

    var id: String
    var createdAt: String?
    var language: String?
    var uri: String?
    var url: String?
    var content: String
    var spoilerText: String?
    var account: Account

    enum CodingKeys: String, CodingKey {
        case id, language, uri, url, content, account
        case createdAt = "created_at"
        case spoilerText = "spoiler_text"
    }
}

/// `GET /api/v2/search` results.
struct MastodonSearchResults: Decodable, Sendable {
    var statuses: [MastodonStatus]
}

/// Orders Mastodon (snowflake) ids: numeric strings compared by length, then by digits.
enum SnowflakeID {
    static func less(_ a: String, _ b: String) -> Bool {
        a.count != b.count ? a.count < b.count : a < b
    }

    static func max(_ ids: [String]) -> String? { ids.max(by: less) }
    static func min(_ ids: [String]) -> String? { ids.min(by: less) }
}
