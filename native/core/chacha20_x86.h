/* ChaCha20, four blocks at a time in 128-bit vectors (one vector per state word, one lane per
 * block), for chacha20_ssse3.c; only code that runs after dispatch has checked SSSE3.
 * Everything here is constant-time: vector adds, XORs, shifts and fixed shuffles. */
#ifndef TS_CHACHA20_X86_H
#define TS_CHACHA20_X86_H

#include <tmmintrin.h>

#include "chacha20.h"
#include "ct.h"

#define TS_CC_ROTL128(x, n) _mm_or_si128(_mm_slli_epi32((x), (n)), _mm_srli_epi32((x), 32 - (n)))
#define TS_CC_QR128(a, b, c, d)                \
  a = _mm_add_epi32(a, b);                     \
  d = _mm_shuffle_epi8(_mm_xor_si128(d, a), r16); \
  c = _mm_add_epi32(c, d);                     \
  b = _mm_xor_si128(b, c);                     \
  b = TS_CC_ROTL128(b, 12);                    \
  a = _mm_add_epi32(a, b);                     \
  d = _mm_shuffle_epi8(_mm_xor_si128(d, a), r8); \
  c = _mm_add_epi32(c, d);                     \
  b = _mm_xor_si128(b, c);                     \
  b = TS_CC_ROTL128(b, 7)

/* Transposes words a,b,c,d (lane j = block j) into block order and XORs them into 16 bytes of
 * each of the four 64-byte blocks at out/in. */
static inline void ts_cc_out4(uint8_t *out, const uint8_t *in, __m128i a, __m128i b, __m128i c,
                              __m128i d) {
  __m128i t0 = _mm_unpacklo_epi32(a, b), t1 = _mm_unpacklo_epi32(c, d);
  __m128i t2 = _mm_unpackhi_epi32(a, b), t3 = _mm_unpackhi_epi32(c, d);
  a = _mm_unpacklo_epi64(t0, t1);
  b = _mm_unpackhi_epi64(t0, t1);
  c = _mm_unpacklo_epi64(t2, t3);
  d = _mm_unpackhi_epi64(t2, t3);
  _mm_storeu_si128((__m128i *)(out + 0), _mm_xor_si128(_mm_loadu_si128((const __m128i *)(in + 0)), a));
  _mm_storeu_si128((__m128i *)(out + 64), _mm_xor_si128(_mm_loadu_si128((const __m128i *)(in + 64)), b));
  _mm_storeu_si128((__m128i *)(out + 128), _mm_xor_si128(_mm_loadu_si128((const __m128i *)(in + 128)), c));
  _mm_storeu_si128((__m128i *)(out + 192), _mm_xor_si128(_mm_loadu_si128((const __m128i *)(in + 192)), d));
}

/* Four blocks (256 bytes) of out = in XOR keystream, counters counter..counter+3. */
static inline void ts_cc_blocks4(uint8_t *out, const uint8_t *in, const uint32_t key[8], uint32_t counter,
                                 const uint32_t nonce[3]) {
  const __m128i r16 = _mm_setr_epi8(2, 3, 0, 1, 6, 7, 4, 5, 10, 11, 8, 9, 14, 15, 12, 13);
  const __m128i r8 = _mm_setr_epi8(3, 0, 1, 2, 7, 4, 5, 6, 11, 8, 9, 10, 15, 12, 13, 14);
  __m128i s0 = _mm_set1_epi32(0x61707865), s1 = _mm_set1_epi32(0x3320646e);
  __m128i s2 = _mm_set1_epi32(0x79622d32), s3 = _mm_set1_epi32(0x6b206574);
  __m128i s4 = _mm_set1_epi32((int)key[0]), s5 = _mm_set1_epi32((int)key[1]);
  __m128i s6 = _mm_set1_epi32((int)key[2]), s7 = _mm_set1_epi32((int)key[3]);
  __m128i s8 = _mm_set1_epi32((int)key[4]), s9 = _mm_set1_epi32((int)key[5]);
  __m128i s10 = _mm_set1_epi32((int)key[6]), s11 = _mm_set1_epi32((int)key[7]);
  __m128i s12 = _mm_add_epi32(_mm_set1_epi32((int)counter), _mm_setr_epi32(0, 1, 2, 3));
  __m128i s13 = _mm_set1_epi32((int)nonce[0]), s14 = _mm_set1_epi32((int)nonce[1]);
  __m128i s15 = _mm_set1_epi32((int)nonce[2]);
  __m128i x0 = s0, x1 = s1, x2 = s2, x3 = s3, x4 = s4, x5 = s5, x6 = s6, x7 = s7;
  __m128i x8 = s8, x9 = s9, x10 = s10, x11 = s11, x12 = s12, x13 = s13, x14 = s14, x15 = s15;
  for (int i = 0; i < 10; i++) {
    TS_CC_QR128(x0, x4, x8, x12);
    TS_CC_QR128(x1, x5, x9, x13);
    TS_CC_QR128(x2, x6, x10, x14);
    TS_CC_QR128(x3, x7, x11, x15);
    TS_CC_QR128(x0, x5, x10, x15);
    TS_CC_QR128(x1, x6, x11, x12);
    TS_CC_QR128(x2, x7, x8, x13);
    TS_CC_QR128(x3, x4, x9, x14);
  }
  ts_cc_out4(out + 0, in + 0, _mm_add_epi32(x0, s0), _mm_add_epi32(x1, s1), _mm_add_epi32(x2, s2),
             _mm_add_epi32(x3, s3));
  ts_cc_out4(out + 16, in + 16, _mm_add_epi32(x4, s4), _mm_add_epi32(x5, s5), _mm_add_epi32(x6, s6),
             _mm_add_epi32(x7, s7));
  ts_cc_out4(out + 32, in + 32, _mm_add_epi32(x8, s8), _mm_add_epi32(x9, s9), _mm_add_epi32(x10, s10),
             _mm_add_epi32(x11, s11));
  ts_cc_out4(out + 48, in + 48, _mm_add_epi32(x12, s12), _mm_add_epi32(x13, s13), _mm_add_epi32(x14, s14),
             _mm_add_epi32(x15, s15));
}

/* Whole groups of four blocks, then a partial group through a stack buffer, or the last one or
 * two blocks through the portable code (cheaper than four in vectors). */
static inline void ts_cc_tail4(uint8_t *out, const uint8_t *in, size_t len, const uint32_t key[8],
                               uint32_t counter, const uint32_t nonce[3]) {
  while (len >= 4 * TS_CHACHA20_BLOCK) {
    ts_cc_blocks4(out, in, key, counter, nonce);
    counter += 4;
    in += 4 * TS_CHACHA20_BLOCK;
    out += 4 * TS_CHACHA20_BLOCK;
    len -= 4 * TS_CHACHA20_BLOCK;
  }
  if (len > 2 * TS_CHACHA20_BLOCK) {
    uint8_t buf[4 * TS_CHACHA20_BLOCK] = {0};
    for (size_t i = 0; i < len; i++) buf[i] = in[i];
    ts_cc_blocks4(buf, buf, key, counter, nonce);
    for (size_t i = 0; i < len; i++) out[i] = buf[i];
    ts_chacha_wipe(buf, sizeof buf);
  } else if (len) {
    ts_chacha20_xor_generic(out, in, len, key, counter, nonce);
  }
}

#endif
