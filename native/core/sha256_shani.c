/* SHA-256 compression with the x86 SHA extensions (SHA-NI). Compiled with -msha; called only
 * when dispatch.c has seen the SHA and SSE4.1 cpuid bits.
 *
 * sha256rnds2 keeps the state as two registers ABEF and CDGH and does two rounds per
 * instruction; sha256msg1/msg2 compute the message schedule four words at a time. */
#include <immintrin.h>

#include "sha256.h"

void ts_sha256_blocks_shani(uint32_t h[8], const uint8_t *p, size_t nblocks) {
  const __m128i bswap = _mm_set_epi64x(0x0c0d0e0f08090a0bULL, 0x0405060700010203ULL);
  __m128i tmp = _mm_loadu_si128((const __m128i *)&h[0]);    /* DCBA */
  __m128i state1 = _mm_loadu_si128((const __m128i *)&h[4]); /* HGFE */
  tmp = _mm_shuffle_epi32(tmp, 0xB1);                        /* CDAB */
  state1 = _mm_shuffle_epi32(state1, 0x1B);                  /* EFGH */
  __m128i state0 = _mm_alignr_epi8(tmp, state1, 8);          /* ABEF */
  state1 = _mm_blend_epi16(state1, tmp, 0xF0);               /* CDGH */

  while (nblocks--) {
    const __m128i abef = state0, cdgh = state1;
    __m128i m[4];
    for (int i = 0; i < 4; i++)
      m[i] = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(p + 16 * i)), bswap);
#pragma GCC unroll 16
    for (int g = 0; g < 16; g++) {
      __m128i msg = _mm_add_epi32(m[g & 3], _mm_loadu_si128((const __m128i *)&ts_sha256_k[4 * g]));
      state1 = _mm_sha256rnds2_epu32(state1, state0, msg);
      state0 = _mm_sha256rnds2_epu32(state0, state1, _mm_shuffle_epi32(msg, 0x0E));
      if (g < 12) {
        /* W[t..t+3] = msg2(msg1(W[t-16..], W[t-12..]) + W[t-7..t-4], W[t-4..t-1]) */
        __m128i x = _mm_sha256msg1_epu32(m[g & 3], m[(g + 1) & 3]);
        x = _mm_add_epi32(x, _mm_alignr_epi8(m[(g + 3) & 3], m[(g + 2) & 3], 4));
        m[g & 3] = _mm_sha256msg2_epu32(x, m[(g + 3) & 3]);
      }
    }
    state0 = _mm_add_epi32(state0, abef);
    state1 = _mm_add_epi32(state1, cdgh);
    p += TS_SHA256_BLOCK;
  }

  tmp = _mm_shuffle_epi32(state0, 0x1B);       /* FEBA */
  state1 = _mm_shuffle_epi32(state1, 0xB1);    /* DCHG */
  state0 = _mm_blend_epi16(tmp, state1, 0xF0); /* DCBA */
  state1 = _mm_alignr_epi8(state1, tmp, 8);    /* HGFE */
  _mm_storeu_si128((__m128i *)&h[0], state0);
  _mm_storeu_si128((__m128i *)&h[4], state1);
}
