import Foundation

/// The case and diacritic fold of one non-ASCII scalar, as UTF-8 bytes.
///
/// The fold is: lowercase, canonical decomposition, combining marks dropped (`É` → `e`, `Σ`/`ς` → `σ`,
/// `ß` → `ss`), Unicode whitespace → a space, invisible format characters (soft hyphen, zero-width space and
/// joiners, BOM) → nothing, typographic quotes and dashes → their ASCII forms, fullwidth ASCII → ASCII.
/// Marks are kept in Indic and unspaced scripts, where they spell the word rather than decorate it.
///
/// Scalars below U+3000 and the emoji and pictograph blocks (U+1F000..<U+1FB00, frequent in posts, and
/// otherwise answered by several Unicode property lookups each) are folded once into a table (built on first
/// use, with Foundation's decomposition); others are folded on the fly, cheaply for the common unchanged case
/// (Han, kana, Hangul).
enum ScalarFold {
    /// Every fold is at most this many times as long as its scalar's UTF-8, so a buffer of that many times
    /// the input (plus a little) always holds a folded text.
    static let maxGrowth = 3

    private static let tableEnd: UInt32 = 0x3000
    /// The emoji and pictograph blocks, kept in the table after its first `tableEnd` entries.
    private static let pictographs: Range<UInt32> = 0x1F000..<0x1FB00

    /// The table entry of scalar `value`, or nil when it is folded on the fly.
    @inline(__always)
    private static func tableIndex(_ value: UInt32) -> Int? {
        if value < tableEnd { return Int(value) }
        if pictographs.contains(value) { return Int(tableEnd + value - pictographs.lowerBound) }
        return nil
    }

    /// A fold's bytes are written to the output; this says how many and how its ends count for boundaries.
    struct Result {
        var count: Int
        var first: WordBoundary.Kind
        var last: WordBoundary.Kind
    }

    /// Folds of U+0080..<U+3000 and of the pictographs: the scalar at ``tableIndex(_:)`` `i` folds to
    /// `bytes[starts[i]..<starts[i + 1]]`, whose first and last scalars are of kinds `firsts[i]` and `lasts[i]`.
    private static let table:
        (starts: [UInt32], bytes: [UInt8], firsts: [WordBoundary.Kind], lasts: [WordBoundary.Kind]) = {
            let count = Int(tableEnd) + pictographs.count
            var starts = [UInt32](repeating: 0, count: count + 1)
            var bytes: [UInt8] = []
            var firsts = [WordBoundary.Kind](repeating: .other, count: count)
            var lasts = firsts
            for value in Array(0..<tableEnd) + Array(pictographs) {
                let index = tableIndex(value)!
                starts[index] = UInt32(bytes.count)
                guard value >= 0x80, let scalar = Unicode.Scalar(value) else { continue }
                var folded = Array(compute(scalar).utf8)
                if folded.count > maxGrowth * String(scalar).utf8.count { folded = Array(String(scalar).utf8) }
                if !folded.isEmpty {
                    (firsts[index], lasts[index]) = folded.withUnsafeBufferPointer(WordBoundary.kinds)
                }
                bytes += folded
            }
            starts[count] = UInt32(bytes.count)
            return (starts, bytes, firsts, lasts)
        }()

    /// The folds of the two-byte scalars (U+0080..<U+0800) that fold to letters alone, for the first read's
    /// quick path through a word with accented letters: indexed by the scalar's value, the folded bytes
    /// (little-endian, at most 3) and their count in bits 24 and up; 0 for a scalar whose fold is no word
    /// (punctuation, a space, nothing) or mixes kinds, which the full read handles.
    static let twoByteLetters: [UInt32] = (0..<0x800).map { value -> UInt32 in
        guard value >= 0x80, let scalar = Unicode.Scalar(UInt32(value)) else { return 0 }
        var source = Array(String(scalar).utf8)
        var out = [UInt8](repeating: 0, count: 8)
        let result = source.withUnsafeMutableBufferPointer { source in
            out.withUnsafeMutableBufferPointer {
                write(scalar, source: source.baseAddress!, length: source.count, to: $0.baseAddress!)
            }
        }
        guard result.count > 0, result.count <= 3, result.first == .word, result.last == .word else { return 0 }
        let folded = Array(out.prefix(result.count))
        // Either ASCII word bytes only, or one scalar of a spaced script.
        let asciiWord = folded.allSatisfy { $0 < 0x80 && WordIndex.asciiRead[Int($0)] &- 1 < 0x7F }
        let oneScalar = folded[0] >= 0xC0 && UTF8Decoding.length(lead: folded[0]) == folded.count
        guard asciiWord || oneScalar else { return 0 }
        var entry = UInt32(folded.count) << 24
        for (index, byte) in folded.enumerated() { entry |= UInt32(byte) << UInt32(index * 8) }
        return entry
    }

    private static let specials: [UInt32: String] = [
        0x00DF: "ss", 0x1E9E: "ss",  // ß, ẞ
        0x03C2: "σ",  // final sigma
        0x0131: "i",  // dotless i
        0x00F8: "o", 0x00D8: "o",  // ø
        0x0142: "l", 0x0141: "l",  // ł
        0x0111: "d", 0x0110: "d",  // đ
        0x0127: "h", 0x0126: "h",  // ħ
        0x2018: "'", 0x2019: "'", 0x201A: "'", 0x201B: "'", 0x2032: "'",
        0x201C: "\"", 0x201D: "\"", 0x201E: "\"", 0x201F: "\"",
        0x2010: "-", 0x2011: "-", 0x2012: "-", 0x2013: "-", 0x2014: "-", 0x2015: "-", 0x2212: "-",
        0x00AD: "", 0x034F: "", 0x200B: "", 0x200C: "", 0x200D: "", 0x200E: "", 0x200F: "", 0x2060: "",
        0xFEFF: "",
    ]

    /// Writes the fold of `scalar`, whose UTF-8 is `source[0..<length]`, to `out`.
    @inline(__always)
    static func write(
        _ scalar: Unicode.Scalar, source: UnsafePointer<UInt8>, length: Int, to out: UnsafeMutablePointer<UInt8>
    ) -> Result {
        let value = scalar.value
        if let index = tableIndex(value) {
            let table = self.table
            let start = Int(table.starts[index])
            let count = Int(table.starts[index + 1]) - start
            table.bytes.withUnsafeBufferPointer { out.update(from: $0.baseAddress! + start, count: count) }
            return Result(count: count, first: table.firsts[index], last: table.lasts[index])
        }
        return writeOnTheFly(scalar, source: source, length: length, to: out)
    }

    /// ``write(_:source:length:to:)`` without the table (for scalars outside it, and for tests: the two agree).
    static func writeOnTheFly(
        _ scalar: Unicode.Scalar, source: UnsafePointer<UInt8>, length: Int, to out: UnsafeMutablePointer<UInt8>
    ) -> Result {
        let value = scalar.value
        if WordBoundary.isUnspaced(value) {
            out.update(from: source, count: length)
            return Result(count: length, first: .unspaced, last: .unspaced)
        }
        if (0xAC00...0xD7A3).contains(value) {
            out.update(from: source, count: length)
            return Result(count: length, first: .word, last: .word)
        }
        if !needsWork(scalar) {
            out.update(from: source, count: length)
            let kind = WordBoundary.kind(of: scalar)
            return Result(count: length, first: kind, last: kind)
        }
        let folded = Array(Array(compute(scalar).utf8).prefix(maxGrowth * length))
        if folded.isEmpty { return Result(count: 0, first: .other, last: .other) }
        folded.withUnsafeBufferPointer { out.update(from: $0.baseAddress!, count: $0.count) }
        let (first, last) = folded.withUnsafeBufferPointer(WordBoundary.kinds)
        return Result(count: folded.count, first: first, last: last)
    }

    /// Whether a scalar at or above the table's end changes when folded.
    private static func needsWork(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        if (0xFF01...0xFF5E).contains(value) || value == 0x3000 || value == 0xFEFF { return true }
        let properties = scalar.properties
        switch properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .spaceSeparator: return true
        default: return properties.changesWhenLowercased
        }
    }

    /// The fold of `scalar` as a string (slow; used to build the table and for rare scalars).
    static func compute(_ scalar: Unicode.Scalar) -> String {
        let value = scalar.value
        if let special = specials[value] { return special }
        let properties = scalar.properties
        if properties.isWhitespace { return " " }
        if (0xFF01...0xFF5E).contains(value), let ascii = Unicode.Scalar(value - 0xFEE0) {
            return String(ascii).lowercased()
        }
        if WordBoundary.isUnspaced(value) || (0x0900...0x0DFF).contains(value) { return String(scalar) }
        let lower = properties.lowercaseMapping
        let decomposed = value < tableEnd ? lower.decomposedStringWithCanonicalMapping : lower
        var result = ""
        for part in decomposed.unicodeScalars {
            switch part.properties.generalCategory {
            case .nonspacingMark, .enclosingMark: continue
            default: result += specials[part.value] ?? String(part)
            }
        }
        return result
    }
}
