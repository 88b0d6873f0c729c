import EarshotCore
import Testing

@testable import Matching

/// ASCII words that share prefixes and case, and ASCII separators (whitespace runs, punctuation, tags).
private let words = [
    "acme", "Acme", "ACME", "acmes", "pacme", "cloud", "Cloud", "clouds", "cl", "new", "york", "New", "x1", "_",
    "a", "i", "c", "net", "com", "bob", "smith", "outage", "abcdefghijklmnopq", "ABCDEFGHIJKLMNOPQ", "data",
]
private let separators = [
    " ", " ", " ", "  ", "\n\t", " \r\n ", ", ", ". ", ".", "-", "'", "/", "", "(", ")", "#", "@", "++", " #",
    " @", "://",
]

private func randomText(_ generator: inout SeededGenerator, words count: Int) -> String {
    var text = ""
    for _ in 0..<count {
        text += words.randomElement(using: &generator)!
        text += separators.randomElement(using: &generator)!
    }
    return text
}

/// Terms and queries over the same words: phrases, tags, punctuation, wildcards, `raw:`, proximity, fields.
private func randomWatch(_ generator: inout SeededGenerator, id: Int) -> WatchDefinition {
    func word() -> String { words.randomElement(using: &generator)! }
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

/// The fields the first read checks in place (ASCII text, key hits recorded) give the same mentions, terms and
/// snippets as folding and scanning them in full, and their occurrences map to the same original spans.
@Test func inPlaceChecksAgreeWithTheFullScan() throws {
    var generator = SeededGenerator(state: 20_261_123)
    var posts = 0
    var mentions = 0
    var inPlace = 0
    for round in 0..<150 {
        let watches = (0..<8).map { randomWatch(&generator, id: round * 8 + $0) }
        let matcher = try Matcher(watches: watches)
        for number in 0..<20 {
            let post = Post(
                source: "s", id: "p\(number)",
                title: randomText(&generator, words: Int.random(in: 0..<8, using: &generator)),
                text: randomText(&generator, words: Int.random(in: 1..<60, using: &generator)))
            let expected = matcher.matchScanningAll(post)
            #expect(matcher.match(post) == expected, "\(watches) \(post)")
            posts += 1
            mentions += expected.count
            // Occurrences, atom by atom, in original offsets.
            let full = PostScan(matcher: matcher, post: post)
            let direct = withUnsafeTemporaryAllocation(of: KeyHit.self, capacity: FieldReads.capacity) { keys in
                let reads = matcher.read(post, into: keys.baseAddress!)
                if !reads.direct.isEmpty { inPlace += 1 }
                return PostScan(matcher: matcher, post: post, reads: reads, keys: keys.baseAddress!)
            }
            func spans(_ scan: PostScan) -> [[Int]] {
                scan.occurrences.map { occurrence in
                    let span = scan.originalSpan(occurrence)
                    return [Int(occurrence.atom), Int(occurrence.field), span.start, span.end]
                }
            }
            #expect(spans(direct) == spans(full), "\(watches) \(post)")
        }
    }
    // The comparison covers both paths and real matches.
    #expect(posts > 2_000)
    #expect(mentions > 500)
    #expect(inPlace > 1_000)
}
