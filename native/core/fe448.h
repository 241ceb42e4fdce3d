/* The field GF(p), p = 2^448 - 2^224 - 1, in radix 2^56: eight 64-bit limbs, products in
 * unsigned __int128. 2^448 = 2^224 + 1 (mod p) folds the high half of a product back. Shared by
 * X448 (x448.c) and Ed448 (ed448.c).
 *
 * Limb bounds (every function here is constant-time: no branch or index depends on values):
 *   "reduced": each limb < 2^56 + 2^12  (output of mul, sq, sub, carry, frombytes)
 *   add:  inputs reduced                 -> limbs < 2^57.1
 *   sub:  inputs < 2^58 - 8              -> reduced
 *   mul, sq, mul_small: inputs < 2^58    -> reduced */
#ifndef TS_FE448_H
#define TS_FE448_H

#include <stdint.h>

typedef struct {
  uint64_t v[8];
} ts_fe448;

typedef unsigned __int128 ts_u128;

#define TS_FE448_MASK ((UINT64_C(1) << 56) - 1)

static inline void ts_fe448_0(ts_fe448 *h) {
  for (int i = 0; i < 8; i++) h->v[i] = 0;
}
static inline void ts_fe448_1(ts_fe448 *h) {
  h->v[0] = 1;
  for (int i = 1; i < 8; i++) h->v[i] = 0;
}

/* h = f + g, no carry. This is constant-time. */
static inline void ts_fe448_add(ts_fe448 *h, const ts_fe448 *f, const ts_fe448 *g) {
  for (int i = 0; i < 8; i++) h->v[i] = f->v[i] + g->v[i];
}

/* Weak reduction in parallel; the carry out of the top limb re-enters at limbs 0 and 4.
 * Inputs < 2^63 -> reduced. This is constant-time. */
static inline void ts_fe448_carry(ts_fe448 *h, const ts_fe448 *f) {
  uint64_t c[8];
  for (int i = 0; i < 8; i++) c[i] = f->v[i] >> 56;
  h->v[0] = (f->v[0] & TS_FE448_MASK) + c[7];
  for (int i = 1; i < 8; i++) h->v[i] = (f->v[i] & TS_FE448_MASK) + c[i - 1];
  h->v[4] += c[7];
}

/* h = f - g: adds 4p so no limb goes negative, then a weak reduction. This is constant-time. */
static inline void ts_fe448_sub(ts_fe448 *h, const ts_fe448 *f, const ts_fe448 *g) {
  ts_fe448 t;
  for (int i = 0; i < 8; i++) t.v[i] = f->v[i] + (UINT64_C(0x3fffffffffffffc) - g->v[i]);
  t.v[4] -= 4; /* limb 4 of p is 2^56 - 2 */
  ts_fe448_carry(h, &t);
}

static inline void ts_fe448_neg(ts_fe448 *h, const ts_fe448 *f) {
  ts_fe448 z;
  ts_fe448_0(&z);
  ts_fe448_sub(h, &z, f);
}

/* Column sums c[0..7] (each < 2^124) -> a reduced element. This is constant-time. */
static inline void ts_fe448_carry128(ts_fe448 *h, ts_u128 c[8]) {
  for (int i = 0; i < 7; i++) {
    c[i + 1] += c[i] >> 56;
    c[i] &= TS_FE448_MASK;
  }
  ts_u128 top = c[7] >> 56;
  c[7] &= TS_FE448_MASK;
  c[0] += top;
  c[4] += top;
  c[1] += c[0] >> 56;
  c[0] &= TS_FE448_MASK;
  c[5] += c[4] >> 56;
  c[4] &= TS_FE448_MASK;
  for (int i = 0; i < 8; i++) h->v[i] = (uint64_t)c[i];
}

/* Fold the columns 8..14 of a product into 0..7: 2^(56k) = 2^(56(k-8)) (2^224 + 1). */
static inline void ts_fe448_fold(ts_u128 c[15]) {
  for (int k = 14; k >= 8; k--) {
    c[k - 8] += c[k];
    c[k - 4] += c[k];
  }
}

/* h = f * g. This is constant-time. */
static inline void ts_fe448_mul(ts_fe448 *h, const ts_fe448 *f, const ts_fe448 *g) {
  ts_u128 c[15] = {0};
  for (int i = 0; i < 8; i++)
    for (int j = 0; j < 8; j++) c[i + j] += (ts_u128)f->v[i] * g->v[j];
  ts_fe448_fold(c);
  ts_fe448_carry128(h, c);
}

/* h = f^2. This is constant-time. */
static inline void ts_fe448_sq(ts_fe448 *h, const ts_fe448 *f) {
  ts_u128 c[15] = {0};
  uint64_t d[8];
  for (int i = 0; i < 8; i++) d[i] = 2 * f->v[i];
  for (int i = 0; i < 8; i++) {
    c[2 * i] += (ts_u128)f->v[i] * f->v[i];
    for (int j = i + 1; j < 8; j++) c[i + j] += (ts_u128)d[i] * f->v[j];
  }
  ts_fe448_fold(c);
  ts_fe448_carry128(h, c);
}

/* h = f * c for a small constant c < 2^20. This is constant-time. */
static inline void ts_fe448_mul_small(ts_fe448 *h, const ts_fe448 *f, uint32_t k) {
  ts_u128 c[8];
  for (int i = 0; i < 8; i++) c[i] = (ts_u128)f->v[i] * k;
  ts_fe448_carry128(h, c);
}

/* Swap f and g when mask is all ones. This is constant-time. */
static inline void ts_fe448_cswap(ts_fe448 *f, ts_fe448 *g, uint64_t mask) {
  for (int i = 0; i < 8; i++) {
    uint64_t x = mask & (f->v[i] ^ g->v[i]);
    f->v[i] ^= x;
    g->v[i] ^= x;
  }
}

/* h = g when mask is all ones. This is constant-time. */
static inline void ts_fe448_cmov(ts_fe448 *h, const ts_fe448 *g, uint64_t mask) {
  for (int i = 0; i < 8; i++) h->v[i] ^= mask & (h->v[i] ^ g->v[i]);
}

/* 56 little-endian bytes -> element (values >= p accepted, as RFC 7748 asks). This is
 * constant-time. */
void ts_fe448_frombytes(ts_fe448 *h, const uint8_t s[56]);
/* The canonical 56-byte encoding. This is constant-time. */
void ts_fe448_tobytes(uint8_t s[56], const ts_fe448 *f);
/* h = f^-1 (0 -> 0) = f^(p-2). This is constant-time. */
void ts_fe448_invert(ts_fe448 *h, const ts_fe448 *f);
/* h = f^((p-3)/4), for square roots (p = 3 mod 4). This is constant-time. */
void ts_fe448_pow_p34(ts_fe448 *h, const ts_fe448 *f);
/* 1 if f == 0 mod p. This is constant-time. */
uint32_t ts_fe448_iszero(const ts_fe448 *f);
/* The low bit of the canonical encoding. This is constant-time. */
uint32_t ts_fe448_isodd(const ts_fe448 *f);

#endif
