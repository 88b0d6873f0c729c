import EarshotCore
import Foundation

/// Reads JSON Feed 1.0 and 1.1 documents.
struct JSONFeedReader {
    let source: String
    let url: String

    func read(_ body: [UInt8]) throws(FeedError) -> Feed {
        let object: Any
        do {
            let hasBOM = body.count >= 3 && body[0] == 0xEF && body[1] == 0xBB && body[2] == 0xBF
            object = try JSONSerialization.jsonObject(with: Data(hasBOM ? body[3...] : body[...]), options: [])
        } catch {
            throw FeedError(
                source: source, url: url, message: "not a feed: invalid JSON (\(error.localizedDescription))")
        }
        guard let root = object as? [String: Any] else {
            throw FeedError(source: source, url: url, message: "not a feed: JSON is not an object")
        }
        guard let version = root["version"] as? String, version.hasPrefix("https://jsonfeed.org/version/") else {
            throw FeedError(source: source, url: url, message: "not a feed: JSON without a JSON Feed version")
        }
        let base = (root["feed_url"] as? String).map { LinkResolver.resolve($0, against: url) } ?? url
        let feedLanguage = nonEmpty(root["language"] as? String)
        let feedAuthor = authorName(root)
        var posts: [Post] = []
        var skipped: [String] = []
        let items = root["items"] as? [Any] ?? []
        for (index, element) in items.enumerated() {
            guard let item = element as? [String: Any] else {
                skipped.append("item \(index + 1): not an object")
                continue
            }
            let title = HTMLText.string(Array((item["title"] as? String ?? "").utf8), mode: .html)
            var text = ""
            if let html = item["content_html"] as? String {
                text = HTMLText.string(Array(html.utf8), mode: .html)
            }
            if text.isEmpty, let plain = item["content_text"] as? String {
                text = HTMLText.string(Array(plain.utf8), mode: .plain)
            }
            if text.isEmpty, let summary = item["summary"] as? String {
                text = HTMLText.string(Array(summary.utf8), mode: .plain)
            }
            if title.isEmpty && text.isEmpty {
                skipped.append("item \(index + 1): no title or text")
                continue
            }
            let link = (nonEmpty(item["url"] as? String) ?? nonEmpty(item["external_url"] as? String)).map {
                LinkResolver.resolve($0.trimmingSpaces(), against: base)
            }
            var id: String?
            if let string = item["id"] as? String {
                id = nonEmpty(string.trimmingSpaces())
            } else if let number = item["id"] as? NSNumber {
                id = number.stringValue  // JSON Feed 1.0 feeds in the wild use numbers.
            }
            let published =
                (item["date_published"] as? String).flatMap(FeedDate.parse)
                ?? (item["date_modified"] as? String).flatMap(FeedDate.parse)
            posts.append(
                Post(
                    source: source, id: id ?? link ?? PostIdentity.hash(title: title, text: text), url: link,
                    title: title, text: text, author: authorName(item) ?? feedAuthor, published: published,
                    lang: nonEmpty(item["language"] as? String) ?? feedLanguage))
        }
        return Feed(
            format: .jsonFeed,
            title: HTMLText.string(Array((root["title"] as? String ?? "").utf8), mode: .plain),
            link: nonEmpty(root["home_page_url"] as? String).map { LinkResolver.resolve($0, against: url) },
            posts: posts, ttl: nil, skipped: skipped)
    }

    /// 1.1 `authors` (first with a name), else 1.0 `author`.
    func authorName(_ object: [String: Any]) -> String? {
        if let authors = object["authors"] as? [Any] {
            for case let author as [String: Any] in authors {
                if let name = nonEmpty((author["name"] as? String)?.trimmingSpaces()) { return name }
            }
        }
        if let author = object["author"] as? [String: Any] {
            return nonEmpty((author["name"] as? String)?.trimmingSpaces())
        }
        return nil
    }

    func nonEmpty(_ s: String?) -> String? {
        guard let s, !s.isEmpty else { return nil }
        return s
    }
}
