import EarshotCore
import Foundation
import Social
import TestSupport
import Testing

/// Each API's documented JSON decodes into normalized posts (pure: fixture files in, posts out).
@Suite struct DecodingTests {
    private func decode(_ kind: String, _ fixture: String) throws -> [Post] {
        let adapter = try #require(SocialAdapters.adapter(for: kind))
        return try adapter.decode(
            Fixtures.bytes("Social/\(fixture)"), source: "src", url: "https://social.example/api")
    }

    private func date(_ text: String) -> Date { ISO8601DateFormatter().date(from: text)! }

    @Test func mastodonStatusesBecomePlainTextPostsWithHandlesAndLanguage() throws {
        let posts = try decode("mastodon", "mastodon-tag.json")
        #expect(posts.count == 2)
        let first = posts[0]
        #expect(first.source == "src")
        #expect(first.id == "110000000000000002")
        #expect(first.url == "https://social.example/@ana/110000000000000002")
        #expect(first.text == "A #acme Cloud review & tips second paragraph")
        #expect(first.author == "ana@social.example")
        #expect(first.lang == "pt")
        #expect(first.title == "")
        #expect(first.published == date("2026-11-21T10:05:00Z"))
        // A remote account keeps its own instance; the content warning is the title.
        #expect(posts[1].author == "bo@other.example")
        #expect(posts[1].title == "Acme outage")
        #expect(posts[1].text == "Is #Acme down?")
        #expect(posts[1].lang == nil)
    }

    @Test func mastodonSearchResultsDecodeToo() throws {
        let posts = try decode("mastodon", "mastodon-search.json")
        #expect(posts.map(\.id) == ["110000000000000010"])
        #expect(posts[0].author == "cy@social.example")
        #expect(posts[0].lang == "en")
    }

    @Test func blueskyPostsLinkToTheWebAppAndKeepHandlesAndLanguages() throws {
        let posts = try decode("bluesky", "bluesky-search.json")
        #expect(posts.count == 2)
        #expect(posts[0].id == "at://did:plc:alice123/app.bsky.feed.post/3kabc2")
        #expect(posts[0].url == "https://bsky.app/profile/alice.bsky.social/post/3kabc2")
        #expect(posts[0].author == "alice.bsky.social")
        #expect(posts[0].text == "Trying Acme Cloud today #acme")
        #expect(posts[0].lang == "en")
        #expect(posts[0].published == date("2026-11-21T10:02:00Z"))
        #expect(posts[1].lang == nil)
        #expect(posts[1].url == "https://bsky.app/profile/bob.example.com/post/3kabc1")
    }

    @Test func redditLinksAndCommentsUseFullnamesAndPermalinks() throws {
        let links = try decode("reddit", "reddit-new.json")
        #expect(links.map(\.id) == ["t3_aaa002", "t3_aaa001"])
        #expect(links[0].title == "Acme Cloud <migration> experiences")
        #expect(links[0].text == "Has anyone moved to Acme Cloud? Prices & support?")
        #expect(links[0].author == "dev_dan")
        #expect(links[0].url == "https://social.example/r/acme/comments/aaa002/acme_cloud_migration_experiences/")
        #expect(links[0].published == Date(timeIntervalSince1970: 1_795_341_600))
        let comments = try decode("reddit", "reddit-comments.json")
        #expect(comments.map(\.id) == ["t1_ccc001"])
        #expect(comments[0].title == "Re: Acme Cloud migration experiences")
        #expect(comments[0].text == "We moved last month, #acme support was quick.")
    }

    @Test func hackerNewsStoriesAndCommentsLinkToTheirItems() throws {
        let posts = try decode("hackernews", "hackernews-search.json")
        #expect(posts.map(\.id) == ["4002", "4001"])
        #expect(posts[0].url == "https://news.ycombinator.com/item?id=4002")
        #expect(posts[0].title == "Re: Ask HN: Cloud providers in 2026?")
        #expect(posts[0].text == "I tried Acme Cloud & it was fine. Second paragraph with a link")
        #expect(posts[0].author == "pat")
        #expect(posts[0].published == Date(timeIntervalSince1970: 1_795_342_200))
        #expect(posts[1].title == "Ask HN: Cloud providers in 2026?")
        #expect(posts[1].text == "Which one do you use? Acme?")
    }

    @Test func lobstersStoriesCarryTagsAsHashtagsAndBothSubmitterShapes() throws {
        let posts = try decode("lobsters", "lobsters-newest.json")
        #expect(posts.map(\.id) == ["xyz123", "old999"])
        #expect(posts[0].title == "Acme Cloud's new storage engine")
        #expect(posts[0].text == "Write-up from the Acme team. #databases #acme")
        #expect(posts[0].url == "https://lobste.rs/s/xyz123/acme_cloud_s_new_storage_engine")
        #expect(posts[0].author == "lea")
        #expect(posts[0].published == date("2026-11-21T10:30:00Z"))
        #expect(posts[1].author == "max")
        #expect(posts[1].text == "#programming")
    }

    @Test func gitHubSearchItemsAndRepositoryEvents() throws {
        let issues = try decode("github", "github-search.json")
        #expect(issues.map(\.id) == ["https://github.com/acme/cli/issues/42", "https://github.com/acme/cli/pull/41"])
        #expect(issues[0].title == "Acme Cloud login fails")
        #expect(issues[0].text == "Steps: run `acme login` <-- fails")
        #expect(issues[0].author == "octocat")
        #expect(issues[1].text == "")
        let events = try decode("github", "github-events.json")
        // The star is not a conversation; the comment and the opened issue are.
        #expect(events.map(\.id) == ["event-30000000003", "event-30000000001"])
        #expect(events[0].title == "Re: Acme Cloud login fails")
        #expect(events[0].text == "Same here with #acme 2.1")
        #expect(events[0].url == "https://github.com/acme/cli/issues/42#issuecomment-5")
    }

    @Test(arguments: SocialAdapters.kinds)
    func malformedJSONIsAnErrorNamingTheURL(kind: String) throws {
        let adapter = try #require(SocialAdapters.adapter(for: kind))
        #expect {
            try adapter.decode(Fixtures.bytes("Social/malformed.json"), source: "s", url: "https://api.example/x")
        } throws: { error in
            guard let error = error as? AdapterError else { return false }
            return error.kind == .malformed && error.message.hasPrefix("https://api.example/x: malformed JSON")
        }
    }

    @Test func aMissingRequiredFieldIsMalformedWithItsPath() throws {
        let adapter = MastodonAdapter()
        #expect {
            try adapter.decode(Array(#"[{"id":"1","content":"x"}]"#.utf8), source: "s", url: "https://m.example/t")
        } throws: { error in
            (error as? AdapterError)?.message == "https://m.example/t: malformed JSON (missing \"account\" at [0])"
        }
    }
}
