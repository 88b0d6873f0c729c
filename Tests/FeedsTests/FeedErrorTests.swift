import Testing

@testable import Feeds

@Suite struct FeedErrorTests {
    @Test func htmlPageIsNotAFeed() throws {
        let error = try #require(try Fixture.error("html-page.html"))
        #expect(error.message == "not a feed: HTML document")
        #expect(error.source == "test")
        #expect(error.url == "https://feeds.example/html-page.html")
        #expect(error.description == "source test (https://feeds.example/html-page.html): not a feed: HTML document")
    }

    @Test func xhtmlPageIsNotAFeed() throws {
        #expect(try Fixture.error("xhtml-page.xml")?.message == "not a feed: HTML document")
    }

    @Test func garbage() throws {
        let error = try #require(try Fixture.error("garbage.bin"))
        #expect(error.message.hasPrefix("not a feed: neither XML nor JSON (starts with \"GIF89a"))
    }

    @Test func otherXMLIsNotAFeed() throws {
        #expect(try Fixture.error("not-feed-xml.xml")?.message == "not a feed: root element <sitemap>")
    }

    @Test func emptyBody() {
        #expect(throws: FeedError.self) { try FeedParser().parse([], source: "s", url: "u") }
        #expect(throws: FeedError.self) { try FeedParser().parse(Array("  \n ".utf8), source: "s", url: "u") }
    }

    @Test func fatalErrorBeforeAnyItemHasALineNumber() throws {
        let error = try #require(try Fixture.error("malformed-early.xml"))
        #expect(error.message.hasPrefix("XML error at line 4: "))
    }

    @Test func truncatedBeforeRoot() throws {
        let error = try #require(
            throws: FeedError.self,
            performing: { try FeedParser().parse(Array("<?xml version=\"1.0\"?>\n<".utf8), source: "s", url: "u") })
        #expect(error.message.contains("line 2"))
    }

    @Test func malformedItemsAreRecoveredOrSkipped() throws {
        let feed = try Fixture.feed("malformed-items.xml")
        #expect(feed.title == "Broken")
        #expect(
            feed.posts.map(\.title) == ["First ok", "Second & unclosed bold", "Third after & error …", "Fifth"])
        #expect(feed.posts.map(\.url) == (1...5).filter { $0 != 4 }.map { "https://b.example/\($0)" })
        #expect(feed.skipped == ["item 4 (line 6): no title or text"])
    }
}
