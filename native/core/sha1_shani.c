/* SHA-1 compression with the x86 SHA extensions (SHA-NI). Compiled with -msha; called only when
 * dispatch.c has seen the SHA, SSSE3 and SSE4.1 cpuid bits.
 *
 * The state is ABCD in one register (A in the top lane) and E in the top lane of another.
 * sha1rnds4 does four rounds; sha1nexte derives the next E (ROL30 of the A four rounds back)
 * and adds it to the message words; sha1msg1/msg2 compute the schedule four words at a time. */
#include <immintrin.h>

#include "sha1.h"

void ts_sha1_blocks_shani(uint32_t h[5], const uint8_t *p, size_t nblocks) {
  const __m128i bswap = _mm_set_epi64x(0x0001020304050607ULL, 0x08090a0b0c0d0e0fULL);
  __m128i abcd = _mm_shuffle_epi32(_mm_loadu_si128((const __m128i *)h), 0x1B);
  __m128i e0 = _mm_set_epi32((int)h[4], 0, 0, 0);

  while (nblocks--) {
    const __m128i abcd_start = abcd, e_start = e0;
    __m128i m0 = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(p + 0)), bswap);
    __m128i m1 = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(p + 16)), bswap);
    __m128i m2 = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(p + 32)), bswap);
    __m128i m3 = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(p + 48)), bswap);
    __m128i e, prev;

    /* Four rounds on message group x; func is the round function (0..3) by round number. */
#define QUAD(x, func)                            \
  prev = abcd;                                   \
  abcd = _mm_sha1rnds4_epu32(abcd, e, (func));
    /* W[4g..4g+3] from the four groups before it, into the register of group g-4. */
#define SCHED(a, b, c, d) a = _mm_sha1msg2_epu32(_mm_xor_si128(_mm_sha1msg1_epu32(a, b), c), d)

    e = _mm_add_epi32(e0, m0);
    QUAD(m0, 0)
    e = _mm_sha1nexte_epu32(prev, m1);
    QUAD(m1, 0)
    e = _mm_sha1nexte_epu32(prev, m2);
    QUAD(m2, 0)
    e = _mm_sha1nexte_epu32(prev, m3);
    QUAD(m3, 0)
    /* Groups 4..19: m[g & 3] = schedule(m[g-4], m[g-3], m[g-2], m[g-1]). */
#define GROUP(a, b, c, d, func)          \
  SCHED(a, b, c, d);                     \
  e = _mm_sha1nexte_epu32(prev, a);      \
  QUAD(a, func)
    GROUP(m0, m1, m2, m3, 0) /* 16-19 */
    GROUP(m1, m2, m3, m0, 1) /* 20-23 */
    GROUP(m2, m3, m0, m1, 1)
    GROUP(m3, m0, m1, m2, 1)
    GROUP(m0, m1, m2, m3, 1)
    GROUP(m1, m2, m3, m0, 1)
    GROUP(m2, m3, m0, m1, 2) /* 40-43 */
    GROUP(m3, m0, m1, m2, 2)
    GROUP(m0, m1, m2, m3, 2)
    GROUP(m1, m2, m3, m0, 2)
    GROUP(m2, m3, m0, m1, 2)
    GROUP(m3, m0, m1, m2, 3) /* 60-63 */
    GROUP(m0, m1, m2, m3, 3)
    GROUP(m1, m2, m3, m0, 3)
    GROUP(m2, m3, m0, m1, 3)
    GROUP(m3, m0, m1, m2, 3) /* 76-79 */
#undef GROUP
#undef SCHED
#undef QUAD
    e0 = _mm_sha1nexte_epu32(prev, e_start);
    abcd = _mm_add_epi32(abcd, abcd_start);
    p += TS_SHA1_BLOCK;
  }

  _mm_storeu_si128((__m128i *)h, _mm_shuffle_epi32(abcd, 0x1B));
  h[4] = (uint32_t)_mm_extract_epi32(e0, 3);
}
