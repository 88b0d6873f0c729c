import EarshotCore
import Testing

@testable import Matching

/// Checks that matching `posts` in one call gives what matching them one at a time gives, and the full scan.
private func expectBatchAgrees(_ matcher: Matcher, _ posts: [Post], _ comment: @autoclosure () -> String = "") {
    let single = posts.flatMap { matcher.match($0) }
    #expect(matcher.match(posts) == single, "\(comment())")
    #expect(single == posts.flatMap { matcher.matchScanningAll($0) }, "\(comment())")
    #expect(matcher.countMatches(posts) == posts.reduce(0) { $0 + matcher.countMatches($1) }, "\(comment())")
    #expect(matcher.mayMention(posts) == posts.map { matcher.mayMention($0) }, "\(comment())")
}

/// Random watches without terms that have no word character (with one, posts are read one at a time).
private func keyedWatches(_ generator: inout SeededGenerator, round: Int, count: Int) -> [WatchDefinition] {
    (0..<count).map { number in
        var watch = randomWatch(&generator, id: round * count + number)
        while watch.query?.contains("c++") == true { watch = randomWatch(&generator, id: round * count + number) }
        return watch
    }
}

/// Posts read joined give each post's own mentions, in order: random watches (phrases, tags, wildcards, `raw:`,
/// proximity, fields, and watches evaluated for every post) over ASCII and mixed text, with empty fields, authors
/// and URLs.
@Test func batchesGiveEachPostsMentions() throws {
    var generator = SeededGenerator(state: 20_261_126)
    var mentions = 0
    var joined = 0
    var joinedEveryPost = 0
    for round in 0..<120 {
        var watches = keyedWatches(&generator, round: round, count: 8)
        if round % 3 == 0 { watches.append(WatchDefinition(id: "people\(round)", query: "author:bob OR url:acme")) }
        if round % 10 == 9 { watches.append(WatchDefinition(id: "unkeyed\(round)", any: ["c++"])) }
        // Watches that can hold without a term of the text, so every post is evaluated.
        if round % 4 == 1 { watches.append(WatchDefinition(id: "everyPost\(round)", query: "source:s -cloud")) }
        let matcher = try Matcher(watches: watches)
        if matcher.tables.index.automaton == nil {
            joined += 1
            if !matcher.tables.alwaysEvaluated.isEmpty { joinedEveryPost += 1 }
        }
        let words = round % 2 == 0 ? randomText : mixedText
        let posts = (0..<40).map { number in
            var post = randomPost(number, &generator, words: words)
            if number % 7 == 3 { post.title = "" }
            if number % 11 == 5 { post.text = "" }
            if number % 5 == 1 { post.author = "Bob Smith" }
            if number % 6 == 2 { post.url = "https://acme.com/x" }
            return post
        }
        expectBatchAgrees(matcher, posts, "\(watches) \(posts)")
        mentions += matcher.match(posts).count
    }
    #expect(mentions > 1_000)
    #expect(joined > 90)
    #expect(joinedEveryPost > 20)
}

/// A batch fills the joined buffer several times (more posts than its parts, more bytes than its 16 KB), and a
/// post too long for the buffer is read on its own, between posts read joined.
@Test func batchesLongerThanTheBuffer() throws {
    var generator = SeededGenerator(state: 20_261_127)
    let watches = keyedWatches(&generator, round: 0, count: 12)
    let matcher = try Matcher(watches: watches)
    #expect(matcher.tables.index.automaton == nil)
    var posts = (0..<1_100).map { randomPost($0, &generator, words: randomText) }
    posts[17].text = randomText(&generator, 4_000)  // about 20 KB
    posts[600].title = randomText(&generator, 4_000)
    #expect(posts[17].text.utf8.count > 16 * 1024)
    expectBatchAgrees(matcher, posts)
    #expect(matcher.match(posts).contains { $0.post.id == "p17" })
}

/// A key in a word with other characters stops the joined read in that field, which is then folded and scanned;
/// the read goes on from the next field, whose keys are recorded and checked in place.
@Test func aStopInOneFieldLeavesTheNextOnesRead() throws {
    let matcher = try Matcher(watches: [
        WatchDefinition(id: "cafe", any: ["café"]),
        WatchDefinition(id: "acme", any: ["acme", "acme cloud"]),
    ])
    let posts = [
        Post(source: "s", id: "1", title: "Un café", text: "acme cloud"),
        Post(source: "s", id: "2", title: "acme", text: "café acme"),
        Post(source: "s", id: "3", title: "nothing here", text: "still nothing"),
        Post(source: "s", id: "4", title: "CAFÉ", text: ""),
        Post(source: "s", id: "5", title: "", text: "the Acme\tcloud"),
    ]
    expectBatchAgrees(matcher, posts)
    #expect(
        matcher.match(posts).map { "\($0.post.id) \($0.watch)" } == [
            "1 cafe", "1 acme", "2 cafe", "2 acme", "4 cafe", "5 acme",
        ])
    #expect(matcher.mayMention(posts) == [true, true, false, true, true])
}

/// No pair of words runs from one field into the next, nor from one post into the next.
@Test func pairsDoNotCrossFieldsOrPosts() throws {
    let matcher = try Matcher(watches: [WatchDefinition(id: "phrase", any: ["acme cloud"])])
    let posts = [
        Post(source: "s", id: "1", title: "about acme", text: "cloud first"),
        Post(source: "s", id: "2", title: "ends with acme", text: ""),
        Post(source: "s", id: "3", title: "cloud", text: "acme"),
        Post(source: "s", id: "4", title: "x", text: "cloud"),
    ]
    expectBatchAgrees(matcher, posts)
    #expect(matcher.match(posts).isEmpty)
    #expect(matcher.mayMention(posts) == [false, false, false, false])
}

/// More keys in one buffer than the joined read records (one-letter keys): the fields past that are folded and
/// scanned, and nothing is lost.
@Test func moreKeysThanTheJoinedReadHolds() throws {
    let matcher = try Matcher(watches: [
        WatchDefinition(id: "a", any: ["a"]), WatchDefinition(id: "b", query: "b -c"),
    ])
    let posts = (0..<60).map { number in
        Post(
            source: "s", id: "\(number)", title: number % 2 == 0 ? "b" : "b c",
            text: String(repeating: "a ", count: 150 + number))
    }
    expectBatchAgrees(matcher, posts)
    #expect(matcher.match(posts).count == 90)
}

/// An empty batch, and watches with no scanned field at all.
@Test func emptyBatchesAndUnscannedFields() throws {
    let matcher = try Matcher(watches: [WatchDefinition(id: "w", any: ["acme"])])
    #expect(matcher.match([]).isEmpty)
    #expect(matcher.countMatches([]) == 0)
    #expect(matcher.mayMention([]).isEmpty)
    let sources = try Matcher(watches: [WatchDefinition(id: "s", query: "source:feed")])
    let posts = [Post(source: "feed", id: "1", title: "x"), Post(source: "other", id: "2", title: "y")]
    expectBatchAgrees(sources, posts)
    #expect(sources.match(posts).map(\.post.id) == ["1"])
}
