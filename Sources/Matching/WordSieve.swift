/// A cheap first look at a word, before its full ``WordHash``: one bit array in which every key word sets a bit
/// for its role (a single-word key, the first or the second word of a pair key). A one-multiply hash of the
/// word's first 8 folded bytes and its length picks one 64-bit word of the array, and a bit in it per role, so
/// that one load answers for every role.
///
/// The wide loop of the first read tests a word's roles here and computes the full hash only for a word that
/// may be a key or a pair's first word (a few in a hundred), which halves its work per word. No false
/// negatives: a key word always finds its bits set.
struct WordSieve: Sendable {
    /// What a word may be.
    struct Roles: OptionSet, Sendable {
        let rawValue: UInt8
        /// A single-word key.
        static let single = Roles(rawValue: 1)
        /// The first word of a pair key.
        static let first = Roles(rawValue: 2)
        /// The second word of a pair key.
        static let second = Roles(rawValue: 4)
    }

    let bits: [UInt64]
    /// 64-bit words in the array, less one.
    let mask: Int

    /// A sieve for `words` (folded bytes, whole words) in their roles.
    init(_ words: [(bytes: ArraySlice<UInt8>, roles: Roles)]) {
        var count = 4096
        while count < words.count * 16 && count < 1 << 18 { count *= 2 }
        var bits = [UInt64](repeating: 0, count: count / 64)
        let mask = count / 64 - 1
        for (bytes, roles) in words {
            var low: UInt64 = 0
            for (index, byte) in bytes.prefix(8).enumerated() { low |= UInt64(byte) << UInt64(index * 8) }
            let hash = Self.hash(low, count: bytes.count)
            for role in [Roles.single, .first, .second] where roles.contains(role) {
                bits[Self.word(hash, mask: mask)] |= Self.bits(hash, role)
            }
        }
        self.bits = bits
        self.mask = mask
    }

    /// The hash of a word of `count` bytes whose first (at most 8) folded bytes are `low`, little-endian, zero
    /// beyond.
    @inline(__always)
    static func hash(_ low: UInt64, count: Int) -> UInt64 {
        let x = (low ^ UInt64(truncatingIfNeeded: count) &<< 59) &* 0x9E37_79B9_7F4A_7C15
        return x ^ x &>> 29
    }

    /// The array word a hash picks.
    @inline(__always)
    static func word(_ hash: UInt64, mask: Int) -> Int {
        Int(truncatingIfNeeded: hash &>> 40) & mask
    }

    /// A role's two bits in the word a hash picks: each role takes its own two 6-bit slices of the hash. Two bits
    /// a key word (a Bloom filter with two probes in one word) rule out about three times as many other words
    /// as one bit would, at the cost of a shift and an or.
    @inline(__always)
    static func bits(_ hash: UInt64, _ role: Roles) -> UInt64 {
        let shift: UInt64 = role == .single ? 0 : role == .first ? 6 : 12
        return 1 &<< (hash &>> shift & 63) | 1 &<< (hash &>> (shift &+ 18) & 63)
    }

    /// Whether a word whose hash picked array word `word` may have `role`.
    @inline(__always)
    static func may(_ word: UInt64, _ hash: UInt64, _ role: Roles) -> Bool {
        let bits = bits(hash, role)
        return word & bits == bits
    }

    /// The array as a pointer, for the read loop.
    struct Pointer {
        let bits: UnsafePointer<UInt64>
        let mask: Int

        /// The array word for a word with sieve hash `hash`: test a role with ``WordSieve/may(_:_:_:)``.
        @inline(__always)
        func word(_ hash: UInt64) -> UInt64 {
            bits[WordSieve.word(hash, mask: mask)]
        }
    }

    @inline(__always)
    func withPointer<R>(_ body: (Pointer) -> R) -> R {
        bits.withUnsafeBufferPointer { body(Pointer(bits: $0.baseAddress!, mask: mask)) }
    }
}
