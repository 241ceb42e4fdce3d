/* Ed25519 (RFC 8032 §5.1) over fe25519 (radix 2^51).
 *
 * Points are in extended coordinates (X:Y:Z:T), x = X/Z, y = Y/Z, xy = T/Z, on
 * -x^2 + y^2 = 1 + d x^2 y^2; the addition and doubling are those of Hisil, Wong, Carter and
 * Dawson, "Twisted Edwards curves revisited" (2008), which are complete on this curve. Signing
 * uses a fixed-base multiplication with signed radix-16 digits over tables of multiples of B
 * (ed25519_precomp.h), every table row scanned in full. Verification is variable-time: all of
 * its inputs are public. */
#include "ed25519.h"

#include <string.h>

#include "ct.h"
#include "ed_scalar.h"
#include "fe25519.h"
#include "sha512.h"

typedef struct {
  ts_fe25519 X, Y, Z;
} ge_p2;
typedef struct {
  ts_fe25519 X, Y, Z, T;
} ge_p3;
/* A point before the last multiplications: X = E F, Y = G H, Z = F G, T = E H. */
typedef struct {
  ts_fe25519 E, F, G, H;
} ge_p1p1;
/* An affine point as (y + x, y - x, 2 d x y): the table entries. */
typedef struct {
  ts_fe25519 ypx, ymx, xy2d;
} ts_ge25519_precomp;
/* A projective point ready to add: (Y + X, Y - X, 2 Z, 2 d T). */
typedef struct {
  ts_fe25519 ypx, ymx, z2, t2d;
} ge_cached;

#include "ed25519_precomp.h"

static void p1p1_to_p2(ge_p2 *r, const ge_p1p1 *p) {
  ts_fe25519_mul(&r->X, &p->E, &p->F);
  ts_fe25519_mul(&r->Y, &p->G, &p->H);
  ts_fe25519_mul(&r->Z, &p->F, &p->G);
}

static void p1p1_to_p3(ge_p3 *r, const ge_p1p1 *p) {
  ts_fe25519_mul(&r->X, &p->E, &p->F);
  ts_fe25519_mul(&r->Y, &p->G, &p->H);
  ts_fe25519_mul(&r->Z, &p->F, &p->G);
  ts_fe25519_mul(&r->T, &p->E, &p->H);
}

static void p3_to_p2(ge_p2 *r, const ge_p3 *p) {
  r->X = p->X;
  r->Y = p->Y;
  r->Z = p->Z;
}

static void p3_0(ge_p3 *h) {
  ts_fe25519_0(&h->X);
  ts_fe25519_1(&h->Y);
  ts_fe25519_1(&h->Z);
  ts_fe25519_0(&h->T);
}

static void p3_to_cached(ge_cached *r, const ge_p3 *p) {
  ts_fe25519_add(&r->ypx, &p->Y, &p->X);
  ts_fe25519_sub(&r->ymx, &p->Y, &p->X);
  ts_fe25519_add(&r->z2, &p->Z, &p->Z);
  ts_fe25519_mul(&r->t2d, &p->T, &ed25519_2d);
}

/* dbl-2008-hwcd with a = -1, every output negated (E, F, G, H -> -E, -F, -G, -H leaves the
 * point unchanged and saves a subtraction). This is constant-time. */
static void p2_dbl(ge_p1p1 *r, const ge_p2 *p) {
  ts_fe25519 a, b, c, t;
  ts_fe25519_sq(&a, &p->X);
  ts_fe25519_sq(&b, &p->Y);
  ts_fe25519_sq(&c, &p->Z);
  ts_fe25519_add(&c, &c, &c);
  ts_fe25519_add(&t, &p->X, &p->Y);
  ts_fe25519_sq(&t, &t);
  ts_fe25519_add(&r->H, &a, &b);     /* -H = A + B */
  ts_fe25519_sub(&r->E, &r->H, &t);  /* -E = A + B - (X + Y)^2 */
  ts_fe25519_sub(&r->G, &a, &b);     /* -G = A - B */
  ts_fe25519_add(&r->F, &c, &r->G);  /* -F = C - G */
}

static void p3_dbl(ge_p1p1 *r, const ge_p3 *p) {
  ge_p2 q;
  p3_to_p2(&q, p);
  p2_dbl(r, &q);
}

/* add-2008-hwcd-3: r = p + q. This is constant-time. (The differences only feed
 * multiplications, so they skip the reduction: see the bounds in fe25519.h.) */
static void ge_add(ge_p1p1 *r, const ge_p3 *p, const ge_cached *q) {
  ts_fe25519 a, b, c, d, t;
  ts_fe25519_sub_nc(&t, &p->Y, &p->X);
  ts_fe25519_mul(&a, &t, &q->ymx);
  ts_fe25519_add(&t, &p->Y, &p->X);
  ts_fe25519_mul(&b, &t, &q->ypx);
  ts_fe25519_mul(&c, &p->T, &q->t2d);
  ts_fe25519_mul(&d, &p->Z, &q->z2);
  ts_fe25519_sub_nc(&r->E, &b, &a);
  ts_fe25519_add(&r->H, &b, &a);
  ts_fe25519_sub_nc(&r->F, &d, &c);
  ts_fe25519_add(&r->G, &d, &c);
}

/* r = p - q. */
static void ge_sub(ge_p1p1 *r, const ge_p3 *p, const ge_cached *q) {
  ts_fe25519 a, b, c, d, t;
  ts_fe25519_sub_nc(&t, &p->Y, &p->X);
  ts_fe25519_mul(&a, &t, &q->ypx);
  ts_fe25519_add(&t, &p->Y, &p->X);
  ts_fe25519_mul(&b, &t, &q->ymx);
  ts_fe25519_mul(&c, &p->T, &q->t2d);
  ts_fe25519_mul(&d, &p->Z, &q->z2);
  ts_fe25519_sub_nc(&r->E, &b, &a);
  ts_fe25519_add(&r->H, &b, &a);
  ts_fe25519_add(&r->F, &d, &c);
  ts_fe25519_sub_nc(&r->G, &d, &c);
}

/* r = p + q for an affine q (Z = 1). This is constant-time. */
static void ge_madd(ge_p1p1 *r, const ge_p3 *p, const ts_ge25519_precomp *q) {
  ts_fe25519 a, b, c, d, t;
  ts_fe25519_sub_nc(&t, &p->Y, &p->X);
  ts_fe25519_mul(&a, &t, &q->ymx);
  ts_fe25519_add(&t, &p->Y, &p->X);
  ts_fe25519_mul(&b, &t, &q->ypx);
  ts_fe25519_mul(&c, &p->T, &q->xy2d);
  ts_fe25519_add(&d, &p->Z, &p->Z);
  ts_fe25519_sub_nc(&r->E, &b, &a);
  ts_fe25519_add(&r->H, &b, &a);
  ts_fe25519_sub_nc(&r->F, &d, &c);
  ts_fe25519_add(&r->G, &d, &c);
}

/* r = p - q for an affine q. */
static void ge_msub(ge_p1p1 *r, const ge_p3 *p, const ts_ge25519_precomp *q) {
  ts_fe25519 a, b, c, d, t;
  ts_fe25519_sub_nc(&t, &p->Y, &p->X);
  ts_fe25519_mul(&a, &t, &q->ypx);
  ts_fe25519_add(&t, &p->Y, &p->X);
  ts_fe25519_mul(&b, &t, &q->ymx);
  ts_fe25519_mul(&c, &p->T, &q->xy2d);
  ts_fe25519_add(&d, &p->Z, &p->Z);
  ts_fe25519_sub_nc(&r->E, &b, &a);
  ts_fe25519_add(&r->H, &b, &a);
  ts_fe25519_add(&r->F, &d, &c);
  ts_fe25519_sub_nc(&r->G, &d, &c);
}

/* RFC 8032 §5.1.2: y with the sign of x in the top bit, given zi = 1/Z. This is constant-time. */
static void encode_zi(uint8_t s[32], const ts_fe25519 *X, const ts_fe25519 *Y,
                      const ts_fe25519 *zi) {
  ts_fe25519 x, y;
  ts_fe25519_mul(&x, X, zi);
  ts_fe25519_mul(&y, Y, zi);
  ts_fe25519_tobytes(s, &y);
  s[31] ^= (uint8_t)(ts_fe25519_isodd(&x) << 7);
}

static void p2_encode(uint8_t s[32], const ts_fe25519 *X, const ts_fe25519 *Y,
                      const ts_fe25519 *Z) {
  ts_fe25519 zi;
  ts_fe25519_invert(&zi, Z);
  encode_zi(s, X, Y, &zi);
}

/* RFC 8032 §5.1.3, strict: rejects y >= p and x = 0 with the sign bit set. Returns 1 on success.
 * Not constant-time (public inputs). */
static int p3_decode_vartime(ge_p3 *h, const uint8_t s[32]) {
  uint8_t ys[32], check[32];
  memcpy(ys, s, 32);
  uint32_t sign = ys[31] >> 7;
  ys[31] &= 0x7f;
  ts_fe25519 u, v, v3, x, t, one;
  ts_fe25519_frombytes(&h->Y, ys);
  ts_fe25519_tobytes(check, &h->Y);
  if (memcmp(check, ys, 32) != 0) return 0; /* y >= p */
  ts_fe25519_1(&one);
  ts_fe25519_1(&h->Z);
  ts_fe25519_sq(&u, &h->Y);
  ts_fe25519_mul(&v, &u, &ed25519_d);
  ts_fe25519_sub(&u, &u, &one);      /* u = y^2 - 1 */
  ts_fe25519_add(&v, &v, &one);      /* v = d y^2 + 1 */
  ts_fe25519_carry(&v, &v);
  /* x = u v^3 (u v^7)^((p-5)/8) */
  ts_fe25519_sq(&v3, &v);
  ts_fe25519_mul(&v3, &v3, &v);
  ts_fe25519_sq(&x, &v3);
  ts_fe25519_mul(&x, &x, &v);
  ts_fe25519_mul(&x, &x, &u);
  ts_fe25519_pow22523(&x, &x);
  ts_fe25519_mul(&x, &x, &v3);
  ts_fe25519_mul(&x, &x, &u);
  /* v x^2 is u (x is right), -u (x needs sqrt(-1)), or neither (no square root). */
  ts_fe25519_sq(&t, &x);
  ts_fe25519_mul(&t, &t, &v);
  ts_fe25519 d1, d2;
  ts_fe25519_sub(&d1, &t, &u);
  ts_fe25519_add(&d2, &t, &u);
  ts_fe25519_carry(&d2, &d2);
  if (!ts_fe25519_iszero(&d1)) {
    if (!ts_fe25519_iszero(&d2)) return 0;
    ts_fe25519_mul(&x, &x, &ed25519_sqrtm1);
  }
  if (ts_fe25519_iszero(&x) && sign) return 0;
  if (ts_fe25519_isodd(&x) != sign) ts_fe25519_neg(&x, &x);
  h->X = x;
  ts_fe25519_mul(&h->T, &h->X, &h->Y);
  return 1;
}

/* Signed radix-16 digits e[0..63] in [-8, 8] of a 256-bit scalar with a[31] <= 127. This is
 * constant-time. */
static void radix16(int8_t e[64], const uint8_t a[32]) {
  for (int i = 0; i < 32; i++) {
    e[2 * i] = (int8_t)(a[i] & 15);
    e[2 * i + 1] = (int8_t)(a[i] >> 4);
  }
  int8_t carry = 0;
  for (int i = 0; i < 63; i++) {
    e[i] = (int8_t)(e[i] + carry);
    carry = (int8_t)((e[i] + 8) >> 4);
    e[i] = (int8_t)(e[i] - carry * 16);
  }
  e[63] = (int8_t)(e[63] + carry);
}

/* t = b * 16^(2 pos) B for a digit b in [-8, 8]: reads all eight entries of the row and keeps
 * the one wanted with masks, then negates it with a mask when b < 0. This is constant-time. */
static void base_select(ts_ge25519_precomp *t, int pos, int8_t b) {
  uint32_t bu = (uint32_t)(int32_t)b;
  uint32_t neg = bu >> 31;
  uint32_t babs = (bu ^ (0u - neg)) + neg;
  ts_fe25519_1(&t->ypx);
  ts_fe25519_1(&t->ymx);
  ts_fe25519_0(&t->xy2d);
  for (uint32_t j = 0; j < 8; j++) {
    uint64_t m = ts_ct_mask64(ts_ct_eq32(babs, j + 1));
    ts_fe25519_cmov(&t->ypx, &ed25519_base_table[pos][j].ypx, m);
    ts_fe25519_cmov(&t->ymx, &ed25519_base_table[pos][j].ymx, m);
    ts_fe25519_cmov(&t->xy2d, &ed25519_base_table[pos][j].xy2d, m);
  }
  /* -(x, y) = (-x, y): swap y + x with y - x, negate 2dxy. */
  uint64_t m = ts_ct_mask64(neg);
  ts_fe25519 nxy;
  ts_fe25519_neg(&nxy, &t->xy2d);
  ts_fe25519_cswap(&t->ypx, &t->ymx, m);
  ts_fe25519_cmov(&t->xy2d, &nxy, m);
}

/* h = [a]B for a < 2^255. This is constant-time. */
static void base_mul(ge_p3 *h, const uint8_t a[32]) {
  int8_t e[64];
  radix16(e, a);
  ge_p1p1 r;
  ge_p2 s;
  ts_ge25519_precomp t;
  p3_0(h);
  for (int i = 1; i < 64; i += 2) {
    base_select(&t, i / 2, e[i]);
    ge_madd(&r, h, &t);
    p1p1_to_p3(h, &r);
  }
  p3_dbl(&r, h);
  p1p1_to_p2(&s, &r);
  p2_dbl(&r, &s);
  p1p1_to_p2(&s, &r);
  p2_dbl(&r, &s);
  p1p1_to_p2(&s, &r);
  p2_dbl(&r, &s);
  p1p1_to_p3(h, &r);
  for (int i = 0; i < 64; i += 2) {
    base_select(&t, i / 2, e[i]);
    ge_madd(&r, h, &t);
    p1p1_to_p3(h, &r);
  }
  ts_wipe(e, sizeof e);
  ts_wipe(&t, sizeof t);
}

/* RFC 8032 §5.1.5: the secret scalar (clamped) and the prefix. This is constant-time. */
static void expand_seed(uint8_t a[32], uint8_t prefix[32], const uint8_t seed[32]) {
  uint8_t h[64];
  ts_sha512(seed, 32, h);
  memcpy(a, h, 32);
  memcpy(prefix, h + 32, 32);
  a[0] &= 248;
  a[31] &= 127;
  a[31] |= 64;
  ts_wipe(h, sizeof h);
}

void ts_ed25519_public_key(uint8_t pub[32], const uint8_t seed[32]) {
  uint8_t a[32], prefix[32];
  ge_p3 A;
  expand_seed(a, prefix, seed);
  base_mul(&A, a);
  p2_encode(pub, &A.X, &A.Y, &A.Z);
  ts_wipe(a, sizeof a);
  ts_wipe(prefix, sizeof prefix);
  ts_wipe(&A, sizeof A);
}

void ts_ed25519_sign(uint8_t sig[64], const uint8_t seed[32], const uint8_t pub[32],
                     const uint8_t *msg, size_t len) {
  const ts_sc_modulus *L = &ed25519_order;
  uint8_t a[32], prefix[32], h[64], rb[32], own_pub[32];
  uint64_t r[TS_SC_MAX], k[TS_SC_MAX], s[TS_SC_MAX], av[TS_SC_MAX];
  ts_sha512_ctx c;
  ge_p3 R, A;
  expand_seed(a, prefix, seed);
  /* r = SHA-512(prefix || M) mod L, R = [r]B */
  ts_sha512_init(&c);
  ts_sha512_update(&c, prefix, 32);
  ts_sha512_update(&c, msg, len);
  ts_sha512_final(&c, h, 64);
  ts_sc_reduce(L, r, h, 64);
  ts_sc_to_bytes(L, rb, 32, r);
  base_mul(&R, rb);
  if (pub) {
    p2_encode(sig, &R.X, &R.Y, &R.Z);
  } else {
    /* A = [a]B as well; one inversion serves both encodings (Montgomery's trick). */
    ts_fe25519 zz, inv, zi;
    base_mul(&A, a);
    ts_fe25519_mul(&zz, &A.Z, &R.Z);
    ts_fe25519_invert(&inv, &zz);
    ts_fe25519_mul(&zi, &inv, &A.Z);
    encode_zi(sig, &R.X, &R.Y, &zi);
    ts_fe25519_mul(&zi, &inv, &R.Z);
    encode_zi(own_pub, &A.X, &A.Y, &zi);
    pub = own_pub;
    ts_wipe(&A, sizeof A);
  }
  /* k = SHA-512(R || A || M) mod L, S = r + k a mod L */
  ts_sha512_init(&c);
  ts_sha512_update(&c, sig, 32);
  ts_sha512_update(&c, pub, 32);
  ts_sha512_update(&c, msg, len);
  ts_sha512_final(&c, h, 64);
  ts_sc_reduce(L, k, h, 64);
  ts_sc_from_bytes(L, av, a, 32);
  ts_sc_muladd(L, s, av, k, r);
  ts_sc_to_bytes(L, sig + 32, 32, s);
  ts_wipe(a, sizeof a);
  ts_wipe(prefix, sizeof prefix);
  ts_wipe(h, sizeof h);
  ts_wipe(rb, sizeof rb);
  ts_wipe(r, sizeof r);
  ts_wipe(av, sizeof av);
  ts_wipe(&R, sizeof R);
}

/* Width-w non-adjacent form of a scalar below 2^255: naf[i] odd in (-2^(w-1), 2^(w-1)) or 0.
 * Not constant-time. */
static void wnaf_vartime(int8_t naf[256], const uint8_t s[32], int w) {
  uint64_t k[5] = {0};
  for (int i = 0; i < 32; i++) k[i / 8] |= (uint64_t)s[i] << (8 * (i % 8));
  memset(naf, 0, 256);
  for (int i = 0; i < 256 && (k[0] | k[1] | k[2] | k[3] | k[4]); i++) {
    if (k[0] & 1) {
      int64_t d = (int64_t)(k[0] & ((UINT64_C(1) << w) - 1));
      if (d >= (INT64_C(1) << (w - 1))) d -= INT64_C(1) << w;
      naf[i] = (int8_t)d;
      /* k -= d, so that the next w - 1 bits are zero */
      uint64_t sub = (uint64_t)d; /* two's complement: subtracting a negative d adds */
      uint64_t ext = d < 0 ? ~UINT64_C(0) : 0;
      unsigned __int128 borrow = 0;
      for (int j = 0; j < 5; j++) {
        unsigned __int128 x = (unsigned __int128)k[j] - (j == 0 ? sub : ext) - borrow;
        k[j] = (uint64_t)x;
        borrow = (x >> 64) & 1;
      }
    }
    for (int j = 0; j < 4; j++) k[j] = (k[j] >> 1) | (k[j + 1] << 63);
    k[4] >>= 1;
  }
}

/* Returns 1 if [8]P is the identity (P has small order). Not constant-time. */
static int has_small_order_vartime(const ge_p3 *p) {
  ge_p1p1 r;
  ge_p2 s;
  p3_dbl(&r, p);
  p1p1_to_p2(&s, &r);
  p2_dbl(&r, &s);
  p1p1_to_p2(&s, &r);
  p2_dbl(&r, &s);
  p1p1_to_p2(&s, &r);
  return (int)ts_fe25519_iszero(&s.X);
}

int ts_ed25519_verify(const uint8_t pub[32], const uint8_t *msg, size_t len,
                      const uint8_t sig[64]) {
  const ts_sc_modulus *L = &ed25519_order;
  ge_p3 A, R;
  if (!ts_sc_is_canonical_vartime(L, sig + 32, 32)) return 0;
  if (!p3_decode_vartime(&A, pub) || !p3_decode_vartime(&R, sig)) return 0;
  if (has_small_order_vartime(&A) || has_small_order_vartime(&R)) return 0;

  uint8_t h[64], kb[32];
  uint64_t k[TS_SC_MAX];
  ts_sha512_ctx c;
  ts_sha512_init(&c);
  ts_sha512_update(&c, sig, 32);
  ts_sha512_update(&c, pub, 32);
  ts_sha512_update(&c, msg, len);
  ts_sha512_final(&c, h, 64);
  ts_sc_reduce(L, k, h, 64);
  ts_sc_to_bytes(L, kb, 32, k);

  /* [S]B - [k]A, both scalars in width-w NAF, sharing the doublings (Straus). */
  int8_t naf_s[256], naf_k[256];
  wnaf_vartime(naf_s, sig + 32, 8);
  wnaf_vartime(naf_k, kb, 5);
  ge_cached a_odd[8]; /* A, 3A, ..., 15A */
  ge_p1p1 t;
  ge_p3 a2, u;
  p3_to_cached(&a_odd[0], &A);
  p3_dbl(&t, &A);
  p1p1_to_p3(&a2, &t);
  for (int i = 1; i < 8; i++) {
    ge_add(&t, &a2, &a_odd[i - 1]);
    p1p1_to_p3(&u, &t);
    p3_to_cached(&a_odd[i], &u);
  }
  int top = 255;
  while (top >= 0 && !naf_s[top] && !naf_k[top]) top--;
  ge_p2 r;
  ts_fe25519_0(&r.X);
  ts_fe25519_1(&r.Y);
  ts_fe25519_1(&r.Z);
  for (int i = top; i >= 0; i--) {
    p2_dbl(&t, &r);
    if (naf_k[i] > 0) {
      p1p1_to_p3(&u, &t);
      ge_sub(&t, &u, &a_odd[naf_k[i] / 2]);
    } else if (naf_k[i] < 0) {
      p1p1_to_p3(&u, &t);
      ge_add(&t, &u, &a_odd[-naf_k[i] / 2]);
    }
    if (naf_s[i] > 0) {
      p1p1_to_p3(&u, &t);
      ge_madd(&t, &u, &ed25519_base_odd[naf_s[i] / 2]);
    } else if (naf_s[i] < 0) {
      p1p1_to_p3(&u, &t);
      ge_msub(&t, &u, &ed25519_base_odd[-naf_s[i] / 2]);
    }
    p1p1_to_p2(&r, &t);
  }
  uint8_t check[32];
  p2_encode(check, &r.X, &r.Y, &r.Z);
  return memcmp(check, sig, 32) == 0;
}
