import EarshotCore
import Matching
import Testing

private func post(title: String = "", _ text: String) -> Post {
    Post(source: "src", id: "p1", title: title, text: text)
}

@Test func anyNeedsOneTerm() throws {
    let matcher = try Matcher(watches: [WatchDefinition(id: "w", any: ["acme", "globex"])])
    #expect(matcher.match(post("globex wins")).map(\.watch) == ["w"])
    #expect(matcher.match(post("initech wins")).isEmpty)
}

@Test func allNeedsEveryTerm() throws {
    let matcher = try Matcher(watches: [WatchDefinition(id: "w", all: ["acme", "outage"])])
    #expect(matcher.match(post("acme outage today")).count == 1)
    #expect(matcher.match(post("acme is fine")).isEmpty)
    #expect(matcher.match(post("outage elsewhere")).isEmpty)
}

@Test func anyAndAllTogether() throws {
    let matcher = try Matcher(watches: [WatchDefinition(id: "w", any: ["acme", "globex"], all: ["outage"])])
    #expect(matcher.match(post("globex outage")).first?.terms == ["globex", "outage"])
    #expect(matcher.match(post("an outage somewhere")).isEmpty)
    #expect(matcher.match(post("globex and acme")).isEmpty)
}

@Test func noneVetoes() throws {
    let matcher = try Matcher(watches: [WatchDefinition(id: "w", any: ["acme"], none: ["roadrunner", "wile e"])])
    #expect(matcher.match(post("acme anvils")).count == 1)
    #expect(matcher.match(post("acme anvils for the Roadrunner")).isEmpty)
    #expect(matcher.match(post(title: "Wile E. Coyote", "buys acme anvils")).isEmpty)
    #expect(matcher.match(post("acme anvils for roadrunners")).count == 1)
}

@Test func titleAndTextBothCount() throws {
    let matcher = try Matcher(watches: [WatchDefinition(id: "w", all: ["acme", "outage"])])
    let mentions = matcher.match(post(title: "Acme status", "a major outage"))
    #expect(mentions.count == 1)
    #expect(mentions.first?.terms == ["acme", "outage"])
}

@Test func termsAreListedOnceInConfigOrder() throws {
    let watch = WatchDefinition(
        id: "w", any: ["globex", "Acme", "acme", "initech"], all: ["cloud", "Acme"], none: ["spam"])
    let matcher = try Matcher(watches: [watch])
    let mention = try #require(matcher.match(post("cloud from acme; acme again; and Globex, cloud")).first)
    #expect(mention.terms == ["globex", "Acme", "acme", "cloud"])
}

@Test func mentionCarriesPostWatchAndTags() throws {
    let matcher = try Matcher(watches: [WatchDefinition(id: "acme-brand", any: ["acme"], tags: ["brand", "en"])])
    let p = post("hello acme")
    let mention = try #require(matcher.match(p).first)
    #expect(mention.post == p)
    #expect(mention.watch == "acme-brand")
    #expect(mention.tags == ["brand", "en"])
}

@Test func mentionsFollowWatchOrder() throws {
    let matcher = try Matcher(watches: [
        WatchDefinition(id: "c", any: ["zeta"]),
        WatchDefinition(id: "a", any: ["alpha"]),
        WatchDefinition(id: "never", any: ["omega"]),
        WatchDefinition(id: "b", any: ["alpha", "zeta"]),
    ])
    #expect(matcher.match(post("alpha then zeta")).map(\.watch) == ["c", "a", "b"])
}

@Test func watchWhoseTermsNeverOccur() throws {
    let matcher = try Matcher(watches: [
        WatchDefinition(id: "quiet", any: ["xyzzy", "plugh"], all: ["frobozz"]),
        WatchDefinition(id: "loud", any: ["hello"]),
    ])
    #expect(matcher.match(post("hello world, nothing magic here")).map(\.watch) == ["loud"])
    #expect(matcher.match(post("")).isEmpty)
}

@Test func sharedTermsAcrossWatches() throws {
    let matcher = try Matcher(watches: [
        WatchDefinition(id: "one", any: ["Acme"]),
        WatchDefinition(id: "two", any: ["ACME"], none: ["beta"]),
        WatchDefinition(id: "three", all: ["acme", "beta"]),
    ])
    #expect(matcher.match(post("acme beta")).map(\.watch) == ["one", "three"])
    #expect(matcher.match(post("acme gamma")).map(\.watch) == ["one", "two"])
}

@Test(arguments: ["", "   ", "\n\t", "\u{301}", "\u{200B}"])
func termThatFoldsToNothingIsRejected(_ term: String) {
    #expect(throws: MatcherError(watch: "w", term: term, message: "the term folds to nothing")) {
        try Matcher(watches: [WatchDefinition(id: "ok", any: ["fine"]), WatchDefinition(id: "w", any: ["a", term])])
    }
}

@Test func watchWithoutPositiveTermsIsRejected() throws {
    let error = #expect(throws: MatcherError.self) {
        try Matcher(watches: [WatchDefinition(id: "w", none: ["spam"])])
    }
    #expect(error?.watch == "w")
    #expect(error?.term == "")
    #expect(error?.description.contains("\"w\"") == true)
}

@Test func errorDescriptionNamesWatchAndTerm() {
    let error = MatcherError(watch: "w", term: " ", message: "the term folds to nothing")
    #expect(error.description == "watch \"w\": term \" \": the term folds to nothing")
}

@Test func noWatchesMatchNothing() throws {
    let matcher = try Matcher(watches: [])
    #expect(matcher.match(post("anything at all")).isEmpty)
}

@Test func thousandWatchesCompileTogether() throws {
    let watches = (0..<1_000).map { i in
        WatchDefinition(
            id: "w\(i)", any: ["brand\(i)", "product \(i)"], all: i % 3 == 0 ? ["launch"] : [],
            none: i % 5 == 0 ? ["spam\(i)"] : [], tags: ["t\(i % 7)"])
    }
    let matcher = try Matcher(watches: watches)
    let mentions = matcher.match(
        post(title: "Launch day", "brand7 and Product 42 ship; brand999 too; brand10 spam10; brand30; brand1000"))
    #expect(mentions.map(\.watch) == ["w7", "w30", "w42", "w999"])
    #expect(mentions.first { $0.watch == "w42" }?.terms == ["product 42", "launch"])
    #expect(mentions.first { $0.watch == "w999" }?.tags == ["t5"])
    #expect(matcher.match(post("brand3 without the l-word")).isEmpty)
    #expect(matcher.match(post("brand4")).map(\.watch) == ["w4"])
}
