/* GF(2^448 - 2^224 - 1), radix 2^56: conversions, inversion, square-root power. */
#include "fe448.h"

#include "ct.h"

void ts_fe448_frombytes(ts_fe448 *h, const uint8_t s[56]) {
  for (int i = 0; i < 8; i++) {
    uint64_t x = 0;
    for (int j = 6; j >= 0; j--) x = (x << 8) | s[7 * i + j];
    h->v[i] = x;
  }
}

/* Sequential carry with the wrap-around: limbs < 2^56 afterwards except for a possible final
 * carry re-entering at limbs 0 and 4 (small). */
static void strong_carry(uint64_t v[8]) {
  for (int i = 0; i < 7; i++) {
    v[i + 1] += v[i] >> 56;
    v[i] &= TS_FE448_MASK;
  }
  uint64_t top = v[7] >> 56;
  v[7] &= TS_FE448_MASK;
  v[0] += top;
  v[4] += top;
}

void ts_fe448_tobytes(uint8_t s[56], const ts_fe448 *f) {
  uint64_t v[8];
  for (int i = 0; i < 8; i++) v[i] = f->v[i];
  /* Three passes leave every limb below 2^56, so the value is below 2^448 < 2p. */
  strong_carry(v);
  strong_carry(v);
  strong_carry(v);
  /* Subtract p once unless that borrows. */
  uint64_t d[8], borrow = 0;
  for (int i = 0; i < 8; i++) {
    uint64_t pi = i == 4 ? TS_FE448_MASK - 1 : TS_FE448_MASK;
    uint64_t x = v[i] - pi - borrow;
    borrow = x >> 63;
    d[i] = x & TS_FE448_MASK;
  }
  uint64_t keep = ts_ct_mask64(borrow); /* all ones: v < p */
  for (int i = 0; i < 8; i++) {
    uint64_t x = d[i] ^ (keep & (d[i] ^ v[i]));
    for (int j = 0; j < 7; j++) s[7 * i + j] = (uint8_t)(x >> (8 * j));
  }
}

static void sqn(ts_fe448 *h, const ts_fe448 *f, int n) {
  ts_fe448_sq(h, f);
  for (int i = 1; i < n; i++) ts_fe448_sq(h, h);
}

/* e223 = f^(2^223 - 1), e222 = f^(2^222 - 1). */
static void pow_chain(ts_fe448 *e223, ts_fe448 *e222, const ts_fe448 *f) {
  ts_fe448 e3, e6, e12, e24, e30, e48, e96, e192, t;
  ts_fe448_sq(&t, f);
  ts_fe448_mul(&t, &t, f);         /* 2^2 - 1 */
  ts_fe448_sq(&t, &t);
  ts_fe448_mul(&e3, &t, f);        /* 2^3 - 1 */
  sqn(&t, &e3, 3);
  ts_fe448_mul(&e6, &t, &e3);
  sqn(&t, &e6, 6);
  ts_fe448_mul(&e12, &t, &e6);
  sqn(&t, &e12, 12);
  ts_fe448_mul(&e24, &t, &e12);
  sqn(&t, &e24, 6);
  ts_fe448_mul(&e30, &t, &e6);
  sqn(&t, &e24, 24);
  ts_fe448_mul(&e48, &t, &e24);
  sqn(&t, &e48, 48);
  ts_fe448_mul(&e96, &t, &e48);
  sqn(&t, &e96, 96);
  ts_fe448_mul(&e192, &t, &e96);
  sqn(&t, &e192, 30);
  ts_fe448_mul(e222, &t, &e30);
  ts_fe448_sq(&t, e222);
  ts_fe448_mul(e223, &t, f);
}

void ts_fe448_pow_p34(ts_fe448 *h, const ts_fe448 *f) {
  /* (p-3)/4 = 2^446 - 2^222 - 1 = (2^223 - 1) 2^223 + (2^222 - 1) */
  ts_fe448 e223, e222;
  pow_chain(&e223, &e222, f);
  sqn(&e223, &e223, 223);
  ts_fe448_mul(h, &e223, &e222);
}

void ts_fe448_invert(ts_fe448 *h, const ts_fe448 *f) {
  /* p - 2 = 4 (p-3)/4 + 1 */
  ts_fe448 t;
  ts_fe448_pow_p34(&t, f);
  sqn(&t, &t, 2);
  ts_fe448_mul(h, &t, f);
}

uint32_t ts_fe448_iszero(const ts_fe448 *f) {
  uint8_t s[56];
  ts_fe448_tobytes(s, f);
  uint32_t acc = 0;
  for (int i = 0; i < 56; i++) acc |= s[i];
  return 1u ^ ts_ct_nonzero32(ts_ct_barrier32(acc));
}

uint32_t ts_fe448_isodd(const ts_fe448 *f) {
  uint8_t s[56];
  ts_fe448_tobytes(s, f);
  return s[0] & 1u;
}
