/* Bignum arithmetic for RSA and DH on 64-bit limbs: conversions, constant-time add/sub/compare,
 * Montgomery contexts, fixed-window exponentiation with full-scan table reads, constant-time
 * inversion, and the general modexp (odd and even moduli). */
#include "bn.h"

#include <string.h>

#include "ct.h"

typedef unsigned __int128 u128;

ts_bn_mont_mul_fn *ts_bn_mont_mul_impl = ts_bn_mont_mul_generic;
ts_bn_mont_sqr_fn *ts_bn_mont_sqr_impl = ts_bn_mont_sqr_generic;

/* ---- Plain integers ------------------------------------------------------------------------ */

uint32_t ts_bn_from_bytes(uint64_t *r, size_t n, const uint8_t *in, size_t len) {
  uint64_t excess = 0;
  memset(r, 0, n * sizeof r[0]);
  for (size_t i = 0; i < len; i++) {
    size_t k = len - 1 - i; /* byte position from the least significant end */
    uint64_t v = in[i];
    if (k / 8 < n) {
      r[k / 8] |= v << (8 * (k % 8));
    } else {
      excess |= v;
    }
  }
  return 1u ^ (uint32_t)ts_ct_nonzero64(ts_ct_barrier64(excess));
}

void ts_bn_to_bytes(uint8_t *out, size_t len, const uint64_t *a, size_t n) {
  for (size_t i = 0; i < len; i++) {
    size_t k = len - 1 - i;
    out[i] = k / 8 < n ? (uint8_t)(a[k / 8] >> (8 * (k % 8))) : 0;
  }
}

size_t ts_bn_bits_vartime(const uint64_t *a, size_t n) {
  while (n > 0 && a[n - 1] == 0) n--;
  if (n == 0) return 0;
  return 64 * n - (size_t)__builtin_clzll(a[n - 1]);
}

size_t ts_bn_strip_vartime(const uint8_t **p, size_t len) {
  while (len > 0 && **p == 0) {
    (*p)++;
    len--;
  }
  return len;
}

uint64_t ts_bn_add(uint64_t *r, const uint64_t *a, const uint64_t *b, size_t n) {
  uint64_t c = 0;
  for (size_t i = 0; i < n; i++) {
    u128 x = (u128)a[i] + b[i] + c;
    r[i] = (uint64_t)x;
    c = (uint64_t)(x >> 64);
  }
  return c;
}

uint64_t ts_bn_sub(uint64_t *r, const uint64_t *a, const uint64_t *b, size_t n) {
  uint64_t borrow = 0;
  for (size_t i = 0; i < n; i++) {
    u128 x = (u128)a[i] - b[i] - borrow;
    r[i] = (uint64_t)x;
    borrow = (uint64_t)(x >> 64) & 1;
  }
  return borrow;
}

uint32_t ts_bn_lt(const uint64_t *a, const uint64_t *b, size_t n) {
  uint64_t borrow = 0;
  for (size_t i = 0; i < n; i++) {
    u128 x = (u128)a[i] - b[i] - borrow;
    borrow = (uint64_t)(x >> 64) & 1;
  }
  return (uint32_t)borrow;
}

uint32_t ts_bn_eq(const uint64_t *a, const uint64_t *b, size_t n) {
  uint64_t acc = 0;
  for (size_t i = 0; i < n; i++) acc |= a[i] ^ b[i];
  return 1u ^ (uint32_t)ts_ct_nonzero64(ts_ct_barrier64(acc));
}

uint32_t ts_bn_is_zero(const uint64_t *a, size_t n) {
  uint64_t acc = 0;
  for (size_t i = 0; i < n; i++) acc |= a[i];
  return 1u ^ (uint32_t)ts_ct_nonzero64(ts_ct_barrier64(acc));
}

void ts_bn_ccopy(uint32_t ctl, uint64_t *dst, const uint64_t *src, size_t n) {
  uint64_t m = ts_ct_mask64(ctl);
  for (size_t i = 0; i < n; i++) dst[i] ^= m & (dst[i] ^ src[i]);
}

void ts_bn_mul(uint64_t *r, const uint64_t *a, size_t an, const uint64_t *b, size_t bn) {
  memset(r, 0, (an + bn) * sizeof r[0]);
  for (size_t i = 0; i < an; i++) {
    uint64_t c = 0;
    for (size_t j = 0; j < bn; j++) {
      u128 x = (u128)a[i] * b[j] + r[i + j] + c;
      r[i + j] = (uint64_t)x;
      c = (uint64_t)(x >> 64);
    }
    r[i + bn] = c;
  }
}

void ts_bn_mod_add(uint64_t *r, const uint64_t *a, const uint64_t *b, const uint64_t *m, size_t n) {
  uint64_t t[TS_BN_MAX_LIMBS];
  uint64_t carry = ts_bn_add(r, a, b, n);
  uint64_t borrow = ts_bn_sub(t, r, m, n);
  /* keep r - m unless that went negative without a carry out of a + b */
  ts_bn_ccopy((uint32_t)(carry | (borrow ^ 1)), r, t, n);
}

void ts_bn_mod_sub(uint64_t *r, const uint64_t *a, const uint64_t *b, const uint64_t *m, size_t n) {
  uint64_t t[TS_BN_MAX_LIMBS];
  uint64_t borrow = ts_bn_sub(r, a, b, n);
  ts_bn_add(t, r, m, n);
  ts_bn_ccopy((uint32_t)borrow, r, t, n);
}

/* ---- Montgomery contexts ------------------------------------------------------------------- */

void ts_mont_mul(const ts_mont *c, uint64_t *r, const uint64_t *a, const uint64_t *b) {
  ts_bn_mont_mul_impl(r, a, b, c->m, c->m0inv, c->n);
}

void ts_mont_sqr(const ts_mont *c, uint64_t *r, const uint64_t *a) {
  ts_bn_mont_sqr_impl(r, a, c->m, c->m0inv, c->n);
}

void ts_mont_to(const ts_mont *c, uint64_t *r, const uint64_t *a) { ts_mont_mul(c, r, a, c->rr); }

void ts_mont_from(const ts_mont *c, uint64_t *r, const uint64_t *a) {
  uint64_t one[TS_BN_MAX_LIMBS] = {1};
  ts_mont_mul(c, r, a, one);
}

int ts_mont_init_limbs(ts_mont *c, const uint64_t *m, size_t n) {
  while (n > 0 && m[n - 1] == 0) n--;
  if (n == 0 || n > TS_BN_MAX_LIMBS || (m[0] & 1) == 0 || (n == 1 && m[0] < 3)) return 0;
  memset(c, 0, sizeof *c);
  c->n = n;
  memcpy(c->m, m, n * sizeof m[0]);
  c->bits = ts_bn_bits_vartime(m, n);
  c->bytes = (c->bits + 7) / 8;
  /* -m^-1 mod 2^64 by Newton's iteration: x = m0 is an inverse mod 2^3, each step doubles it. */
  uint64_t x = m[0];
  for (int i = 0; i < 5; i++) x *= 2 - m[0] * x;
  c->m0inv = 0 - x;
  /* t = 2^(64n + 64) mod m by doubling, which is 2^64 in Montgomery form; raising it to the n-th
   * power in Montgomery form gives 2^(64n) * R = R^2 mod m. */
  uint64_t t[TS_BN_MAX_LIMBS] = {0}, u[TS_BN_MAX_LIMBS];
  /* start from 2^(bits - 1) < m: only 64n + 65 - bits doublings are left */
  t[(c->bits - 1) / 64] = (uint64_t)1 << ((c->bits - 1) % 64);
  for (size_t i = c->bits - 1; i < 64 * n + 64; i++) {
    uint64_t top = t[n - 1] >> 63;
    for (size_t j = n - 1; j > 0; j--) t[j] = (t[j] << 1) | (t[j - 1] >> 63);
    t[0] <<= 1;
    uint64_t borrow = ts_bn_sub(u, t, m, n);
    ts_bn_ccopy((uint32_t)(top | (borrow ^ 1)), t, u, n); /* m may be a secret prime */
  }
  uint64_t acc[TS_BN_MAX_LIMBS];
  memcpy(acc, t, n * sizeof t[0]);
  size_t top = 63 - (size_t)__builtin_clzll((unsigned long long)n);
  for (size_t b = top; b-- > 0;) {
    ts_bn_mont_mul_impl(acc, acc, acc, c->m, c->m0inv, n);
    if ((n >> b) & 1) ts_bn_mont_mul_impl(acc, acc, t, c->m, c->m0inv, n);
  }
  memcpy(c->rr, acc, n * sizeof acc[0]);
  uint64_t one[TS_BN_MAX_LIMBS] = {1};
  ts_bn_mont_mul_impl(c->one, c->rr, one, c->m, c->m0inv, n);
  return 1;
}

int ts_mont_init(ts_mont *c, const uint8_t *m, size_t len) {
  len = ts_bn_strip_vartime(&m, len);
  if (len == 0 || len > TS_BN_MAX_BYTES) return 0;
  uint64_t limbs[TS_BN_MAX_LIMBS];
  size_t n = (len + 7) / 8;
  ts_bn_from_bytes(limbs, n, m, len);
  return ts_mont_init_limbs(c, limbs, n);
}

/* Horner over n-limb chunks from the top: acc = (acc * R + chunk) in Montgomery form, using
 * mont(x, R^2) = x * R for x < R. */
static void import_chunks(const ts_mont *c, uint64_t *r, const uint64_t *a, size_t an) {
  size_t n = c->n;
  uint64_t chunk[TS_BN_MAX_LIMBS], t[TS_BN_MAX_LIMBS];
  size_t nchunks = an == 0 ? 1 : (an + n - 1) / n;
  memset(r, 0, n * sizeof r[0]);
  for (size_t k = nchunks; k-- > 0;) {
    size_t lo = k * n, cnt = an > lo ? an - lo : 0;
    if (cnt > n) cnt = n;
    memset(chunk, 0, n * sizeof chunk[0]);
    if (cnt) memcpy(chunk, a + lo, cnt * sizeof a[0]);
    ts_mont_mul(c, t, chunk, c->rr);
    if (k + 1 < nchunks) ts_mont_mul(c, r, r, c->rr);
    ts_bn_mod_add(r, r, t, c->m, n);
  }
  ts_wipe(chunk, sizeof chunk);
  ts_wipe(t, sizeof t);
}

void ts_mont_import_limbs(const ts_mont *c, uint64_t *r, const uint64_t *a, size_t an) {
  import_chunks(c, r, a, an);
}

void ts_mont_import(const ts_mont *c, uint64_t *r, const uint8_t *in, size_t len) {
  /* Convert chunk by chunk so that inputs of any length need no buffer of their size. */
  size_t n = c->n, cb = 8 * n;
  size_t nchunks = len == 0 ? 1 : (len + cb - 1) / cb;
  uint64_t chunk[TS_BN_MAX_LIMBS], t[TS_BN_MAX_LIMBS];
  memset(r, 0, n * sizeof r[0]);
  for (size_t k = nchunks; k-- > 0;) {
    /* chunk k covers bytes [len - (k+1)*cb, len - k*cb) counted from the start */
    size_t end = len - k * cb; /* k * cb < len: k is below ceil(len / cb) */
    size_t start = end > cb ? end - cb : 0;
    ts_bn_from_bytes(chunk, n, in + start, end - start);
    ts_mont_mul(c, t, chunk, c->rr);
    if (k + 1 < nchunks) ts_mont_mul(c, r, r, c->rr);
    ts_bn_mod_add(r, r, t, c->m, n);
  }
  ts_wipe(chunk, sizeof chunk);
  ts_wipe(t, sizeof t);
}

/* ---- Exponentiation -------------------------------------------------------------------------- */

/* out = table[idx], reading every entry. This is constant-time. */
static void table_select(uint64_t *out, const uint64_t *table, size_t count, size_t n, uint64_t idx) {
  memset(out, 0, n * sizeof out[0]);
  for (size_t i = 0; i < count; i++) {
    uint64_t m = ts_ct_mask64(ts_ct_eq64((uint64_t)i, idx));
    const uint64_t *e = table + i * n;
    for (size_t j = 0; j < n; j++) out[j] |= e[j] & m;
  }
}

/* Bits [pos, pos + w) of e (zero beyond ebits). Positions are public, the value is not. */
static uint64_t exp_bits(const uint64_t *e, size_t ebits, size_t pos, unsigned w) {
  uint64_t v = 0;
  for (unsigned i = 0; i < w; i++) {
    size_t p = pos + i;
    if (p < ebits) v |= ((e[p / 64] >> (p % 64)) & 1) << i;
  }
  return v;
}

static unsigned window_for(size_t ebits) {
  if (ebits > 3000) return 6;
  if (ebits > 700) return 5;
  if (ebits > 160) return 4;
  if (ebits > 24) return 3;
  return 1;
}

typedef void exp_mul_fn(const void *ctx, uint64_t *r, const uint64_t *a, const uint64_t *b);
typedef void exp_sqr_fn(const void *ctx, uint64_t *r, const uint64_t *a);

/* r = a^e with the multiplication of ctx; one is its neutral element. The table of a^0..a^(2^w-1)
 * takes 2^w * n limbs of s, plus n for the selected entry. This is constant-time. */
static void window_exp(const void *ctx, exp_mul_fn *mul, exp_sqr_fn *sqr, size_t n, uint64_t *r,
                       const uint64_t *one, const uint64_t *a, const uint64_t *e, size_t ebits,
                       ts_bn_scratch *s) {
  unsigned w = window_for(ebits);
  size_t count = (size_t)1 << w;
  uint64_t *table = s->t, *sel = s->t + count * n;
  memcpy(table, one, n * sizeof one[0]);
  memcpy(table + n, a, n * sizeof a[0]);
  for (size_t i = 2; i < count; i++) {
    if (i % 2 == 0) {
      sqr(ctx, table + i * n, table + (i / 2) * n);
    } else {
      mul(ctx, table + i * n, table + (i - 1) * n, a);
    }
  }
  size_t nwin = ebits == 0 ? 0 : (ebits + w - 1) / w;
  memcpy(r, one, n * sizeof one[0]);
  for (size_t k = nwin; k-- > 0;) {
    if (k + 1 < nwin) {
      for (unsigned i = 0; i < w; i++) sqr(ctx, r, r);
    }
    table_select(sel, table, count, n, exp_bits(e, ebits, k * w, w));
    if (k + 1 < nwin) {
      mul(ctx, r, r, sel);
    } else {
      memcpy(r, sel, n * sizeof sel[0]);
    }
  }
  ts_wipe(s->t, (count + 1) * n * sizeof s->t[0]);
}

static void mont_mul_cb(const void *ctx, uint64_t *r, const uint64_t *a, const uint64_t *b) {
  ts_mont_mul((const ts_mont *)ctx, r, a, b);
}
static void mont_sqr_cb(const void *ctx, uint64_t *r, const uint64_t *a) {
  ts_mont_sqr((const ts_mont *)ctx, r, a);
}

void ts_mont_exp_ct(const ts_mont *c, uint64_t *r, const uint64_t *a, const uint64_t *e,
                    size_t ebits, ts_bn_scratch *s) {
  window_exp(c, mont_mul_cb, mont_sqr_cb, c->n, r, c->one, a, e, ebits, s);
}

void ts_mont_exp_vartime(const ts_mont *c, uint64_t *r, const uint64_t *a, const uint8_t *e,
                         size_t elen) {
  size_t n = c->n;
  uint64_t acc[TS_BN_MAX_LIMBS];
  int started = 0;
  memcpy(acc, c->one, n * sizeof acc[0]);
  for (size_t i = 0; i < elen; i++) {
    for (int b = 7; b >= 0; b--) {
      if (started) ts_mont_sqr(c, acc, acc);
      if ((e[i] >> b) & 1) {
        if (started) {
          ts_mont_mul(c, acc, acc, a);
        } else {
          memcpy(acc, a, n * sizeof acc[0]);
          started = 1;
        }
      }
    }
  }
  memcpy(r, acc, n * sizeof acc[0]);
}

/* ---- Inversion ------------------------------------------------------------------------------- */

/* (u + (u odd ? m : 0)) / 2 for u < m: halving modulo the odd m. This is constant-time. */
static void mod_half(uint64_t *u, const uint64_t *m, size_t n) {
  uint64_t mask = 0 - (u[0] & 1), c = 0;
  for (size_t i = 0; i < n; i++) {
    u128 x = (u128)u[i] + (m[i] & mask) + c;
    u[i] = (uint64_t)x;
    c = (uint64_t)(x >> 64);
  }
  for (size_t i = 0; i + 1 < n; i++) u[i] = (u[i] >> 1) | (u[i + 1] << 63);
  u[n - 1] = (u[n - 1] >> 1) | (c << 63);
}

static void cswap(uint32_t ctl, uint64_t *a, uint64_t *b, size_t n) {
  uint64_t m = ts_ct_mask64(ctl);
  for (size_t i = 0; i < n; i++) {
    uint64_t t = m & (a[i] ^ b[i]);
    a[i] ^= t;
    b[i] ^= t;
  }
}

/* Binary extended GCD keeping a = u * x and b = v * x (mod m). Every step makes a even and
 * halves it, so the bit lengths of a and b together fall by one each step: 2 * bits(m) steps
 * reach a = 0, b = gcd(x, m), and v = x^-1 when the gcd is 1. */
uint32_t ts_bn_mod_inv(const ts_mont *c, uint64_t *r, const uint64_t *x, ts_bn_scratch *s) {
  size_t n = c->n;
  uint64_t *a = s->t, *b = a + n, *u = b + n, *v = u + n, *t = v + n;
  memcpy(a, x, n * sizeof a[0]);
  memcpy(b, c->m, n * sizeof b[0]);
  memset(u, 0, n * sizeof u[0]);
  memset(v, 0, n * sizeof v[0]);
  u[0] = 1;
  for (size_t it = 0; it < 2 * c->bits; it++) {
    uint32_t odd = (uint32_t)(a[0] & 1);
    uint32_t swap = odd & ts_bn_lt(a, b, n);
    cswap(swap, a, b, n);
    cswap(swap, u, v, n);
    ts_bn_sub(t, a, b, n);
    ts_bn_ccopy(odd, a, t, n);
    ts_bn_mod_sub(t, u, v, c->m, n);
    ts_bn_ccopy(odd, u, t, n);
    for (size_t i = 0; i + 1 < n; i++) a[i] = (a[i] >> 1) | (a[i + 1] << 63);
    a[n - 1] >>= 1;
    mod_half(u, c->m, n);
  }
  uint64_t one[TS_BN_MAX_LIMBS] = {1};
  uint32_t ok = ts_bn_eq(b, one, n);
  memcpy(r, v, n * sizeof r[0]);
  ts_wipe(s->t, 5 * n * sizeof s->t[0]);
  return ok;
}

/* ---- General modexp (odd or even modulus) ---------------------------------------------------- */

typedef struct {
  size_t n;
  uint64_t mask; /* mask of the top limb for arithmetic modulo 2^t */
} pow2_ctx;

/* r = a * b mod 2^t (the low n limbs, top limb masked). r may alias a or b. */
static void pow2_mul(const void *ctx, uint64_t *r, const uint64_t *a, const uint64_t *b) {
  const pow2_ctx *p = (const pow2_ctx *)ctx;
  uint64_t t[TS_BN_MAX_LIMBS] = {0};
  size_t n = p->n;
  for (size_t i = 0; i < n; i++) {
    uint64_t c = 0;
    for (size_t j = 0; i + j < n; j++) {
      u128 x = (u128)a[i] * b[j] + t[i + j] + c;
      t[i + j] = (uint64_t)x;
      c = (uint64_t)(x >> 64);
    }
  }
  t[n - 1] &= p->mask;
  memcpy(r, t, n * sizeof t[0]);
}
static void pow2_sqr(const void *ctx, uint64_t *r, const uint64_t *a) { pow2_mul(ctx, r, a, a); }

int ts_bn_modexp(uint8_t *out, const uint8_t *base, size_t blen, const uint8_t *exp, size_t elen,
                 const uint8_t *mod, size_t mlen, ts_mont *c, ts_bn_scratch *s) {
  mlen = ts_bn_strip_vartime(&mod, mlen);
  if (mlen == 0 || mlen > TS_BN_MAX_BYTES || elen > TS_BN_MAX_BYTES) return 0;
  size_t n = (mlen + 7) / 8;
  uint64_t m[TS_BN_MAX_LIMBS], e[TS_BN_MAX_LIMBS], res[TS_BN_MAX_LIMBS];
  ts_bn_from_bytes(m, n, mod, mlen);
  ts_bn_from_bytes(e, TS_BN_MAX_LIMBS, exp, elen);
  size_t ebits = 8 * elen;
  /* m = o * 2^tz with o odd */
  size_t tz = 0;
  while (((m[tz / 64] >> (tz % 64)) & 1) == 0) tz++;
  uint64_t o[TS_BN_MAX_LIMBS] = {0}, xo[TS_BN_MAX_LIMBS] = {0};
  for (size_t i = 0; i < n; i++) {
    size_t src = i + tz / 64;
    uint64_t lo = src < n ? m[src] : 0, hi = src + 1 < n ? m[src + 1] : 0;
    o[i] = tz % 64 ? (lo >> (tz % 64)) | (hi << (64 - tz % 64)) : lo;
  }
  size_t on = n;
  while (on > 1 && o[on - 1] == 0) on--;
  int o_is_one = on == 1 && o[0] == 1;
  if (!o_is_one) {
    if (!ts_mont_init_limbs(c, o, on)) return 0;
    uint64_t am[TS_BN_MAX_LIMBS], rm[TS_BN_MAX_LIMBS];
    ts_mont_import(c, am, base, blen);
    ts_mont_exp_ct(c, rm, am, e, ebits, s);
    ts_mont_from(c, xo, rm);
    ts_wipe(am, sizeof am);
    ts_wipe(rm, sizeof rm);
  }
  if (tz == 0) {
    memcpy(res, xo, n * sizeof res[0]);
  } else {
    /* x2 = base^e mod 2^tz, then res = xo + o * ((x2 - xo) * o^-1 mod 2^tz). */
    pow2_ctx p = {(tz + 63) / 64, tz % 64 ? (((uint64_t)1 << (tz % 64)) - 1) : ~(uint64_t)0};
    uint64_t b2[TS_BN_MAX_LIMBS] = {0}, x2[TS_BN_MAX_LIMBS] = {0}, one[TS_BN_MAX_LIMBS] = {1};
    ts_bn_from_bytes(b2, p.n, blen > 8 * p.n ? base + blen - 8 * p.n : base,
                     blen > 8 * p.n ? 8 * p.n : blen);
    b2[p.n - 1] &= p.mask;
    window_exp(&p, pow2_mul, pow2_sqr, p.n, x2, one, b2, e, ebits, s);
    /* o^-1 mod 2^tz by Newton: y = y * (2 - o * y), doubling the correct bits each time */
    uint64_t y[TS_BN_MAX_LIMBS] = {1}, t[TS_BN_MAX_LIMBS], two[TS_BN_MAX_LIMBS] = {2};
    for (size_t bitsok = 1; bitsok < tz; bitsok *= 2) {
      pow2_mul(&p, t, o, y);
      ts_bn_sub(t, two, t, p.n);
      t[p.n - 1] &= p.mask;
      pow2_mul(&p, y, y, t);
    }
    ts_bn_sub(t, x2, xo, p.n);
    t[p.n - 1] &= p.mask;
    pow2_mul(&p, t, t, y);
    uint64_t prod[2 * TS_BN_MAX_LIMBS];
    ts_bn_mul(prod, o, n, t, p.n);
    ts_bn_add(res, prod, xo, n);
    ts_wipe(b2, sizeof b2);
    ts_wipe(x2, sizeof x2);
    ts_wipe(t, sizeof t);
    ts_wipe(prod, sizeof prod);
  }
  ts_bn_to_bytes(out, mlen, res, n);
  ts_wipe(e, sizeof e);
  ts_wipe(res, sizeof res);
  ts_wipe(xo, sizeof xo);
  return 1;
}
