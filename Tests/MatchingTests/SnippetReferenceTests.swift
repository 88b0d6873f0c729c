import Testing

@testable import Matching

/// Snippets written into one buffer are the ones the joined-arrays builder made, over texts of every length
/// with whitespace runs, multi-byte scalars and overlong words, and spans anywhere (empty, inside scalars,
/// past the end).
@Test func snippetsMatchTheReferenceBuilder() {
    var generator = SeededGenerator(state: 20_261_124)
    let pieces = [
        "acme", "Café", "東京都", "🚀", " ", "  ", "\n\t ", "word", "x", String(repeating: "long", count: 50), ".",
        "ΣΟΦΟΣ", "\r\n",
    ]
    // Mostly ASCII words and single spaces, as most posts are: the 8-bytes-at-a-time paths, and their seams
    // with the rare tab, newline, double space or accented letter.
    let asciiPieces = [
        "acme ", "cloud ", "the ", "x", "word", " ", " ", "of ", "launch, ", "\n", "  ", "\t", "é", "2026 ",
    ]
    var cut = 0
    var whole = 0
    for round in 0..<6_000 {
        let from = round.isMultiple(of: 2) ? pieces : asciiPieces
        var text = ""
        for _ in 0..<Int.random(in: 0..<120, using: &generator) { text += from.randomElement(using: &generator)! }
        let count = text.utf8.count
        let start = Int.random(in: -2...(count + 2), using: &generator)
        let end = start + Int.random(in: 0...min(400, count + 2), using: &generator)
        let expected = ReferenceSnippet.make(from: text, start: start, end: end)
        #expect(
            Snippet.make(from: text, start: start, end: end) == expected, "\(text.debugDescription) \(start) \(end)")
        if expected.contains("…") { cut += 1 } else { whole += 1 }
    }
    // Both kinds of snippet were compared: texts cut around the match, and texts kept whole.
    #expect(cut > 1_000)
    #expect(whole > 400)
}

/// The snippet builder as it was before it wrote into one buffer (arrays joined), kept as the reference.
///
/// Works on the UTF-8 directly: it counts scalars (never more than the characters a reader sees), cuts only at
/// ASCII whitespace except inside an overlong word, and shows every ASCII whitespace run as one space.
enum ReferenceSnippet {
    /// Longest snippet, in scalars (so also in characters), ellipses included.
    static let limit = Snippet.limit

    private static let ellipsis = Array("…".utf8)

    /// An excerpt of `text` around the match at UTF-8 offsets `start..<end`: at most ``limit`` characters,
    /// cut at word boundaries, with "…" where the text was cut.
    static func make(from text: String, start: Int, end: Int) -> String {
        var text = text
        let bytes = text.withUTF8 { utf8 -> [UInt8] in
            let lower = scalarStart(utf8, min(max(start, 0), utf8.count))
            let upper = max(lower, scalarStart(utf8, min(max(end, 0), utf8.count)))
            var match = collapsed(utf8[lower..<upper])
            let matchLength = scalarCount(match)
            if matchLength >= limit - 2 {
                var kept = 0
                var cut = 0
                while cut < match.count && kept < limit - 1 {
                    cut += UTF8Decoding.length(lead: match[cut])
                    kept += 1
                }
                match.removeSubrange(min(cut, match.count)...)
                return match + ellipsis
            }
            let room = limit - matchLength - 2
            let (before, beforeLength) = leading(utf8, lower, budget: room / 2)
            let after = trailing(utf8, upper, budget: room - beforeLength)
            var result = before + match + after
            while result.last == 0x20 { result.removeLast() }
            return Array(result.drop { $0 == 0x20 })
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The start of the scalar at or before `offset`.
    private static func scalarStart(_ utf8: UnsafeBufferPointer<UInt8>, _ offset: Int) -> Int {
        var offset = offset
        while offset > 0 && offset < utf8.count && utf8[offset] & 0xC0 == 0x80 { offset -= 1 }
        return offset
    }

    @inline(__always)
    private static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || (0x09...0x0D).contains(byte) }

    private static func scalarCount(_ bytes: [UInt8]) -> Int { bytes.reduce(0) { $0 + ($1 & 0xC0 == 0x80 ? 0 : 1) } }

    /// At most `budget` scalars ending at `end`, starting at a word, with "…" if cut; and its length in scalars.
    private static func leading(_ utf8: UnsafeBufferPointer<UInt8>, _ end: Int, budget: Int) -> ([UInt8], Int) {
        var start = end
        var taken = 0
        while start > 0 && taken < budget {
            start -= 1
            while start > 0 && utf8[start] & 0xC0 == 0x80 { start -= 1 }
            taken += 1
        }
        if start == 0 {
            let kept = collapsed(utf8[0..<end])
            return (kept, scalarCount(kept))
        }
        if !isSpace(utf8[start - 1]), let space = (start..<end).first(where: { isSpace(utf8[$0]) }) {
            start = space
        }
        while start < end && isSpace(utf8[start]) { start += 1 }
        let kept = ellipsis + collapsed(utf8[start..<end])
        return (kept, scalarCount(kept))
    }

    /// At most `budget` scalars from `start`, ending at a word, with "…" if cut.
    private static func trailing(_ utf8: UnsafeBufferPointer<UInt8>, _ start: Int, budget: Int) -> [UInt8] {
        var end = start
        var taken = 0
        while end < utf8.count && taken < budget - 1 {
            end += UTF8Decoding.length(lead: utf8[end])
            taken += 1
        }
        end = min(end, utf8.count)
        if end == utf8.count { return collapsed(utf8[start..<end]) }
        if !isSpace(utf8[end]), let space = (start..<end).last(where: { isSpace(utf8[$0]) }) { end = space }
        while end > start && isSpace(utf8[end - 1]) { end -= 1 }
        return collapsed(utf8[start..<end]) + ellipsis
    }

    /// `bytes` with every ASCII whitespace run replaced by one space.
    private static func collapsed(_ bytes: Slice<UnsafeBufferPointer<UInt8>>) -> [UInt8] {
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count)
        var lastWasSpace = false
        for byte in bytes {
            if isSpace(byte) {
                if !lastWasSpace { result.append(0x20) }
                lastWasSpace = true
            } else {
                result.append(byte)
                lastWasSpace = false
            }
        }
        return result
    }
}
