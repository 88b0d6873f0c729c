import EarshotCore
import Foundation
import Testing

@testable import Feeds

@Suite struct AtomFeedTests {
    @Test func atomFeedMetadataWithPrefixedNamespace() throws {
        let feed = try Fixture.feed("atom.xml")
        #expect(feed.format == .atom)
        #expect(feed.title == "Atom News")  // type="html"
        #expect(feed.link == "https://atom.example/news/index.html")  // xml:base on the root
        #expect(feed.posts.count == 3)
        #expect(feed.ttl == nil)
    }

    @Test func atomEntryContentLinksDatesAuthor() throws {
        let post = try Fixture.feed("atom.xml").posts[0]
        #expect(post.title == "Plain <title> & text")  // type="text" keeps markup-looking text literally
        #expect(post.text == "HTML & content")  // content beats summary
        #expect(post.url == "https://atom.example/news/2026/first")  // rel=alternate, not the enclosure
        #expect(post.id == "urn:entry:1")
        #expect(post.author == "Entry Author")
        // published beats updated; fraction and offset kept.
        let published = try #require(post.published)
        #expect(abs(published.timeIntervalSince1970 - 1_795_282_496.789) < 0.000_1)
        #expect(post.lang == "en")
    }

    @Test func atomXHTMLAndNestedXMLBase() throws {
        let post = try Fixture.feed("atom.xml").posts[1]
        #expect(post.title == "X bold 1 < 2")
        #expect(post.text == "Para one Para two & more")
        #expect(post.url == "https://atom.example/other/second")  // entry xml:base="/other/" over the feed's
        #expect(post.lang == "pt-BR")
        #expect(post.author == "Feed Author")  // inherited from the feed
        #expect(post.published == FeedDate.parse("2026-11-20T05:06:07Z"))  // only <updated>
    }

    @Test func atomTextSummaryWithoutLinkOrId() throws {
        let post = try Fixture.feed("atom.xml").posts[2]
        #expect(post.text == "A <tag> stays literal")
        #expect(post.url == nil)
        #expect(post.published == nil)
        #expect(post.id == PostIdentity.hash(title: "Text only", text: "A <tag> stays literal"))
    }

    @Test func atom03() throws {
        let feed = try Fixture.feed("atom03.xml")
        #expect(feed.format == .atom)
        #expect(feed.title == "Atom 0.3 feed")
        #expect(feed.link == "https://old-atom.example/")
        let post = try #require(feed.posts.first)
        #expect(post.title == "Old entry")
        #expect(post.text == "Escaped body")  // mode="escaped" type="text/html"
        #expect(post.id == "tag:old-atom.example,2005:1")
        #expect(post.author == "Old Timer")
        #expect(post.published == FeedDate.parse("2005-06-01T10:00:00Z"))  // issued beats modified
    }
}
