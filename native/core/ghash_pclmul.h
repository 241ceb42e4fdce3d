/* PCLMULQDQ GHASH arithmetic shared by ghash_pclmul.c and the fused GCM loops (gcm_x86ni.c).
 * Include only from files compiled with -mpclmul -mssse3 (their code runs after dispatch).
 *
 * A block B is handled as the 128-bit integer of its bytes read big-endian (byte-swapped
 * load), so the coefficient of x^0 is bit 127. In that "reflected" form, with t standing for
 * a bit position, a carry-less product is the field product times t^127 modulo
 * P* = t^128 + t^127 + t^126 + t^121 + 1. Keys are stored as H*t, so one carry-less product
 * followed by a Montgomery division by t^128 (two folds by t^64 with the constant
 * t^63 + t^62 + t^57 = 0xC2 << 56) is exactly GCM's multiplication. Sums of products are
 * accumulated unreduced and reduced once (aggregated reduction). */
#ifndef TS_GHASH_PCLMUL_H
#define TS_GHASH_PCLMUL_H

#include <immintrin.h>
#include <stdint.h>

static inline __m128i ts_bswap128(__m128i x) {
  return _mm_shuffle_epi8(x, _mm_set_epi8(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15));
}

/* Accumulate a*h (unreduced) into lo, hi and the Karatsuba middle term mid; hk holds
 * h.lo ^ h.hi in its low qword. */
static inline void ts_clmul_acc(__m128i a, __m128i h, __m128i hk, __m128i *lo, __m128i *hi,
                                __m128i *mid) {
  *lo = _mm_xor_si128(*lo, _mm_clmulepi64_si128(a, h, 0x00));
  *hi = _mm_xor_si128(*hi, _mm_clmulepi64_si128(a, h, 0x11));
  __m128i ak = _mm_xor_si128(a, _mm_shuffle_epi32(a, 0x4E));
  *mid = _mm_xor_si128(*mid, _mm_clmulepi64_si128(ak, hk, 0x00));
}

/* Reduce the accumulated 256-bit sum to the field element. */
static inline __m128i ts_ghash_reduce(__m128i lo, __m128i hi, __m128i mid) {
  const __m128i poly = _mm_set_epi64x(0, (long long)0xC200000000000000ULL);
  mid = _mm_xor_si128(mid, _mm_xor_si128(lo, hi));
  lo = _mm_xor_si128(lo, _mm_slli_si128(mid, 8));
  hi = _mm_xor_si128(hi, _mm_srli_si128(mid, 8));
  __m128i t = _mm_clmulepi64_si128(lo, poly, 0x00);
  lo = _mm_xor_si128(_mm_shuffle_epi32(lo, 0x4E), t);
  t = _mm_clmulepi64_si128(lo, poly, 0x00);
  lo = _mm_xor_si128(_mm_shuffle_epi32(lo, 0x4E), t);
  return _mm_xor_si128(hi, lo);
}

static inline __m128i ts_hk(__m128i h) { return _mm_xor_si128(h, _mm_shuffle_epi32(h, 0x4E)); }

static inline __m128i ts_gmul(__m128i a, __m128i h) {
  __m128i lo = _mm_setzero_si128(), hi = lo, mid = lo;
  ts_clmul_acc(a, h, ts_hk(h), &lo, &hi, &mid);
  return ts_ghash_reduce(lo, hi, mid);
}

#endif
