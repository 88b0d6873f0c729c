/// Finds patterns by their words: each pattern is filed under a *key* (one of its words, or two of its words
/// with a space between), and a text is read one word at a time, each word's hash (and that of the word before
/// it and this one, where only whitespace parts them) looked up in one table of keys. This is the matcher's
/// engine.
///
/// Why words: every pattern that contains a word character contains a whole folded word (or, for a wildcard, a
/// word's prefix) at a fixed offset, and in folded text every word starts after a ``FoldedText/marker``. So an
/// occurrence of a pattern is always an occurrence of its key as whole words of the text, and reading words
/// costs a few instructions per byte and a probe or two per word however many patterns there are, where a byte
/// automaton over thousands of patterns waits on memory at every byte.
///
/// - A key is the longest pair of complete words that the pattern parts with one space (`acme cloud`), else its
///   longest complete word (a run of word characters that the pattern bounds on both sides, or that ends the
///   pattern when a boundary is required after it): pairs make phrases of common words cheap to rule out.
/// - A pattern whose only word ends it and needs no boundary after (a wildcard's prefix, `cloud` of `cloud*`) is
///   filed under that prefix and found in words that start with it.
/// - Patterns with no word character at all (`東京`, `++`, an emoji) go to a small ``Automaton``.
///
/// ``mayOccur(in:wide:)`` and ``collect(in:hits:capacity:tables:)`` read unfolded UTF-8 and fold as they go,
/// allocating nothing: most posts stop there, and ``verifyASCII(_:in:report:)`` checks the keys `collect` records
/// against the text itself. ``scan(_:report:)`` reads a ``FoldedText`` and reports the occurrences of the
/// patterns, verified byte for byte.
final class WordIndex: Sendable {
    /// Word and word-pair keys.
    let keys: Table
    /// Whether some key is a pair of words.
    let hasPairs: Bool
    /// A filter of the first words of pair keys: the first read looks a pair up only after such a word, which
    /// spares most words the pair's hash and lookup.
    let pairFirsts: KeyFilter
    /// Every key word (and which of them lead a key), for the first read's cheap look at each word.
    let sieve: WordSieve
    /// Prefix keys (wildcards), probed at each length in `prefixLengths`.
    let prefixes: Table
    /// Bit `n` is set when some prefix key is `n` bytes long (at most 63).
    let prefixLengths: UInt64
    /// The patterns, folded, for verification, one after another: pattern `i` is
    /// `patternBytes[patternStarts[i]..<patternStarts[i + 1]]` (one array rather than thousands, so that
    /// verifying reads nearby memory).
    let patternBytes: [UInt8]
    let patternStarts: [Int32]
    /// Patterns without a word character, found by `automaton`; `unkeyed[i]` is the id of its pattern `i`.
    let unkeyed: [Int32]
    let automaton: Automaton?
    /// Whether every unkeyed pattern has a non-ASCII byte, so that pure-ASCII text cannot hold one.
    let unkeyedNeedNonASCII: Bool
    /// ``asciiRead-swift.type.property``, held here so that a read does not go through the global's lazy
    /// initialisation check for every field.
    let asciiRead = WordIndex.asciiRead
    /// ``ScalarFold/twoByteLetters``, held here for the same reason.
    let twoByteLetters = ScalarFold.twoByteLetters

    /// Longest prefix key, in bytes: longer wildcard prefixes are filed under their first 63 bytes.
    static let maxPrefix = 63

    /// Files `patterns` (folded, with markers, as ``TermFold`` makes them). `prefixOnly[i]` says that pattern
    /// `i` needs no boundary after it, so a final word of it is only a prefix of the text's word.
    init(patterns: [[UInt8]], prefixOnly: [Bool]) {
        self.patternBytes = patterns.flatMap { $0 }
        var starts: [Int32] = [0]
        for pattern in patterns { starts.append(starts.last! + Int32(pattern.count)) }
        self.patternStarts = starts
        var keys: [(hash: UInt64, entry: Entry)] = []
        var hasPairs = false
        var pairFirsts: Set<UInt64> = []
        var sieveWords: [(bytes: ArraySlice<UInt8>, leading: Bool)] = []
        var prefixes: [(hash: UInt64, entry: Entry)] = []
        var prefixLengths: UInt64 = 0
        var unkeyed: [Int32] = []
        let space = UInt8(ascii: " ")
        for (id, pattern) in patterns.enumerated() {
            let runs = pattern.withUnsafeBufferPointer(Self.wordRuns)
            let complete = runs.filter { $0.end < pattern.count || !prefixOnly[id] }
            func wordHash(_ run: (start: Int, end: Int)) -> UInt64 { WordHash.of(pattern[run.start..<run.end]) }
            // Pairs: two complete runs with exactly one space (and the second one's marker) between them.
            var pair: (first: (start: Int, end: Int), second: (start: Int, end: Int))?
            for (first, second) in zip(complete, complete.dropFirst())
            where second.start == first.end + 2 && pattern[first.end] == space {
                let length = second.end - first.start
                if pair.map({ length > $0.second.end - $0.first.start }) ?? true { pair = (first, second) }
            }
            if let pair {
                let hash = WordHash.pair(wordHash(pair.first), wordHash(pair.second))
                keys.append((hash, Entry(pattern: Int32(id), keyOffset: Int32(pair.first.start))))
                sieveWords.append((pattern[pair.first.start..<pair.first.end], true))
                sieveWords.append((pattern[pair.second.start..<pair.second.end], false))
                pairFirsts.insert(wordHash(pair.first))
                hasPairs = true
            } else if let key = complete.max(by: { $0.end - $0.start < $1.end - $1.start }) {
                keys.append((wordHash(key), Entry(pattern: Int32(id), keyOffset: Int32(key.start))))
                sieveWords.append((pattern[key.start..<key.end], true))
            } else if let key = runs.last {
                let length = min(key.end - key.start, Self.maxPrefix)
                let hash = WordHash.prefix(WordHash.of(pattern[key.start..<(key.start + length)]))
                prefixes.append((hash, Entry(pattern: Int32(id), keyOffset: Int32(key.start))))
                prefixLengths |= 1 << UInt64(length)
            } else {
                unkeyed.append(Int32(id))
            }
        }
        // Each entry carries its pattern's bytes' place.
        func placed(_ keyed: [(hash: UInt64, entry: Entry)]) -> [(hash: UInt64, entry: Entry)] {
            keyed.map { key in
                var entry = key.entry
                entry.from = starts[Int(entry.pattern)]
                entry.to = starts[Int(entry.pattern) + 1]
                return (key.hash, entry)
            }
        }
        self.keys = Table(placed(keys))
        self.hasPairs = hasPairs
        self.pairFirsts = KeyFilter(pairFirsts, count: pairFirsts.count)
        self.sieve = WordSieve(sieveWords)
        self.prefixes = Table(placed(prefixes))
        self.prefixLengths = prefixLengths
        self.unkeyed = unkeyed
        self.automaton = unkeyed.isEmpty ? nil : Automaton(patterns: unkeyed.map { patterns[Int($0)] })
        self.unkeyedNeedNonASCII = unkeyed.allSatisfy { patterns[Int($0)].contains { $0 >= 0x80 } }
    }

    /// The word runs of folded `bytes`: each starts just after a marker and ends before the first character
    /// that is no word character.
    static func wordRuns(_ bytes: UnsafeBufferPointer<UInt8>) -> [(start: Int, end: Int)] {
        var runs: [(start: Int, end: Int)] = []
        var offset = 0
        while offset < bytes.count {
            guard bytes[offset] == FoldedText.marker else {
                offset += 1
                continue
            }
            let start = offset + 1
            var end = start
            while end < bytes.count {
                let byte = bytes[end]
                if byte < 0x80 {
                    guard FoldedText.asciiWord[Int(byte)] != 0 else { break }
                    end += 1
                } else {
                    guard byte != FoldedText.marker, WordBoundary.kind(at: end, in: bytes) == .word else { break }
                    end += UTF8Decoding.length(lead: byte)
                }
            }
            if end > start { runs.append((start, end)) }
            offset = end
        }
        return runs
    }
}
