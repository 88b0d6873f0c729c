import EarshotCore
import Matching
import Testing

/// One term against one text: does the term match?
struct TermCase: Sendable, CustomTestStringConvertible {
    var term: String
    var text: String
    var expected: Bool

    init(_ term: String, _ text: String, _ expected: Bool) {
        self.term = term
        self.text = text
        self.expected = expected
    }

    var testDescription: String { "\(term.debugDescription) in \(text.debugDescription) → \(expected)" }
}

/// Whether a watch with the single `any` term `term` matches a post whose text is `text`.
func termMatches(_ term: String, _ text: String) throws -> Bool {
    let matcher = try Matcher(watches: [WatchDefinition(id: "w", any: [term])])
    return !matcher.match(Post(source: "s", id: "1", text: text)).isEmpty
}

let termCases: [TermCase] = [
    // Whole words, case-insensitive.
    TermCase("acme", "I love Acme products", true),
    TermCase("acme", "ACME", true),
    TermCase("ACME", "we use acme daily", true),
    TermCase("acme", "acmes are everywhere", false),
    TermCase("acme", "pacme is different", false),
    TermCase("acme", "acmeacme", false),
    TermCase("acme", "acme2 launched", false),
    TermCase("acme", "2acme launched", false),
    TermCase("acme", "acme_corp", false),
    TermCase("acme", "", false),
    // Punctuation is a boundary.
    TermCase("acme", "#acme rocks", true),
    TermCase("acme", "thanks @acme!", true),
    TermCase("acme", "acme's new plan", true),
    TermCase("acme", "acme’s new plan", true),
    TermCase("acme", "(acme)", true),
    TermCase("acme", "we tried acme.", true),
    TermCase("acme", "acme, beta, gamma", true),
    TermCase("acme", "\"acme\"", true),
    TermCase("acme", "acme-cloud", true),
    TermCase("acme", "foo/acme/bar", true),
    // Hashtags and handles as terms.
    TermCase("#acme", "love #acme today", true),
    TermCase("#acme", "love #ACME today", true),
    TermCase("#acme", "love #acmecloud today", false),
    TermCase("#acme", "love acme today", false),
    TermCase("#acme", "#acme.", true),
    TermCase("@acme", "cc @acme please", true),
    TermCase("@acme", "cc @acme_support please", false),
    TermCase("@acme", "mail me at acme", false),
    // Phrases across any whitespace.
    TermCase("Acme Cloud", "try acme cloud now", true),
    TermCase("Acme Cloud", "try acme   cloud now", true),
    TermCase("Acme Cloud", "try ACME\ncloud now", true),
    TermCase("Acme Cloud", "try acme\t\tcloud now", true),
    TermCase("Acme Cloud", "try acme \r\n cloud now", true),
    TermCase("Acme Cloud", "try acme\u{00A0}cloud now", true),
    TermCase("Acme Cloud", "try acmecloud now", false),
    TermCase("Acme Cloud", "try acme-cloud now", false),
    TermCase("Acme Cloud", "try acme clouds now", false),
    TermCase("acme  cloud", "acme cloud", true),
    TermCase(" acme ", "an acme thing", true),
    // Inner punctuation: the literal sequence, with boundaries at word-character ends.
    TermCase("acme.com", "visit acme.com today", true),
    TermCase("acme.com", "visit ACME.COM.", true),
    TermCase("acme.com", "visit acme com today", false),
    TermCase("acme.com", "visit notacme.com", false),
    TermCase("acme.com", "visit acme.community", false),
    TermCase("c++", "I write C++ daily", true),
    TermCase("c++", "I write c++11 daily", true),
    TermCase("c++", "I write abc++ daily", false),
    TermCase("c++", "I write c daily", false),
    TermCase("node.js", "built on Node.js, fast", true),
    TermCase("node.js", "built on nodexjs", false),
    TermCase("at&t", "AT&T outage", true),
    TermCase("at&t", "at and t outage", false),
    TermCase(".net", "asp.net core", true),
    // URLs in text.
    TermCase("acme", "see https://acme.com/pricing?x=1", true),
    TermCase("acme.com", "see https://www.acme.com/pricing", true),
    TermCase("pricing", "see https://acme.com/pricing?x=1", true),
    TermCase("acme", "see https://acmecorp.com/", false),
    // Digits are word characters.
    TermCase("2024", "in 2024, we", true),
    TermCase("2024", "in 20245 we", false),
    TermCase("web3", "the web3 crowd", true),
    TermCase("web3", "the web30 crowd", false),
    // Diacritics and non-ASCII case.
    TermCase("cafe", "Meet at the Café", true),
    TermCase("café", "meet at the CAFE", true),
    TermCase("cafe", "meet at the cafe\u{301} now", true),
    TermCase("Éclair", "an eclair please", true),
    TermCase("éclair", "AN ÉCLAIR PLEASE", true),
    TermCase("Öl", "kein öl mehr", true),
    TermCase("zurich", "Zürich HQ", true),
    TermCase("ΣΟΦΙΑ", "η σοφία μας", true),
    TermCase("λόγος", "ΛΟΓΟΣ", true),
    TermCase("strasse", "Hauptstraße 1", false),
    TermCase("strasse", "Straße 1", true),
    TermCase("straße", "STRASSE 1", true),
    TermCase("naive", "a naïve plan", true),
    TermCase("москва", "Привет, МОСКВА!", true),
    TermCase("москва", "Подмосквами", false),
    TermCase("łódź", "Lodz", true),
    TermCase("soft", "so\u{00AD}ft launch", true),
    // Emoji next to words.
    TermCase("acme", "🚀acme🚀", true),
    TermCase("acme", "acme🎉 is live", true),
    TermCase("acme", "❤️ acme", true),
    TermCase("🚀", "launch 🚀 today", true),
    // Scripts written without spaces match as substrings.
    TermCase("東京", "東京都に住んでいます", true),
    TermCase("東京", "京都に住んでいます", false),
    TermCase("カメラ", "新しいデジタルカメラを買った", true),
    TermCase("ねこ", "うちのねこです", true),
    TermCase("กรุงเทพ", "ฉันอยู่ที่กรุงเทพมหานคร", true),
    TermCase("acme", "acmeの新製品", true),
    TermCase("acme", "新製品はacme", true),
    TermCase("ＡＣＭＥ", "acme", true),
    // Other spaced scripts keep word boundaries.
    TermCase("서울", "서울 여행", true),
    TermCase("서울", "서울시", false),
]

@Test(arguments: termCases)
func term(_ testCase: TermCase) throws {
    #expect(try termMatches(testCase.term, testCase.text) == testCase.expected)
}

@Test func termCaseCountCoversTheRules() {
    #expect(termCases.count >= 60)
}
