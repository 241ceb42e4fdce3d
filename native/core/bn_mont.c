/* Portable Montgomery multiplication and squaring on 64-bit limbs with unsigned __int128
 * products. Both end with a masked conditional subtraction, so no branch or memory index depends
 * on the operands. */
#include <string.h>

#include "bn.h"
#include "ct.h"

typedef unsigned __int128 u128;

/* r = (hi:t) - m if (hi:t) >= m, else (hi:t); (hi:t) < 2m. This is constant-time. */
static void final_sub(uint64_t *r, const uint64_t *t, uint64_t hi, const uint64_t *m, size_t n) {
  uint64_t d[TS_BN_MAX_LIMBS];
  uint64_t borrow = 0;
  for (size_t j = 0; j < n; j++) {
    u128 x = (u128)t[j] - m[j] - borrow;
    d[j] = (uint64_t)x;
    borrow = (uint64_t)(x >> 64) & 1;
  }
  /* keep d unless the subtraction went below zero: hi == 0 and borrow == 1 */
  uint64_t keep_t = ts_ct_mask64(borrow & (hi ^ 1));
  for (size_t j = 0; j < n; j++) r[j] = d[j] ^ (keep_t & (d[j] ^ t[j]));
}

/* Interleaved (FIOS) Montgomery product: each outer step adds a[i]*b and q*m in one pass. */
void ts_bn_mont_mul_generic(uint64_t *r, const uint64_t *a, const uint64_t *b, const uint64_t *m,
                            uint64_t m0inv, size_t n) {
  uint64_t t[TS_BN_MAX_LIMBS + 1];
  memset(t, 0, (n + 1) * sizeof t[0]);
  for (size_t i = 0; i < n; i++) {
    uint64_t ai = a[i];
    u128 x = (u128)ai * b[0] + t[0];
    uint64_t q = (uint64_t)x * m0inv;
    u128 y = (u128)q * m[0] + (uint64_t)x;
    uint64_t c1 = (uint64_t)(x >> 64), c2 = (uint64_t)(y >> 64);
    for (size_t j = 1; j < n; j++) {
      x = (u128)ai * b[j] + t[j] + c1;
      c1 = (uint64_t)(x >> 64);
      y = (u128)q * m[j] + (uint64_t)x + c2;
      c2 = (uint64_t)(y >> 64);
      t[j - 1] = (uint64_t)y;
    }
    u128 s = (u128)t[n] + c1 + c2;
    t[n - 1] = (uint64_t)s;
    t[n] = (uint64_t)(s >> 64);
  }
  final_sub(r, t, t[n], m, n);
}

/* Montgomery reduction of the 2n-limb t (destroyed): r = t * R^-1 mod m, for t < m * R. */
static void redc(uint64_t *r, uint64_t *t, const uint64_t *m, uint64_t m0inv, size_t n) {
  uint64_t top = 0;
  for (size_t i = 0; i < n; i++) {
    uint64_t q = t[i] * m0inv;
    uint64_t c = 0;
    for (size_t j = 0; j < n; j++) {
      u128 x = (u128)q * m[j] + t[i + j] + c;
      t[i + j] = (uint64_t)x;
      c = (uint64_t)(x >> 64);
    }
    u128 s = (u128)t[i + n] + c + top;
    t[i + n] = (uint64_t)s;
    top = (uint64_t)(s >> 64);
  }
  final_sub(r, t + n, top, m, n);
}

/* The square computes each cross product once and doubles the sum. */
void ts_bn_mont_sqr_generic(uint64_t *r, const uint64_t *a, const uint64_t *m, uint64_t m0inv,
                            size_t n) {
  uint64_t t[2 * TS_BN_MAX_LIMBS];
  memset(t, 0, 2 * n * sizeof t[0]);
  for (size_t i = 0; i + 1 < n; i++) {
    uint64_t c = 0, ai = a[i];
    for (size_t j = i + 1; j < n; j++) {
      u128 x = (u128)ai * a[j] + t[i + j] + c;
      t[i + j] = (uint64_t)x;
      c = (uint64_t)(x >> 64);
    }
    t[i + n] = c;
  }
  uint64_t c = 0;
  for (size_t i = 0; i < 2 * n; i++) {
    uint64_t v = t[i];
    t[i] = (v << 1) | c;
    c = v >> 63;
  }
  c = 0;
  for (size_t i = 0; i < n; i++) {
    u128 sq = (u128)a[i] * a[i];
    u128 x = (u128)t[2 * i] + (uint64_t)sq + c;
    t[2 * i] = (uint64_t)x;
    x = (u128)t[2 * i + 1] + (uint64_t)(sq >> 64) + (uint64_t)(x >> 64);
    t[2 * i + 1] = (uint64_t)x;
    c = (uint64_t)(x >> 64);
  }
  redc(r, t, m, m0inv, n);
}
