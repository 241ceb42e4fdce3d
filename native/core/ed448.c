/* Ed448 (RFC 8032 §5.2) over fe448 (radix 2^56).
 *
 * Points are in extended coordinates (X:Y:Z:T) on the untwisted curve x^2 + y^2 = 1 + d x^2 y^2,
 * d = -39081, with the complete addition and doubling of Hisil, Wong, Carter and Dawson (2008)
 * for a = 1. Signing uses a fixed-base multiplication with signed radix-16 digits over tables of
 * multiples of B (ed448_precomp.h), every table row scanned in full; verification is
 * variable-time (public inputs). */
#include "ed448.h"

#include <string.h>

#include "ct.h"
#include "ed_scalar.h"
#include "fe448.h"
#include "keccak.h"

#define ED448_D 39081u /* d = -39081 */

typedef struct {
  ts_fe448 X, Y, Z, T;
} ge448;
/* Before the last multiplications: X = E F, Y = G H, Z = F G, T = E H. */
typedef struct {
  ts_fe448 E, F, G, H;
} ge448_p1p1;
/* Affine (x, y, xy): the table entries. */
typedef struct {
  ts_fe448 x, y, xy;
} ge448_affine;

#include "ed448_precomp.h"

static void to_p3(ge448 *r, const ge448_p1p1 *p) {
  ts_fe448_mul(&r->X, &p->E, &p->F);
  ts_fe448_mul(&r->Y, &p->G, &p->H);
  ts_fe448_mul(&r->Z, &p->F, &p->G);
  ts_fe448_mul(&r->T, &p->E, &p->H);
}

/* Without T, when the next step is a doubling. */
static void to_p2(ge448 *r, const ge448_p1p1 *p) {
  ts_fe448_mul(&r->X, &p->E, &p->F);
  ts_fe448_mul(&r->Y, &p->G, &p->H);
  ts_fe448_mul(&r->Z, &p->F, &p->G);
}

static void ge_0(ge448 *h) {
  ts_fe448_0(&h->X);
  ts_fe448_1(&h->Y);
  ts_fe448_1(&h->Z);
  ts_fe448_0(&h->T);
}

/* dbl-2008-hwcd, a = 1 (T of the input unused). This is constant-time. */
static void ge_dbl(ge448_p1p1 *r, const ge448 *p) {
  ts_fe448 a, b, c, t;
  ts_fe448_sq(&a, &p->X);
  ts_fe448_sq(&b, &p->Y);
  ts_fe448_sq(&c, &p->Z);
  ts_fe448_add(&c, &c, &c);
  ts_fe448_add(&t, &p->X, &p->Y);
  ts_fe448_sq(&t, &t);
  ts_fe448_add(&r->G, &a, &b);      /* G = A + B */
  ts_fe448_sub(&r->E, &t, &r->G);   /* E = (X + Y)^2 - A - B */
  ts_fe448_sub(&r->F, &r->G, &c);   /* F = G - C */
  ts_fe448_sub(&r->H, &a, &b);      /* H = A - B */
}

/* add-2008-hwcd, a = 1: r = p + q, or p - q when neg is all ones (q with x negated). The
 * product d T1 T2 is formed as -39081 T1 T2. This is constant-time. */
static void ge_add(ge448_p1p1 *r, const ge448 *p, const ge448 *q) {
  ts_fe448 a, b, c, d, e, s1, s2;
  ts_fe448_mul(&a, &p->X, &q->X);
  ts_fe448_mul(&b, &p->Y, &q->Y);
  ts_fe448_mul(&c, &p->T, &q->T);
  ts_fe448_mul_small(&c, &c, ED448_D); /* -C */
  ts_fe448_mul(&d, &p->Z, &q->Z);
  ts_fe448_add(&s1, &p->X, &p->Y);
  ts_fe448_add(&s2, &q->X, &q->Y);
  ts_fe448_mul(&e, &s1, &s2);
  ts_fe448_add(&s1, &a, &b);
  ts_fe448_sub(&r->E, &e, &s1);
  ts_fe448_add(&r->F, &d, &c);   /* F = D - C */
  ts_fe448_sub(&r->G, &d, &c);   /* G = D + C */
  ts_fe448_sub(&r->H, &b, &a);
}

/* r = p + q for an affine q. This is constant-time. */
static void ge_madd(ge448_p1p1 *r, const ge448 *p, const ge448_affine *q) {
  ts_fe448 a, b, c, e, s1, s2;
  ts_fe448_mul(&a, &p->X, &q->x);
  ts_fe448_mul(&b, &p->Y, &q->y);
  ts_fe448_mul(&c, &p->T, &q->xy);
  ts_fe448_mul_small(&c, &c, ED448_D); /* -C */
  ts_fe448_add(&s1, &p->X, &p->Y);
  ts_fe448_add(&s2, &q->x, &q->y);
  ts_fe448_mul(&e, &s1, &s2);
  ts_fe448_add(&s1, &a, &b);
  ts_fe448_sub(&r->E, &e, &s1);
  ts_fe448_add(&r->F, &p->Z, &c);
  ts_fe448_sub(&r->G, &p->Z, &c);
  ts_fe448_sub(&r->H, &b, &a);
}

/* RFC 8032 §5.2.2, given zi = 1/Z. This is constant-time. */
static void encode_zi(uint8_t s[57], const ge448 *p, const ts_fe448 *zi) {
  ts_fe448 x, y;
  ts_fe448_mul(&x, &p->X, zi);
  ts_fe448_mul(&y, &p->Y, zi);
  ts_fe448_tobytes(s, &y);
  s[56] = (uint8_t)(ts_fe448_isodd(&x) << 7);
}

static void encode(uint8_t s[57], const ge448 *p) {
  ts_fe448 zi;
  ts_fe448_invert(&zi, &p->Z);
  encode_zi(s, p, &zi);
}

/* RFC 8032 §5.2.3, strict (y < p, unused bits zero, no x = 0 with the sign set). Returns 1 on
 * success. Not constant-time (public inputs). */
static int decode_vartime(ge448 *h, const uint8_t s[57]) {
  uint8_t check[56];
  if (s[56] & 0x7f) return 0;
  uint32_t sign = s[56] >> 7;
  ts_fe448_frombytes(&h->Y, s);
  ts_fe448_tobytes(check, &h->Y);
  if (memcmp(check, s, 56) != 0) return 0; /* y >= p */
  ts_fe448 u, v, one, x, t, u3v, u5v3;
  ts_fe448_1(&one);
  ts_fe448_sq(&u, &h->Y);
  ts_fe448_mul_small(&v, &u, ED448_D);
  ts_fe448_neg(&v, &v);
  ts_fe448_sub(&v, &v, &one);        /* v = d y^2 - 1 */
  ts_fe448_sub(&u, &u, &one);        /* u = y^2 - 1 */
  /* x = u^3 v (u^5 v^3)^((p-3)/4) */
  ts_fe448_sq(&t, &u);
  ts_fe448_mul(&u3v, &t, &u);
  ts_fe448_mul(&u3v, &u3v, &v);      /* u^3 v */
  ts_fe448_sq(&u5v3, &v);
  ts_fe448_mul(&u5v3, &u5v3, &u3v);  /* u^3 v^3 */
  ts_fe448_mul(&u5v3, &u5v3, &t);    /* u^5 v^3 */
  ts_fe448_pow_p34(&x, &u5v3);
  ts_fe448_mul(&x, &x, &u3v);
  ts_fe448_sq(&t, &x);
  ts_fe448_mul(&t, &t, &v);
  ts_fe448_sub(&t, &t, &u);
  if (!ts_fe448_iszero(&t)) return 0; /* not a square */
  if (ts_fe448_iszero(&x) && sign) return 0;
  if (ts_fe448_isodd(&x) != sign) ts_fe448_neg(&x, &x);
  h->X = x;
  ts_fe448_1(&h->Z);
  ts_fe448_mul(&h->T, &h->X, &h->Y);
  return 1;
}

/* Signed radix-16 digits e[0..111] in [-8, 8] of a scalar below 2^446. This is constant-time. */
static void radix16(int8_t e[112], const uint8_t a[56]) {
  for (int i = 0; i < 56; i++) {
    e[2 * i] = (int8_t)(a[i] & 15);
    e[2 * i + 1] = (int8_t)(a[i] >> 4);
  }
  int8_t carry = 0;
  for (int i = 0; i < 111; i++) {
    e[i] = (int8_t)(e[i] + carry);
    carry = (int8_t)((e[i] + 8) >> 4);
    e[i] = (int8_t)(e[i] - carry * 16);
  }
  e[111] = (int8_t)(e[111] + carry);
}

/* t = b 16^(2 pos) B for b in [-8, 8], every entry of the row read. This is constant-time. */
static void base_select(ge448_affine *t, int pos, int8_t b) {
  uint32_t bu = (uint32_t)(int32_t)b;
  uint32_t neg = bu >> 31;
  uint32_t babs = (bu ^ (0u - neg)) + neg;
  ts_fe448_0(&t->x);
  ts_fe448_1(&t->y);
  ts_fe448_0(&t->xy);
  for (uint32_t j = 0; j < 8; j++) {
    uint64_t m = ts_ct_mask64(ts_ct_eq32(babs, j + 1));
    ts_fe448_cmov(&t->x, &ed448_base_table[pos][j].x, m);
    ts_fe448_cmov(&t->y, &ed448_base_table[pos][j].y, m);
    ts_fe448_cmov(&t->xy, &ed448_base_table[pos][j].xy, m);
  }
  uint64_t m = ts_ct_mask64(neg);
  ts_fe448 n;
  ts_fe448_neg(&n, &t->x);
  ts_fe448_cmov(&t->x, &n, m);
  ts_fe448_neg(&n, &t->xy);
  ts_fe448_cmov(&t->xy, &n, m);
}

/* h = [a]B for a < L (56 bytes). This is constant-time. */
static void base_mul(ge448 *h, const uint8_t a[56]) {
  int8_t e[112];
  radix16(e, a);
  ge448_p1p1 r;
  ge448_affine t;
  ge_0(h);
  for (int i = 1; i < 112; i += 2) {
    base_select(&t, i / 2, e[i]);
    ge_madd(&r, h, &t);
    to_p3(h, &r);
  }
  for (int i = 0; i < 4; i++) {
    ge_dbl(&r, h);
    if (i < 3) to_p2(h, &r);
    else to_p3(h, &r);
  }
  for (int i = 0; i < 112; i += 2) {
    base_select(&t, i / 2, e[i]);
    ge_madd(&r, h, &t);
    to_p3(h, &r);
  }
  ts_wipe(e, sizeof e);
  ts_wipe(&t, sizeof t);
}

/* P = [s mod L]B; s is 56 bytes (any value below 2^448). This is constant-time. */
static void base_mul_any(ge448 *P, const uint8_t s[56]) {
  uint64_t v[TS_SC_MAX];
  uint8_t red[56];
  ts_sc_reduce(&ed448_order, v, s, 56);
  ts_sc_to_bytes(&ed448_order, red, 56, v);
  base_mul(P, red);
  ts_wipe(v, sizeof v);
  ts_wipe(red, sizeof red);
}

static void base_mul_encode(uint8_t out[57], const uint8_t s[56]) {
  ge448 P;
  base_mul_any(&P, s);
  encode(out, &P);
  ts_wipe(&P, sizeof P);
}

/* RFC 8032 §5.2.5: the clamped scalar s (57 bytes, the last zero) and the prefix. This is
 * constant-time. */
static void expand_seed(uint8_t s[57], uint8_t prefix[57], const uint8_t seed[57]) {
  uint8_t h[114];
  ts_shake256(h, 114, seed, 57);
  memcpy(s, h, 57);
  memcpy(prefix, h + 57, 57);
  s[0] &= 0xfc;
  s[55] |= 0x80;
  s[56] = 0;
  ts_wipe(h, sizeof h);
}

/* SHAKE256 started with dom4(0, ctx) = "SigEd448" || 0 || len(ctx) || ctx (RFC 8032 §5.2). */
static void hash_init(ts_keccak_ctx *c, const uint8_t *ctx, size_t ctxlen) {
  uint8_t dom[10] = {'S', 'i', 'g', 'E', 'd', '4', '4', '8', 0, (uint8_t)ctxlen};
  ts_shake256_init(c);
  ts_keccak_absorb(c, dom, sizeof dom);
  ts_keccak_absorb(c, ctx, ctxlen);
}

void ts_ed448_public_key(uint8_t pub[57], const uint8_t seed[57]) {
  uint8_t s[57], prefix[57];
  expand_seed(s, prefix, seed);
  base_mul_encode(pub, s);
  ts_wipe(s, sizeof s);
  ts_wipe(prefix, sizeof prefix);
}

void ts_ed448_sign(uint8_t sig[114], const uint8_t seed[57], const uint8_t pub[57],
                   const uint8_t *ctx, size_t ctxlen, const uint8_t *msg, size_t len) {
  const ts_sc_modulus *L = &ed448_order;
  uint8_t s[57], prefix[57], h[114], rb[56], own_pub[57];
  uint64_t r[TS_SC_MAX], k[TS_SC_MAX], S[TS_SC_MAX], sv[TS_SC_MAX];
  ts_keccak_ctx c;
  expand_seed(s, prefix, seed);
  /* r = SHAKE256(dom4 || prefix || M, 114) mod L, R = [r]B */
  hash_init(&c, ctx, ctxlen);
  ts_keccak_absorb(&c, prefix, 57);
  ts_keccak_absorb(&c, msg, len);
  ts_keccak_squeeze(&c, h, 114);
  ts_sc_reduce(L, r, h, 114);
  ts_sc_to_bytes(L, rb, 56, r);
  if (pub) {
    base_mul_encode(sig, rb);
  } else {
    /* A = [s]B as well; one inversion serves both encodings (Montgomery's trick). */
    ge448 A, R;
    ts_fe448 zz, inv, zi;
    base_mul_any(&R, rb);
    base_mul_any(&A, s);
    ts_fe448_mul(&zz, &A.Z, &R.Z);
    ts_fe448_invert(&inv, &zz);
    ts_fe448_mul(&zi, &inv, &A.Z);
    encode_zi(sig, &R, &zi);
    ts_fe448_mul(&zi, &inv, &R.Z);
    encode_zi(own_pub, &A, &zi);
    pub = own_pub;
    ts_wipe(&A, sizeof A);
    ts_wipe(&R, sizeof R);
  }
  /* k = SHAKE256(dom4 || R || A || M, 114) mod L, S = r + k s mod L */
  hash_init(&c, ctx, ctxlen);
  ts_keccak_absorb(&c, sig, 57);
  ts_keccak_absorb(&c, pub, 57);
  ts_keccak_absorb(&c, msg, len);
  ts_keccak_squeeze(&c, h, 114);
  ts_sc_reduce(L, k, h, 114);
  ts_sc_from_bytes(L, sv, s, 56);
  ts_sc_muladd(L, S, sv, k, r);
  ts_sc_to_bytes(L, sig + 57, 56, S);
  sig[113] = 0;
  ts_wipe(s, sizeof s);
  ts_wipe(prefix, sizeof prefix);
  ts_wipe(h, sizeof h);
  ts_wipe(rb, sizeof rb);
  ts_wipe(r, sizeof r);
  ts_wipe(sv, sizeof sv);
  ts_wipe(&c, sizeof c);
}

/* Width-w NAF of a scalar below 2^448. Not constant-time. */
static void wnaf_vartime(int8_t naf[450], const uint8_t s[56], int w) {
  uint64_t k[8] = {0};
  for (int i = 0; i < 56; i++) k[i / 8] |= (uint64_t)s[i] << (8 * (i % 8));
  memset(naf, 0, 450);
  for (int i = 0; i < 450; i++) {
    if (k[0] & 1) {
      int64_t d = (int64_t)(k[0] & ((UINT64_C(1) << w) - 1));
      if (d >= (INT64_C(1) << (w - 1))) d -= INT64_C(1) << w;
      naf[i] = (int8_t)d;
      uint64_t ext = d < 0 ? ~UINT64_C(0) : 0;
      unsigned __int128 borrow = 0;
      for (int j = 0; j < 8; j++) {
        unsigned __int128 x = (unsigned __int128)k[j] - (j == 0 ? (uint64_t)d : ext) - borrow;
        k[j] = (uint64_t)x;
        borrow = (x >> 64) & 1;
      }
    }
    for (int j = 0; j < 7; j++) k[j] = (k[j] >> 1) | (k[j + 1] << 63);
    k[7] >>= 1;
  }
}

/* 1 if [4]P is the identity (the cofactor is 4). Not constant-time. */
static int has_small_order_vartime(const ge448 *p) {
  ge448_p1p1 r;
  ge448 q;
  ge_dbl(&r, p);
  to_p2(&q, &r);
  ge_dbl(&r, &q);
  to_p2(&q, &r);
  return (int)ts_fe448_iszero(&q.X);
}

static void neg_point(ge448 *r, const ge448 *p) {
  *r = *p;
  ts_fe448_neg(&r->X, &p->X);
  ts_fe448_neg(&r->T, &p->T);
}

static void neg_affine(ge448_affine *r, const ge448_affine *p) {
  ts_fe448_neg(&r->x, &p->x);
  r->y = p->y;
  ts_fe448_neg(&r->xy, &p->xy);
}

int ts_ed448_verify(const uint8_t pub[57], const uint8_t *ctx, size_t ctxlen,
                    const uint8_t *msg, size_t len, const uint8_t sig[114]) {
  const ts_sc_modulus *L = &ed448_order;
  ge448 A, R;
  if (ctxlen > TS_ED448_MAX_CONTEXT) return 0;
  if (sig[113] != 0 || !ts_sc_is_canonical_vartime(L, sig + 57, 56)) return 0;
  if (!decode_vartime(&A, pub) || !decode_vartime(&R, sig)) return 0;
  if (has_small_order_vartime(&A) || has_small_order_vartime(&R)) return 0;

  uint8_t h[114], kb[56];
  uint64_t k[TS_SC_MAX];
  ts_keccak_ctx c;
  hash_init(&c, ctx, ctxlen);
  ts_keccak_absorb(&c, sig, 57);
  ts_keccak_absorb(&c, pub, 57);
  ts_keccak_absorb(&c, msg, len);
  ts_keccak_squeeze(&c, h, 114);
  ts_sc_reduce(L, k, h, 114);
  ts_sc_to_bytes(L, kb, 56, k);

  /* [S]B - [k]A with width-w NAFs sharing the doublings. */
  int8_t naf_s[450], naf_k[450];
  wnaf_vartime(naf_s, sig + 57, 7);
  wnaf_vartime(naf_k, kb, 5);
  ge448 a_odd[8], a_neg[8], a2, u;
  ge448_p1p1 t;
  neg_point(&u, &A);       /* -A: positive digits of k subtract */
  a_odd[0] = u;
  ge_dbl(&t, &u);
  to_p3(&a2, &t);
  for (int i = 1; i < 8; i++) {
    ge_add(&t, &a2, &a_odd[i - 1]);
    to_p3(&a_odd[i], &t);
  }
  for (int i = 0; i < 8; i++) neg_point(&a_neg[i], &a_odd[i]);
  int top = 449;
  while (top >= 0 && !naf_s[top] && !naf_k[top]) top--;
  ge448 r;
  ge_0(&r);
  for (int i = top; i >= 0; i--) {
    ge_dbl(&t, &r);
    int need_t = naf_k[i] || naf_s[i];
    if (!need_t) {
      to_p2(&r, &t);
      continue;
    }
    to_p3(&u, &t);
    if (naf_k[i]) {
      ge_add(&t, &u, naf_k[i] > 0 ? &a_odd[naf_k[i] / 2] : &a_neg[-naf_k[i] / 2]);
      if (naf_s[i]) to_p3(&u, &t);
    }
    if (naf_s[i]) {
      ge448_affine q;
      if (naf_s[i] > 0) q = ed448_base_odd[naf_s[i] / 2];
      else neg_affine(&q, &ed448_base_odd[-naf_s[i] / 2]);
      ge_madd(&t, &u, &q);
    }
    to_p2(&r, &t);
  }
  uint8_t check[57];
  encode(check, &r);
  return memcmp(check, sig, 57) == 0;
}
