import EarshotCore
import Matching
import Testing

private func snippet(_ terms: [String], title: String = "", _ text: String) throws -> String {
    let matcher = try Matcher(watches: [WatchDefinition(id: "w", any: terms)])
    let mention = try #require(matcher.match(Post(source: "s", id: "1", title: title, text: text)).first)
    return mention.snippet
}

private let filler = (1...60).map { "word\($0)" }.joined(separator: " ")

@Test func shortTextIsTheWholeSnippet() throws {
    #expect(try snippet(["acme"], "We love Acme.") == "We love Acme.")
}

@Test func snippetKeepsOriginalCaseAndAccents() throws {
    #expect(try snippet(["cafe"], "Le Café de Flore") == "Le Café de Flore")
}

@Test func longTextIsCutAtWordsAroundTheMatch() throws {
    let text = filler + " the Acme Cloud launch " + filler
    let result = try snippet(["acme cloud"], text)
    #expect(result.contains("Acme Cloud"))
    #expect(result.count <= 160)
    #expect(result.count >= 100)
    #expect(result.hasPrefix("…word"))
    #expect(result.hasSuffix("…"))
    // Cut between words: every word in the snippet is a whole word of the text.
    let words = result.trimmingPrefix("…").split(separator: " ").map { $0.hasSuffix("…") ? $0.dropLast() : $0 }
    let textWords = Set(text.split(separator: " "))
    #expect(words.allSatisfy { textWords.contains($0) })
}

@Test func matchAtStartHasNoLeadingEllipsis() throws {
    let result = try snippet(["acme"], "Acme " + filler)
    #expect(result.hasPrefix("Acme word1"))
    #expect(result.hasSuffix("…"))
    #expect(result.count <= 160)
}

@Test func matchAtEndHasNoTrailingEllipsis() throws {
    let result = try snippet(["acme"], filler + " acme!")
    #expect(result.hasSuffix("acme!"))
    #expect(result.hasPrefix("…"))
    #expect(result.count <= 160)
}

@Test func snippetComesFromTheFieldWithTheFirstMatch() throws {
    #expect(try snippet(["acme"], title: "Acme news", "more about acme here") == "Acme news")
    #expect(try snippet(["acme"], title: "Daily news", "more about acme here") == "more about acme here")
}

@Test func snippetCentresOnTheEarliestMatchedTerm() throws {
    let text = filler + " globex " + filler + " acme " + filler
    let result = try snippet(["acme", "globex"], text)
    #expect(result.contains("globex"))
    #expect(!result.contains("acme"))
}

@Test func snippetCollapsesWhitespaceAndSurvivesNonASCII() throws {
    let text = "Ünïcödé  prefix\n\n— ÉCLAIR\tday 🚀 東京"
    #expect(try snippet(["eclair"], text) == "Ünïcödé prefix — ÉCLAIR day 🚀 東京")
}

@Test func snippetAfterCombiningMarksAndCollapsedSpaceMapsBack() throws {
    let text = "cafe\u{301}   naïve     e\u{301}e\u{301}  ACME   cloud   end"
    let result = try snippet(["acme cloud"], text)
    #expect(result == "cafe\u{301} naïve e\u{301}e\u{301} ACME cloud end")
}

@Test func snippetOfOneHugeWordIsBounded() throws {
    let text = String(repeating: "x", count: 500) + " acme " + String(repeating: "y", count: 500)
    let result = try snippet(["acme"], text)
    #expect(result.contains("acme"))
    #expect(result.count <= 160)
}
