import EarshotCore
import Testing

@testable import Matching

/// A field with more keys than the hit buffer holds is folded and scanned instead, and loses nothing; a post
/// with one ASCII field and one that is not has each field read its own way.
@Test func manyKeysAndMixedFieldsGiveTheFullScansMentions() throws {
    let matcher = try Matcher(watches: [
        WatchDefinition(id: "many", any: ["acme"]),
        WatchDefinition(id: "near", query: "acme NEAR/2 cloud"),
        WatchDefinition(id: "cafe", any: ["café", "new york"]),
    ])
    let crowded = Post(
        source: "s", id: "1", title: "Acme", text: Array(repeating: "acme cloud", count: 400).joined(separator: ", "))
    let mixed = Post(source: "s", id: "2", title: "New  York acme", text: "Le café d'Acme, près du cloud")
    for post in [crowded, mixed] {
        let mentions = matcher.match(post)
        #expect(mentions == matcher.matchScanningAll(post))
        #expect(mentions.map(\.watch).sorted() == ["cafe", "many", "near"].filter { $0 != "cafe" || post.id == "2" })
    }
    // The crowded text does not fit the buffer; the mixed post's title is checked in place, its text scanned.
    let reads = withUnsafeTemporaryAllocation(of: KeyHit.self, capacity: FieldReads.capacity) { keys in
        [crowded, mixed].map { matcher.read($0, into: keys.baseAddress!) }
    }
    #expect(reads[0].scan == .text && reads[0].direct == .title)
    #expect(reads[1].scan == .text && reads[1].direct == .title)
}

/// The fields the first read checks in place (ASCII text, key hits recorded) give the same mentions, terms and
/// snippets as folding and scanning them in full, and their occurrences map to the same original spans.
@Test func inPlaceChecksAgreeWithTheFullScan() throws {
    var generator = SeededGenerator(state: 20_261_123)
    var mentions = 0
    var inPlace = 0
    for round in 0..<150 {
        let watches = (0..<8).map { randomWatch(&generator, id: round * 8 + $0) }
        let matcher = try Matcher(watches: watches)
        for number in 0..<20 {
            let post = randomPost(number, &generator, words: randomText)
            let expected = matcher.matchScanningAll(post)
            #expect(matcher.match(post) == expected, "\(watches) \(post)")
            mentions += expected.count
            // Occurrences, atom by atom, in original offsets.
            let full = PostScan(matcher: matcher, post: post)
            // The scan `match` makes (nil when no field may hold a pattern).
            let direct = matcher.withScan(post) { $0 }
            if direct?.direct.isEmpty == false { inPlace += 1 }
            func spans(_ scan: PostScan) -> [[Int]] {
                scan.occurrences.map { occurrence in
                    let span = scan.originalSpan(occurrence)
                    return [Int(occurrence.atom), Int(occurrence.field), span.start, span.end]
                }
            }
            #expect((direct.map(spans) ?? []) == spans(full), "\(watches) \(post)")
        }
    }
    // The comparison covers both paths and real matches.
    #expect(mentions > 500)
    #expect(inPlace > 1_000)
}

/// In text with other characters, keys found in ASCII words are checked in place too (watches without
/// proximity), and a comparison that reaches another character sends the field to the full scan: the mentions
/// are always the full scan's.
@Test func inPlaceChecksAgreeInTextWithOtherCharacters() throws {
    var generator = SeededGenerator(state: 20_261_125)
    var mentions = 0
    var inPlace = 0
    let extraTerms = ["café", "straße", "acme’s", "acme cloud", "new york", "东京", "ac", "soft"]
    for round in 0..<150 {
        var watches: [WatchDefinition] = []
        for number in 0..<8 {
            var watch = randomWatch(&generator, id: round * 8 + number)
            // No proximity: fields with other characters are then checked in place.
            while watch.query?.contains("NEAR") == true { watch = randomWatch(&generator, id: round * 8 + number) }
            watches.append(watch)
        }
        watches.append(
            WatchDefinition(id: "extra\(round)", any: extraTerms.shuffled(using: &generator).prefix(3).map { $0 }))
        let matcher = try Matcher(watches: watches)
        #expect(!matcher.tables.hasProximity)
        for number in 0..<20 {
            let post = randomPost(number, &generator, words: mixedText)
            let expected = matcher.matchScanningAll(post)
            #expect(matcher.match(post) == expected, "\(watches) \(post)")
            mentions += expected.count
            let direct = matcher.withScan(post) { $0 }
            if direct?.direct.contains(.text) == true && post.text.utf8.contains(where: { $0 >= 0x80 }) { inPlace += 1 }
        }
    }
    #expect(mentions > 500)
    // Many fields with other characters were checked in place, not scanned.
    #expect(inPlace > 300)
}

/// Occurrences that run from an ASCII key into characters only the fold can judge (a no-break space inside a
/// phrase, a soft hyphen, a curly apostrophe, a fullwidth letter, a combining mark), at every offset across the
/// 64-byte blocks the first read takes.
@Test(arguments: [
    "new\u{00A0}york", "new \u{00A0} york", "new\u{2003}york", "new\u{200B} york", "new york\u{00AD}er",
    "acme’s cloud", "“acme” cloud", "acme\u{00AD}cloud", "acme.com’s", "acme\u{FF0E}com", "ａcme cloud",
    "café acme", "#acme’s", "—@bob—", "acme cloud\u{0301}", "acme\u{0301} cloud", "x\u{200B}acme", "\u{00A0}#acme",
    "c++\u{00A0}", "Acme\u{2019}s new\u{00A0} york", "acme.\u{200B}com", "ab.\u{200B}acme.com", "#\u{200B}acme",
    "@\u{00AD}bob", "new \u{200B}york", "new\u{200B} york", "new \u{00A0}york", "new\u{00A0} york", "acme\u{200B}",
    "acme.com\u{0301}", "x.\u{200B}acme.com", "\u{00A0}go.acme", "“go.acme", "é go.acme", "++\u{00A0} acme",
    "++ \u{00A0}acme", "++\u{00A0}\u{00A0}acme",
])
func inPlaceChecksHandOverToTheFold(_ occurrence: String) throws {
    let matcher = try Matcher(watches: [
        WatchDefinition(id: "phrases", any: ["new york", "acme cloud", "acme.com", "go.acme", "++ acme"]),
        WatchDefinition(id: "words", any: ["acme", "york", "café"]),
        WatchDefinition(id: "tags", any: ["#acme", "@bob", "c++"]),
    ])
    for padding in 0..<70 {
        let text =
            String(repeating: "a", count: padding % 7) + String(repeating: " z", count: padding / 2) + " "
            + occurrence + " tail"
        let post = Post(source: "s", id: "1", title: occurrence, text: text)
        #expect(matcher.match(post) == matcher.matchScanningAll(post), "\(text.debugDescription)")
    }
}

/// Watch lists whose key words are all 4 bytes or longer: the first read skips the shorter words before the
/// sieve. Texts of short and long words, other characters and whitespace, at every length across the 64-byte
/// blocks (and the last block, which overlaps bytes read already) give the full scan's mentions.
@Test func skippingWordsShorterThanEveryKeyLosesNothing() throws {
    var generator = SeededGenerator(state: 20_261_126)
    let matcher = try Matcher(watches: [
        WatchDefinition(id: "long", any: ["acme cloud", "outage", "smith", "abcdefghijklmnopq", "data"]),
        WatchDefinition(id: "query", query: "(acmes OR \"cloud data\") -outages"),
    ])
    #expect(matcher.tables.index.sieve.shortest == 4)
    let pieces = postWords + otherPieces + ["東京 acme cloud", "é data", "\u{200B}data", "x\u{200B}acme cloud"]
    var mentions = 0
    for number in 0..<3_000 {
        var text = ""
        while text.utf8.count < Int.random(in: 1..<200, using: &generator) {
            text += pieces.randomElement(using: &generator)!
            text += postSeparators.randomElement(using: &generator)!
        }
        let post = Post(source: "s", id: "p\(number)", title: String(text.prefix(30)), text: text)
        let expected = matcher.matchScanningAll(post)
        #expect(matcher.match(post) == expected, "\(post)")
        mentions += expected.count
        let possible = text.utf8.withContiguousStorageIfAvailable { matcher.tables.index.mayOccur(in: $0) }
        let narrow = text.utf8.withContiguousStorageIfAvailable {
            matcher.tables.index.mayOccur(in: $0, wide: false)
        }
        #expect(possible == narrow, "\(text.debugDescription)")
    }
    #expect(mentions > 1_000)
    // A short word right after a scalar whose last byte, top bit cleared, reads like a digit (東 is E6 9D B1), at
    // every offset: where that scalar ends the bytes read before the last block, the short word is still short.
    let wordsOnly = try Matcher(watches: [WatchDefinition(id: "words", any: ["acme cloud", "data"])])
    for padding in 0..<140 {
        let text =
            String(repeating: "z ", count: padding / 2) + String(repeating: "é", count: padding % 2)
            + "東bob acme cloud data x"
        let post = Post(source: "s", id: "t\(padding)", title: "", text: text)
        let expected = wordsOnly.matchScanningAll(post)
        #expect(expected.map(\.terms) == [["acme cloud", "data"]])
        #expect(wordsOnly.match(post) == expected, "\(text.debugDescription)")
    }
}
