import Testing

@testable import Matching

/// Pieces texts and terms are built from: words that share prefixes, accented and unspaced scripts,
/// punctuation, hashtags, emoji, invisible characters and odd whitespace.
private let pieces = [
    "acme", "Acme", "ACME", "acmes", "pacme", "cloud", "clouds", "cl", "café", "CAFE", "Straße", "strasse", "ΣΟΦΟΣ",
    "σοφος", "東京", "東京都", "の", "acme.com", "c++", ".net", "#acme", "@acme", "a", "i", "İstanbul", "istanbul",
    "x1", "_", "🚀", "so\u{AD}ft", "soft", "e\u{301}te", "ete", "ＡＣＭＥ", "new", "york", "abcdefghijkl",
    "abcdefghijklm", "ABCDEFGHIJKL",
]
private let separators = [" ", "  ", "\n\t", ", ", ".", "-", "'", "’", "/", "", "\u{00A0}", "(", ")", "#", "@"]

private func randomText(_ generator: inout SeededGenerator, words: Int) -> String {
    var text = ""
    for _ in 0..<words {
        text += pieces.randomElement(using: &generator)!
        text += separators.randomElement(using: &generator)!
    }
    return text
}

/// Every (pattern, end) the full automaton over all patterns reports in `folded`, sorted.
private func automatonHits(_ patterns: [[UInt8]], _ folded: [UInt8]) -> [[Int]] {
    var hits: [[Int]] = []
    folded.withUnsafeBufferPointer { bytes in
        Automaton(patterns: patterns).scan(bytes) { hits.append([$0, $1]) }
    }
    return hits.sorted { ($0[0], $0[1]) < ($1[0], $1[1]) }
}

private func indexHits(_ index: WordIndex, _ folded: [UInt8]) -> [[Int]] {
    var hits: [[Int]] = []
    folded.withUnsafeBufferPointer { bytes in index.scan(bytes) { hits.append([$0, $1]) } }
    return hits.sorted { ($0[0], $0[1]) < ($1[0], $1[1]) }
}

@Test func wordIndexFindsWhatTheAutomatonFinds() {
    var generator = SeededGenerator(state: 20_261_122)
    var compared = 0
    var found = 0
    for round in 0..<200 {
        // Terms: single pieces, two-piece phrases, and pieces with punctuation around them.
        var terms: Set<String> = []
        while terms.count < 12 {
            let first = pieces.randomElement(using: &generator)!
            switch Int.random(in: 0..<3, using: &generator) {
            case 0: terms.insert(first)
            case 1: terms.insert(first + " " + pieces.randomElement(using: &generator)!)
            default: terms.insert(first + separators.randomElement(using: &generator)!)
            }
        }
        // Distinct folded patterns, as the matcher's compiler makes them ("Acme" and "ACME" are one).
        var patterns: [[UInt8]] = []
        for term in terms.sorted() {
            let folded = TermFold.fold(term)
            if !folded.isEmpty && !patterns.contains(folded) { patterns.append(folded) }
        }
        // Some patterns (chosen by round) only need to start a word, as wildcard prefixes do.
        let prefixOnly = patterns.indices.map { ($0 + round) % 5 == 0 }
        let index = WordIndex(patterns: patterns, prefixOnly: prefixOnly)
        for _ in 0..<10 {
            let text = randomText(&generator, words: Int.random(in: 1..<25, using: &generator))
            let folded = FoldedText(text).bytes
            // Occurrences of a pattern that ends in a word character (and is not prefix-only) count only where a
            // boundary follows, as the matcher checks afterwards; the automaton reports them all, and the index
            // may skip some of those without the boundary.
            func bounded(_ hits: [[Int]]) -> [[Int]] {
                hits.filter { hit in
                    let pattern = patterns[hit[0]]
                    let endsInWord = pattern.withUnsafeBufferPointer(WordBoundary.kinds).last == .word
                    guard endsInWord && !prefixOnly[hit[0]] && hit[1] < folded.count else { return true }
                    return folded.withUnsafeBufferPointer { WordBoundary.kind(at: hit[1], in: $0) } != .word
                }
            }
            let expected = bounded(automatonHits(patterns, folded))
            let actual = bounded(indexHits(index, folded))
            #expect(
                actual == expected, "text \(text.debugDescription), terms \(terms.sorted()), prefix-only \(prefixOnly)")
            // No false negatives from the first read over the unfolded text.
            if !actual.isEmpty {
                let may = Array(text.utf8).withUnsafeBufferPointer { index.mayOccur(in: $0) }
                #expect(may, "first read missed \(text.debugDescription) for \(terms.sorted())")
                found += 1
            }
            compared += 1
        }
    }
    #expect(compared == 2000)
    #expect(found > 200)
}

@Test(arguments: [
    // Keys: the pair "acme cloud", "widget" for "#widget", "c" for "c++".
    ("the weather is fine today", false),
    ("acmecloud cloudy ACMEs widgets", false),
    ("Straße, café and Zürich", false),
    ("acme", false),
    ("cloud", false),
    ("cloud acme", false),
    ("acme, cloud", false),
    ("acme cloud", true),
    ("ACME\n\t Cloud", true),
    ("acme\u{00A0}cloud", true),
    ("ＡＣＭＥ\u{3000}ＣＬＯＵＤ", true),
    ("we use c", true),
    ("#Widget!", true),
    ("so\u{AD}ft wid\u{AD}get", true),
])
func firstReadLooksForKeys(_ text: String, _ expected: Bool) {
    let index = WordIndex(
        patterns: ["acme cloud", "#widget", "c++"].map(TermFold.fold), prefixOnly: [false, false, false])
    #expect(index.hasPairs)
    #expect(Array(text.utf8).withUnsafeBufferPointer { index.mayOccur(in: $0) } == expected)
}

@Test func prefixKeysMatchWordStarts() {
    let index = WordIndex(patterns: [TermFold.fold("clou")], prefixOnly: [true])
    func may(_ text: String) -> Bool { Array(text.utf8).withUnsafeBufferPointer { index.mayOccur(in: $0) } }
    #expect(may("Cloudy skies"))
    #expect(may("clou"))
    #expect(!may("clo u"))
    #expect(!may("acloud"))
}

@Test func patternsWithoutWordsGoToTheAutomaton() {
    let index = WordIndex(patterns: [TermFold.fold("東京"), TermFold.fold("acme")], prefixOnly: [false, false])
    func may(_ text: String) -> Bool { Array(text.utf8).withUnsafeBufferPointer { index.mayOccur(in: $0) } }
    #expect(index.unkeyed == [0])
    #expect(may("visiting 東京都 soon"))
    #expect(!may("visiting 大阪 soon"))
    #expect(!may("plain ascii text"))
    var hits: [[Int]] = []
    let folded = FoldedText("東京都のacme").bytes
    folded.withUnsafeBufferPointer { bytes in index.scan(bytes) { hits.append([$0, $1]) } }
    #expect(hits.sorted { $0[0] < $1[0] } == [[0, 6], [1, folded.count]])
}

/// Long texts, mostly ASCII with some accented words, emoji and odd whitespace, so that the first read's
/// 64-byte path, its scalar path and the hand-overs between them all run.
@Test func wideAndNarrowFirstReadsAgree() {
    var generator = SeededGenerator(state: 7)
    let vocabulary = [
        "acme", "cloud", "widget", "new", "york", "the", "of", "and", "data", "abcdefghijklmnopqrstuvwxyz", "x",
        "Acme", "CLOUD", "Wid_get", "n3w", "café", "Zürich", "🚀", "so\u{AD}ft", "über",
    ]
    let gaps = [" ", " ", " ", "  ", ", ", ". ", "\n", "\t ", "-", "/", "\u{00A0}", " (", ") ", "'"]
    var agreed = 0
    var positives = 0
    for round in 0..<300 {
        var terms: [String] = []
        for _ in 0..<(1 + round % 6) {
            let first = vocabulary.randomElement(using: &generator)!
            if Bool.random(using: &generator) {
                terms.append(first + " " + vocabulary.randomElement(using: &generator)!)
            } else {
                terms.append(first)
            }
        }
        var patterns: [[UInt8]] = []
        for term in terms {
            let folded = TermFold.fold(term)
            if !folded.isEmpty && !patterns.contains(folded) { patterns.append(folded) }
        }
        let prefixOnly = patterns.indices.map { ($0 + round) % 4 == 0 }
        let index = WordIndex(patterns: patterns, prefixOnly: prefixOnly)
        for _ in 0..<5 {
            var text = ""
            for _ in 0..<Int.random(in: 5..<120, using: &generator) {
                text += vocabulary.randomElement(using: &generator)! + gaps.randomElement(using: &generator)!
            }
            let bytes = Array(text.utf8)
            let wide = bytes.withUnsafeBufferPointer { index.mayOccur(in: $0, wide: true) }
            let narrow = bytes.withUnsafeBufferPointer { index.mayOccur(in: $0, wide: false) }
            #expect(wide == narrow, "terms \(terms), prefix-only \(prefixOnly), text \(text.debugDescription)")
            // And neither misses what the scan over the folded text finds.
            var found = false
            FoldedText(text).bytes.withUnsafeBufferPointer { folded in index.scan(folded) { _, _ in found = true } }
            if found {
                #expect(wide, "missed: terms \(terms), text \(text.debugDescription)")
                positives += 1
            }
            if wide == narrow { agreed += 1 }
        }
    }
    #expect(agreed == 1500)
    #expect(positives > 300)
}

/// One term per index (so that no other key can hide a miss) and one occurrence, moved across every offset of a
/// 64-byte block, with characters that fold, vanish or part words in and around it: the first read never misses
/// what the scan of the folded text finds, reading a block at a time or a scalar at a time.
@Test func firstReadFindsALoneOccurrenceAtEveryOffset() {
    let odd = [
        "é", "É", "ß", "İ", "\u{212A}", "Ａ", "\u{AD}", "\u{200B}", "\u{301}", "\u{A0}", "\u{3000}", "\u{2028}",
        "\u{85}", "\u{FEFF}", "\t", "\r\n", "-", ",", "東", "🚀",
    ]
    let terms: [(term: String, prefixOnly: Bool)] = [
        ("acme cloud", false), ("acme", false), ("clou", true), ("abcdefghijklmnopq rstuvwxyz", false),
    ]
    var positives = 0
    for (term, prefixOnly) in terms {
        let index = WordIndex(patterns: [TermFold.fold(term)], prefixOnly: [prefixOnly])
        for character in odd {
            let layouts = [
                "acme" + character + "cloud", "acme " + character + "cloud", "ac" + character + "me cloud",
                character + "acme cloud", "acme cloud" + character, "ABCDEFGHIJKLMNOPQ" + character + "rstuvwxyz",
                "abcdefghijklmnopq rstu" + character + "vwxyz",
            ]
            for layout in layouts {
                for padding in 0..<72 {
                    let text = String(repeating: "z", count: padding) + " " + layout + (padding % 2 == 0 ? " end" : "")
                    var found = false
                    FoldedText(text).bytes.withUnsafeBufferPointer { index.scan($0) { _, _ in found = true } }
                    guard found else { continue }
                    positives += 1
                    let bytes = Array(text.utf8)
                    let wide = bytes.withUnsafeBufferPointer { index.mayOccur(in: $0) }
                    let narrow = bytes.withUnsafeBufferPointer { index.mayOccur(in: $0, wide: false) }
                    #expect(wide && narrow, "\(term) in \(text.debugDescription): wide \(wide), narrow \(narrow)")
                }
            }
        }
    }
    #expect(positives > 5_000)
}

/// Words with two-byte letters (accents, `ß`, `İ`, Greek, Cyrillic) are folded and looked up in one pass by the
/// wide read; as keys, as either word of a pair, before whitespace, control characters or a no-break space, and
/// next to characters that pass them to the scalar-at-a-time read (emoji, combining marks, `’`), at every offset
/// across a block, the wide read agrees with the scalar-at-a-time read and misses nothing that the scan of the
/// folded text finds.
@Test func accentedWordsReadInOnePassAgreeWithTheScalarRead() {
    let terms = [
        ["café"], ["straße"], ["σοφός"], ["москва"], ["déjà vu"], ["acme café"], ["café acme"], ["naïve", "zurich"],
        ["ⱥtlas"],  // Ⱥ folds to ⱥ, three bytes
    ]
    let layouts = [
        "CAFÉ", "Café au lait", "cafe", "STRASSE", "Straße.", "ΣΟΦΟΣ", "σοφός!", "Москва", "Déjà vu", "déjà  vu",
        "déjà-vu", "ACME Café", "acme café", "Café ACME", "café, acme", "Zürich", "naïve🚀", "nai\u{308}ve", "cafés",
        "xcafé", "İstanbul café", "café\u{301}", "ça va acme café", "déjà\nvu", "café\u{0}acme", "café\u{A0}acme",
        "café\tacme", "café’s acme", "acme\u{7F}café", "ȺTLAS", "Ⱥtlas!",
    ]
    var positives = 0
    var agreed = 0
    for term in terms {
        let index = WordIndex(patterns: term.map { TermFold.fold($0) }, prefixOnly: term.map { _ in false })
        for layout in layouts {
            for padding in 0..<70 {
                let text = String(repeating: "z", count: padding) + " " + layout + (padding % 3 == 0 ? "" : " end")
                var found = false
                FoldedText(text).bytes.withUnsafeBufferPointer { index.scan($0) { _, _ in found = true } }
                let bytes = Array(text.utf8)
                let wide = bytes.withUnsafeBufferPointer { index.mayOccur(in: $0) }
                let narrow = bytes.withUnsafeBufferPointer { index.mayOccur(in: $0, wide: false) }
                #expect(wide == narrow, "\(term) in \(text.debugDescription): wide \(wide), narrow \(narrow)")
                if wide == narrow { agreed += 1 }
                if found {
                    #expect(wide, "missed: \(term) in \(text.debugDescription)")
                    positives += 1
                }
            }
        }
    }
    #expect(agreed == terms.count * layouts.count * 70)
    #expect(positives > 1_500)
}

/// The two-byte letters the wide read folds itself: letters that fold to ASCII letters or to one letter of a
/// spaced script; spaces, marks, symbols and letters of unspaced scripts are left to the scalar-at-a-time read.
@Test func twoByteLetterFolds() {
    func fold(_ scalar: Unicode.Scalar) -> [UInt8] {
        let entry = ScalarFold.twoByteLetters[Int(scalar.value)]
        return (0..<Int(entry >> 24)).map { UInt8(truncatingIfNeeded: entry >> UInt32($0 * 8)) }
    }
    #expect(fold("é") == Array("e".utf8))
    #expect(fold("É") == Array("e".utf8))
    #expect(fold("ß") == Array("ss".utf8))
    #expect(fold("Σ") == Array("σ".utf8))
    #expect(fold("ς") == Array("σ".utf8))
    #expect(fold("Д") == Array("д".utf8))
    #expect(fold("\u{A0}").isEmpty)  // no-break space
    #expect(fold("\u{301}").isEmpty)  // combining acute: vanishes
    #expect(fold("×").isEmpty)
    #expect(fold("\u{AD}").isEmpty)  // soft hyphen: vanishes
    #expect(fold("Ⱥ") == Array("ⱥ".utf8))  // a two-byte letter whose fold takes three bytes
    // Every entry holds what the fold writes.
    var entries = 0
    for value in UInt32(0x80)..<0x800 {
        let scalar = Unicode.Scalar(value)!
        guard !fold(scalar).isEmpty else { continue }
        var source = Array(String(scalar).utf8)
        var out = [UInt8](repeating: 0, count: 8)
        let count = source.withUnsafeMutableBufferPointer { source in
            out.withUnsafeMutableBufferPointer {
                ScalarFold.write(scalar, source: source.baseAddress!, length: source.count, to: $0.baseAddress!).count
            }
        }
        #expect(fold(scalar) == Array(out.prefix(count)), "U+\(String(value, radix: 16))")
        entries += 1
    }
    #expect(entries > 1_000)
}

/// The collecting read records a key only where the key's first word starts in the text: a pair that an accented
/// word begins leaves the field to the scan (the record would point at the wrong word), and a key after an
/// accented word is recorded where it starts, in short fields (read from a padded copy) and long ones.
@Test func collectingReadRecordsKeysWhereTheyStartAroundAccentedWords() {
    let index = WordIndex(
        patterns: [TermFold.fold("σοφός acme"), TermFold.fold("cloud")], prefixOnly: [false, false])
    func collect(_ text: String) -> (KeyRead, [Int]) { collectKeys(index, Array(text.utf8)) }
    for padding in 0..<70 {
        let prefix = String(repeating: "z", count: padding) + " "
        #expect(collect(prefix + "ΣΟΦΌΣ acme").0 == .scan, "\(padding)")
        #expect(collect(prefix + "σοφός  acme end").0 == .scan, "\(padding)")
        let text = prefix + "σοφός cloud"
        let start = text.utf8.count - "cloud".utf8.count
        #expect(collect(text).0 == .hits(1, ascii: false), "\(padding)")
        #expect(collect(text).1 == [start], "\(padding)")
        // Two accented words in a short field, a key after each.
        let twice = prefix.prefix(20) + "é cloud é cloud"
        #expect(collect(String(twice)).0 == .hits(2, ascii: false), "\(padding)")
    }
}

/// A word that runs past the end of a block is read whole by the next block, which starts where the word starts
/// (or, for a word as long as a block, kept in progress): at every offset across two blocks, after words of 1 to
/// 70 letters, the collecting read records each key where it starts, pairs included, and agrees with the
/// scalar-at-a-time read.
@Test func collectingReadRecordsKeysThatCrossBlockEnds() {
    let long = String(repeating: "q", count: 66)
    let index = WordIndex(
        patterns: [TermFold.fold("abcdefghij"), TermFold.fold("acme cloud"), TermFold.fold(long)],
        prefixOnly: [false, false, false])
    func collect(_ bytes: [UInt8]) -> (KeyRead, [Int]) { collectKeys(index, bytes) }
    var checked = 0
    for before in [1, 3, 7, 63, 64, 65, 70] {
        for padding in 0..<140 {
            let filler = String(repeating: "z", count: padding % 9 + 1)
            var text = String(repeating: "y", count: before) + " "
            while text.utf8.count < padding { text += filler + " " }
            var expected: [Int] = []
            for key in ["abcdefghij", "acme  cloud", long, "nothing"] {
                if key != "nothing" { expected.append(text.utf8.count) }
                text += key + " "
            }
            text += "end"
            let bytes = Array(text.utf8)
            let (read, starts) = collect(bytes)
            #expect(read == .hits(3, ascii: true), "\(before), \(padding)")
            #expect(starts == expected, "\(before), \(padding)")
            let wide = bytes.withUnsafeBufferPointer { index.mayOccur(in: $0, wide: true) }
            let narrow = bytes.withUnsafeBufferPointer { index.mayOccur(in: $0, wide: false) }
            #expect(wide && narrow, "\(before), \(padding)")
            // Without its keys the text holds nothing, whichever way it is read.
            let none = Array(
                text.replacingOccurrences(of: "c", with: "k").replacingOccurrences(of: "q", with: "p").utf8)
            #expect(collect(none).0 == .nothing, "\(before), \(padding)")
            checked += 1
        }
    }
    #expect(checked == 980)
}

/// What the collecting first read of `index` finds in `bytes`, and where the keys it recorded start.
private func collectKeys(_ index: WordIndex, _ bytes: [UInt8]) -> (KeyRead, [Int]) {
    var hits = [KeyHit](repeating: KeyHit(slot: 0, keyStart: 0, prefix: false), count: 8)
    let read = bytes.withUnsafeBufferPointer { bytes in
        hits.withUnsafeMutableBufferPointer { hits in
            index.withReadTables {
                index.collect(in: bytes, hits: hits.baseAddress!, capacity: hits.count, tables: $0)
            }
        }
    }
    guard case .hits(let count, _) = read else { return (read, []) }
    return (read, hits.prefix(count).map { Int($0.keyStart) })
}
