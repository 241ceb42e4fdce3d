/* Prime-order short Weierstrass curves with a = -3 (NIST P-256, P-384, P-521): one template,
 * instantiated once per curve by p256.c, p384.c and p521.c, so every loop has a fixed trip count
 * the compiler can unroll.
 *
 * Before including, the curve file defines:
 *   EC_N            64-bit limbs per element (4, 6, 9)
 *   EC_BITS         bit length of p and of n (256, 384, 521)
 *   EC_WV, EC_WF    signed window widths of the variable-base and fixed-base multiplications
 *   EC_PFX(x)       the exported name of x (ts_p256_##x)
 *   EC_*_INIT       constants (see the curve file); field values are in Montgomery form, R = 2^(64N)
 *   EC_HAVE_FE_MUL  optional: the curve file already defined fe_mul and fe_sqr (a tuned field)
 *
 * Representation: field elements and scalars are EC_N little-endian limbs, always fully reduced.
 * Field elements live in Montgomery form. Points are projective (X:Y:Z), x = X/Z, y = Y/Z, with
 * the identity (0:1:0); additions and doublings use the complete formulas of Renes, Costello and
 * Batina, "Complete addition formulas for prime order elliptic curves" (EUROCRYPT 2016),
 * Algorithms 4, 5 and 6 (a = -3), so no input (identity, P + P, P + -P) is exceptional.
 *
 * Every function that handles a secret (private key, nonce, shared point) is constant-time: no
 * branch and no memory index depends on it. Window lookups scan the whole table with masks.
 * Exponents (p - 2, n - 2, (p + 1) / 4) are public, so the exponentiation may branch on them. */
#include <pthread.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "ct.h"
#include "ec_nist_impl.h"

#define N EC_N
#define FLEN ((EC_BITS + 7) / 8)
typedef unsigned __int128 u128;
typedef uint64_t fe[N];

static const uint64_t P[N] = EC_P_INIT;
static const uint64_t PR2[N] = EC_PR2_INIT;
static const uint64_t FONE[N] = EC_ONE_INIT;
static const uint64_t CB[N] = EC_B_INIT;
static const uint64_t GX[N] = EC_GX_INIT;
static const uint64_t GY[N] = EC_GY_INIT;
static const uint64_t NN[N] = EC_N_INIT;
static const uint64_t NR2[N] = EC_NR2_INIT;
static const uint64_t NONE[N] = EC_NONE_INIT;

/* ---- Multi-limb helpers ---------------------------------------------------------------------- */

/* r = a - m if a >= m, else a (a < 2m, `hi` is a's carry limb). This is constant-time. */
static inline void cond_sub(uint64_t *r, const uint64_t *a, uint64_t hi, const uint64_t *m) {
  uint64_t t[N], br = 0;
  _Pragma("GCC unroll 16")
  for (int i = 0; i < N; i++) {
    u128 d = (u128)a[i] - m[i] - br;
    t[i] = (uint64_t)d;
    br = (uint64_t)(d >> 64) & 1;
  }
  /* keep a when the subtraction borrowed and there was no carry limb */
  uint64_t keep = ts_ct_mask64((br & ~hi) & 1);
  _Pragma("GCC unroll 16")
  for (int i = 0; i < N; i++) r[i] = (a[i] & keep) | (t[i] & ~keep);
}

/* r = a + b mod m. This is constant-time. */
static inline void mod_add(uint64_t *r, const uint64_t *a, const uint64_t *b, const uint64_t *m) {
  uint64_t t[N];
  u128 c = 0;
  _Pragma("GCC unroll 16")
  for (int i = 0; i < N; i++) {
    c = (u128)a[i] + b[i] + (uint64_t)(c >> 64);
    t[i] = (uint64_t)c;
  }
  cond_sub(r, t, (uint64_t)(c >> 64), m);
}

/* r = a - b mod m. This is constant-time. */
static inline void mod_sub(uint64_t *r, const uint64_t *a, const uint64_t *b, const uint64_t *m) {
  uint64_t t[N], br = 0;
  _Pragma("GCC unroll 16")
  for (int i = 0; i < N; i++) {
    u128 d = (u128)a[i] - b[i] - br;
    t[i] = (uint64_t)d;
    br = (uint64_t)(d >> 64) & 1;
  }
  uint64_t mask = ts_ct_mask64(br);
  u128 c = 0;
  _Pragma("GCC unroll 16")
  for (int i = 0; i < N; i++) {
    c = (u128)t[i] + (m[i] & mask) + (uint64_t)(c >> 64);
    r[i] = (uint64_t)c;
  }
}

/* Montgomery reduction of a 2N-limb t < m * R: r = t / R mod m. This is constant-time. */
static inline void mont_reduce(uint64_t *r, uint64_t *t, const uint64_t *m, uint64_t m0inv) {
  uint64_t hi = 0; /* carry out of t[i+N-1] */
#ifdef EC_P256_REDUCE
  if (m == P) {
    /* p = 2^256 - 2^224 + 2^192 + 2^96 - 1 and -1/p = 1 mod 2^64: q = t[i], and q * p is
     * built from shifts: q*p0 + t[i] = q * 2^64; q*p1 = q*2^32 - q; q*p3 = q*2^64 - q*2^32 + q. */
    _Pragma("GCC unroll 4")
    for (int i = 0; i < 4; i++) {
      uint64_t q = t[i];
      u128 p1 = ((u128)(q >> 32) << 64 | (uint64_t)(q << 32)) - q;
      u128 p3 = ((u128)q << 64) - (((u128)(q >> 32) << 64) | (uint64_t)(q << 32)) + q;
      u128 x = (u128)t[i + 1] + (uint64_t)p1 + q; /* carry q out of limb 0 */
      t[i + 1] = (uint64_t)x;
      x = (u128)t[i + 2] + (uint64_t)(p1 >> 64) + (uint64_t)(x >> 64);
      t[i + 2] = (uint64_t)x;
      x = (u128)t[i + 3] + (uint64_t)p3 + (uint64_t)(x >> 64);
      t[i + 3] = (uint64_t)x;
      x = (u128)t[i + 4] + (uint64_t)(p3 >> 64) + (uint64_t)(x >> 64) + hi;
      t[i + 4] = (uint64_t)x;
      hi = (uint64_t)(x >> 64);
    }
    cond_sub(r, t + N, hi, m);
    return;
  }
#endif
  _Pragma("GCC unroll 16")
  for (int i = 0; i < N; i++) {
    uint64_t q = t[i] * m0inv, c = 0;
    _Pragma("GCC unroll 16")
    for (int j = 0; j < N; j++) {
      u128 x = (u128)q * m[j] + t[i + j] + c;
      t[i + j] = (uint64_t)x;
      c = (uint64_t)(x >> 64);
    }
    u128 x = (u128)t[i + N] + c + hi;
    t[i + N] = (uint64_t)x;
    hi = (uint64_t)(x >> 64);
  }
  cond_sub(r, t + N, hi, m);
}

/* Montgomery multiplication: r = a * b / R mod m, for a, b < m. The full product first
 * (independent rows, so the multiplies overlap), then the reduction. This is constant-time. */
static inline void mont_mul(uint64_t *r, const uint64_t *a, const uint64_t *b, const uint64_t *m,
                            uint64_t m0inv) {
  uint64_t t[2 * N];
#ifdef EC_PRODUCT
  EC_PRODUCT(t, a, b);
#else
  _Pragma("GCC unroll 16")
  for (int i = 0; i < N; i++) {
    uint64_t c = 0;
    _Pragma("GCC unroll 16")
    for (int j = 0; j < N; j++) {
      u128 x = (u128)a[j] * b[i] + (i ? t[i + j] : 0) + c;
      t[i + j] = (uint64_t)x;
      c = (uint64_t)(x >> 64);
    }
    t[i + N] = c;
  }
#endif
  mont_reduce(r, t, m, m0inv);
}

/* r = a^2 / R mod m: the cross products once, doubled, plus the squares. Constant-time. */
static inline void mont_sqr(uint64_t *r, const uint64_t *a, const uint64_t *m, uint64_t m0inv) {
#ifdef EC_PRODUCT
  mont_mul(r, a, a, m, m0inv);
  return;
#endif
  uint64_t t[2 * N];
  _Pragma("GCC unroll 16")
  for (int i = 0; i < 2 * N; i++) t[i] = 0;
  _Pragma("GCC unroll 16")
  for (int i = 0; i < N - 1; i++) {
    uint64_t c = 0;
    _Pragma("GCC unroll 16")
    for (int j = i + 1; j < N; j++) {
      u128 x = (u128)a[j] * a[i] + t[i + j] + c;
      t[i + j] = (uint64_t)x;
      c = (uint64_t)(x >> 64);
    }
    t[i + N] = c;
  }
  uint64_t top = t[2 * N - 1] >> 63;
  _Pragma("GCC unroll 16")
  for (int i = 2 * N - 1; i > 0; i--) t[i] = (t[i] << 1) | (t[i - 1] >> 63);
  t[0] <<= 1;
  (void)top; /* the doubled cross sum is < 2^(128N - 1): no bit is lost */
  uint64_t c = 0;
  _Pragma("GCC unroll 16")
  for (int i = 0; i < N; i++) {
    u128 sq = (u128)a[i] * a[i];
    u128 x = (u128)t[2 * i] + (uint64_t)sq + c;
    t[2 * i] = (uint64_t)x;
    x = (u128)t[2 * i + 1] + (uint64_t)(sq >> 64) + (uint64_t)(x >> 64);
    t[2 * i + 1] = (uint64_t)x;
    c = (uint64_t)(x >> 64);
  }
  mont_reduce(r, t, m, m0inv);
}

/* 1 if a < b (as integers), else 0. This is constant-time. */
static inline uint64_t limbs_lt(const uint64_t *a, const uint64_t *b) {
  uint64_t br = 0;
  _Pragma("GCC unroll 16")
  for (int i = 0; i < N; i++) {
    u128 d = (u128)a[i] - b[i] - br;
    br = (uint64_t)(d >> 64) & 1;
  }
  return br;
}

/* 1 if a is zero, else 0. This is constant-time. */
static inline uint64_t limbs_is_zero(const uint64_t *a) {
  uint64_t acc = 0;
  _Pragma("GCC unroll 16")
  for (int i = 0; i < N; i++) acc |= a[i];
  return 1 ^ ts_ct_nonzero64(ts_ct_barrier64(acc));
}

/* if (ctl) r = a. This is constant-time. */
static inline void limbs_cmov(uint64_t *r, const uint64_t *a, uint64_t ctl) {
  uint64_t m = ts_ct_mask64(ctl);
  _Pragma("GCC unroll 16")
  for (int i = 0; i < N; i++) r[i] ^= m & (r[i] ^ a[i]);
}

/* Big-endian bytes (len <= 8N) to limbs. */
static void limbs_from_bytes(uint64_t *r, const uint8_t *b, size_t len) {
  _Pragma("GCC unroll 16")
  for (int i = 0; i < N; i++) r[i] = 0;
  for (size_t i = 0; i < len; i++) {
    size_t bit = 8 * (len - 1 - i);
    r[bit / 64] |= (uint64_t)b[i] << (bit % 64);
  }
}

/* Limbs to FLEN big-endian bytes. */
static void limbs_to_bytes(uint8_t *b, const uint64_t *a) {
  for (size_t i = 0; i < FLEN; i++) {
    size_t bit = 8 * (FLEN - 1 - i);
    b[i] = (uint8_t)(a[bit / 64] >> (bit % 64));
  }
}

/* ---- The field ------------------------------------------------------------------------------ */

#ifndef EC_HAVE_FE_MUL
/* r = a * b (Montgomery). This is constant-time. */
static __attribute__((noinline)) void fe_mul(fe r, const fe a, const fe b) { mont_mul(r, a, b, P, EC_P0INV); }
/* r = a^2 (Montgomery). This is constant-time. */
static __attribute__((noinline)) void fe_sqr(fe r, const fe a) { mont_sqr(r, a, P, EC_P0INV); }
#endif

/* These are constant-time. */
static inline void fe_add(fe r, const fe a, const fe b) { mod_add(r, a, b, P); }
static inline void fe_sub(fe r, const fe a, const fe b) { mod_sub(r, a, b, P); }
static inline void fe_neg(fe r, const fe a) {
  static const uint64_t zero[N];
  mod_sub(r, zero, a, P);
}
static inline void fe_copy(fe r, const fe a) { memcpy(r, a, sizeof(fe)); }

/* r = a^e for a public exponent e (N limbs): sliding windows of up to 5 bits over the odd
 * powers a, a^3, ..., a^31. The schedule depends only on e (public: p - 2, n - 2, (p + 1) / 4),
 * never on a, so this is constant-time in a. */
static void pow_generic(uint64_t *r, const uint64_t *a, const uint64_t *e, const uint64_t *one,
                        void (*mul)(uint64_t *, const uint64_t *, const uint64_t *)) {
  uint64_t tab[16][N], a2[N], acc[N];
  memcpy(tab[0], a, sizeof(fe));
  mul(a2, a, a);
  for (int i = 1; i < 16; i++) mul(tab[i], tab[i - 1], a2);
  memcpy(acc, one, sizeof(fe));
  int started = 0;
  int i = 64 * N - 1;
#define EBIT(k) ((int)((e[(k) / 64] >> ((k) % 64)) & 1))
  while (i >= 0) {
    if (!EBIT(i)) {
      if (started) mul(acc, acc, acc);
      i--;
      continue;
    }
    /* the longest window of at most 5 bits starting at i and ending in a 1 */
    int lo = i - 4 < 0 ? 0 : i - 4;
    while (!EBIT(lo)) lo++;
    unsigned d = 0;
    for (int k = i; k >= lo; k--) {
      d = (d << 1) | (unsigned)EBIT(k);
      if (started) mul(acc, acc, acc);
    }
    if (started) {
      mul(acc, acc, tab[d >> 1]);
    } else {
      memcpy(acc, tab[d >> 1], sizeof(fe));
      started = 1;
    }
    i = lo - 1;
  }
#undef EBIT
  memcpy(r, acc, sizeof(fe));
}

static void fe_mul_fn(uint64_t *r, const uint64_t *a, const uint64_t *b) {
  if (a == b)
    fe_sqr(r, a);
  else
    fe_mul(r, a, b);
}

/* r = 1/a (0 for a = 0), Fermat: a^(p-2). This is constant-time. */
static void fe_inv(fe r, const fe a) {
  uint64_t e[N];
  memcpy(e, P, sizeof e);
  e[0] -= 2; /* p[0] >= 2 on every curve here */
  pow_generic(r, a, e, FONE, fe_mul_fn);
}

/* Plain integer < p to Montgomery form, and back. These are constant-time. */
static void fe_to_mont(fe r, const uint64_t *a) { fe_mul(r, a, PR2); }
static void fe_from_mont(uint64_t *r, const fe a) {
  static const uint64_t one[N] = {1};
  fe_mul(r, a, one);
}

/* ---- Scalars mod n ---------------------------------------------------------------------------- */

typedef uint64_t sc[N];

static __attribute__((noinline)) void sc_mul(uint64_t *r, const uint64_t *a, const uint64_t *b) {
  if (a == b)
    mont_sqr(r, a, NN, EC_N0INV);
  else
    mont_mul(r, a, b, NN, EC_N0INV);
}

/* 1/a in Montgomery form (a in Montgomery form), a^(n-2). This is constant-time. */
static void sc_inv(sc r, const sc a) {
  uint64_t e[N];
  memcpy(e, NN, sizeof e);
  e[0] -= 2;
  pow_generic(r, a, e, NONE, sc_mul);
}

/* A scalar from FLEN big-endian bytes; returns 1 if 1 <= k < n. This is constant-time. */
static uint64_t sc_from_bytes(sc r, const uint8_t *b) {
  limbs_from_bytes(r, b, FLEN);
  /* FLEN bytes may exceed N limbs' worth of n only on P-521 (66 bytes, 528 bits < 576): fine. */
  return limbs_lt(r, NN) & (1 ^ limbs_is_zero(r));
}

/* ---- Points --------------------------------------------------------------------------------- */

typedef struct {
  fe X, Y, Z;
} pt;
typedef struct {
  fe x, y;
} apt;

static void pt_identity(pt *r) {
  memset(r, 0, sizeof *r);
  fe_copy(r->Y, FONE);
}

/* r = p + q, RCB16 Algorithm 4 (complete, a = -3). r may alias p or q. This is constant-time. */
static __attribute__((noinline)) void pt_add(pt *r, const pt *p, const pt *q) {
  fe t0, t1, t2, t3, t4, X3, Y3, Z3;
  fe_mul(t0, p->X, q->X);
  fe_mul(t1, p->Y, q->Y);
  fe_mul(t2, p->Z, q->Z);
  fe_add(t3, p->X, p->Y);
  fe_add(t4, q->X, q->Y);
  fe_mul(t3, t3, t4);
  fe_add(t4, t0, t1);
  fe_sub(t3, t3, t4);
  fe_add(t4, p->Y, p->Z);
  fe_add(X3, q->Y, q->Z);
  fe_mul(t4, t4, X3);
  fe_add(X3, t1, t2);
  fe_sub(t4, t4, X3);
  fe_add(X3, p->X, p->Z);
  fe_add(Y3, q->X, q->Z);
  fe_mul(X3, X3, Y3);
  fe_add(Y3, t0, t2);
  fe_sub(Y3, X3, Y3);
  fe_mul(Z3, CB, t2);
  fe_sub(X3, Y3, Z3);
  fe_add(Z3, X3, X3);
  fe_add(X3, X3, Z3);
  fe_sub(Z3, t1, X3);
  fe_add(X3, t1, X3);
  fe_mul(Y3, CB, Y3);
  fe_add(t1, t2, t2);
  fe_add(t2, t1, t2);
  fe_sub(Y3, Y3, t2);
  fe_sub(Y3, Y3, t0);
  fe_add(t1, Y3, Y3);
  fe_add(Y3, t1, Y3);
  fe_add(t1, t0, t0);
  fe_add(t0, t1, t0);
  fe_sub(t0, t0, t2);
  fe_mul(t1, t4, Y3);
  fe_mul(t2, t0, Y3);
  fe_mul(Y3, X3, Z3);
  fe_add(Y3, Y3, t2);
  fe_mul(X3, t3, X3);
  fe_sub(X3, X3, t1);
  fe_mul(Z3, t4, Z3);
  fe_mul(t1, t3, t0);
  fe_add(Z3, Z3, t1);
  fe_copy(r->X, X3);
  fe_copy(r->Y, Y3);
  fe_copy(r->Z, Z3);
}

/* r = p + q for an affine q (never the identity), RCB16 Algorithm 5. This is constant-time. */
static __attribute__((noinline)) void pt_add_affine(pt *r, const pt *p, const apt *q) {
  fe t0, t1, t2, t3, t4, X3, Y3, Z3;
  fe_mul(t0, p->X, q->x);
  fe_mul(t1, p->Y, q->y);
  fe_add(t3, q->x, q->y);
  fe_add(t4, p->X, p->Y);
  fe_mul(t3, t3, t4);
  fe_add(t4, t0, t1);
  fe_sub(t3, t3, t4);
  fe_mul(t4, q->y, p->Z);
  fe_add(t4, t4, p->Y);
  fe_mul(Y3, q->x, p->Z);
  fe_add(Y3, Y3, p->X);
  fe_mul(Z3, CB, p->Z);
  fe_sub(X3, Y3, Z3);
  fe_add(Z3, X3, X3);
  fe_add(X3, X3, Z3);
  fe_sub(Z3, t1, X3);
  fe_add(X3, t1, X3);
  fe_mul(Y3, CB, Y3);
  fe_add(t1, p->Z, p->Z);
  fe_add(t2, t1, p->Z);
  fe_sub(Y3, Y3, t2);
  fe_sub(Y3, Y3, t0);
  fe_add(t1, Y3, Y3);
  fe_add(Y3, t1, Y3);
  fe_add(t1, t0, t0);
  fe_add(t0, t1, t0);
  fe_sub(t0, t0, t2);
  fe_mul(t1, t4, Y3);
  fe_mul(t2, t0, Y3);
  fe_mul(Y3, X3, Z3);
  fe_add(Y3, Y3, t2);
  fe_mul(X3, t3, X3);
  fe_sub(X3, X3, t1);
  fe_mul(Z3, t4, Z3);
  fe_mul(t1, t3, t0);
  fe_add(Z3, Z3, t1);
  fe_copy(r->X, X3);
  fe_copy(r->Y, Y3);
  fe_copy(r->Z, Z3);
}

/* r = 2p, RCB16 Algorithm 6 (a = -3). r may alias p. This is constant-time. */
static __attribute__((noinline)) void pt_dbl(pt *r, const pt *p) {
  fe t0, t1, t2, t3, X3, Y3, Z3;
  fe_sqr(t0, p->X);
  fe_sqr(t1, p->Y);
  fe_sqr(t2, p->Z);
  fe_mul(t3, p->X, p->Y);
  fe_add(t3, t3, t3);
  fe_mul(Z3, p->X, p->Z);
  fe_add(Z3, Z3, Z3);
  fe_mul(Y3, CB, t2);
  fe_sub(Y3, Y3, Z3);
  fe_add(X3, Y3, Y3);
  fe_add(Y3, X3, Y3);
  fe_sub(X3, t1, Y3);
  fe_add(Y3, t1, Y3);
  fe_mul(Y3, X3, Y3);
  fe_mul(X3, X3, t3);
  fe_add(t3, t2, t2);
  fe_add(t2, t2, t3);
  fe_mul(Z3, CB, Z3);
  fe_sub(Z3, Z3, t2);
  fe_sub(Z3, Z3, t0);
  fe_add(t3, Z3, Z3);
  fe_add(Z3, Z3, t3);
  fe_add(t3, t0, t0);
  fe_add(t0, t3, t0);
  fe_sub(t0, t0, t2);
  fe_mul(t0, t0, Z3);
  fe_add(Y3, Y3, t0);
  fe_mul(t0, p->Y, p->Z);
  fe_add(t0, t0, t0);
  fe_mul(Z3, t0, Z3);
  fe_sub(X3, X3, Z3);
  fe_mul(Z3, t0, t1);
  fe_add(Z3, Z3, Z3);
  fe_add(Z3, Z3, Z3);
  fe_copy(r->X, X3);
  fe_copy(r->Y, Y3);
  fe_copy(r->Z, Z3);
}

/* Affine coordinates (Montgomery form) of p; the identity gives (0, 0). Returns 1 unless p is
 * the identity. This is constant-time. */
static uint64_t pt_to_affine(fe x, fe y, const pt *p) {
  fe zi;
  fe_inv(zi, p->Z);
  fe_mul(x, p->X, zi);
  fe_mul(y, p->Y, zi);
  return 1 ^ limbs_is_zero(p->Z);
}

/* 1 if (x, y) (Montgomery form) satisfies y^2 = x^3 - 3x + b. */
static uint64_t on_curve(const fe x, const fe y) {
  fe l, r, t;
  fe_sqr(l, y);
  fe_sqr(r, x);
  fe_mul(r, r, x);
  fe_add(t, x, x);
  fe_add(t, t, x);
  fe_sub(r, r, t);
  fe_add(r, r, CB);
  fe_sub(l, l, r);
  return limbs_is_zero(l);
}

/* Decode an uncompressed (04||X||Y) or compressed (02/03||X) point into affine Montgomery
 * coordinates, checking that it lies on the curve. Public data: variable time. Returns 1 if
 * valid. The identity has no encoding here and is rejected. */
static int decode_point(fe x, fe y, const uint8_t *in, size_t len) {
  uint64_t t[N];
  if (len == 1 + 2 * FLEN && in[0] == 0x04) {
    limbs_from_bytes(t, in + 1, FLEN);
    if (!limbs_lt(t, P)) return 0;
    fe_to_mont(x, t);
    limbs_from_bytes(t, in + 1 + FLEN, FLEN);
    if (!limbs_lt(t, P)) return 0;
    fe_to_mont(y, t);
    return (int)on_curve(x, y);
  }
  if (len == 1 + FLEN && (in[0] == 0x02 || in[0] == 0x03)) {
    fe rhs, s;
    limbs_from_bytes(t, in + 1, FLEN);
    if (!limbs_lt(t, P)) return 0;
    fe_to_mont(x, t);
    fe_sqr(rhs, x);
    fe_mul(rhs, rhs, x);
    fe_add(s, x, x);
    fe_add(s, s, x);
    fe_sub(rhs, rhs, s);
    fe_add(rhs, rhs, CB);
    /* p = 3 mod 4 on all three curves: sqrt(a) = a^((p+1)/4) when a is a square */
    uint64_t e[N];
    uint64_t carry = 1;
    _Pragma("GCC unroll 16")
    for (int i = 0; i < N; i++) {
      u128 c = (u128)P[i] + carry;
      e[i] = (uint64_t)c;
      carry = (uint64_t)(c >> 64);
    }
    _Pragma("GCC unroll 16")
    for (int i = 0; i < N; i++) e[i] = (e[i] >> 2) | (i + 1 < N ? e[i + 1] << 62 : 0);
    pow_generic(y, rhs, e, FONE, fe_mul_fn);
    fe_sqr(s, y);
    fe_sub(s, s, rhs);
    if (!limbs_is_zero(s)) return 0;
    fe_from_mont(t, y);
    if ((t[0] & 1) != (uint64_t)(in[0] & 1)) {
      if (limbs_is_zero(t)) return 0;
      fe_neg(y, y);
    }
    return 1;
  }
  return 0;
}

/* 04||X||Y of an affine point in Montgomery form. */
static void encode_point(uint8_t *out, const fe x, const fe y) {
  uint64_t t[N];
  out[0] = 0x04;
  fe_from_mont(t, x);
  limbs_to_bytes(out + 1, t);
  fe_from_mont(t, y);
  limbs_to_bytes(out + 1 + FLEN, t);
}

/* ---- Scalar multiplication ---------------------------------------------------------------- */

/* Signed windows of width w (Booth recoding): k = sum d_i 2^(w i), |d_i| <= 2^(w-1); stores
 * |d_i| and the sign (1 = negative). k has N+1 limbs, the top one zero. This is constant-time. */
static void recode(uint8_t *mag, uint8_t *neg, const uint64_t *k, int w, int windows) {
  for (int i = 0; i < windows; i++) {
    int pos = w * i - 1; /* public */
    uint64_t v;
    if (pos < 0) {
      v = k[0] << 1;
    } else {
      int limb = pos / 64, off = pos % 64;
      v = k[limb] >> off;
      if (off + w + 1 > 64) v |= k[limb + 1] << (64 - off);
    }
    v &= ((uint64_t)1 << (w + 1)) - 1;
    uint64_t low = (v & 1) + ((v >> 1) & (((uint64_t)1 << (w - 1)) - 1));
    uint64_t top = (v >> w) & 1;
    uint64_t alt = ((uint64_t)1 << (w - 1)) - low;
    uint64_t m = ts_ct_mask64(top);
    mag[i] = (uint8_t)(low ^ (m & (low ^ alt)));
    neg[i] = (uint8_t)top;
  }
}

#define VWIN (EC_BITS / EC_WV + 1)
#define VTAB (1 << (EC_WV - 1))
#define FWIN (EC_BITS / EC_WF + 1)
#define FTAB (1 << (EC_WF - 1))

/* r = k * p for a secret k < 2^EC_BITS (N limbs) and any point p. This is constant-time. */
static void pt_mul(pt *r, const uint64_t *k, const pt *p) {
  pt tab[VTAB], q, t;
  uint64_t kk[N + 1];
  uint8_t mag[VWIN], neg[VWIN];
  memcpy(kk, k, sizeof(fe));
  kk[N] = 0;
  recode(mag, neg, kk, EC_WV, VWIN);
  tab[0] = *p;
  pt_dbl(&tab[1], p);
  for (int j = 2; j < VTAB; j++) pt_add(&tab[j], &tab[j - 1], p);
  pt_identity(&q);
  for (int i = VWIN - 1; i >= 0; i--) {
    if (i != VWIN - 1)
      for (int j = 0; j < EC_WV; j++) pt_dbl(&q, &q);
    /* full scan: t = tab[mag - 1], or the identity for mag = 0 */
    memset(&t, 0, sizeof t);
    for (int j = 0; j < VTAB; j++) {
      uint64_t m = ts_ct_mask64(ts_ct_eq64(mag[i], (uint64_t)j + 1));
      const uint64_t *s = (const uint64_t *)&tab[j];
      uint64_t *d = (uint64_t *)&t;
      for (int l = 0; l < 3 * N; l++) d[l] |= m & s[l];
    }
    uint64_t z = ts_ct_mask64(ts_ct_eq64(mag[i], 0));
    for (int l = 0; l < N; l++) t.Y[l] |= z & FONE[l];
    fe ny;
    fe_neg(ny, t.Y);
    limbs_cmov(t.Y, ny, neg[i]);
    pt_add(&q, &q, &t);
  }
  *r = q;
  ts_wipe(tab, sizeof tab);
  ts_wipe(kk, sizeof kk);
  ts_wipe(mag, sizeof mag);
  ts_wipe(neg, sizeof neg);
  ts_wipe(&t, sizeof t);
}

/* The fixed-base table: gtab[i][j] = (j + 1) * 2^(EC_WF i) * G, affine. Public; built once. */
static apt gtab[FWIN][FTAB];
static pthread_once_t gtab_once = PTHREAD_ONCE_INIT;

static void gtab_build(void) {
  pt base, row[FTAB];
  fe prod[FTAB], inv, t;
  fe_copy(base.X, GX);
  fe_copy(base.Y, GY);
  fe_copy(base.Z, FONE);
  for (int i = 0; i < FWIN; i++) {
    row[0] = base;
    pt_dbl(&row[1], &base);
    for (int j = 2; j < FTAB; j++) pt_add(&row[j], &row[j - 1], &base);
    /* batch inversion of the Z coordinates (Montgomery's trick) */
    fe_copy(prod[0], row[0].Z);
    for (int j = 1; j < FTAB; j++) fe_mul(prod[j], prod[j - 1], row[j].Z);
    fe_inv(inv, prod[FTAB - 1]);
    for (int j = FTAB - 1; j >= 0; j--) {
      fe zi;
      if (j) {
        fe_mul(zi, inv, prod[j - 1]);
        fe_mul(inv, inv, row[j].Z);
      } else {
        fe_copy(zi, inv);
      }
      fe_mul(gtab[i][j].x, row[j].X, zi);
      fe_mul(gtab[i][j].y, row[j].Y, zi);
    }
    for (int j = 0; j < EC_WF; j++) pt_dbl(&base, &base);
  }
  (void)t;
}

/* r = k * G for a secret k < 2^EC_BITS. This is constant-time. */
static void pt_mul_g(pt *r, const uint64_t *k) {
  uint64_t kk[N + 1];
  uint8_t mag[FWIN], neg[FWIN];
  pt q, s;
  apt t;
  pthread_once(&gtab_once, gtab_build);
  memcpy(kk, k, sizeof(fe));
  kk[N] = 0;
  recode(mag, neg, kk, EC_WF, FWIN);
  pt_identity(&q);
  for (int i = 0; i < FWIN; i++) {
    memset(&t, 0, sizeof t);
    for (int j = 0; j < FTAB; j++) {
      uint64_t m = ts_ct_mask64(ts_ct_eq64(mag[i], (uint64_t)j + 1));
      const uint64_t *src = (const uint64_t *)&gtab[i][j];
      uint64_t *d = (uint64_t *)&t;
      for (int l = 0; l < 2 * N; l++) d[l] |= m & src[l];
    }
    fe ny;
    fe_neg(ny, t.y);
    limbs_cmov(t.y, ny, neg[i]);
    pt_add_affine(&s, &q, &t);
    /* a zero digit adds nothing: keep q (the affine formula cannot take the identity) */
    uint64_t nz = 1 ^ ts_ct_eq64(mag[i], 0);
    limbs_cmov(q.X, s.X, nz);
    limbs_cmov(q.Y, s.Y, nz);
    limbs_cmov(q.Z, s.Z, nz);
  }
  *r = q;
  ts_wipe(kk, sizeof kk);
  ts_wipe(mag, sizeof mag);
  ts_wipe(neg, sizeof neg);
  ts_wipe(&t, sizeof t);
  ts_wipe(&s, sizeof s);
}

/* ---- Exported operations (see ec_nist_impl.h) ------------------------------------------------- */

/* This is constant-time. */
static int EC_PFX(scalar_ok)(const uint8_t *k) {
  sc d;
  uint64_t ok = sc_from_bytes(d, k);
  ts_wipe(d, sizeof d);
  return (int)ok;
}

/* pub = k * G; k must be valid (scalar_ok). This is constant-time. */
static int EC_PFX(mul_g)(const uint8_t *k, uint8_t *out) {
  sc d;
  pt q;
  fe x, y;
  uint64_t ok = sc_from_bytes(d, k);
  pt_mul_g(&q, d);
  ok &= pt_to_affine(x, y, &q);
  encode_point(out, x, y);
  ts_wipe(d, sizeof d);
  ts_wipe(&q, sizeof q);
  return (int)ok;
}

/* out = k * peer (uncompressed), or only its x coordinate when xonly. Returns 1, 0 if the
 * result is the identity or k is out of range, -1 if the point is invalid. This is
 * constant-time in k. */
static int EC_PFX(mul)(const uint8_t *k, const uint8_t *in, size_t inlen, uint8_t *out, int xonly) {
  sc d;
  pt p, q;
  fe x, y;
  if (!decode_point(p.X, p.Y, in, inlen)) return -1;
  fe_copy(p.Z, FONE);
  uint64_t ok = sc_from_bytes(d, k);
  pt_mul(&q, d, &p);
  ok &= pt_to_affine(x, y, &q);
  if (xonly) {
    uint64_t t[N];
    fe_from_mont(t, x);
    limbs_to_bytes(out, t);
    ts_wipe(t, sizeof t);
  } else {
    encode_point(out, x, y);
  }
  ts_wipe(d, sizeof d);
  ts_wipe(&q, sizeof q);
  ts_wipe(x, sizeof x);
  ts_wipe(y, sizeof y);
  return (int)ok;
}

/* 1 if the encoding is a valid point on the curve (public data). */
static int EC_PFX(point_ok)(const uint8_t *in, size_t len) {
  fe x, y;
  return decode_point(x, y, in, len);
}

/* Reduce FLEN bytes holding bits2int(h) < 2^EC_BITS to a plain scalar mod n. */
static void sc_from_hash(sc e, const uint8_t *h) {
  limbs_from_bytes(e, h, FLEN);
  cond_sub(e, e, 0, NN);
}

/* ECDSA with a given nonce: rs = r||s (FLEN bytes each). priv and k are FLEN bytes, e is
 * bits2int(digest) as FLEN bytes. Returns 1, or 0 if k or priv is out of range or r or s is
 * zero (the caller draws another k). This is constant-time in priv and k. */
static int EC_PFX(sign_k)(const uint8_t *priv, const uint8_t *eb, const uint8_t *kb, uint8_t *rs) {
  sc d, k, e, r, s, t;
  pt q;
  fe x, y;
  uint64_t ok = sc_from_bytes(d, priv);
  ok &= sc_from_bytes(k, kb);
  sc_from_hash(e, eb);
  pt_mul_g(&q, k);
  pt_to_affine(x, y, &q);
  fe_from_mont(r, x);
  cond_sub(r, r, 0, NN); /* x < p < 2n */
  ok &= 1 ^ limbs_is_zero(r);
  /* s = k^-1 (e + r d) mod n, in Montgomery form until the end */
  sc_mul(k, k, NR2);
  sc_inv(k, k);
  sc_mul(d, d, NR2);
  sc_mul(t, r, NR2);
  sc_mul(t, t, d);
  sc_mul(e, e, NR2);
  mod_add(t, t, e, NN);
  sc_mul(s, k, t);
  static const uint64_t one[N] = {1};
  sc_mul(s, s, one);
  ok &= 1 ^ limbs_is_zero(s);
  limbs_to_bytes(rs, r);
  limbs_to_bytes(rs + FLEN, s);
  ts_wipe(d, sizeof d);
  ts_wipe(k, sizeof k);
  ts_wipe(t, sizeof t);
  ts_wipe(&q, sizeof q);
  return (int)ok;
}

/* ECDSA verification (public data, variable time): 1 if rs is valid for e under pub. */
static int EC_PFX(verify)(const uint8_t *pub, size_t publen, const uint8_t *eb, const uint8_t *rs) {
  sc r, s, e, w, u1, u2;
  pt q, a, b;
  fe x, y;
  if (!decode_point(q.X, q.Y, pub, publen)) return 0;
  fe_copy(q.Z, FONE);
  if (!sc_from_bytes(r, rs) || !sc_from_bytes(s, rs + FLEN)) return 0;
  sc_from_hash(e, eb);
  sc_mul(w, s, NR2);
  sc_inv(w, w);          /* s^-1 R */
  sc_mul(u1, e, w);      /* e s^-1 */
  sc_mul(u2, r, w);      /* r s^-1 */
  pt_mul_g(&a, u1);
  pt_mul(&b, u2, &q);
  pt_add(&a, &a, &b);
  if (!pt_to_affine(x, y, &a)) return 0;
  uint64_t xr[N];
  fe_from_mont(xr, x);
  cond_sub(xr, xr, 0, NN);
  return memcmp(xr, r, sizeof xr) == 0;
}

/* out = e mod n (public data in RFC 6979's seed; the same reduction as in signing). */
static void EC_PFX(reduce)(const uint8_t *eb, uint8_t *out) {
  sc e;
  sc_from_hash(e, eb);
  limbs_to_bytes(out, e);
}

const ts_ec_impl EC_PFX(impl) = {
    FLEN, EC_BITS, EC_PFX(scalar_ok), EC_PFX(mul_g), EC_PFX(mul), EC_PFX(point_ok),
    EC_PFX(sign_k), EC_PFX(reduce), EC_PFX(verify),
};

#undef N
#undef FLEN
