import EarshotCore
import Foundation
import Testing

@testable import Feeds

@Suite struct JSONFeedTests {
    @Test func jsonFeed11() throws {
        let feed = try Fixture.feed("jsonfeed-1.1.json")
        #expect(feed.format == .jsonFeed)
        #expect(feed.title == "JSON Feed")
        #expect(feed.link == "https://json.example/")
        #expect(feed.posts.count == 3)
        #expect(feed.skipped == ["item 3: no title or text"])

        let first = feed.posts[0]
        #expect(first.id == "1")
        #expect(first.url == "https://json.example/posts/1")  // relative to feed_url
        #expect(first.title == "Hello & welcome")
        #expect(first.text == "Hi there…")  // content_html preferred over content_text
        #expect(first.author == "Poster")  // first of `authors` with a name
        #expect(first.lang == "es")
        #expect(first.published == FeedDate.parse("2026-11-22T01:02:03Z"))

        let second = feed.posts[1]
        #expect(second.text == "Just text lines")
        #expect(second.author == "Feed Person")  // feed-level authors
        #expect(second.lang == "en")  // feed-level language
        #expect(second.published == FeedDate.parse("2026-11-20T22:00:00Z"))  // date_modified fallback

        let third = feed.posts[2]
        #expect(third.id == "https://json.example/posts/4")  // no id: the url
    }

    @Test func jsonFeed10() throws {
        let feed = try Fixture.feed("jsonfeed-1.0.json")
        let post = try #require(feed.posts.first)
        #expect(post.id == "42")  // numeric id
        #expect(post.author == "Solo")  // 1.0 `author` object
        #expect(post.text == "Sum")  // summary when there is no content
        #expect(post.published == FeedDate.parse("2017-05-17T15:02:12Z"))
    }

    @Test func jsonWithByteOrderMark() throws {
        let body = [0xEF, 0xBB, 0xBF] + (try Fixture.bytes("jsonfeed-1.0.json"))
        #expect(try FeedParser().parse(body, source: "s", url: "https://x.example/").posts.count == 1)
    }

    @Test func jsonThatIsNotAFeed() {
        #expect(throws: FeedError.self) {
            try FeedParser().parse(Array(#"{"hello": 1}"#.utf8), source: "s", url: "https://x.example/")
        }
        #expect(throws: FeedError.self) {
            try FeedParser().parse(Array("{broken".utf8), source: "s", url: "https://x.example/")
        }
    }
}
