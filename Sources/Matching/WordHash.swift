/// The hash of a folded word (or a word's prefix) that ``WordIndex`` files keys under, built a byte at a time
/// or, for words of up to 16 bytes, at once from two little-endian 8-byte chunks; both give the same value.
///
/// Up to 16 bytes: the two chunks (zero-padded), each multiplied by its own constant, the length mixed into the
/// second (two independent multiplies, so that the hashes of neighbouring words overlap in the pipeline).
/// Longer words fold every further chunk in with one more multiply each. Never 0 (0 marks an empty slot).
struct WordHash {
    private var low: UInt64 = 0
    private var high: UInt64 = 0
    /// Beyond 16 bytes: the chunks folded so far, and the chunk being filled.
    private var accumulator: UInt64 = 0
    private var chunk: UInt64 = 0
    /// Bytes added.
    private(set) var count = 0

    /// Adds one folded byte.
    @inline(__always)
    mutating func add(_ byte: UInt8) {
        let shifted = UInt64(byte) &<< UInt64((count & 7) &* 8)
        if count < 8 {
            low |= shifted
        } else if count < 16 {
            high |= shifted
        } else {
            if count == 16 { accumulator = Self.start(low, high) }
            chunk |= shifted
            if count & 7 == 7 {
                accumulator = Self.round(accumulator, chunk)
                chunk = 0
            }
        }
        count &+= 1
    }

    /// The hash of the bytes added so far.
    @inline(__always)
    var value: UInt64 {
        if count <= 16 { return Self.of(low, high, count: count) }
        var accumulator = self.accumulator
        if count & 7 != 0 { accumulator = Self.round(accumulator, chunk) }
        return Self.finish(accumulator ^ UInt64(truncatingIfNeeded: count) &* Self.k2)
    }

    private static let k1: UInt64 = 0x9E37_79B9_7F4A_7C15
    private static let k2: UInt64 = 0xD6E8_FEB8_6659_FD93
    private static let k3: UInt64 = 0xFF51_AFD7_ED55_8CCD

    /// The hash of `count` (at most 16) bytes given as two little-endian chunks, zero beyond `count`.
    @inline(__always)
    static func of(_ low: UInt64, _ high: UInt64, count: Int) -> UInt64 {
        finish(low &* k1 ^ (high ^ UInt64(truncatingIfNeeded: count)) &* k2)
    }

    @inline(__always)
    private static func start(_ low: UInt64, _ high: UInt64) -> UInt64 {
        low &* k1 ^ high &* k2
    }

    @inline(__always)
    private static func round(_ accumulator: UInt64, _ chunk: UInt64) -> UInt64 {
        ((accumulator &<< 23 | accumulator &>> 41) ^ chunk) &* k3
    }

    @inline(__always)
    private static func finish(_ x: UInt64) -> UInt64 {
        (x ^ x &>> 29) | 1
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

    /// The first (at most 8) bytes of the ASCII word of `length` bytes at `start`, lowercased, little-endian, zero
    /// beyond the word: from one load when 8 bytes can be read there.
    @inline(__always)
    static func firstChunk(
        _ base: UnsafePointer<UInt8>, start: Int, length: Int, readable: Int, fold: UnsafePointer<UInt8>
    ) -> UInt64 {
        if start &+ 8 <= readable {
            return lowercased(UnsafeRawPointer(base + start).loadUnaligned(as: UInt64.self)) & keep(length)
        }
        var low: UInt64 = 0
        for index in 0..<min(length, 8) {
            low |= UInt64(fold[Int(base[start &+ index])]) &<< UInt64(truncatingIfNeeded: index &* 8)
        }
        return low
    }

    /// `x` with the bytes A...Z lowercased (other bytes below 0x80 unchanged; a byte from 0x80 may change the
    /// byte after it).
    @inline(__always)
    private static func lowercased(_ x: UInt64) -> UInt64 {
        let upper = (x &+ 0x3F3F_3F3F_3F3F_3F3F) & ~(x &+ 0x2525_2525_2525_2525) & 0x8080_8080_8080_8080
        return x | upper &>> 2
    }

    /// The low `bytes` bytes set (none for 0 or fewer, all for 8 or more), without a branch: word lengths vary
    /// at random, and a branch on them is mispredicted for one word in three. Two shifts of half the width each,
    /// so that 8 bytes (a shift by 64) needs no special case.
    @inline(__always)
    static func keep(_ bytes: Int) -> UInt64 {
        let half = UInt64(truncatingIfNeeded: min(max(bytes, 0), 8) &* 4)
        return (((1 as UInt64) &<< half) &<< half) &- 1
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
}
