/// A short plain-text excerpt around a match, for a mention.
///
/// Works on the UTF-8 directly: it counts scalars (never more than the characters a reader sees), cuts only at
/// ASCII whitespace except inside an overlong word, and shows every ASCII whitespace run as one space.
enum Snippet {
    /// Longest snippet, in scalars (so also in characters), ellipses included.
    static let limit = 160

    private static let ellipsis = Array("…".utf8)

    /// An excerpt of `text` around the match at UTF-8 offsets `start..<end`: at most ``limit`` characters,
    /// cut at word boundaries, with "…" where the text was cut.
    ///
    /// The bounds are found first and the excerpt is written once, straight into the string's storage.
    static func make(from text: String, start: Int, end: Int) -> String {
        var text = text
        return text.withUTF8 { utf8 in
            let lower = scalarStart(utf8, min(max(start, 0), utf8.count))
            let upper = max(lower, scalarStart(utf8, min(max(end, 0), utf8.count)))
            let matchLength = collapsedScalars(utf8, lower..<upper)
            if matchLength >= limit - 2 {
                return String(unsafeUninitializedCapacity: upper - lower + ellipsis.count) { out in
                    var writer = Writer(out: out)
                    writer.collapsed(utf8, lower..<upper, scalars: limit - 1)
                    writer.ellipsis()
                    return writer.count
                }
            }
            let room = limit - matchLength - 2
            let before = leading(utf8, lower, budget: room / 2)
            let beforeLength = collapsedScalars(utf8, before.start..<lower) + (before.cut ? 1 : 0)
            let after = trailing(utf8, upper, budget: room - beforeLength)
            return String(unsafeUninitializedCapacity: after.end - before.start + 2 * ellipsis.count) { out in
                var writer = Writer(out: out)
                if before.cut { writer.ellipsis() }
                writer.collapsed(utf8, before.start..<lower)
                writer.collapsed(utf8, lower..<upper)
                writer.collapsed(utf8, upper..<after.end)
                if after.cut { writer.ellipsis() }
                return writer.trimmed()
            }
        }
    }

    /// Writes an excerpt into a string's storage.
    private struct Writer {
        let out: UnsafeMutableBufferPointer<UInt8>
        var count = 0

        mutating func ellipsis() {
            for byte in Snippet.ellipsis {
                out[count] = byte
                count += 1
            }
        }

        /// Appends `utf8[range]` with each ASCII whitespace run as one space, at most `scalars` scalars of it.
        mutating func collapsed(_ utf8: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, scalars: Int = .max) {
            var lastWasSpace = false
            var taken = 0
            for index in range {
                let byte = utf8[index]
                if byte & 0xC0 != 0x80 {
                    if taken == scalars { return }
                    if !(isSpace(byte) && lastWasSpace) { taken += 1 }
                }
                if isSpace(byte) {
                    if !lastWasSpace {
                        out[count] = 0x20
                        count += 1
                    }
                    lastWasSpace = true
                } else {
                    out[count] = byte
                    count += 1
                    lastWasSpace = false
                }
            }
        }

        /// Drops spaces at both ends; returns the length.
        mutating func trimmed() -> Int {
            while count > 0 && out[count - 1] == 0x20 { count -= 1 }
            var first = 0
            while first < count && out[first] == 0x20 { first += 1 }
            if first > 0 {
                for index in first..<count { out[index - first] = out[index] }
                count -= first
            }
            return count
        }
    }

    /// The start of the scalar at or before `offset`.
    private static func scalarStart(_ utf8: UnsafeBufferPointer<UInt8>, _ offset: Int) -> Int {
        var offset = offset
        while offset > 0 && offset < utf8.count && utf8[offset] & 0xC0 == 0x80 { offset -= 1 }
        return offset
    }

    @inline(__always)
    private static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || (0x09...0x0D).contains(byte) }

    /// The scalars of `utf8[range]` with each ASCII whitespace run as one space.
    private static func collapsedScalars(_ utf8: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Int {
        var count = 0
        var lastWasSpace = false
        for index in range {
            let byte = utf8[index]
            if byte & 0xC0 == 0x80 { continue }
            let space = isSpace(byte)
            if !(space && lastWasSpace) { count += 1 }
            lastWasSpace = space
        }
        return count
    }

    /// Where the text before `end` starts (at most `budget` scalars back, at a word), and whether "…" goes
    /// before it.
    private static func leading(_ utf8: UnsafeBufferPointer<UInt8>, _ end: Int, budget: Int) -> (start: Int, cut: Bool)
    {
        var start = end
        var taken = 0
        while start > 0 && taken < budget {
            start -= 1
            while start > 0 && utf8[start] & 0xC0 == 0x80 { start -= 1 }
            taken += 1
        }
        if start == 0 { return (0, false) }
        if !isSpace(utf8[start - 1]), let space = (start..<end).first(where: { isSpace(utf8[$0]) }) {
            start = space
        }
        while start < end && isSpace(utf8[start]) { start += 1 }
        return (start, true)
    }

    /// Where the text after `start` ends (at most `budget` scalars on, at a word), and whether "…" goes after it.
    private static func trailing(_ utf8: UnsafeBufferPointer<UInt8>, _ start: Int, budget: Int) -> (end: Int, cut: Bool)
    {
        var end = start
        var taken = 0
        while end < utf8.count && taken < budget - 1 {
            end += UTF8Decoding.length(lead: utf8[end])
            taken += 1
        }
        end = min(end, utf8.count)
        if end == utf8.count { return (end, false) }
        if !isSpace(utf8[end]), let space = (start..<end).last(where: { isSpace(utf8[$0]) }) { end = space }
        while end > start && isSpace(utf8[end - 1]) { end -= 1 }
        return (end, true)
    }
}
