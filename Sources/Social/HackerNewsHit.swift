/// Algolia's Hacker News `search_by_date` output, as far as Earshot reads it.
struct HackerNewsPage: Decodable, Sendable {
    var hits: [HackerNewsHit]
    var page: Int?
    var nbPages: Int?
}

/// One story or comment.
struct HackerNewsHit: Decodable, Sendable {
    var objectID: String
    var createdAt: String?
    var createdAtI: Int?
    var author: String?
    var title: String?
    var url: String?
    var storyText: String?
    var commentText: String?
    var storyTitle: String?
    var tags: [String]?

    enum CodingKeys: String, CodingKey {
        case objectID, author, title, url
        case createdAt = "created_at"
        case createdAtI = "created_at_i"
        case storyText = "story_text"
        case commentText = "comment_text"
        case storyTitle = "story_title"
        case tags = "_tags"
    }
}
