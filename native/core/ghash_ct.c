/* Portable constant-time GHASH: carry-less multiplication built from ordinary integer
 * multiplications "with holes". Each operand is split into four parts keeping every fourth
 * bit; in a product of two such parts a carry can only land in a hole, because at most 16
 * terms meet at any output bit below 2^64 and the only position where 16 can meet carries out
 * of the word. Masking then keeps the true carry-less bits. No table, no data-dependent
 * branch: every function here is constant-time.
 *
 * Representation: a block is the 128-bit big-endian integer of its bytes (the coefficient of
 * x^0 is the top bit). The key is stored as H*t (H shifted left by one, reduced), so that the
 * plain carry-less product followed by a Montgomery-style fold by t^128 gives the field
 * product with no extra shift (see ghash_pclmul.c for the derivation; the arithmetic is the
 * same). */
#include <string.h>

#include "aes.h"
#include "ct.h"
#include "ghash.h"

static inline uint64_t load64be(const uint8_t *p) {
  return (uint64_t)p[0] << 56 | (uint64_t)p[1] << 48 | (uint64_t)p[2] << 40 | (uint64_t)p[3] << 32 |
         (uint64_t)p[4] << 24 | (uint64_t)p[5] << 16 | (uint64_t)p[6] << 8 | (uint64_t)p[7];
}
static inline void store64be(uint8_t *p, uint64_t v) {
  for (int i = 0; i < 8; i++) p[i] = (uint8_t)(v >> (56 - 8 * i));
}

/* Low 64 bits of the carry-less product x*y. This is constant-time. */
static inline uint64_t bmul64(uint64_t x, uint64_t y) {
  const uint64_t m1 = 0x1111111111111111ULL, m2 = 0x2222222222222222ULL,
                 m4 = 0x4444444444444444ULL, m8 = 0x8888888888888888ULL;
  uint64_t x0 = x & m1, x1 = x & m2, x2 = x & m4, x3 = x & m8;
  uint64_t y0 = y & m1, y1 = y & m2, y2 = y & m4, y3 = y & m8;
  uint64_t z0 = (x0 * y0) ^ (x1 * y3) ^ (x2 * y2) ^ (x3 * y1);
  uint64_t z1 = (x0 * y1) ^ (x1 * y0) ^ (x2 * y3) ^ (x3 * y2);
  uint64_t z2 = (x0 * y2) ^ (x1 * y1) ^ (x2 * y0) ^ (x3 * y3);
  uint64_t z3 = (x0 * y3) ^ (x1 * y2) ^ (x2 * y1) ^ (x3 * y0);
  return (z0 & m1) | (z1 & m2) | (z2 & m4) | (z3 & m8);
}

static inline uint64_t rev64(uint64_t x) {
  x = ((x >> 1) & 0x5555555555555555ULL) | ((x & 0x5555555555555555ULL) << 1);
  x = ((x >> 2) & 0x3333333333333333ULL) | ((x & 0x3333333333333333ULL) << 2);
  x = ((x >> 4) & 0x0F0F0F0F0F0F0F0FULL) | ((x & 0x0F0F0F0F0F0F0F0FULL) << 4);
  x = ((x >> 8) & 0x00FF00FF00FF00FFULL) | ((x & 0x00FF00FF00FF00FFULL) << 8);
  x = ((x >> 16) & 0x0000FFFF0000FFFFULL) | ((x & 0x0000FFFF0000FFFFULL) << 16);
  return (x >> 32) | (x << 32);
}

/* Full 128-bit carry-less product of x and y (hi:lo). */
static inline void clmul64(uint64_t x, uint64_t y, uint64_t *hi, uint64_t *lo) {
  *lo = bmul64(x, y);
  *hi = rev64(bmul64(rev64(x), rev64(y))) >> 1;
}

/* (a1:a0) * (b1:b0) * t^-128 mod P*, P* = t^128 + t^127 + t^126 + t^121 + 1 (the bit-reversed
 * GCM polynomial). With b = H*t this is the GF(2^128) product of GCM. This is constant-time. */
static void gmul(uint64_t *r1, uint64_t *r0, uint64_t a1, uint64_t a0, uint64_t b1, uint64_t b0) {
  uint64_t h1, h0, l1, l0, m1, m0;
  clmul64(a1, b1, &h1, &h0);
  clmul64(a0, b0, &l1, &l0);
  clmul64(a1 ^ a0, b1 ^ b0, &m1, &m0);
  m1 ^= h1 ^ l1;
  m0 ^= h0 ^ l0;
  /* 256-bit product d3:d2:d1:d0 */
  uint64_t d3 = h1, d2 = h0 ^ m1, d1 = l1 ^ m0, d0 = l0;
  /* Fold the low 128 bits twice by t^64 each (Montgomery with P*^-1 = 1 mod t^64):
   * (d1:d0) -> (d0 : d1) ^ d0 * (t^63 + t^62 + t^57). */
  uint64_t f1 = d0 ^ (d0 >> 1) ^ (d0 >> 2) ^ (d0 >> 7);
  uint64_t f0 = d1 ^ (d0 << 63) ^ (d0 << 62) ^ (d0 << 57);
  /* second fold on (f1:f0) */
  uint64_t g1 = f0 ^ (f0 >> 1) ^ (f0 >> 2) ^ (f0 >> 7);
  uint64_t g0 = f1 ^ (f0 << 63) ^ (f0 << 62) ^ (f0 << 57);
  *r1 = d3 ^ g1;
  *r0 = d2 ^ g0;
}

static void ct_init(ts_ghash_key *g, const uint8_t h[16]) {
  uint64_t h1 = load64be(h), h0 = load64be(h + 8);
  /* H*t: shift left one bit; a carry out of bit 127 is reduced by adding P* without t^128. */
  uint64_t carry = ts_ct_mask64(h1 >> 63);
  h1 = (h1 << 1) | (h0 >> 63);
  h0 <<= 1;
  h1 ^= carry & 0xC200000000000000ULL;
  h0 ^= carry & 1;
  g->hp[0][0] = h0;
  g->hp[0][1] = h1;
}

static void ct_update(const ts_ghash_key *g, uint8_t y[16], const uint8_t *in, size_t n) {
  uint64_t y1 = load64be(y), y0 = load64be(y + 8);
  uint64_t k1 = g->hp[0][1], k0 = g->hp[0][0];
  for (; n; n--, in += 16) {
    y1 ^= load64be(in);
    y0 ^= load64be(in + 8);
    gmul(&y1, &y0, y1, y0, k1, k0);
  }
  store64be(y, y1);
  store64be(y + 8, y0);
}

const ts_ghash_impl ts_ghash_ct = {"ctmul64", ct_init, ct_update};

void ts_ghash_init(ts_ghash_key *g, const ts_ghash_impl *impl, const uint8_t h[16]) {
  memset(g, 0, sizeof *g);
  g->impl = impl ? impl : ts_ghash_default;
  g->impl->init(g, h);
}

void ts_ghash_update_padded(const ts_ghash_key *g, uint8_t y[16], const uint8_t *in, size_t len) {
  size_t full = len / 16;
  if (full) g->impl->update(g, y, in, full);
  if (len % 16) {
    uint8_t last[16] = {0};
    memcpy(last, in + 16 * full, len % 16);
    g->impl->update(g, y, last, 1);
    ts_aes_zero(last, sizeof last);
  }
}
