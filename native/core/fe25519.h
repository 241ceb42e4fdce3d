/* The field GF(2^255 - 19) in radix 2^51: five 64-bit limbs, products in unsigned __int128.
 * Shared by X25519 (x25519.c) and Ed25519 (ed25519.c). The hot operations are inline here so
 * the ladder and the point formulas compile into straight-line code; the rest is in fe25519.c.
 *
 * Limb bounds (every function here is constant-time: no branch or index depends on values):
 *   "reduced": each limb < 2^51 + 2^18  (output of mul, sq, sub, carry, frombytes)
 *   add:  inputs reduced                 -> limbs < 2^52.1
 *   sub:  inputs < 2^53                  -> reduced
 *   sub_nc: f < 2^52.1, g reduced         -> limbs < 2^53.6 (for mul, sq, mul_small only)
 *   mul, sq, mul_small: inputs < 2^54    -> reduced */
#ifndef TS_FE25519_H
#define TS_FE25519_H

#include <stdint.h>

typedef struct {
  uint64_t v[5];
} ts_fe25519;

typedef unsigned __int128 ts_u128;

#define TS_FE25519_MASK ((UINT64_C(1) << 51) - 1)

static inline void ts_fe25519_0(ts_fe25519 *h) {
  for (int i = 0; i < 5; i++) h->v[i] = 0;
}
static inline void ts_fe25519_1(ts_fe25519 *h) {
  h->v[0] = 1;
  for (int i = 1; i < 5; i++) h->v[i] = 0;
}
static inline void ts_fe25519_copy(ts_fe25519 *h, const ts_fe25519 *f) { *h = *f; }

/* h = f + g, no carry. This is constant-time. */
static inline void ts_fe25519_add(ts_fe25519 *h, const ts_fe25519 *f, const ts_fe25519 *g) {
  for (int i = 0; i < 5; i++) h->v[i] = f->v[i] + g->v[i];
}

/* Weak reduction in parallel: each limb keeps 51 bits and passes its carry to the next, the top
 * carry wraps around times 19. Inputs < 2^63 -> reduced. This is constant-time. */
static inline void ts_fe25519_carry(ts_fe25519 *h, const ts_fe25519 *f) {
  uint64_t c0 = f->v[0] >> 51, c1 = f->v[1] >> 51, c2 = f->v[2] >> 51, c3 = f->v[3] >> 51,
           c4 = f->v[4] >> 51;
  h->v[0] = (f->v[0] & TS_FE25519_MASK) + 19 * c4;
  h->v[1] = (f->v[1] & TS_FE25519_MASK) + c0;
  h->v[2] = (f->v[2] & TS_FE25519_MASK) + c1;
  h->v[3] = (f->v[3] & TS_FE25519_MASK) + c2;
  h->v[4] = (f->v[4] & TS_FE25519_MASK) + c3;
}

/* h = f - g: adds 4p so no limb goes negative, then a weak reduction. This is constant-time. */
static inline void ts_fe25519_sub(ts_fe25519 *h, const ts_fe25519 *f, const ts_fe25519 *g) {
  ts_fe25519 t;
  t.v[0] = f->v[0] + (UINT64_C(0x1fffffffffffb4) - g->v[0]); /* 4(2^51 - 19) */
  t.v[1] = f->v[1] + (UINT64_C(0x1ffffffffffffc) - g->v[1]); /* 4(2^51 - 1) */
  t.v[2] = f->v[2] + (UINT64_C(0x1ffffffffffffc) - g->v[2]);
  t.v[3] = f->v[3] + (UINT64_C(0x1ffffffffffffc) - g->v[3]);
  t.v[4] = f->v[4] + (UINT64_C(0x1ffffffffffffc) - g->v[4]);
  ts_fe25519_carry(h, &t);
}

/* h = f - g without the reduction, for f < 2^52.1 (reduced, or a sum of two reduced) and g
 * reduced: limbs < 2^53.6, fit only for mul, sq and mul_small. This is constant-time. */
static inline void ts_fe25519_sub_nc(ts_fe25519 *h, const ts_fe25519 *f, const ts_fe25519 *g) {
  h->v[0] = f->v[0] + (UINT64_C(0x1fffffffffffb4) - g->v[0]);
  h->v[1] = f->v[1] + (UINT64_C(0x1ffffffffffffc) - g->v[1]);
  h->v[2] = f->v[2] + (UINT64_C(0x1ffffffffffffc) - g->v[2]);
  h->v[3] = f->v[3] + (UINT64_C(0x1ffffffffffffc) - g->v[3]);
  h->v[4] = f->v[4] + (UINT64_C(0x1ffffffffffffc) - g->v[4]);
}

/* h = -f for reduced f. This is constant-time. */
static inline void ts_fe25519_neg(ts_fe25519 *h, const ts_fe25519 *f) {
  ts_fe25519 z;
  ts_fe25519_0(&z);
  ts_fe25519_sub(h, &z, f);
}

/* Carries of the five 128-bit column sums into a reduced element. */
static inline void ts_fe25519_carry128(ts_fe25519 *h, ts_u128 r0, ts_u128 r1, ts_u128 r2,
                                       ts_u128 r3, ts_u128 r4) {
  r1 += (uint64_t)(r0 >> 51);
  r2 += (uint64_t)(r1 >> 51);
  r3 += (uint64_t)(r2 >> 51);
  r4 += (uint64_t)(r3 >> 51);
  ts_u128 t = (ts_u128)(uint64_t)(r4 >> 51) * 19 + ((uint64_t)r0 & TS_FE25519_MASK);
  h->v[0] = (uint64_t)t & TS_FE25519_MASK;
  h->v[1] = ((uint64_t)r1 & TS_FE25519_MASK) + (uint64_t)(t >> 51);
  h->v[2] = (uint64_t)r2 & TS_FE25519_MASK;
  h->v[3] = (uint64_t)r3 & TS_FE25519_MASK;
  h->v[4] = (uint64_t)r4 & TS_FE25519_MASK;
}

/* h = f * g. This is constant-time. */
static inline void ts_fe25519_mul(ts_fe25519 *h, const ts_fe25519 *f, const ts_fe25519 *g) {
  uint64_t f0 = f->v[0], f1 = f->v[1], f2 = f->v[2], f3 = f->v[3], f4 = f->v[4];
  uint64_t g0 = g->v[0], g1 = g->v[1], g2 = g->v[2], g3 = g->v[3], g4 = g->v[4];
  uint64_t g1_19 = 19 * g1, g2_19 = 19 * g2, g3_19 = 19 * g3, g4_19 = 19 * g4;
  ts_u128 r0 = (ts_u128)f0 * g0 + (ts_u128)f1 * g4_19 + (ts_u128)f2 * g3_19 +
               (ts_u128)f3 * g2_19 + (ts_u128)f4 * g1_19;
  ts_u128 r1 = (ts_u128)f0 * g1 + (ts_u128)f1 * g0 + (ts_u128)f2 * g4_19 +
               (ts_u128)f3 * g3_19 + (ts_u128)f4 * g2_19;
  ts_u128 r2 = (ts_u128)f0 * g2 + (ts_u128)f1 * g1 + (ts_u128)f2 * g0 + (ts_u128)f3 * g4_19 +
               (ts_u128)f4 * g3_19;
  ts_u128 r3 = (ts_u128)f0 * g3 + (ts_u128)f1 * g2 + (ts_u128)f2 * g1 + (ts_u128)f3 * g0 +
               (ts_u128)f4 * g4_19;
  ts_u128 r4 = (ts_u128)f0 * g4 + (ts_u128)f1 * g3 + (ts_u128)f2 * g2 + (ts_u128)f3 * g1 +
               (ts_u128)f4 * g0;
  ts_fe25519_carry128(h, r0, r1, r2, r3, r4);
}

/* h = f^2. This is constant-time. */
static inline void ts_fe25519_sq(ts_fe25519 *h, const ts_fe25519 *f) {
  uint64_t f0 = f->v[0], f1 = f->v[1], f2 = f->v[2], f3 = f->v[3], f4 = f->v[4];
  uint64_t f0_2 = 2 * f0, f1_2 = 2 * f1, f1_38 = 38 * f1, f2_38 = 38 * f2, f3_38 = 38 * f3,
           f3_19 = 19 * f3, f4_19 = 19 * f4;
  ts_u128 r0 = (ts_u128)f0 * f0 + (ts_u128)f1_38 * f4 + (ts_u128)f2_38 * f3;
  ts_u128 r1 = (ts_u128)f0_2 * f1 + (ts_u128)f2_38 * f4 + (ts_u128)f3_19 * f3;
  ts_u128 r2 = (ts_u128)f0_2 * f2 + (ts_u128)f1 * f1 + (ts_u128)f3_38 * f4;
  ts_u128 r3 = (ts_u128)f0_2 * f3 + (ts_u128)f1_2 * f2 + (ts_u128)f4_19 * f4;
  ts_u128 r4 = (ts_u128)f0_2 * f4 + (ts_u128)f1_2 * f3 + (ts_u128)f2 * f2;
  ts_fe25519_carry128(h, r0, r1, r2, r3, r4);
}

/* h = f * c for a small constant c < 2^20. This is constant-time. */
static inline void ts_fe25519_mul_small(ts_fe25519 *h, const ts_fe25519 *f, uint32_t c) {
  ts_fe25519_carry128(h, (ts_u128)f->v[0] * c, (ts_u128)f->v[1] * c, (ts_u128)f->v[2] * c,
                      (ts_u128)f->v[3] * c, (ts_u128)f->v[4] * c);
}

/* Swap f and g when mask is all ones, leave them when it is zero. This is constant-time. */
static inline void ts_fe25519_cswap(ts_fe25519 *f, ts_fe25519 *g, uint64_t mask) {
  for (int i = 0; i < 5; i++) {
    uint64_t x = mask & (f->v[i] ^ g->v[i]);
    f->v[i] ^= x;
    g->v[i] ^= x;
  }
}

/* h = g when mask is all ones, else h unchanged. This is constant-time. */
static inline void ts_fe25519_cmov(ts_fe25519 *h, const ts_fe25519 *g, uint64_t mask) {
  for (int i = 0; i < 5; i++) h->v[i] ^= mask & (h->v[i] ^ g->v[i]);
}

/* Bytes (little-endian, the top bit ignored, non-canonical values accepted as RFC 7748 asks)
 * -> element. This is constant-time. */
void ts_fe25519_frombytes(ts_fe25519 *h, const uint8_t s[32]);
/* The canonical encoding (fully reduced mod p). This is constant-time. */
void ts_fe25519_tobytes(uint8_t s[32], const ts_fe25519 *h);
/* h = f^-1 (0 -> 0), by Fermat: f^(p-2). This is constant-time. */
void ts_fe25519_invert(ts_fe25519 *h, const ts_fe25519 *f);
/* h = f^((p-5)/8) = f^(2^252 - 3), the core of the square root. This is constant-time. */
void ts_fe25519_pow22523(ts_fe25519 *h, const ts_fe25519 *f);
/* 1 if f == 0 mod p, else 0. This is constant-time. */
uint32_t ts_fe25519_iszero(const ts_fe25519 *f);
/* The low bit of the canonical encoding ("negative" in RFC 8032). This is constant-time. */
uint32_t ts_fe25519_isodd(const ts_fe25519 *f);

#endif
