#ifndef EARSHOT_CINTRINSICS_H
#define EARSHOT_CINTRINSICS_H

// Typed wrappers for the x86 vector intrinsics that Clang defines as macros (their scale or predicate is an
// immediate operand), which Swift cannot import. Empty unless the including module is built for a CPU with
// AVX-512 (see `matcherSettings` in Package.swift).

#if defined(__x86_64__) && defined(__AVX512F__)
#include <immintrin.h>

/// Loads the 64-bit words `base[index[i]]` for the lanes `i` set in `mask` (8 lanes); the other lanes are 0.
static inline __m512i earshot_mask_gather_epi64(__mmask8 mask, __m512i index, const unsigned long long *base) {
    return _mm512_mask_i64gather_epi64(_mm512_setzero_si512(), mask, index, (const void *)base, 8);
}
#endif

#endif
