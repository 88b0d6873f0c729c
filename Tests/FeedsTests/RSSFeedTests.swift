import EarshotCore
import Foundation
import Testing

@testable import Feeds

@Suite struct RSSFeedTests {
    @Test func rss2ChannelMetadata() throws {
        let feed = try Fixture.feed("rss2.xml")
        #expect(feed.format == .rss)
        #expect(feed.title == "Vendor & Co. Blog")  // not the <image><title>
        #expect(feed.link == "https://vendor.example/blog/")
        #expect(feed.ttl == .seconds(3600))
        #expect(feed.skipHours == [0, 1])
        #expect(feed.skipDays == [1, 7])
        #expect(feed.posts.count == 4)
        #expect(feed.skipped.isEmpty)
        #expect(feed.posts.allSatisfy { $0.source == "test" })
    }

    @Test func rss2ContentEncodedWinsAndHTMLBecomesText() throws {
        let post = try Fixture.feed("rss2.xml").posts[0]
        // content:encoded (bound to prefix "body") beats description; script/style dropped; <br> and <p> are spaces.
        #expect(post.text == "We shipped it. Read more… Thanks & bye — ☃")
        // Undeclared HTML entities directly in the XML are kept.
        #expect(post.title == "Launch day … it’s here — finally")
        #expect(post.id == "tag:vendor.example,2026:1")
        // Relative link resolved against the feed URL.
        #expect(post.url == "https://feeds.example/blog/launch")
        // dc:creator bound to an unusual prefix.
        #expect(post.author == "Jane Doe")
        #expect(post.published == Date(timeIntervalSince1970: 1_795_309_323))
        // xml:lang on <channel> is inherited.
        #expect(post.lang == "en-GB")
    }

    @Test func rss2AtomLinkAuthorAndDublinCore() throws {
        let post = try Fixture.feed("rss2.xml").posts[1]
        #expect(post.title == "Second & styled post")
        #expect(post.text == "Escaped HTML one two")
        #expect(post.url == "https://vendor.example/blog/second")  // atom:link inside RSS
        #expect(post.id == "https://vendor.example/blog/second")  // no guid: the link
        #expect(post.author == "Jim Smith")  // "jim@vendor.example (Jim Smith)"
        #expect(post.lang == "de")  // dc:language beats the channel's xml:lang
        #expect(post.published == FeedDate.parse("2026-11-21T09:00:00Z"))  // dc:date with +01:00
    }

    @Test func rss2MediaDescriptionAndPermalinkGuid() throws {
        let post = try Fixture.feed("rss2.xml").posts[2]
        #expect(post.text == "A video about widgets")  // media:description inside media:group
        #expect(post.url == "https://vendor.example/blog/media")  // guid is a permalink by default
        #expect(post.published == FeedDate.parse("2026-11-21T14:05:00Z"))  // "21 Nov 26 9:05 EST"
    }

    @Test func rss2HashIdentityWhenNoGuidOrLink() throws {
        let post = try Fixture.feed("rss2.xml").posts[3]
        #expect(post.title == "")
        #expect(post.text == "No title but text, no link, no guid")
        #expect(post.url == nil)
        #expect(post.published == nil)  // "not a date" is nil, not an error
        #expect(post.id == PostIdentity.hash(title: "", text: "No title but text, no link, no guid"))
        #expect(post.id.count == 16)
        // Stable across polls.
        #expect(try Fixture.feed("rss2.xml").posts[3].id == post.id)
    }

    @Test func rss091WithNetscapeDoctypeAndHTMLEntities() throws {
        let feed = try Fixture.feed("rss091.xml")
        #expect(feed.format == .rss)
        #expect(feed.posts.count == 1)
        #expect(feed.posts[0].title == "Café © news ™")
        #expect(feed.posts[0].text == "Café crème ♥ ½")
        #expect(feed.posts[0].lang == "fr")  // channel <language>
    }

    @Test func rdfItemsAreSiblingsOfChannel() throws {
        let feed = try Fixture.feed("rdf.xml")
        #expect(feed.format == .rdf)
        #expect(feed.title == "RDF Site")
        #expect(feed.posts.map(\.title) == ["RDF item A", "RDF item B"])
        let a = feed.posts[0]
        #expect(a.id == "https://rdf.example/a")  // rdf:about
        #expect(a.text == "About A")
        #expect(a.author == "Ann")
        #expect(a.lang == "en-US")  // channel dc:language
        #expect(a.published == FeedDate.parse("2026-11-20T08:30:00Z"))
        #expect(feed.posts[1].published == FeedDate.parse("2026-11-20T00:00:00Z"))  // date-only dc:date
    }

    @Test func formatComesFromContentNotURL() throws {
        let rss = try Fixture.bytes("rss2.xml")
        let feed = try FeedParser().parse(rss, source: "s", url: "https://x.example/feed.json")
        #expect(feed.format == .rss)
        let json = try Fixture.bytes("jsonfeed-1.0.json")
        #expect(try FeedParser().parse(json, source: "s", url: "https://x.example/atom.xml").format == .jsonFeed)
    }
}
