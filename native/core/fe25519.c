/* GF(2^255 - 19), radix 2^51: conversions, inversion and the square-root power. The inline
 * arithmetic is in fe25519.h. */
#include "fe25519.h"

#include "ct.h"

static uint64_t load64_le(const uint8_t *p) {
  uint64_t x = 0;
  for (int i = 7; i >= 0; i--) x = (x << 8) | p[i];
  return x;
}

void ts_fe25519_frombytes(ts_fe25519 *h, const uint8_t s[32]) {
  uint64_t w0 = load64_le(s), w1 = load64_le(s + 8), w2 = load64_le(s + 16),
           w3 = load64_le(s + 24);
  h->v[0] = w0 & TS_FE25519_MASK;
  h->v[1] = ((w0 >> 51) | (w1 << 13)) & TS_FE25519_MASK;
  h->v[2] = ((w1 >> 38) | (w2 << 26)) & TS_FE25519_MASK;
  h->v[3] = ((w2 >> 25) | (w3 << 39)) & TS_FE25519_MASK;
  h->v[4] = (w3 >> 12) & TS_FE25519_MASK;
}

void ts_fe25519_tobytes(uint8_t s[32], const ts_fe25519 *f) {
  ts_fe25519 t;
  /* Two weak reductions bring every limb below 2^51 + 19, so the value is below 2p. */
  ts_fe25519_carry(&t, f);
  ts_fe25519_carry(&t, &t);
  uint64_t h0 = t.v[0], h1 = t.v[1], h2 = t.v[2], h3 = t.v[3], h4 = t.v[4];
  /* Sequential carry so each limb is exactly 51 bits, the excess wrapping once as 19. */
  h1 += h0 >> 51; h0 &= TS_FE25519_MASK;
  h2 += h1 >> 51; h1 &= TS_FE25519_MASK;
  h3 += h2 >> 51; h2 &= TS_FE25519_MASK;
  h4 += h3 >> 51; h3 &= TS_FE25519_MASK;
  h0 += 19 * (h4 >> 51); h4 &= TS_FE25519_MASK;
  h1 += h0 >> 51; h0 &= TS_FE25519_MASK;
  /* Now h < 2^255. q = 1 exactly when h >= p, i.e. when h + 19 carries out of bit 255. */
  uint64_t q = (h0 + 19) >> 51;
  q = (h1 + q) >> 51;
  q = (h2 + q) >> 51;
  q = (h3 + q) >> 51;
  q = (h4 + q) >> 51;
  h0 += 19 * q;
  h1 += h0 >> 51; h0 &= TS_FE25519_MASK;
  h2 += h1 >> 51; h1 &= TS_FE25519_MASK;
  h3 += h2 >> 51; h2 &= TS_FE25519_MASK;
  h4 += h3 >> 51; h3 &= TS_FE25519_MASK;
  h4 &= TS_FE25519_MASK; /* drops the 2^255 of h + 19 - 2^255 */
  uint64_t w[4] = {h0 | (h1 << 51), (h1 >> 13) | (h2 << 38), (h2 >> 26) | (h3 << 25),
                   (h3 >> 39) | (h4 << 12)};
  for (int i = 0; i < 4; i++)
    for (int j = 0; j < 8; j++) s[8 * i + j] = (uint8_t)(w[i] >> (8 * j));
}

/* h = f^(2^n) */
static void sqn(ts_fe25519 *h, const ts_fe25519 *f, int n) {
  ts_fe25519_sq(h, f);
  for (int i = 1; i < n; i++) ts_fe25519_sq(h, h);
}

/* Shared chain: *t250 = f^(2^250 - 1), *f11 = f^11. */
static void pow_chain(ts_fe25519 *t250, ts_fe25519 *f11, const ts_fe25519 *f) {
  ts_fe25519 t0, t1, t2, t3;
  ts_fe25519_sq(&t0, f);           /* 2 */
  sqn(&t1, &t0, 2);                /* 8 */
  ts_fe25519_mul(&t1, f, &t1);     /* 9 */
  ts_fe25519_mul(f11, &t0, &t1);   /* 11 */
  ts_fe25519_sq(&t2, f11);         /* 22 */
  ts_fe25519_mul(&t1, &t1, &t2);   /* 31 = 2^5 - 1 */
  sqn(&t2, &t1, 5);
  ts_fe25519_mul(&t1, &t2, &t1);   /* 2^10 - 1 */
  sqn(&t2, &t1, 10);
  ts_fe25519_mul(&t2, &t2, &t1);   /* 2^20 - 1 */
  sqn(&t3, &t2, 20);
  ts_fe25519_mul(&t2, &t3, &t2);   /* 2^40 - 1 */
  sqn(&t2, &t2, 10);
  ts_fe25519_mul(&t1, &t2, &t1);   /* 2^50 - 1 */
  sqn(&t2, &t1, 50);
  ts_fe25519_mul(&t2, &t2, &t1);   /* 2^100 - 1 */
  sqn(&t3, &t2, 100);
  ts_fe25519_mul(&t2, &t3, &t2);   /* 2^200 - 1 */
  sqn(&t2, &t2, 50);
  ts_fe25519_mul(t250, &t2, &t1);  /* 2^250 - 1 */
}

void ts_fe25519_invert(ts_fe25519 *h, const ts_fe25519 *f) {
  ts_fe25519 t, f11;
  pow_chain(&t, &f11, f);
  sqn(&t, &t, 5);                  /* 2^255 - 32 */
  ts_fe25519_mul(h, &t, &f11);     /* 2^255 - 21 = p - 2 */
}

void ts_fe25519_pow22523(ts_fe25519 *h, const ts_fe25519 *f) {
  ts_fe25519 t, f11;
  pow_chain(&t, &f11, f);
  sqn(&t, &t, 2);                  /* 2^252 - 4 */
  ts_fe25519_mul(h, &t, f);        /* 2^252 - 3 */
}

uint32_t ts_fe25519_iszero(const ts_fe25519 *f) {
  uint8_t s[32];
  ts_fe25519_tobytes(s, f);
  uint32_t acc = 0;
  for (int i = 0; i < 32; i++) acc |= s[i];
  return 1u ^ ts_ct_nonzero32(ts_ct_barrier32(acc));
}

uint32_t ts_fe25519_isodd(const ts_fe25519 *f) {
  uint8_t s[32];
  ts_fe25519_tobytes(s, f);
  return s[0] & 1u;
}
