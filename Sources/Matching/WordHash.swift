/// The hash of a folded word (or a word's prefix) that ``WordIndex`` files keys under, built a byte at a time
/// or, for words of up to 16 bytes, at once from two little-endian 8-byte chunks; both give the same value.
///
/// The bytes are taken in 8-byte chunks (the last one padded with zeros, and at least two chunks), each mixed
/// into an accumulator with a multiply, and the length is mixed in at the end. Never 0 (0 marks an empty slot).
struct WordHash {
    private var accumulator: UInt64 = 0
    private var chunk: UInt64 = 0
    /// Bytes added.
    private(set) var count = 0

    /// Adds one folded byte.
    @inline(__always)
    mutating func add(_ byte: UInt8) {
        chunk |= UInt64(byte) &<< UInt64((count & 7) &* 8)
        count &+= 1
        if count & 7 == 0 {
            accumulator = Self.round(accumulator, chunk)
            chunk = 0
        }
    }

    /// The hash of the bytes added so far.
    @inline(__always)
    var value: UInt64 {
        var accumulator = self.accumulator
        var chunks = count &>> 3
        if count & 7 != 0 {
            accumulator = Self.round(accumulator, chunk)
            chunks &+= 1
        }
        while chunks < 2 {
            accumulator = Self.round(accumulator, 0)
            chunks &+= 1
        }
        return Self.finish(accumulator, count: count)
    }

    /// The hash of `count` (at most 16) bytes given as two little-endian chunks, zero beyond `count`.
    @inline(__always)
    static func of(_ low: UInt64, _ high: UInt64, count: Int) -> UInt64 {
        finish(round(round(0, low), high), count: count)
    }

    /// The hash of the `length` ASCII word bytes at `start`, lowercased as they are read: from two 8-byte loads
    /// when `length` is at most 16 and `start + 16` is at most `readable`, else a byte at a time through `fold`
    /// (``WordIndex/asciiRead``).
    @inline(__always)
    static func ofASCII(
        _ base: UnsafePointer<UInt8>, start: Int, length: Int, readable: Int, fold: UnsafePointer<UInt8>
    ) -> UInt64 {
        if length <= 16 && start &+ 16 <= readable {
            let p = UnsafeRawPointer(base + start)
            let low = lowercased(p.loadUnaligned(as: UInt64.self)) & keep(length)
            let high = lowercased(p.loadUnaligned(fromByteOffset: 8, as: UInt64.self)) & keep(length &- 8)
            return of(low, high, count: length)
        }
        var hash = WordHash()
        for index in start..<(start &+ length) { hash.add(fold[Int(base[index])]) }
        return hash.value
    }

    /// `x` with the bytes A...Z lowercased (other bytes below 0x80 unchanged; a byte from 0x80 may change the
    /// byte after it).
    @inline(__always)
    private static func lowercased(_ x: UInt64) -> UInt64 {
        let upper = (x &+ 0x3F3F_3F3F_3F3F_3F3F) & ~(x &+ 0x2525_2525_2525_2525) & 0x8080_8080_8080_8080
        return x | upper &>> 2
    }

    /// The low `bytes` bytes set (none for 0 or fewer, all for 8 or more).
    @inline(__always)
    private static func keep(_ bytes: Int) -> UInt64 {
        ~(UInt64.max << UInt64(min(max(bytes, 0), 8) &* 8))
    }

    /// The hash of `bytes`.
    static func of<Bytes: Sequence<UInt8>>(_ bytes: Bytes) -> UInt64 {
        var hash = WordHash()
        for byte in bytes { hash.add(byte) }
        return hash.value
    }

    /// The hash of two words that only whitespace parts, from their hashes; never 0.
    @inline(__always)
    static func pair(_ first: UInt64, _ second: UInt64) -> UInt64 {
        let x = (first &* 0xD6E8_FEB8_6659_FD93) ^ (second &<< 17 | second &>> 47)
        return (x ^ x &>> 29) | 1
    }

    /// A prefix key's hash: the hash of its bytes, kept apart from whole words of the same bytes.
    @inline(__always)
    static func prefix(_ hash: UInt64) -> UInt64 {
        (hash &* 0x9E37_79B9_7F4A_7C15) | 1
    }

    @inline(__always)
    private static func round(_ accumulator: UInt64, _ chunk: UInt64) -> UInt64 {
        let x = (accumulator ^ chunk) &* 0x9E37_79B9_7F4A_7C15
        return x ^ x &>> 29
    }

    @inline(__always)
    private static func finish(_ accumulator: UInt64, count: Int) -> UInt64 {
        let x = (accumulator ^ UInt64(truncatingIfNeeded: count)) &* 0xD6E8_FEB8_6659_FD93
        return (x ^ x &>> 32) | 1
    }
}
