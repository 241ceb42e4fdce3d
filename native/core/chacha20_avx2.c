/* ChaCha20 with AVX2: eight blocks per iteration, one 256-bit vector per state word (lane j =
 * block j); the tail goes through a buffer or the portable code. AVX2 only, never AVX-512 (valgrind must run it).
 * Runs only after dispatch.c has seen AVX2 and SSSE3. This is constant-time. */
#include <immintrin.h>

#include "chacha20.h"

#define ROTL256(x, n) _mm256_or_si256(_mm256_slli_epi32((x), (n)), _mm256_srli_epi32((x), 32 - (n)))
#define QR256(a, b, c, d)                             \
  a = _mm256_add_epi32(a, b);                         \
  d = _mm256_shuffle_epi8(_mm256_xor_si256(d, a), r16); \
  c = _mm256_add_epi32(c, d);                         \
  b = _mm256_xor_si256(b, c);                         \
  b = ROTL256(b, 12);                                 \
  a = _mm256_add_epi32(a, b);                         \
  d = _mm256_shuffle_epi8(_mm256_xor_si256(d, a), r8);  \
  c = _mm256_add_epi32(c, d);                         \
  b = _mm256_xor_si256(b, c);                         \
  b = ROTL256(b, 7)

/* Transposes four word vectors within each 128-bit half: afterwards vector j holds 16 bytes of
 * block j (low half) and of block j+4 (high half). */
static inline void transpose4(__m256i *a, __m256i *b, __m256i *c, __m256i *d) {
  __m256i t0 = _mm256_unpacklo_epi32(*a, *b), t1 = _mm256_unpacklo_epi32(*c, *d);
  __m256i t2 = _mm256_unpackhi_epi32(*a, *b), t3 = _mm256_unpackhi_epi32(*c, *d);
  *a = _mm256_unpacklo_epi64(t0, t1);
  *b = _mm256_unpackhi_epi64(t0, t1);
  *c = _mm256_unpacklo_epi64(t2, t3);
  *d = _mm256_unpackhi_epi64(t2, t3);
}

static inline void xor32(uint8_t *out, const uint8_t *in, __m256i k) {
  _mm256_storeu_si256((__m256i *)out, _mm256_xor_si256(_mm256_loadu_si256((const __m256i *)in), k));
}

/* Block j gets words 0-3 and 4-7 from groups g0,g1 and words 8-15 from groups g2,g3. */
static inline void out8(uint8_t *out, const uint8_t *in, __m256i g0, __m256i g1, __m256i g2, __m256i g3) {
  xor32(out + 0, in + 0, _mm256_permute2x128_si256(g0, g1, 0x20));
  xor32(out + 32, in + 32, _mm256_permute2x128_si256(g2, g3, 0x20));
  xor32(out + 256, in + 256, _mm256_permute2x128_si256(g0, g1, 0x31));
  xor32(out + 288, in + 288, _mm256_permute2x128_si256(g2, g3, 0x31));
}

/* Eight blocks (512 bytes) of out = in XOR keystream, counters counter..counter+7. Inlined in
 * the loop below, where the broadcasts of the key and nonce are hoisted out of it. */
static inline __attribute__((always_inline)) void blocks8(uint8_t *out, const uint8_t *in, const uint32_t key[8],
                                                          uint32_t counter, const uint32_t nonce[3]) {
  const __m256i r16 = _mm256_setr_epi8(2, 3, 0, 1, 6, 7, 4, 5, 10, 11, 8, 9, 14, 15, 12, 13, 2, 3, 0, 1, 6, 7, 4,
                                       5, 10, 11, 8, 9, 14, 15, 12, 13);
  const __m256i r8 = _mm256_setr_epi8(3, 0, 1, 2, 7, 4, 5, 6, 11, 8, 9, 10, 15, 12, 13, 14, 3, 0, 1, 2, 7, 4, 5,
                                      6, 11, 8, 9, 10, 15, 12, 13, 14);
  const __m256i s0 = _mm256_set1_epi32(0x61707865), s1 = _mm256_set1_epi32(0x3320646e);
  const __m256i s2 = _mm256_set1_epi32(0x79622d32), s3 = _mm256_set1_epi32(0x6b206574);
  const __m256i s4 = _mm256_set1_epi32((int)key[0]), s5 = _mm256_set1_epi32((int)key[1]);
  const __m256i s6 = _mm256_set1_epi32((int)key[2]), s7 = _mm256_set1_epi32((int)key[3]);
  const __m256i s8 = _mm256_set1_epi32((int)key[4]), s9 = _mm256_set1_epi32((int)key[5]);
  const __m256i s10 = _mm256_set1_epi32((int)key[6]), s11 = _mm256_set1_epi32((int)key[7]);
  const __m256i s12 = _mm256_add_epi32(_mm256_set1_epi32((int)counter), _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7));
  const __m256i s13 = _mm256_set1_epi32((int)nonce[0]), s14 = _mm256_set1_epi32((int)nonce[1]);
  const __m256i s15 = _mm256_set1_epi32((int)nonce[2]);
  __m256i x0 = s0, x1 = s1, x2 = s2, x3 = s3, x4 = s4, x5 = s5, x6 = s6, x7 = s7;
  __m256i x8 = s8, x9 = s9, x10 = s10, x11 = s11, x12 = s12, x13 = s13, x14 = s14, x15 = s15;
  for (int i = 0; i < 10; i++) {
    QR256(x0, x4, x8, x12);
    QR256(x1, x5, x9, x13);
    QR256(x2, x6, x10, x14);
    QR256(x3, x7, x11, x15);
    QR256(x0, x5, x10, x15);
    QR256(x1, x6, x11, x12);
    QR256(x2, x7, x8, x13);
    QR256(x3, x4, x9, x14);
  }
  x0 = _mm256_add_epi32(x0, s0);
  x1 = _mm256_add_epi32(x1, s1);
  x2 = _mm256_add_epi32(x2, s2);
  x3 = _mm256_add_epi32(x3, s3);
  x4 = _mm256_add_epi32(x4, s4);
  x5 = _mm256_add_epi32(x5, s5);
  x6 = _mm256_add_epi32(x6, s6);
  x7 = _mm256_add_epi32(x7, s7);
  x8 = _mm256_add_epi32(x8, s8);
  x9 = _mm256_add_epi32(x9, s9);
  x10 = _mm256_add_epi32(x10, s10);
  x11 = _mm256_add_epi32(x11, s11);
  x12 = _mm256_add_epi32(x12, s12);
  x13 = _mm256_add_epi32(x13, s13);
  x14 = _mm256_add_epi32(x14, s14);
  x15 = _mm256_add_epi32(x15, s15);
  transpose4(&x0, &x1, &x2, &x3);
  transpose4(&x4, &x5, &x6, &x7);
  transpose4(&x8, &x9, &x10, &x11);
  transpose4(&x12, &x13, &x14, &x15);
  out8(out + 0, in + 0, x0, x4, x8, x12);
  out8(out + 64, in + 64, x1, x5, x9, x13);
  out8(out + 128, in + 128, x2, x6, x10, x14);
  out8(out + 192, in + 192, x3, x7, x11, x15);
}

void ts_chacha20_xor_avx2(uint8_t *out, const uint8_t *in, size_t len, const uint32_t key[8],
                          uint32_t counter, const uint32_t nonce[3]) {
  while (len >= 8 * TS_CHACHA20_BLOCK) {
    blocks8(out, in, key, counter, nonce);
    counter += 8;
    in += 8 * TS_CHACHA20_BLOCK;
    out += 8 * TS_CHACHA20_BLOCK;
    len -= 8 * TS_CHACHA20_BLOCK;
  }
  /* 256-bit vectors run at the rate of 128-bit ones on current cores, so eight blocks through
   * a buffer cost what four do; one or two blocks are cheaper in the portable code. */
  if (len > 2 * TS_CHACHA20_BLOCK) {
    uint8_t buf[8 * TS_CHACHA20_BLOCK] = {0};
    for (size_t i = 0; i < len; i++) buf[i] = in[i];
    blocks8(buf, buf, key, counter, nonce);
    for (size_t i = 0; i < len; i++) out[i] = buf[i];
    ts_chacha_wipe(buf, sizeof buf);
  } else if (len) {
    ts_chacha20_xor_generic(out, in, len, key, counter, nonce);
  }
}
