/* Scalar arithmetic modulo an Edwards group order: word-level Montgomery multiplication
 * (the CIOS method of Koc, Acar and Kaliski), reductions of hash outputs, r = ab + c. */
#include "ed_scalar.h"

#include "ct.h"

typedef unsigned __int128 u128;

/* r = t - m if t >= m else t, for t < 2m held in n limbs plus a top word. This is
 * constant-time. */
static void cond_sub(const ts_sc_modulus *M, uint64_t *r, const uint64_t *t, uint64_t top) {
  size_t n = M->n;
  uint64_t d[TS_SC_MAX], borrow = 0;
  for (size_t i = 0; i < n; i++) {
    u128 x = (u128)t[i] - M->m[i] - borrow;
    d[i] = (uint64_t)x;
    borrow = (uint64_t)(x >> 64) & 1;
  }
  /* t >= m exactly when the subtraction did not borrow past the top word. */
  uint64_t keep = ts_ct_mask64((uint64_t)(((u128)top - borrow) >> 64) & 1); /* all ones: t < m */
  for (size_t i = 0; i < n; i++) r[i] = d[i] ^ (keep & (d[i] ^ t[i]));
}

void ts_sc_mont_mul(const ts_sc_modulus *M, uint64_t *r, const uint64_t *a, const uint64_t *b) {
  size_t n = M->n;
  uint64_t t[TS_SC_MAX + 2] = {0};
  for (size_t i = 0; i < n; i++) {
    uint64_t c = 0;
    for (size_t j = 0; j < n; j++) {
      u128 x = (u128)a[j] * b[i] + t[j] + c;
      t[j] = (uint64_t)x;
      c = (uint64_t)(x >> 64);
    }
    u128 x = (u128)t[n] + c;
    t[n] = (uint64_t)x;
    t[n + 1] = (uint64_t)(x >> 64);
    uint64_t q = t[0] * M->n0;
    x = (u128)q * M->m[0] + t[0];
    c = (uint64_t)(x >> 64);
    for (size_t j = 1; j < n; j++) {
      x = (u128)q * M->m[j] + t[j] + c;
      t[j - 1] = (uint64_t)x;
      c = (uint64_t)(x >> 64);
    }
    x = (u128)t[n] + c;
    t[n - 1] = (uint64_t)x;
    t[n] = t[n + 1] + (uint64_t)(x >> 64);
  }
  cond_sub(M, r, t, t[n]);
}

void ts_sc_from_bytes(const ts_sc_modulus *M, uint64_t *r, const uint8_t *x, size_t len) {
  for (size_t i = 0; i < M->n; i++) r[i] = 0;
  for (size_t i = 0; i < len; i++) r[i / 8] |= (uint64_t)x[i] << (8 * (i % 8));
}

void ts_sc_to_bytes(const ts_sc_modulus *M, uint8_t *out, size_t len, const uint64_t *a) {
  (void)M;
  for (size_t i = 0; i < len; i++) out[i] = (uint8_t)(a[i / 8] >> (8 * (i % 8)));
}

/* r = a + b mod m for a, b < m. This is constant-time. */
static void add_mod(const ts_sc_modulus *M, uint64_t *r, const uint64_t *a, const uint64_t *b) {
  uint64_t t[TS_SC_MAX], c = 0;
  for (size_t i = 0; i < M->n; i++) {
    u128 x = (u128)a[i] + b[i] + c;
    t[i] = (uint64_t)x;
    c = (uint64_t)(x >> 64);
  }
  cond_sub(M, r, t, c);
}

void ts_sc_reduce(const ts_sc_modulus *M, uint64_t *r, const uint8_t *x, size_t len) {
  /* x = sum of chunks x_i R^i, and x_i R^i = MontMul(x_i, R^(i+1) mod m). */
  size_t chunk = 8 * M->n;
  uint64_t acc[TS_SC_MAX] = {0}, xi[TS_SC_MAX], term[TS_SC_MAX];
  for (size_t i = 0; i * chunk < len && i < 3; i++) {
    size_t k = len - i * chunk < chunk ? len - i * chunk : chunk;
    ts_sc_from_bytes(M, xi, x + i * chunk, k);
    ts_sc_mont_mul(M, term, xi, M->rk[i]);
    add_mod(M, acc, acc, term);
  }
  for (size_t i = 0; i < M->n; i++) r[i] = acc[i];
  ts_wipe(xi, sizeof xi);
  ts_wipe(acc, sizeof acc);
}

void ts_sc_muladd(const ts_sc_modulus *M, uint64_t *r, const uint64_t *a, const uint64_t *b,
                  const uint64_t *c) {
  uint64_t t[TS_SC_MAX];
  ts_sc_mont_mul(M, t, a, b);        /* a b / R */
  ts_sc_mont_mul(M, t, t, M->rk[1]); /* a b */
  add_mod(M, r, t, c);
  ts_wipe(t, sizeof t);
}

int ts_sc_is_canonical_vartime(const ts_sc_modulus *M, const uint8_t *x, size_t len) {
  uint64_t v[TS_SC_MAX];
  if (len > 8 * M->n) return 0;
  ts_sc_from_bytes(M, v, x, len);
  for (size_t i = M->n; i-- > 0;) {
    if (v[i] != M->m[i]) return v[i] < M->m[i];
  }
  return 0; /* equal to m */
}
