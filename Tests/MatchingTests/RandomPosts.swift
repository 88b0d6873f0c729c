import EarshotCore

@testable import Matching

/// ASCII words that share prefixes and case, and ASCII separators (whitespace runs, punctuation, tags).
let postWords = [
    "acme", "Acme", "ACME", "acmes", "pacme", "cloud", "Cloud", "clouds", "cl", "new", "york", "New", "x1", "_",
    "a", "i", "c", "net", "com", "bob", "smith", "outage", "abcdefghijklmnopq", "ABCDEFGHIJKLMNOPQ", "data",
]
let postSeparators = [
    " ", " ", " ", "  ", "\n\t", " \r\n ", ", ", ". ", ".", "-", "'", "/", "", "(", ")", "#", "@", "++", " #",
    " @", "://",
]

func randomText(_ generator: inout SeededGenerator, _ count: Int) -> String {
    var text = ""
    for _ in 0..<count {
        // A rare non-ASCII word: its field is folded and scanned, the post's others checked in place.
        if Int.random(in: 0..<200, using: &generator) == 0 { text += "Café " }
        text += postWords.randomElement(using: &generator)!
        text += postSeparators.randomElement(using: &generator)!
    }
    return text
}

/// A post with a short title and a longer text made by `words`.
func randomPost(
    _ number: Int, _ generator: inout SeededGenerator, words: (inout SeededGenerator, Int) -> String
) -> Post {
    let title = words(&generator, Int.random(in: 0..<8, using: &generator))
    let text = words(&generator, Int.random(in: 1..<60, using: &generator))
    return Post(source: "s", id: "p\(number)", title: title, text: text)
}

/// Terms and queries over the same words: phrases, tags, punctuation, wildcards, `raw:`, proximity, fields.
func randomWatch(_ generator: inout SeededGenerator, id: Int) -> WatchDefinition {
    func word() -> String { postWords.randomElement(using: &generator)! }
    func term() -> String {
        switch Int.random(in: 0..<9, using: &generator) {
        case 0: return "\"\(word()) \(word())\""
        case 1: return "#\(word())"
        case 2: return "@\(word())"
        case 3: return "\(word()).com"
        case 4:
            // A wildcard needs two letters before it.
            let letters = ["ac", "acm", "cl", "clo", "ne", "ABC", "da", "ou"]
            return letters.randomElement(using: &generator)! + (Bool.random(using: &generator) ? "*" : "?e")
        case 5: return "raw:\"\(word())\""
        case 6: return "c++"
        default: return word()
        }
    }
    switch Int.random(in: 0..<5, using: &generator) {
    case 0: return WatchDefinition(id: "w\(id)", any: [word(), word() + " " + word(), "#" + word()])
    case 1:
        return WatchDefinition(
            id: "w\(id)", query: "\(term()) NEAR/\(Int.random(in: 1...3, using: &generator)) \(term())")
    case 2: return WatchDefinition(id: "w\(id)", query: "(\(term()) OR \(term())) -\(term())")
    case 3: return WatchDefinition(id: "w\(id)", query: "title:\(term()) OR text:\(term())")
    default: return WatchDefinition(id: "w\(id)", query: "\(term()) ONEAR/2 \(term()) OR \(term())")
    }
}

/// Characters the fold changes, drops or judges by Unicode: next to, inside and between the ASCII words.
let otherPieces = [
    "Café", "café", "Zürich", "\u{00A0}", "so\u{AD}ft", "ac\u{AD}me", "\u{200B}", "’s", "“", "”", "—", "ＡＣＭＥ",
    "東京", "🚀", "İstanbul", "Straße", "strasse", "e\u{301}", "\u{2003}", "ΣΟΦΟΣ",
]

func mixedText(_ generator: inout SeededGenerator, _ count: Int) -> String {
    var text = ""
    for _ in 0..<count {
        if Int.random(in: 0..<4, using: &generator) == 0 {
            text += otherPieces.randomElement(using: &generator)!
        } else {
            text += postWords.randomElement(using: &generator)!
        }
        if Bool.random(using: &generator) { text += postSeparators.randomElement(using: &generator)! }
    }
    return text
}
