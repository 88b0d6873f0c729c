import Foundation
import Testing

@testable import Feeds

@Suite struct FeedDateTests {
    /// Each item of `rss-dates.xml` has its expected UTC time (or `none`) as title and a variant as `pubDate`.
    @Test func rssDateVariantsFromFixture() throws {
        let feed = try Fixture.feed("rss-dates.xml")
        #expect(feed.posts.count == 28)
        for post in feed.posts {
            if post.title == "none" {
                #expect(post.published == nil, "\(post.text)")
            } else {
                let expected = try #require(FeedDate.parse(post.title))
                #expect(post.published == expected, "\(post.text)")
            }
        }
    }

    @Test func arithmeticMatchesKnownInstants() {
        #expect(FeedDate.parse("1970-01-01T00:00:00Z") == Date(timeIntervalSince1970: 0))
        #expect(FeedDate.parse("2000-02-29T12:00:00Z") == Date(timeIntervalSince1970: 951_825_600))
        #expect(FeedDate.parse("Sun, 22 Nov 2026 01:02:03 GMT") == Date(timeIntervalSince1970: 1_795_309_323))
        #expect(FeedDate.parse("1969-12-31T23:59:59Z") == Date(timeIntervalSince1970: -1))
    }

    @Test(arguments: [
        "2026-13-01T00:00:00Z", "2026-11-22T25:00:00Z", "2026-11-22T01:02:03+9", "Sun, 22 Foo 2026 01:02:03 GMT",
        "22 Nov", "2026-", "   ",
    ])
    func unparseableIsNil(_ text: String) {
        #expect(FeedDate.parse(text) == nil)
    }

    @Test func fractionalSecondsKept() throws {
        let date = try #require(FeedDate.parse("2026-11-22T01:02:03.5Z"))
        #expect(date.timeIntervalSince1970 == 1_795_309_323.5)
    }
}
