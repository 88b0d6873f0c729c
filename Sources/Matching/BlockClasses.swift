#if arch(x86_64)
    import _Builtin_intrinsics.intel
#endif

/// The classes of 64 bytes read at once, one bit per byte (byte 0 to bit 0): which are ASCII word characters
/// (letters, digits, `_`) and which are not ASCII. The first read's classification of a block.
struct BlockClasses: Equatable {
    /// ASCII letters, digits and `_`.
    var words: UInt64
    /// Bytes with the top bit set (parts of non-ASCII scalars).
    var nonASCII: UInt64

    /// Classifies the 64 bytes at `p`: with SSE2 on x86-64 (part of every x86-64 CPU: four 16-byte loads, a few
    /// compares each and a byte-mask move), with 8-byte arithmetic elsewhere.
    @inline(__always)
    init(_ p: UnsafeRawPointer) {
        #if arch(x86_64)
            self = Self.vector(p)
        #else
            self = Self.scalar(p)
        #endif
    }

    init(words: UInt64, nonASCII: UInt64) {
        self.words = words
        self.nonASCII = nonASCII
    }

    #if arch(x86_64)
        /// SSE2: a byte is in the range `lowest...highest` when adding `0x80 - lowest` (wrapping) takes it below
        /// `-128 + (highest - lowest + 1)` as a signed byte, one add and one compare per range. Bytes of 0x80 and
        /// up fall outside every range.
        @inline(__always)
        static func vector(_ p: UnsafeRawPointer) -> BlockClasses {
            let letterShift = _mm_set1_epi8(Int8(bitPattern: 0x80 &- 0x61))  // 'a'
            let letterLimit = _mm_set1_epi8(-128 + 26)
            let digitShift = _mm_set1_epi8(Int8(bitPattern: 0x80 &- 0x30))  // '0'
            let digitLimit = _mm_set1_epi8(-128 + 10)
            let caseBit = _mm_set1_epi8(0x20)
            let underscore = _mm_set1_epi8(0x5F)
            var words: UInt64 = 0
            var nonASCII: UInt64 = 0
            for part in 0..<4 {
                let v = _mm_loadu_si128((p + part &* 16).assumingMemoryBound(to: __m128i.self))
                let letter = _mm_cmplt_epi8(_mm_add_epi8(_mm_or_si128(v, caseBit), letterShift), letterLimit)
                let digit = _mm_cmplt_epi8(_mm_add_epi8(v, digitShift), digitLimit)
                let word = _mm_or_si128(_mm_or_si128(letter, digit), _mm_cmpeq_epi8(v, underscore))
                let shift = UInt64(part &* 16)
                words |= UInt64(UInt16(truncatingIfNeeded: _mm_movemask_epi8(word))) &<< shift
                nonASCII |= UInt64(UInt16(truncatingIfNeeded: _mm_movemask_epi8(v))) &<< shift
            }
            return BlockClasses(words: words, nonASCII: nonASCII)
        }
    #endif

    /// The same with 8-byte arithmetic (on every architecture, so that tests compare both ways).
    @inline(__always)
    static func scalar(_ p: UnsafeRawPointer) -> BlockClasses {
        var words: UInt64 = 0
        var nonASCII: UInt64 = 0
        for part in 0..<8 {
            let x = p.loadUnaligned(fromByteOffset: part &* 8, as: UInt64.self)
            let shift = UInt64(part &* 8)
            // Classified with the top bits cleared, so that no non-ASCII byte carries into the next one (and
            // a non-ASCII byte whose low bits read like a letter is no word byte).
            words |= bits(wordBytes(x & 0x7F7F_7F7F_7F7F_7F7F) & ~x) &<< shift
            nonASCII |= bits(x & ASCIIMask.high) &<< shift
        }
        return BlockClasses(words: words, nonASCII: nonASCII)
    }

    /// 0x80 in each byte of ASCII `x` that is a word character (letter, digit, `_`), 0 elsewhere.
    @inline(__always)
    static func wordBytes(_ x: UInt64) -> UInt64 {
        let lower = x | 0x2020_2020_2020_2020
        let letter = (lower &+ 0x1F1F_1F1F_1F1F_1F1F) & ~(lower &+ 0x0505_0505_0505_0505)  // a...z
        let digit = (x &+ 0x5050_5050_5050_5050) & ~(x &+ 0x4646_4646_4646_4646)  // 0...9
        let t = x ^ 0x5F5F_5F5F_5F5F_5F5F  // _
        let underscore = ~((t &+ 0x7F7F_7F7F_7F7F_7F7F) | t)
        return (letter | digit | underscore) & ASCIIMask.high
    }

    /// One bit per byte of a mask of 0x80 bytes, byte 0 to bit 0.
    @inline(__always)
    static func bits(_ mask: UInt64) -> UInt64 {
        ((mask &>> 7) &* 0x0102_0408_1020_4080) &>> 56
    }
}
