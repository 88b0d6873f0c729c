#if EARSHOT_AVX512
    import _Builtin_intrinsics.intel
    internal import CIntrinsics

    extension FirstReader {
        /// ``sieveLong(_:starts:ends:bits:shift:)`` in AVX-512, with no loop over the words: the block's word starts
        /// and ends are compressed into two vectors of byte indices, each word's first and last 4 bytes are
        /// permuted into a 64-bit key (8 words to a vector), and the keys are hashed, their array words gathered
        /// and tested 8 at a time. The passing words' bits are deposited back on `starts`.
        ///
        /// Every word is 4 bytes or longer and ends in the block, so at most 13 (a word and a separator take 5
        /// bytes or more): two groups of 8 lanes. Lanes past the last word are masked out of the gather.
        ///
        /// The loop it replaces ends on a branch the processor cannot predict (the number of words), once per
        /// block; the gather waits on the sieve's array, so this pays only while that array stays in the first-
        /// level cache (``WordSieve/gathers``).
        @inline(never)
        static func sieveVector(
            _ base: UnsafePointer<UInt8>, starts: UInt64, ends: UInt64, bits: UnsafePointer<UInt64>, shift: UInt64
        ) -> UInt64 {
            let count = starts.nonzeroBitCount
            assert(count <= 16, "at most 13 words of 4 bytes end in 64")
            let indices = quads { 0x0706_0504_0302_0100 &+ UInt64($0) &* 0x0808_0808_0808_0808 }
            // Bit 5 set in every byte, as `WordSieve.key(first:last:)` has it.
            let block = _mm512_or_si512(_mm512_loadu_si512(base), _mm512_set1_epi8(0x20))
            let firsts = _mm512_maskz_compress_epi8(starts, indices)
            let lasts = _mm512_maskz_compress_epi8(ends, indices)
            let lengths = _mm512_sub_epi8(lasts, firsts)
            // Byte j of a word's key: its start + j for j < 4, its end - 8 + j after.
            let offsets = _mm512_set1_epi64(Int64(bitPattern: 0xFFFE_FDFC_0302_0100))
            let one = _mm512_set1_epi64(1)
            let low6 = _mm512_set1_epi64(63)
            let multiplier = _mm512_set1_epi64(Int64(bitPattern: WordSieve.multiplier))
            let placeShift = _mm_cvtsi64_si128(Int64(bitPattern: shift &- 12))

            /// Words `8 * group ..< 8 * group + 8`: a bit per word that passes.
            @inline(__always) func passing(group: UInt64, lanes: Int) -> UInt64 {
                let pick = quads { k in
                    let word = group &* 8 &+ UInt64(k)
                    return word &* 0x0101_0101 | (64 &+ word) &* 0x0101_0101 &<< 32
                }
                let keys = _mm512_permutexvar_epi8(
                    _mm512_add_epi8(_mm512_permutex2var_epi8(firsts, pick, lasts), offsets), block)
                let length = _mm512_maskz_permutexvar_epi8(
                    0x0101_0101_0101_0101, quads { group &* 8 &+ UInt64($0) }, lengths)
                // `WordSieve.hash(_:count:)` and `WordSieve.place(_:shift:)`, a lane per word.
                let product = _mm512_mullo_epi64(_mm512_xor_si512(keys, _mm512_slli_epi64(length, 58)), multiplier)
                let top = _mm512_srl_epi64(product, placeShift)
                let want = _mm512_or_si512(
                    _mm512_sllv_epi64(one, _mm512_and_si512(top, low6)),
                    _mm512_sllv_epi64(one, _mm512_and_si512(_mm512_srli_epi64(top, 6), low6)))
                let mask = UInt8(truncatingIfNeeded: (1 &<< UInt64(lanes)) &- 1)
                let found = earshot_mask_gather_epi64(mask, _mm512_srli_epi64(top, 12), bits)
                let missing = _mm512_andnot_si512(found, want)
                return UInt64(_mm512_testn_epi64_mask(missing, missing))
            }
            var passed = passing(group: 0, lanes: min(count, 8))
            if count > 8 { passed |= passing(group: 1, lanes: count &- 8) &<< 8 }
            return _pdep_u64(passed, starts)
        }

        /// A vector of 8 quadwords, `q(0)` in the lowest lane (constants, folded by the compiler).
        @inline(__always)
        private static func quads(_ q: (Int) -> UInt64) -> __m512i {
            _mm512_set_epi64(
                Int64(bitPattern: q(7)), Int64(bitPattern: q(6)), Int64(bitPattern: q(5)), Int64(bitPattern: q(4)),
                Int64(bitPattern: q(3)), Int64(bitPattern: q(2)), Int64(bitPattern: q(1)), Int64(bitPattern: q(0)))
        }
    }
#endif
