import Foundation
import Testing

@testable import Feeds

@Suite struct RobustnessTests {
    /// Every fixture cut at many points either parses or throws a `FeedError`: no crash, no hang.
    @Test func truncatedFixturesNeverCrash() throws {
        for name in try FileManager.default.contentsOfDirectory(atPath: Fixture.directory.path) {
            let bytes = try Fixture.bytes(name)
            for end in stride(from: 0, to: bytes.count, by: 3) {
                _ = try? FeedParser().parse(Array(bytes[..<end]), source: "s", url: "https://x.example/")
            }
        }
    }

    /// A truncated feed keeps the items before the cut, including the one cut in half.
    @Test func truncatedFeedKeepsEarlierItems() throws {
        let bytes = try Fixture.bytes("rss2.xml")
        let text = String(decoding: bytes, as: UTF8.self)
        let cut = try #require(text.range(of: "<m:group>"))
        let truncated = Array(text[..<cut.lowerBound].utf8)
        let feed = try FeedParser().parse(truncated, source: "s", url: "https://feeds.example/rss2.xml")
        #expect(feed.posts.map(\.title) == ["Launch day … it’s here — finally", "Second & styled post", "Media only"])
    }
}
