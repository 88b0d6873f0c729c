/// A cheap first look at a word, before its full ``WordHash``: a blocked Bloom filter of every key word (a
/// single-word key, or either word of a pair key). A hash of the word's first 8 bytes and its length picks one
/// 64-bit word of the array and two bits in it, so that one load answers.
///
/// The wide loop of the first read tests every word here and goes on to the full hash and the key tables only
/// for a word that passes (a few in a hundred); for every other word its work ends with this test. No false
/// negatives: a key word always finds its bits set.
struct WordSieve: Sendable {
    let bits: [UInt64]
    /// How far a hash is shifted right to pick an array word (64 less the array's bit width).
    let shift: UInt64

    /// A sieve for `words` (folded bytes, whole words).
    init(_ words: [ArraySlice<UInt8>]) {
        var count = 4096
        while count < words.count * 16 && count < 1 << 18 { count *= 2 }
        var bits = [UInt64](repeating: 0, count: count / 64)
        let shift = UInt64(64 - (count / 64).trailingZeroBitCount)
        for bytes in words {
            var low: UInt64 = 0
            for (index, byte) in bytes.prefix(8).enumerated() { low |= UInt64(byte) << UInt64(index * 8) }
            let hash = Self.hash(Self.chunk(low, count: bytes.count), count: bytes.count)
            bits[Int(hash >> shift)] |= Self.bits(hash)
        }
        self.bits = bits
        self.shift = shift
    }

    /// What the sieve hashes of a word of `count` (at least 1) bytes whose first (at most 8) bytes are `x`,
    /// little-endian: each byte with bit 5 set, and zero beyond the word. In a word of ASCII letters, digits and
    /// `_`, setting bit 5 lowercases letters and changes no two bytes into one, so the word needs no other
    /// folding here.
    @inline(__always)
    static func chunk(_ x: UInt64, count: Int) -> UInt64 {
        let keep = UInt64.max &>> UInt64(truncatingIfNeeded: (64 &- 8 &* min(count, 8)) & 63)
        return (x | 0x2020_2020_2020_2020) & keep
    }

    /// The hash of a word of `count` bytes whose ``chunk(_:count:)`` is `chunk`: one full-width multiply, its
    /// two halves folded together, so that every bit depends on every byte. (Up to 8 bytes the zeros after a
    /// word tell its length; longer words that begin alike need the length to part them.)
    @inline(__always)
    static func hash(_ chunk: UInt64, count: Int) -> UInt64 {
        let product = (chunk ^ UInt64(truncatingIfNeeded: count) &<< 58).multipliedFullWidth(
            by: 0x9E37_79B9_7F4A_7C15)
        return product.high ^ product.low
    }

    /// A word's two bits in the array word its hash picks (from the hash's low 12 bits; the array word comes
    /// from its top bits).
    @inline(__always)
    static func bits(_ hash: UInt64) -> UInt64 {
        1 &<< (hash & 63) | 1 &<< (hash &>> 6 & 63)
    }

    /// The array as a pointer, for the read loops.
    struct Pointer {
        let bits: UnsafePointer<UInt64>
        let shift: UInt64

        /// Whether a word with sieve hash `hash` may be a key word.
        @inline(__always)
        func may(_ hash: UInt64) -> Bool {
            let want = WordSieve.bits(hash)
            return bits[Int(truncatingIfNeeded: hash &>> shift)] & want == want
        }
    }

    @inline(__always)
    func withPointer<R>(_ body: (Pointer) -> R) -> R {
        bits.withUnsafeBufferPointer { body(Pointer(bits: $0.baseAddress!, shift: shift)) }
    }
}
