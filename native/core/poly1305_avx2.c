/* Poly1305 with AVX2: four blocks in parallel in radix 2^26 (one 64-bit lane per block,
 * products with vpmuludq). Lane j accumulates blocks j, j+4, j+8, ... as H = H * r^4 + M; at
 * the end lane j is multiplied by r^(4-j) and the lanes are summed, which equals the serial
 * Horner evaluation. Only for long inputs: short ones go to the 64-bit-limb code, since the
 * powers of r cost three multiplications per key. AVX2 only (no AVX-512: valgrind must run
 * it); runs only after dispatch.c has seen AVX2. All arithmetic is branch-free and the only
 * branches are on lengths: this is constant-time. */
#include <immintrin.h>

#include "poly1305.h"

typedef unsigned __int128 u128;

#define M26 0x3ffffffULL

/* a = a * r mod p (partially reduced), 64-bit limbs; r1 is a multiple of 4 (clamped). */
static void mul_r(uint64_t a[3], const ts_poly1305_ctx *c) {
  u128 d0 = (u128)a[0] * c->r0 + (u128)a[1] * c->s1;
  u128 d1 = (u128)a[0] * c->r1 + (u128)a[1] * c->r0 + (u128)a[2] * c->s1 + (uint64_t)(d0 >> 64);
  uint64_t d2 = a[2] * c->r0 + (uint64_t)(d1 >> 64);
  uint64_t carry = (d2 >> 2) + (d2 & ~(uint64_t)3);
  u128 t = (u128)(uint64_t)d0 + carry;
  a[0] = (uint64_t)t;
  t = (u128)(uint64_t)d1 + (uint64_t)(t >> 64);
  a[1] = (uint64_t)t;
  a[2] = (d2 & 3) + (uint64_t)(t >> 64);
}

static void to26(uint32_t l[5], const uint64_t a[3]) {
  l[0] = (uint32_t)(a[0] & M26);
  l[1] = (uint32_t)((a[0] >> 26) & M26);
  l[2] = (uint32_t)(((a[0] >> 52) | (a[1] << 12)) & M26);
  l[3] = (uint32_t)((a[1] >> 14) & M26);
  l[4] = (uint32_t)((a[1] >> 40) | (a[2] << 24));
}

/* rpow[5 * (i - 1) + k] = limb k of r^i for i = 1..4, and rpow[20 + k] of r^8. */
static void precompute(ts_poly1305_ctx *c) {
  uint64_t a[3] = {c->r0, c->r1, 0};
  for (int i = 1; i <= 8; i++) {
    if (i > 1) mul_r(a, c);
    if (i <= 4) to26(c->rpow + 5 * (i - 1), a);
  }
  to26(c->rpow + 20, a);
  c->rpow_ready = 1;
}

#define MUL5(v) _mm256_add_epi64((v), _mm256_slli_epi64((v), 2))

#define MUL(a, b) _mm256_mul_epu32((a), (b))
#define ADD(a, b) _mm256_add_epi64((a), (b))

/* d = a * r (mod p) before carrying: five sums of five 26x29-bit products (< 2^60). */
#define PROD(d0, d1, d2, d3, d4, a0, a1, a2, a3, a4, r0, r1, r2, r3, r4, s1, s2, s3, s4)               \
  do {                                                                                             \
    d0 = ADD(ADD(MUL(a0, r0), MUL(a1, s4)), ADD(ADD(MUL(a2, s3), MUL(a3, s2)), MUL(a4, s1)));      \
    d1 = ADD(ADD(MUL(a0, r1), MUL(a1, r0)), ADD(ADD(MUL(a2, s4), MUL(a3, s3)), MUL(a4, s2)));      \
    d2 = ADD(ADD(MUL(a0, r2), MUL(a1, r1)), ADD(ADD(MUL(a2, r0), MUL(a3, s4)), MUL(a4, s3)));      \
    d3 = ADD(ADD(MUL(a0, r3), MUL(a1, r2)), ADD(ADD(MUL(a2, r1), MUL(a3, r0)), MUL(a4, s4)));      \
    d4 = ADD(ADD(MUL(a0, r4), MUL(a1, r3)), ADD(ADD(MUL(a2, r2), MUL(a3, r1)), MUL(a4, r0)));      \
  } while (0)

/* Carry the 64-bit limb sums back to about 26 bits each (2^130 = 5 folds d4's carry into d0). */
#define CARRY(d0, d1, d2, d3, d4)                                                                         \
  do {                                                                                                    \
    __m256i cy;                                                                                           \
    cy = _mm256_srli_epi64(d0, 26); d0 = _mm256_and_si256(d0, mask); d1 = ADD(d1, cy);                    \
    cy = _mm256_srli_epi64(d3, 26); d3 = _mm256_and_si256(d3, mask); d4 = ADD(d4, cy);                    \
    cy = _mm256_srli_epi64(d1, 26); d1 = _mm256_and_si256(d1, mask); d2 = ADD(d2, cy);                    \
    cy = _mm256_srli_epi64(d4, 26); d4 = _mm256_and_si256(d4, mask); d0 = ADD(d0, MUL5(cy));              \
    cy = _mm256_srli_epi64(d2, 26); d2 = _mm256_and_si256(d2, mask); d3 = ADD(d3, cy);                    \
    cy = _mm256_srli_epi64(d0, 26); d0 = _mm256_and_si256(d0, mask); d1 = ADD(d1, cy);                    \
    cy = _mm256_srli_epi64(d3, 26); d3 = _mm256_and_si256(d3, mask); d4 = ADD(d4, cy);                    \
  } while (0)

/* Four blocks as limbs. Lanes come out in block order 0, 2, 1, 3 (unpack works per 128-bit
 * half); the final multipliers follow the same order, so no permutation is needed. */
#define LOAD4(p, m0, m1, m2, m3, m4)                                                   \
  do {                                                                                 \
    __m256i a = _mm256_loadu_si256((const __m256i *)(p));                              \
    __m256i b = _mm256_loadu_si256((const __m256i *)((p) + 32));                       \
    __m256i lo = _mm256_unpacklo_epi64(a, b), hi = _mm256_unpackhi_epi64(a, b);        \
    m0 = _mm256_and_si256(lo, mask);                                                   \
    m1 = _mm256_and_si256(_mm256_srli_epi64(lo, 26), mask);                            \
    m2 = _mm256_and_si256(_mm256_or_si256(_mm256_srli_epi64(lo, 52), _mm256_slli_epi64(hi, 12)), mask); \
    m3 = _mm256_and_si256(_mm256_srli_epi64(hi, 14), mask);                            \
    m4 = _mm256_or_si256(_mm256_srli_epi64(hi, 40), hibit);                            \
  } while (0)

static inline uint64_t hsum(__m256i v) {
  __m128i s = _mm_add_epi64(_mm256_castsi256_si128(v), _mm256_extracti128_si256(v, 1));
  s = _mm_add_epi64(s, _mm_unpackhi_epi64(s, s));
  return (uint64_t)_mm_cvtsi128_si64(s);
}

void ts_poly1305_blocks_avx2(ts_poly1305_ctx *c, const uint8_t *p, size_t nblocks) {
  if (nblocks < 16) {
    ts_poly1305_blocks_generic(c, p, nblocks);
    return;
  }
  if (!c->rpow_ready) precompute(c);
  const uint32_t *rp = c->rpow;
  const __m256i mask = _mm256_set1_epi64x((long long)M26);
  const __m256i hibit = _mm256_set1_epi64x(1LL << 24);
  size_t chunks = nblocks / 4;

  /* H = first four blocks, plus the accumulator so far in the lane of block 0. */
  __m256i h0, h1, h2, h3, h4;
  LOAD4(p, h0, h1, h2, h3, h4);
  {
    uint64_t a[3] = {c->h0, c->h1, c->h2};
    uint32_t l[5];
    to26(l, a);
    h0 = _mm256_add_epi64(h0, _mm256_set_epi64x(0, 0, 0, l[0]));
    h1 = _mm256_add_epi64(h1, _mm256_set_epi64x(0, 0, 0, l[1]));
    h2 = _mm256_add_epi64(h2, _mm256_set_epi64x(0, 0, 0, l[2]));
    h3 = _mm256_add_epi64(h3, _mm256_set_epi64x(0, 0, 0, l[3]));
    h4 = _mm256_add_epi64(h4, _mm256_set_epi64x(0, 0, 0, l[4]));
  }
  p += 64;

  /* Lane j holds V_j with sum_j V_j r^(4-j) = the polynomial so far. One group: V = V r^4 + M;
   * two groups at once: V = V r^8 + M1 r^4 + M2, two independent products per carry chain. */
  {
    const __m256i r0 = _mm256_set1_epi64x(rp[15]), r1 = _mm256_set1_epi64x(rp[16]);
    const __m256i r2 = _mm256_set1_epi64x(rp[17]), r3 = _mm256_set1_epi64x(rp[18]);
    const __m256i r4 = _mm256_set1_epi64x(rp[19]);
    const __m256i s1 = MUL5(r1), s2 = MUL5(r2), s3 = MUL5(r3), s4 = MUL5(r4);
    const __m256i q0 = _mm256_set1_epi64x(rp[20]), q1 = _mm256_set1_epi64x(rp[21]);
    const __m256i q2 = _mm256_set1_epi64x(rp[22]), q3 = _mm256_set1_epi64x(rp[23]);
    const __m256i q4 = _mm256_set1_epi64x(rp[24]);
    const __m256i t1 = MUL5(q1), t2 = MUL5(q2), t3 = MUL5(q3), t4 = MUL5(q4);
    size_t k = 1;
    for (; k + 2 <= chunks; k += 2) {
      __m256i m0, m1, m2, m3, m4, d0, d1, d2, d3, d4, e0, e1, e2, e3, e4;
      LOAD4(p, m0, m1, m2, m3, m4);
      PROD(d0, d1, d2, d3, d4, h0, h1, h2, h3, h4, q0, q1, q2, q3, q4, t1, t2, t3, t4);
      PROD(e0, e1, e2, e3, e4, m0, m1, m2, m3, m4, r0, r1, r2, r3, r4, s1, s2, s3, s4);
      LOAD4(p + 64, m0, m1, m2, m3, m4);
      d0 = ADD(ADD(d0, e0), m0);
      d1 = ADD(ADD(d1, e1), m1);
      d2 = ADD(ADD(d2, e2), m2);
      d3 = ADD(ADD(d3, e3), m3);
      d4 = ADD(ADD(d4, e4), m4);
      CARRY(d0, d1, d2, d3, d4);
      h0 = d0, h1 = d1, h2 = d2, h3 = d3, h4 = d4;
      p += 128;
    }
    if (k < chunks) {
      __m256i m0, m1, m2, m3, m4, d0, d1, d2, d3, d4;
      PROD(d0, d1, d2, d3, d4, h0, h1, h2, h3, h4, r0, r1, r2, r3, r4, s1, s2, s3, s4);
      CARRY(d0, d1, d2, d3, d4);
      LOAD4(p, m0, m1, m2, m3, m4);
      h0 = ADD(d0, m0), h1 = ADD(d1, m1), h2 = ADD(d2, m2), h3 = ADD(d3, m3), h4 = ADD(d4, m4);
      p += 64;
    }
  }

  /* Lanes hold blocks 0, 2, 1, 3 of each group: multiply by r^4, r^2, r^3, r^1. */
#define RF(k) _mm256_setr_epi64x(rp[15 + (k)], rp[5 + (k)], rp[10 + (k)], rp[(k)])
  {
    const __m256i r0 = RF(0), r1 = RF(1), r2 = RF(2), r3 = RF(3), r4 = RF(4);
    const __m256i s1 = MUL5(r1), s2 = MUL5(r2), s3 = MUL5(r3), s4 = MUL5(r4);
    __m256i d0, d1, d2, d3, d4;
    PROD(d0, d1, d2, d3, d4, h0, h1, h2, h3, h4, r0, r1, r2, r3, r4, s1, s2, s3, s4);
    CARRY(d0, d1, d2, d3, d4);
    h0 = d0, h1 = d1, h2 = d2, h3 = d3, h4 = d4;
  }
#undef RF
  uint64_t d0 = hsum(h0), d1 = hsum(h1), d2 = hsum(h2), d3 = hsum(h3), d4 = hsum(h4), cy;
  cy = d0 >> 26; d0 &= M26; d1 += cy;
  cy = d1 >> 26; d1 &= M26; d2 += cy;
  cy = d2 >> 26; d2 &= M26; d3 += cy;
  cy = d3 >> 26; d3 &= M26; d4 += cy;
  cy = d4 >> 26; d4 &= M26; d0 += cy * 5;
  cy = d0 >> 26; d0 &= M26; d1 += cy;
  /* Back to 64-bit limbs: h = d0 + d1 2^26 + d2 2^52 + d3 2^78 + d4 2^104 < 2^131. */
  u128 acc = (u128)d0 + ((u128)d1 << 26) + ((u128)d2 << 52);
  c->h0 = (uint64_t)acc;
  acc >>= 64;
  acc += ((u128)d3 << 14) + ((u128)d4 << 40);
  uint64_t h1s = (uint64_t)acc, h2s = (uint64_t)(acc >> 64);
  /* Fold bits 130 and up so the 64-bit code's bounds hold. */
  uint64_t fold = (h2s >> 2) * 5;
  u128 t = (u128)c->h0 + fold;
  c->h0 = (uint64_t)t;
  t = (u128)h1s + (uint64_t)(t >> 64);
  c->h1 = (uint64_t)t;
  c->h2 = (h2s & 3) + (uint64_t)(t >> 64);

  size_t rest = nblocks - 4 * chunks;
  if (rest) ts_poly1305_blocks_generic(c, p, rest);
}
