/// A cheap first look at a word, before its full ``WordHash``: a blocked Bloom filter of every key word (a
/// single-word key, or either word of a pair key). A hash of the word's ``key(first:last:)`` (its first and last
/// 4 bytes) and its length picks one 64-bit word of the array and two bits in it, so that one load answers.
///
/// The wide loop of the first read tests every word here and goes on to the full hash and the key tables only
/// for a word that passes (a few in a hundred); for every other word its work ends with this test. No false
/// negatives: a key word always finds its bits set.
///
/// A second, smaller bit array holds one bit per *leading* key word (a single-word key or a pair's first word):
/// a word that passed but is not one of those can only be a pair's second word, which matters only right after
/// a pair's first word, so most of them are let go without their full hash.
struct WordSieve: Sendable {
    let bits: [UInt64]
    /// How far a hash is shifted right to pick an array word (64 less the array's bit width).
    let shift: UInt64
    let leading: [UInt64]
    /// `leading`'s size in bits, less one.
    let leadingMask: UInt64
    /// The length of the shortest key word, in bytes, at most 8: no shorter word needs the sieve.
    let shortest: Int

    /// A sieve for `words` (folded bytes, whole words); `leading` says which of them lead a key.
    init(_ words: [(bytes: ArraySlice<UInt8>, leading: Bool)]) {
        var count = 4096
        while count < words.count * 16 && count < 1 << 18 { count *= 2 }
        var bits = [UInt64](repeating: 0, count: count / 64)
        let shift = UInt64(64 - (count / 64).trailingZeroBitCount)
        var leadingCount = 4096
        while leadingCount < words.count * 8 && leadingCount < 1 << 16 { leadingCount *= 2 }
        var leading = [UInt64](repeating: 0, count: leadingCount / 64)
        let leadingMask = UInt64(leadingCount - 1)
        func littleEndian(_ bytes: ArraySlice<UInt8>) -> UInt64 {
            var value: UInt64 = 0
            for (index, byte) in bytes.enumerated() { value |= UInt64(byte) << UInt64(index * 8) }
            return value
        }
        for (bytes, leads) in words {
            let key =
                bytes.count >= 4
                ? Self.key(
                    first: UInt32(littleEndian(bytes.prefix(4))), last: UInt32(littleEndian(bytes.suffix(4))))
                : Self.chunk(littleEndian(bytes), count: bytes.count)
            let hash = Self.hash(key, count: bytes.count)
            let (word, wanted) = Self.place(hash, shift: shift)
            bits[word] |= wanted
            if leads {
                let bit = Self.leadingBit(hash, mask: leadingMask)
                leading[bit >> 6] |= 1 << UInt64(bit & 63)
            }
        }
        self.bits = bits
        self.shift = shift
        self.leading = leading
        self.leadingMask = leadingMask
        self.shortest = min(words.map(\.bytes.count).min() ?? 1, 8)
    }

    /// A word's bit in the leading array: bits 12 to 27 of the hash with its high bits folded onto its low ones
    /// (so that they depend on every byte), apart from the top 18 to 24 bits that ``place(_:shift:)`` uses.
    /// Only words that passed the sieve need it, so the fold is not in the hash.
    @inline(__always)
    static func leadingBit(_ hash: UInt64, mask: UInt64) -> Int {
        Int(truncatingIfNeeded: (hash ^ hash &>> 29) &>> 12 & mask)
    }

    /// What the sieve hashes of a word of 4 bytes or more: its first 4 bytes and its last 4 (the same bytes, or
    /// overlapping ones, up to 8), little-endian, each byte with bit 5 set. In a word of ASCII letters, digits and
    /// `_`, setting bit 5 lowercases letters and changes no two bytes into one, so the word needs no other
    /// folding here. Two loads inside the word: no mask for its length, and no read past it.
    @inline(__always)
    static func key(first: UInt32, last: UInt32) -> UInt64 {
        (UInt64(first) | UInt64(last) &<< 32) | 0x2020_2020_2020_2020
    }

    /// The hash of the word of `length` (4 or more) bytes at `word`: its ``key(first:last:)`` from two loads
    /// inside the word. The first read and the scan both hash every word of 4 bytes or more this way.
    @inline(__always)
    static func hash(longWordAt word: UnsafePointer<UInt8>, length: Int) -> UInt64 {
        let p = UnsafeRawPointer(word)
        let key = Self.key(
            first: p.loadUnaligned(as: UInt32.self), last: p.loadUnaligned(fromByteOffset: length &- 4, as: UInt32.self)
        )
        return hash(key, count: length)
    }

    /// What the sieve hashes of a word of 1 to 3 bytes whose first bytes are `x`, little-endian: each byte with
    /// bit 5 set, and zero beyond the word.
    @inline(__always)
    static func chunk(_ x: UInt64, count: Int) -> UInt64 {
        let keep = UInt64.max &>> UInt64(truncatingIfNeeded: (64 &- 8 &* min(count, 8)) & 63)
        return (x | 0x2020_2020_2020_2020) & keep
    }

    /// The hash of a word of `count` bytes whose ``key(first:last:)`` (or ``chunk(_:count:)``) is `key`: one
    /// 64-bit multiply, whose high bits depend on every byte (``place(_:shift:)`` takes the array word and the
    /// two bits from those). (Longer words that begin and end alike need the length to part them.) Not a
    /// full-width multiply, so that AVX-512 computes it for 8 words at once
    /// (``FirstReader/sieveVector(_:starts:ends:bits:shift:)``), and with no fold of the halves: the read loops
    /// use only the high bits, one multiply and two shifts a word.
    @inline(__always)
    static func hash(_ key: UInt64, count: Int) -> UInt64 {
        (key ^ UInt64(truncatingIfNeeded: count) &<< 58) &* multiplier
    }

    /// The hash's multiplier (2^64 divided by the golden ratio, odd).
    static let multiplier: UInt64 = 0x9E37_79B9_7F4A_7C15

    /// Where a word with sieve hash `hash` lives: its array word (the hash's top bits, as `shift` says) and two
    /// bits in it (from the 12 bits below those), all from the product's high bits, which depend on every byte.
    @inline(__always)
    static func place(_ hash: UInt64, shift: UInt64) -> (word: Int, bits: UInt64) {
        let top = hash &>> (shift &- 12)
        return (Int(truncatingIfNeeded: top &>> 12), 1 &<< (top & 63) | 1 &<< (top &>> 6 & 63))
    }

    /// The arrays as pointers, for the read loops.
    struct Pointer {
        let bits: UnsafePointer<UInt64>
        let shift: UInt64
        let leading: UnsafePointer<UInt64>
        let leadingMask: UInt64
        let shortest: Int
        /// Whether the sieve's array is small enough (16 KB or less: half a first-level data cache) for
        /// ``FirstReader/sieveVector(_:starts:ends:bits:shift:)``, whose gathers wait on it; with the 32 KB array of
        /// 10,000 terms that made the match stage 2-4% slower, where it made it 15% faster with the 4 KB one of 1,000.
        let gathers: Bool

        /// Whether a word with sieve hash `hash` that passed ``may(_:)`` may lead a key (else it can only be a
        /// pair's second word).
        @inline(__always)
        func mayLead(_ hash: UInt64) -> Bool {
            let bit = WordSieve.leadingBit(hash, mask: leadingMask)
            return leading[bit &>> 6] & (1 &<< UInt64(bit & 63)) != 0
        }

        /// Whether a word with sieve hash `hash` may be a key word.
        @inline(__always)
        func may(_ hash: UInt64) -> Bool { WordSieve.may(hash, bits: bits, shift: shift) }
    }

    /// Whether a word with sieve hash `hash` may be a key word, given the sieve's array and shift.
    @inline(__always)
    static func may(_ hash: UInt64, bits: UnsafePointer<UInt64>, shift: UInt64) -> Bool {
        let (word, want) = Self.place(hash, shift: shift)
        return bits[word] & want == want
    }

    @inline(__always)
    func withPointer<R>(_ body: (Pointer) -> R) -> R {
        bits.withUnsafeBufferPointer { bits in
            leading.withUnsafeBufferPointer { leading in
                body(
                    Pointer(
                        bits: bits.baseAddress!, shift: shift, leading: leading.baseAddress!, leadingMask: leadingMask,
                        shortest: shortest, gathers: bits.count <= 2048))
            }
        }
    }
}
