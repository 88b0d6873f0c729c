import Matching
import Testing

/// A query that must be rejected, with the exact message and column.
struct QueryErrorCase: Sendable, CustomTestStringConvertible {
    var query: String
    var message: String
    var column: Int

    init(_ query: String, _ message: String, _ column: Int) {
        self.query = query
        self.message = message
        self.column = column
    }

    var testDescription: String { "\(query.debugDescription) → \(column): \(message)" }
}

let queryErrorCases: [QueryErrorCase] = [
    QueryErrorCase("", "the query is empty", 1),
    QueryErrorCase("   ", "the query is empty", 1),
    QueryErrorCase("acme \"cloud", "the phrase is missing its closing `\"`", 6),
    QueryErrorCase("acme \"  \"", "the phrase is empty", 6),
    QueryErrorCase("(acme OR globex", "`(` is never closed", 1),
    QueryErrorCase("acme (", "`(` is never closed", 6),
    QueryErrorCase("acme ()", "empty parentheses", 6),
    QueryErrorCase("acme)", "unexpected `)`: there is no `(` to close", 5),
    QueryErrorCase(") acme", "unexpected `)`: there is no `(` to close", 1),
    QueryErrorCase("acme AND", "`AND` needs a term after it", 9),
    QueryErrorCase("acme AND OR globex", "`AND` needs a term after it, found `OR`", 10),
    QueryErrorCase("acme OR", "`OR` needs a term after it", 8),
    QueryErrorCase("acme OR )", "`OR` needs a term after it, found `)`", 9),
    QueryErrorCase("OR acme", "`OR` needs a term before it", 1),
    QueryErrorCase("AND acme", "`AND` needs a term before it", 1),
    QueryErrorCase("acme NOT", "`NOT` needs a term after it", 9),
    QueryErrorCase("acme - spam", "`-` must be followed by a term, like `-spam`", 6),
    QueryErrorCase("acme -", "`-` must be followed by a term, like `-spam`", 6),
    QueryErrorCase("NOT spam", "the query would match posts by exclusion alone: add a term that must appear", 1),
    QueryErrorCase("-spam -ads", "the query would match posts by exclusion alone: add a term that must appear", 1),
    QueryErrorCase("acme OR -spam", "the query would match posts by exclusion alone: add a term that must appear", 1),
    QueryErrorCase("acme NEAR outage", "`NEAR` needs a distance in words, like `NEAR/3`", 6),
    QueryErrorCase("acme NEAR/x outage", "`NEAR` needs a distance in words, like `NEAR/3`", 6),
    QueryErrorCase("acme ONEAR outage", "`ONEAR` needs a distance in words, like `ONEAR/3`", 6),
    QueryErrorCase("acme NEAR/0 outage", "the distance of `NEAR/0` must be from 1 to 100 words", 6),
    QueryErrorCase("acme NEAR/101 outage", "the distance of `NEAR/101` must be from 1 to 100 words", 6),
    QueryErrorCase("NEAR/3 acme", "`NEAR/3` needs a term before it", 1),
    QueryErrorCase("acme NEAR/3", "`NEAR/3` needs a term after it", 12),
    QueryErrorCase(
        "acme NEAR/3 (a AND b)", "`NEAR/3` joins terms, phrases or (a OR b) groups, not AND, NOT or another NEAR", 13),
    QueryErrorCase("acme NEAR/3 domain:acme.com", "`NEAR/3` needs words with positions; `domain:` has none", 13),
    QueryErrorCase(
        "titel:acme",
        "unknown field `titel:` (known: `title:`, `text:`, `author:`, `url:`, `domain:`, `source:`, `lang:`, `raw:`, `entity:`); did you mean `title:`?",
        1),
    QueryErrorCase(
        "acme foo:bar",
        "unknown field `foo:` (known: `title:`, `text:`, `author:`, `url:`, `domain:`, `source:`, `lang:`, `raw:`, `entity:`)",
        6),
    QueryErrorCase("acme title:", "`title:` needs a term or a \"phrase\" right after it", 6),
    QueryErrorCase("acme title: x", "`title:` needs a term or a \"phrase\" right after it", 6),
    QueryErrorCase("raw:", "`raw:` needs a term or a \"phrase\" right after it", 1),
    QueryErrorCase("c* acme", "a wildcard needs at least 2 letters before the first `*` or `?`", 1),
    QueryErrorCase("acme *cloud", "a wildcard needs at least 2 letters before the first `*` or `?`", 6),
    QueryErrorCase("acme ?x", "a wildcard needs at least 2 letters before the first `*` or `?`", 6),
    QueryErrorCase("url:acme*", "`url:` does not take wildcards", 1),
    QueryErrorCase("domain:acme*", "`domain:` does not take wildcards", 1),
    QueryErrorCase("url:(acme*)", "`url:` does not take wildcards", 6),
    QueryErrorCase(
        "acme domain:https://acme.com", "`domain:` takes a host name like `acme.com`, got `https://acme.com`", 6),
    QueryErrorCase("acme domain:acme", "`domain:` takes a host name like `acme.com`, got `acme`", 6),
    QueryErrorCase("acme lang:\"en us\"", "`lang:` takes one word, got \"en us\"", 6),
    QueryErrorCase("entity:acmee", "unknown entity `acmee`; did you mean `acme`?", 1),
    QueryErrorCase("acme entity:initech", "unknown entity `initech`", 6),
    QueryErrorCase("acme \u{301}", "the term `\u{301}` folds to nothing", 6),
    QueryErrorCase("acme #", "`#` needs a name right after it, like `#acme`", 6),
    QueryErrorCase("acme @ x", "`@` needs a name right after it, like `@acme`", 6),
    QueryErrorCase("(acme\n  OR (globex", "`(` is never closed", 12),
    QueryErrorCase("çé \"x", "the phrase is missing its closing `\"`", 4),
    QueryErrorCase("🚀 AND", "`AND` needs a term after it", 6),
]

@Test(arguments: queryErrorCases)
func queryError(_ testCase: QueryErrorCase) {
    let error = #expect(throws: MatcherError.self) {
        try Matcher(watches: [WatchDefinition(id: "w", query: testCase.query)], entities: caseEntities)
    }
    #expect(error?.message == testCase.message)
    #expect(error?.column == testCase.column)
    #expect(error?.watch == "w")
}

@Test func queryErrorCaretPointsAtTheSpot() throws {
    let error = QueryError("`(` is never closed", column: 12)
    let caret = error.caret(in: "(acme\n  OR (globex")
    #expect(caret.lineIndex == 1)
    #expect(caret.column == 6)
    #expect(caret.line == "  OR (globex")
    #expect(caret.caret == "     ^")
}

@Test func queryParsesToATree() throws {
    let query = try Query("a OR b c")
    guard case .or(let operands) = query.root else {
        Issue.record("expected OR at the top")
        return
    }
    #expect(operands.count == 2)
    if case .and(let parts) = operands[1] { #expect(parts.count == 2) } else { Issue.record("expected AND") }
}
