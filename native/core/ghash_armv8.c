/* GHASH with ARMv8 PMULL (64x64 -> 128 carry-less multiply): the same reflected arithmetic as
 * ghash_pclmul.c (keys stored as H*t, Montgomery fold by t^128 with 0xC2 << 56), H^1..H^8
 * aggregated. PMULL takes data-independent time: every function here is constant-time. */
#include <arm_neon.h>

#include "ghash.h"

static inline uint64x2_t load_rev(const uint8_t *p) {
  uint8x16_t x = vrev64q_u8(vld1q_u8(p));
  return vreinterpretq_u64_u8(vextq_u8(x, x, 8));
}
static inline void store_rev(uint8_t *p, uint64x2_t v) {
  uint8x16_t x = vrev64q_u8(vreinterpretq_u8_u64(v));
  vst1q_u8(p, vextq_u8(x, x, 8));
}
static inline uint64x2_t pmull_lo(uint64x2_t a, uint64x2_t b) {
  return vreinterpretq_u64_p128(vmull_p64((poly64_t)vgetq_lane_u64(a, 0), (poly64_t)vgetq_lane_u64(b, 0)));
}
static inline uint64x2_t pmull_hi(uint64x2_t a, uint64x2_t b) {
  return vreinterpretq_u64_p128(vmull_high_p64(vreinterpretq_p64_u64(a), vreinterpretq_p64_u64(b)));
}
static inline uint64x2_t swap64(uint64x2_t x) { return vextq_u64(x, x, 1); }
static inline uint64x2_t hk_of(uint64x2_t h) { return veorq_u64(h, swap64(h)); }

static inline void acc(uint64x2_t a, uint64x2_t h, uint64x2_t hk, uint64x2_t *lo, uint64x2_t *hi,
                       uint64x2_t *mid) {
  *lo = veorq_u64(*lo, pmull_lo(a, h));
  *hi = veorq_u64(*hi, pmull_hi(a, h));
  *mid = veorq_u64(*mid, pmull_lo(hk_of(a), hk));
}

static inline uint64x2_t reduce(uint64x2_t lo, uint64x2_t hi, uint64x2_t mid) {
  const uint64x2_t zero = vdupq_n_u64(0), poly = vdupq_n_u64(0xC200000000000000ULL);
  mid = veorq_u64(mid, veorq_u64(lo, hi));
  lo = veorq_u64(lo, vextq_u64(zero, mid, 1));
  hi = veorq_u64(hi, vextq_u64(mid, zero, 1));
  lo = veorq_u64(swap64(lo), pmull_lo(lo, poly));
  lo = veorq_u64(swap64(lo), pmull_lo(lo, poly));
  return veorq_u64(hi, lo);
}

static inline uint64x2_t gmul(uint64x2_t a, uint64x2_t h) {
  uint64x2_t lo = vdupq_n_u64(0), hi = lo, mid = lo;
  acc(a, h, hk_of(h), &lo, &hi, &mid);
  return reduce(lo, hi, mid);
}

static void a8_init(ts_ghash_key *g, const uint8_t h[16]) {
  uint64x2_t x = load_rev(h);
  uint64_t l = vgetq_lane_u64(x, 0), u = vgetq_lane_u64(x, 1);
  uint64_t carry = 0 - (u >> 63);
  u = (u << 1) | (l >> 63);
  l <<= 1;
  u ^= carry & 0xC200000000000000ULL;
  l ^= carry & 1;
  uint64x2_t p[TS_GHASH_POWERS];
  p[0] = vcombine_u64(vcreate_u64(l), vcreate_u64(u));
  for (int i = 1; i < TS_GHASH_POWERS; i++) {
    int a = (i - 1) / 2;
    p[i] = gmul(p[a], p[i - 1 - a]);
  }
  for (int i = 0; i < TS_GHASH_POWERS; i++) {
    vst1q_u64(g->hp[i], p[i]);
    vst1q_u64(g->hk[i], hk_of(p[i]));
  }
}

static void a8_update(const ts_ghash_key *g, uint8_t y8[16], const uint8_t *in, size_t n) {
  uint64x2_t y = load_rev(y8);
  while (n) {
    size_t m = n < 8 ? n : 8;
    uint64x2_t lo = vdupq_n_u64(0), hi = lo, mid = lo;
    for (size_t j = 0; j < m; j++) {
      uint64x2_t x = load_rev(in + 16 * j);
      if (j == 0) x = veorq_u64(x, y);
      acc(x, vld1q_u64(g->hp[m - 1 - j]), vld1q_u64(g->hk[m - 1 - j]), &lo, &hi, &mid);
    }
    y = reduce(lo, hi, mid);
    in += 16 * m;
    n -= m;
  }
  store_rev(y8, y);
}

const ts_ghash_impl ts_ghash_armv8 = {"armv8-pmull", a8_init, a8_update};
