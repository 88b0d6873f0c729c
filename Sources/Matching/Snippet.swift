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
        ///
        /// Without a scalar limit, 8 bytes in which nothing collapses (no whitespace but single spaces, none
        /// after a space) are copied with one load and one store.
        mutating func collapsed(_ utf8: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, scalars: Int = .max) {
            var lastWasSpace = false
            var taken = 0
            var index = range.lowerBound
            // Bytes before this one are written one at a time (their 8 had something to collapse).
            var bytewiseUntil = scalars == .max ? index : .max
            while index < range.upperBound {
                if index >= bytewiseUntil && index &+ 8 <= range.upperBound, let base = utf8.baseAddress {
                    let x = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
                    let spaces = ASCIIMask.spaces(x)
                    if spaces & (spaces &<< 8 | (lastWasSpace ? 0x80 : 0)) == 0 && ASCIIMask.controls(x) == 0 {
                        UnsafeMutableRawPointer(out.baseAddress! + count).storeBytes(of: x, as: UInt64.self)
                        count &+= 8
                        index &+= 8
                        lastWasSpace = spaces &>> 56 != 0
                        continue
                    }
                    bytewiseUntil = index &+ 8
                }
                defer { index += 1 }
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

    /// Whether `utf8[range]` is all ASCII, 8 bytes at a time.
    private static func isASCII(_ utf8: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        guard let base = utf8.baseAddress else { return range.isEmpty }
        var index = range.lowerBound
        var bits: UInt64 = 0
        while index &+ 8 <= range.upperBound {
            bits |= UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
            index &+= 8
        }
        while index < range.upperBound {
            bits |= UInt64(base[index])
            index &+= 1
        }
        return bits & ASCIIMask.high == 0
    }

    /// The scalars of `utf8[range]` with each ASCII whitespace run as one space.
    private static func collapsedScalars(_ utf8: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Int {
        var count = 0
        var lastWasSpace = false
        var index = range.lowerBound
        if let base = utf8.baseAddress {
            // 8 bytes at a time: the bytes that start a scalar, less the whitespace bytes after whitespace.
            while index &+ 8 <= range.upperBound {
                let x = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
                let white = ASCIIMask.spaces(x) | ASCIIMask.controls(x)
                let continuation = x & ~(x &<< 1) & ASCIIMask.high
                let repeated = white & (white &<< 8 | (lastWasSpace ? 0x80 : 0))
                count &+= (~continuation & ASCIIMask.high).nonzeroBitCount &- repeated.nonzeroBitCount
                lastWasSpace = white &>> 56 != 0
                index &+= 8
            }
        }
        for index in index..<range.upperBound {
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
        if end >= budget && isASCII(utf8, (end - budget)..<end) {
            start = end - budget  // a scalar per byte
            taken = budget
        }
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
        let steps = max(budget - 1, 0)
        if start + steps <= utf8.count && isASCII(utf8, start..<(start + steps)) {
            end = start + steps  // a scalar per byte
            taken = steps
        }
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
