/* SHA-512 compression with an AVX2 message schedule. Compiled with -mavx2; called only when
 * dispatch.c has seen AVX2.
 *
 * While the scalar rounds of one group of 16 run, the vector unit computes W + K for the next
 * group, four words per step (the last two of each four need sigma1 of the first two, so
 * sigma1 runs on 128-bit halves). The two kinds of work use different execution ports, so the
 * schedule costs the rounds almost nothing. No data-dependent branches or indices. */
#include <immintrin.h>

#include "sha512.h"

#define ROR(x, n) (((x) >> (n)) | ((x) << (64 - (n))))
#define BSIG0(x) (ROR(x, 28) ^ ROR(x, 34) ^ ROR(x, 39))
#define BSIG1(x) (ROR(x, 14) ^ ROR(x, 18) ^ ROR(x, 41))

static inline __m256i ror256(__m256i x, int n) {
  return _mm256_or_si256(_mm256_srli_epi64(x, n), _mm256_slli_epi64(x, 64 - n));
}
static inline __m128i ror128(__m128i x, int n) {
  return _mm_or_si128(_mm_srli_epi64(x, n), _mm_slli_epi64(x, 64 - n));
}
static inline __m256i ssig0(__m256i x) {
  return _mm256_xor_si256(_mm256_xor_si256(ror256(x, 1), ror256(x, 8)), _mm256_srli_epi64(x, 7));
}
static inline __m128i ssig1(__m128i x) {
  return _mm_xor_si128(_mm_xor_si128(ror128(x, 19), ror128(x, 61)), _mm_srli_epi64(x, 6));
}

/* W[t..t+3] = W[t-16..] + s0(W[t-15..]) + W[t-7..] + s1(W[t-2..]); wk = W + K. */
static inline void sched4(uint64_t *w, uint64_t *wk, int t) {
  __m256i x = _mm256_add_epi64(_mm256_load_si256((const __m256i *)&w[t - 16]),
                               ssig0(_mm256_loadu_si256((const __m256i *)&w[t - 15])));
  x = _mm256_add_epi64(x, _mm256_loadu_si256((const __m256i *)&w[t - 7]));
  __m128i lo = _mm_add_epi64(_mm256_castsi256_si128(x), ssig1(_mm_load_si128((const __m128i *)&w[t - 2])));
  __m128i hi = _mm_add_epi64(_mm256_extracti128_si256(x, 1), ssig1(lo));
  __m256i v = _mm256_inserti128_si256(_mm256_castsi128_si256(lo), hi, 1);
  _mm256_store_si256((__m256i *)&w[t], v);
  _mm256_store_si256((__m256i *)&wk[t],
                     _mm256_add_epi64(v, _mm256_loadu_si256((const __m256i *)&ts_sha512_k[t])));
}

#define ROUND(a, b, c, d, e, f, g, h, t)                                     \
  do {                                                                       \
    uint64_t t1 = h + BSIG1(e) + (g ^ (e & (f ^ g))) + wk[t];                \
    uint64_t t2 = BSIG0(a) + ((a & b) ^ (c & (a ^ b)));                      \
    d += t1;                                                                 \
    h = t1 + t2;                                                             \
  } while (0)

void ts_sha512_blocks_avx2(uint64_t h[8], const uint8_t *p, size_t nblocks) {
  const __m256i bswap = _mm256_set_epi64x(0x08090a0b0c0d0e0fULL, 0x0001020304050607ULL,
                                          0x08090a0b0c0d0e0fULL, 0x0001020304050607ULL);
  while (nblocks--) {
    __attribute__((aligned(32))) uint64_t w[80], wk[80];
    for (int i = 0; i < 4; i++) {
      __m256i v = _mm256_shuffle_epi8(_mm256_loadu_si256((const __m256i *)(p + 32 * i)), bswap);
      _mm256_store_si256((__m256i *)&w[4 * i], v);
      _mm256_store_si256((__m256i *)&wk[4 * i],
                         _mm256_add_epi64(v, _mm256_loadu_si256((const __m256i *)&ts_sha512_k[4 * i])));
    }
    uint64_t a = h[0], b = h[1], c = h[2], d = h[3], e = h[4], f = h[5], g = h[6], hh = h[7];
    for (int t = 0; t < 80; t += 16) {
      /* Rounds t..t+15, with the schedule of words t+16..t+31 interleaved. */
      if (t < 64) sched4(w, wk, t + 16);
      ROUND(a, b, c, d, e, f, g, hh, t);
      ROUND(hh, a, b, c, d, e, f, g, t + 1);
      ROUND(g, hh, a, b, c, d, e, f, t + 2);
      ROUND(f, g, hh, a, b, c, d, e, t + 3);
      if (t < 64) sched4(w, wk, t + 20);
      ROUND(e, f, g, hh, a, b, c, d, t + 4);
      ROUND(d, e, f, g, hh, a, b, c, t + 5);
      ROUND(c, d, e, f, g, hh, a, b, t + 6);
      ROUND(b, c, d, e, f, g, hh, a, t + 7);
      if (t < 64) sched4(w, wk, t + 24);
      ROUND(a, b, c, d, e, f, g, hh, t + 8);
      ROUND(hh, a, b, c, d, e, f, g, t + 9);
      ROUND(g, hh, a, b, c, d, e, f, t + 10);
      ROUND(f, g, hh, a, b, c, d, e, t + 11);
      if (t < 64) sched4(w, wk, t + 28);
      ROUND(e, f, g, hh, a, b, c, d, t + 12);
      ROUND(d, e, f, g, hh, a, b, c, t + 13);
      ROUND(c, d, e, f, g, hh, a, b, t + 14);
      ROUND(b, c, d, e, f, g, hh, a, t + 15);
    }
    h[0] += a;
    h[1] += b;
    h[2] += c;
    h[3] += d;
    h[4] += e;
    h[5] += f;
    h[6] += g;
    h[7] += hh;
    p += TS_SHA512_BLOCK;
  }
}
