import EarshotCore
import Matching
import Testing

@Test(arguments: queryCases)
func queryCase(_ testCase: QueryCase) throws {
    #expect(try queryMatches(testCase.query, testCase.post) == testCase.expected)
}

@Test func queryCaseTableIsLarge() {
    #expect(queryCases.count + queryErrorCases.count >= 150)
    #expect(queryCases.count >= 150)
}

@Test func queryTermsAreReportedAsWritten() throws {
    let matcher = try Matcher(
        watches: [WatchDefinition(id: "w", tags: ["t"], query: "(acme OR \"globex corp\") cloud* -spam")])
    let mention = try #require(matcher.match(Post(source: "s", id: "1", text: "Globex Corp clouds and acme")).first)
    #expect(mention.terms == ["acme", "\"globex corp\"", "cloud*"])
    #expect(mention.tags == ["t"])
    #expect(mention.snippet == "Globex Corp clouds and acme")
}

@Test func entityMembersAreReported() throws {
    let matcher = try Matcher(watches: [WatchDefinition(id: "w", query: "entity:acme")], entities: caseEntities)
    let mention = try #require(matcher.match(Post(source: "s", id: "1", text: "hi @acmehq and Acme Corp")).first)
    #expect(mention.terms == ["Acme Corp", "@acmehq"])
}

@Test func queryAndLegacyWatchesShareOneAutomaton() throws {
    let matcher = try Matcher(watches: [
        WatchDefinition(id: "legacy", any: ["acme"]),
        WatchDefinition(id: "query", query: "acme NEAR/1 outage"),
        WatchDefinition(id: "meta", query: "author:jane"),
    ])
    #expect(matcher.patternCount == 3)
    let post = Post(source: "s", id: "1", text: "acme outage", author: "Jane")
    #expect(matcher.match(post).map(\.watch) == ["legacy", "query", "meta"])
    #expect(matcher.match(Post(source: "s", id: "2", text: "nothing")).isEmpty)
}

@Test func explainShowsSpansAndReasons() throws {
    let matcher = try Matcher(watches: [
        WatchDefinition(id: "hit", query: "title:acme outage"),
        WatchDefinition(id: "vetoed", query: "acme -hiring"),
        WatchDefinition(id: "missing", query: "acme AND launch"),
        WatchDefinition(id: "far", query: "cafe NEAR/1 hiring"),
        WatchDefinition(id: "unrelated", query: "globex"),
    ])
    let post = Post(source: "s", id: "1", title: "Café Acme", text: "an outage; acme is hiring")
    let explanations = matcher.explain(post)
    #expect(explanations.map(\.watch) == ["hit", "vetoed", "missing", "far"])
    let hit = explanations[0]
    #expect(hit.matched)
    #expect(
        hit.spans == [
            MatchExplanation.Span(term: "title:acme", field: "title", start: 5, end: 9),
            MatchExplanation.Span(term: "outage", field: "text", start: 3, end: 9),
        ])
    #expect(explanations[1].reasons == ["excluded by NOT hiring"])
    #expect(!explanations[1].matched)
    #expect(explanations[2].reasons == ["missing launch"])
    #expect(explanations[3].reasons == ["cafe NEAR/1 hiring: no pair within 1 word"])
}

@Test func queryOnlyOnMetadataIsEvaluatedForEveryPost() throws {
    let matcher = try Matcher(watches: [WatchDefinition(id: "w", query: "source:hn -acme")])
    #expect(matcher.match(Post(source: "hn", id: "1", text: "anything")).count == 1)
    #expect(matcher.match(Post(source: "hn", id: "1", text: "acme")).isEmpty)
    #expect(matcher.match(Post(source: "rss", id: "1", text: "anything")).isEmpty)
}
