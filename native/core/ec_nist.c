/* NIST curves: the curve-independent parts. Key generation, ECDH and ECDSA over the per-curve
 * arithmetic (ecp_tmpl.h), the RFC 6979 nonce generator and the DER signature codec. */
#include "ec_nist.h"

#include <string.h>

#include "ct.h"
#include "ec_nist_impl.h"
#include "hash.h"
#include "random.h"

void (*ts_ec_declassify_hook)(const void *p, size_t n);

/* A bit the algorithm reveals anyway (a rejected candidate, a key's validity) becomes public. */
static int reveal(int v) {
  if (ts_ec_declassify_hook) ts_ec_declassify_hook(&v, sizeof v);
  return v;
}

static const ts_ec_impl *impl_of(ts_ec_curve c) {
  switch (c) {
    case TS_EC_P256: return ts_p256_active;
    case TS_EC_P384: return &ts_p384_impl;
    case TS_EC_P521: return &ts_p521_impl;
    default: return NULL;
  }
}

size_t ts_ec_scalar_len(ts_ec_curve c) {
  const ts_ec_impl *im = impl_of(c);
  return im ? im->flen : 0;
}

size_t ts_ec_point_len(ts_ec_curve c) {
  const ts_ec_impl *im = impl_of(c);
  return im ? 1 + 2 * im->flen : 0;
}

int ts_ec_keygen(ts_ec_curve c, uint8_t *priv, uint8_t *pub) {
  const ts_ec_impl *im = impl_of(c);
  if (!im) return TS_EC_ERR_CURVE;
  /* Rejection sampling: uniform in [1, n-1]. The top byte is masked to the order's bit length
   * (only P-521 has spare bits), so a candidate is rejected with probability < 1/2. */
  for (int tries = 0; tries < 256; tries++) {
    if (!ts_random_bytes(priv, im->flen)) return TS_EC_ERR_RANDOM;
    if (im->bits % 8) priv[0] &= (uint8_t)((1u << (im->bits % 8)) - 1);
    if (reveal(im->scalar_ok(priv))) return im->mul_g(priv, pub) ? TS_EC_OK : TS_EC_ERR_KEY;
  }
  ts_wipe(priv, im->flen);
  return TS_EC_ERR_RANDOM;
}

int ts_ec_public_key(ts_ec_curve c, const uint8_t *priv, uint8_t *pub) {
  const ts_ec_impl *im = impl_of(c);
  if (!im) return TS_EC_ERR_CURVE;
  if (!reveal(im->scalar_ok(priv))) return TS_EC_ERR_KEY;
  return reveal(im->mul_g(priv, pub)) ? TS_EC_OK : TS_EC_ERR_KEY;
}

int ts_ec_point_check(ts_ec_curve c, const uint8_t *point, size_t len) {
  const ts_ec_impl *im = impl_of(c);
  return im ? im->point_ok(point, len) : 0;
}

static int mult(ts_ec_curve c, const uint8_t *k, const uint8_t *point, size_t len, uint8_t *out,
                int xonly) {
  const ts_ec_impl *im = impl_of(c);
  if (!im) return TS_EC_ERR_CURVE;
  if (!reveal(im->scalar_ok(k))) return TS_EC_ERR_KEY;
  int r = reveal(im->mul(k, point, len, out, xonly));
  if (r == 1) return TS_EC_OK;
  /* k is in [1, n-1] and the group has prime order, so only a bad point gets here */
  memset(out, 0, xonly ? im->flen : 1 + 2 * im->flen);
  return TS_EC_ERR_POINT;
}

int ts_ec_scalar_mult(ts_ec_curve c, const uint8_t *k, const uint8_t *point, size_t len, uint8_t *out) {
  return mult(c, k, point, len, out, 0);
}

int ts_ecdh(ts_ec_curve c, const uint8_t *priv, const uint8_t *peer, size_t peerlen, uint8_t *secret) {
  return mult(c, priv, peer, peerlen, secret, 1);
}

/* bits2int (RFC 6979 2.3.2) into flen bytes: the leftmost `bits` bits of in, as an integer. */
static void bits2int(uint8_t *out, size_t flen, size_t bits, const uint8_t *in, size_t inlen) {
  if (inlen * 8 <= bits) {
    memset(out, 0, flen - inlen);
    memcpy(out + flen - inlen, in, inlen);
    return;
  }
  /* inlen >= flen here: keep flen bytes, then drop the extra low bits */
  unsigned shift = (unsigned)(flen * 8 - bits);
  memcpy(out, in, flen);
  if (shift) {
    for (size_t i = flen; i-- > 0;) {
      unsigned v = out[i] >> shift;
      if (i) v |= (unsigned)out[i - 1] << (8 - shift);
      out[i] = (uint8_t)v;
    }
  }
}

static ts_hash_alg nonce_hash(const ts_ec_impl *im, size_t dlen) {
  ts_hash_ctx probe;
  ts_hash_alg a = TS_HASH_NONE;
  switch (dlen) {
    case 20: a = TS_HASH_SHA1; break;
    case 28: a = TS_HASH_SHA224; break;
    case 32: a = TS_HASH_SHA256; break;
    case 48: a = TS_HASH_SHA384; break;
    case 64: a = TS_HASH_SHA512; break;
    default: break;
  }
  if (a != TS_HASH_NONE && ts_hash_init(&probe, a)) return a;
  return im->bits <= 256 ? TS_HASH_SHA256 : im->bits <= 384 ? TS_HASH_SHA384 : TS_HASH_SHA512;
}

/* K = HMAC_K(V || sep || x || h || extra) then V = HMAC_K(V); with sep < 0, just V || 00. */
static void drbg_step(ts_hash_alg alg, uint8_t *K, uint8_t *V, size_t hl, int sep, const uint8_t *x,
                      const uint8_t *h, size_t flen, const uint8_t *extra, size_t extralen) {
  ts_hmac_ctx m;
  uint8_t s = (uint8_t)(sep < 0 ? 0 : sep);
  ts_hmac_init(&m, alg, K, hl);
  ts_hmac_update(&m, V, hl);
  ts_hmac_update(&m, &s, 1);
  if (sep >= 0) {
    ts_hmac_update(&m, x, flen);
    ts_hmac_update(&m, h, flen);
    if (extralen) ts_hmac_update(&m, extra, extralen);
  }
  ts_hmac_final(&m, K);
  ts_hmac_init(&m, alg, K, hl);
  ts_hmac_update(&m, V, hl);
  ts_hmac_final(&m, V);
}

int ts_ecdsa_sign_ex(ts_ec_curve c, const uint8_t *priv, const uint8_t *digest, size_t dlen,
                     const uint8_t *extra, size_t extralen, uint8_t *rs) {
  const ts_ec_impl *im = impl_of(c);
  if (!im) return TS_EC_ERR_CURVE;
  if (!reveal(im->scalar_ok(priv))) return TS_EC_ERR_KEY;
  size_t flen = im->flen;
  ts_hash_alg alg = nonce_hash(im, dlen);
  size_t hl = ts_hash_len(alg);
  uint8_t e[TS_EC_MAX_SCALAR], h1[TS_EC_MAX_SCALAR], K[TS_HASH_MAX_LEN], V[TS_HASH_MAX_LEN];
  uint8_t T[TS_EC_MAX_SCALAR + TS_HASH_MAX_LEN], k[TS_EC_MAX_SCALAR];
  ts_hmac_ctx m;
  int ok = 0;

  /* e = bits2int(digest); RFC 6979 feeds bits2octets(digest) = int2octets(e mod n). */
  bits2int(e, flen, im->bits, digest, dlen);
  im->reduce(e, h1);
  memset(V, 0x01, hl);
  memset(K, 0x00, hl);
  drbg_step(alg, K, V, hl, 0, priv, h1, flen, extra, extralen);
  drbg_step(alg, K, V, hl, 1, priv, h1, flen, extra, extralen);
  for (int tries = 0; tries < 64; tries++) {
    size_t tlen = 0;
    while (tlen * 8 < im->bits) {
      ts_hmac_init(&m, alg, K, hl);
      ts_hmac_update(&m, V, hl);
      ts_hmac_final(&m, V);
      memcpy(T + tlen, V, hl);
      tlen += hl;
    }
    bits2int(k, flen, im->bits, T, tlen);
    if (reveal(im->sign_k(priv, e, k, rs))) {
      ok = 1;
      break;
    }
    drbg_step(alg, K, V, hl, -1, NULL, NULL, flen, NULL, 0);
  }
  ts_wipe(K, sizeof K);
  ts_wipe(V, sizeof V);
  ts_wipe(T, sizeof T);
  ts_wipe(k, sizeof k);
  return ok ? TS_EC_OK : TS_EC_ERR_RANDOM;
}

int ts_ecdsa_sign(ts_ec_curve c, const uint8_t *priv, const uint8_t *digest, size_t dlen, uint8_t *rs) {
  uint8_t extra[32];
  if (!impl_of(c)) return TS_EC_ERR_CURVE;
  if (!ts_random_bytes(extra, sizeof extra)) return TS_EC_ERR_RANDOM;
  int r = ts_ecdsa_sign_ex(c, priv, digest, dlen, extra, sizeof extra, rs);
  ts_wipe(extra, sizeof extra);
  return r;
}

int ts_ecdsa_verify(ts_ec_curve c, const uint8_t *pub, size_t publen, const uint8_t *digest,
                    size_t dlen, const uint8_t *rs) {
  const ts_ec_impl *im = impl_of(c);
  uint8_t e[TS_EC_MAX_SCALAR];
  if (!im) return 0;
  bits2int(e, im->flen, im->bits, digest, dlen);
  return im->verify(pub, publen, e, rs) == 1;
}

/* One DER INTEGER holding the unsigned big-endian v (flen bytes), minimal. */
static size_t der_int(uint8_t *out, const uint8_t *v, size_t flen) {
  size_t i = 0;
  while (i + 1 < flen && v[i] == 0) i++;
  size_t n = flen - i, pad = v[i] >> 7;
  out[0] = 0x02;
  out[1] = (uint8_t)(n + pad);
  out[2] = 0;
  memcpy(out + 2 + pad, v + i, n);
  return 2 + pad + n;
}

size_t ts_ecdsa_der_encode(ts_ec_curve c, const uint8_t *rs, uint8_t *der) {
  const ts_ec_impl *im = impl_of(c);
  uint8_t body[2 * (3 + TS_EC_MAX_SCALAR)];
  if (!im) return 0;
  size_t n = der_int(body, rs, im->flen);
  n += der_int(body + n, rs + im->flen, im->flen);
  size_t h = 0;
  der[h++] = 0x30;
  if (n >= 0x80) der[h++] = 0x81;
  der[h++] = (uint8_t)n;
  memcpy(der + h, body, n);
  return h + n;
}

/* A definite length at in[*pos]: short form, or 0x81 with a value >= 0x80 (DER is minimal;
 * nothing here needs more than 255 bytes). Returns -1 when malformed. */
static long der_len(const uint8_t *in, size_t len, size_t *pos) {
  if (*pos >= len) return -1;
  uint8_t b = in[(*pos)++];
  if (b < 0x80) return b;
  if (b != 0x81 || *pos >= len) return -1;
  b = in[(*pos)++];
  return b >= 0x80 ? b : -1;
}

static int der_uint(const uint8_t *in, size_t len, size_t *pos, uint8_t *out, size_t flen) {
  if (*pos >= len || in[(*pos)++] != 0x02) return 0;
  long n = der_len(in, len, pos);
  if (n <= 0 || (size_t)n > len - *pos) return 0;
  const uint8_t *v = in + *pos;
  *pos += (size_t)n;
  if (v[0] & 0x80) return 0;                     /* negative */
  if (n > 1 && v[0] == 0 && !(v[1] & 0x80)) return 0; /* not minimal */
  if (v[0] == 0 && n > 1) {
    v++;
    n--;
  }
  if ((size_t)n > flen) return 0;
  memset(out, 0, flen - (size_t)n);
  memcpy(out + flen - (size_t)n, v, (size_t)n);
  return 1;
}

int ts_ecdsa_der_decode(ts_ec_curve c, const uint8_t *der, size_t len, uint8_t *rs) {
  const ts_ec_impl *im = impl_of(c);
  size_t pos = 0;
  if (!im || len < 2 || der[pos++] != 0x30) return 0;
  long n = der_len(der, len, &pos);
  if (n < 0 || (size_t)n != len - pos) return 0;
  if (!der_uint(der, len, &pos, rs, im->flen)) return 0;
  if (!der_uint(der, len, &pos, rs + im->flen, im->flen)) return 0;
  return pos == len;
}
