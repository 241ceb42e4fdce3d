/* RSA: CRT private operation with blinding and a result check, PKCS#1 v1.5 and PSS signatures,
 * PKCS#1 v1.5 encryption, and the TLS 1.2 premaster decryption without a padding oracle. */
#include "rsa.h"

#include <string.h>

#include "ct.h"
#include "random.h"

/* ---- Keys ---------------------------------------------------------------------------------- */

int ts_rsa_public_init(ts_rsa_public_key *k, const uint8_t *n, size_t nlen, const uint8_t *e,
                       size_t elen) {
  memset(k, 0, sizeof *k);
  nlen = ts_bn_strip_vartime(&n, nlen);
  elen = ts_bn_strip_vartime(&e, elen);
  if (nlen > TS_RSA_MAX_BYTES || !ts_mont_init(&k->n, n, nlen)) return TS_RSA_ERR_MODULUS;
  if (k->n.bits < TS_RSA_MIN_BITS || k->n.bits > TS_RSA_MAX_BITS) return TS_RSA_ERR_MODULUS;
  k->bits = k->n.bits;
  k->k = k->n.bytes;
  /* 3 <= e < n, e odd */
  if (elen == 0 || elen > k->k || (e[elen - 1] & 1) == 0 || (elen == 1 && e[0] < 3))
    return TS_RSA_ERR_EXPONENT;
  if (elen == k->k) {
    uint64_t ev[TS_BN_MAX_LIMBS];
    ts_bn_from_bytes(ev, k->n.n, e, elen);
    if (!ts_bn_lt(ev, k->n.m, k->n.n)) return TS_RSA_ERR_EXPONENT;
  }
  memcpy(k->e, e, elen);
  k->elen = elen;
  return TS_RSA_OK;
}

/* Loads an exponent or coefficient that must be below the modulus of c. */
static int load_below(uint64_t *r, const ts_mont *c, const uint8_t *in, size_t len) {
  uint32_t fits = ts_bn_from_bytes(r, c->n, in, len);
  return (int)(fits & ts_bn_lt(r, c->m, c->n));
}

int ts_rsa_private_init(ts_rsa_private_key *k, const uint8_t *n, size_t nlen, const uint8_t *e,
                        size_t elen, const uint8_t *p, size_t plen, const uint8_t *q, size_t qlen,
                        const uint8_t *dp, size_t dplen, const uint8_t *dq, size_t dqlen,
                        const uint8_t *qinv, size_t qinvlen, ts_bn_scratch *s) {
  memset(k, 0, sizeof *k);
  int rc = ts_rsa_public_init(&k->pub, n, nlen, e, elen);
  if (rc != TS_RSA_OK) return rc;
  if (!ts_mont_init(&k->p, p, plen) || !ts_mont_init(&k->q, q, qlen)) return TS_RSA_ERR_PRIMES;
  /* n == p * q */
  const ts_mont *N = &k->pub.n;
  uint64_t prod[2 * TS_BN_MAX_LIMBS];
  if (k->p.n + k->q.n > N->n + 1) return TS_RSA_ERR_PRIMES;
  ts_bn_mul(prod, k->p.m, k->p.n, k->q.m, k->q.n);
  uint32_t same = ts_bn_eq(prod, N->m, N->n);
  if (k->p.n + k->q.n > N->n) same &= ts_bn_is_zero(prod + N->n, k->p.n + k->q.n - N->n);
  ts_wipe(prod, sizeof prod);
  if (!same) return TS_RSA_ERR_PRIMES;
  if (!load_below(k->dp, &k->p, dp, dplen) || !load_below(k->dq, &k->q, dq, dqlen) ||
      !load_below(k->qinv, &k->p, qinv, qinvlen))
    return TS_RSA_ERR_CRT;
  /* One private operation on a random input proves dp, dq and qinv (the result is checked). */
  uint8_t x[TS_RSA_MAX_BYTES], y[TS_RSA_MAX_BYTES];
  if (!ts_random_bytes(x, k->pub.k)) return TS_RSA_ERR_RANDOM;
  x[0] = 0;
  rc = ts_rsa_private(k, y, x, s) ? TS_RSA_OK : TS_RSA_ERR_MISMATCH;
  ts_wipe(y, sizeof y);
  if (rc != TS_RSA_OK) ts_rsa_private_wipe(k);
  return rc;
}

void ts_rsa_private_wipe(ts_rsa_private_key *k) { ts_wipe(k, sizeof *k); }

/* ---- The private operation -------------------------------------------------------------- */

/* A fresh blinding pair, or the old one squared: (r^e)^2 = (r^2)^e and (r^-1)^2 = (r^2)^-1. */
static int blinding_next(ts_rsa_private_key *k, ts_bn_scratch *s) {
  const ts_mont *N = &k->pub.n;
  if (k->blind_uses > 0 && k->blind_uses < 32) {
    ts_mont_sqr(N, k->blind, k->blind);
    ts_mont_sqr(N, k->unblind, k->unblind);
    k->blind_uses++;
    return 1;
  }
  uint8_t rb[TS_RSA_MAX_BYTES];
  uint64_t rm[TS_BN_MAX_LIMBS], r[TS_BN_MAX_LIMBS], ri[TS_BN_MAX_LIMBS];
  int ok = 0;
  for (int tries = 0; tries < 8 && !ok; tries++) {
    if (!ts_random_bytes(rb, N->bytes)) break;
    ts_mont_import(N, rm, rb, N->bytes);
    ts_mont_from(N, r, rm);
    /* a non-invertible r would reveal a factor of n to us, not to anyone else; just retry */
    if (!ts_bn_mod_inv(N, ri, r, s) || ts_bn_is_zero(r, N->n)) continue;
    ts_mont_exp_vartime(N, k->blind, rm, k->pub.e, k->pub.elen);
    ts_mont_to(N, k->unblind, ri);
    k->blind_uses = 1;
    ok = 1;
  }
  ts_wipe(rb, sizeof rb);
  ts_wipe(rm, sizeof rm);
  ts_wipe(r, sizeof r);
  ts_wipe(ri, sizeof ri);
  return ok;
}

uint32_t ts_rsa_private(ts_rsa_private_key *k, uint8_t *out, const uint8_t *in, ts_bn_scratch *s) {
  const ts_mont *N = &k->pub.n, *P = &k->p, *Q = &k->q;
  size_t nn = N->n, np = P->n, nq = Q->n;
  uint64_t c[TS_BN_MAX_LIMBS], cb[TS_BN_MAX_LIMBS], m1[TS_BN_MAX_LIMBS], m2[TS_BN_MAX_LIMBS];
  uint64_t t[TS_BN_MAX_LIMBS], h[TS_BN_MAX_LIMBS], sig[2 * TS_BN_MAX_LIMBS];
  uint32_t ok = ts_bn_from_bytes(c, nn, in, k->pub.k) & ts_bn_lt(c, N->m, nn);
  if (!ok || !blinding_next(k, s)) {
    memset(out, 0, k->pub.k);
    return 0;
  }
  /* Blind: cb = c * r^e, so the exponentiations never see a value the caller chose. */
  ts_mont_mul(N, cb, c, k->blind);
  /* m1 = cb^dp mod p, m2 = cb^dq mod q (Montgomery forms) */
  ts_mont_import_limbs(P, t, cb, nn);
  ts_mont_exp_ct(P, m1, t, k->dp, P->bits, s);
  ts_mont_import_limbs(Q, t, cb, nn);
  ts_mont_exp_ct(Q, m2, t, k->dq, Q->bits, s);
  ts_mont_from(Q, m2, m2);
  /* h = (m1 - m2) * qinv mod p (Garner), s = m2 + q * h */
  ts_mont_import_limbs(P, t, m2, nq);
  ts_bn_mod_sub(t, m1, t, P->m, np);
  ts_mont_mul(P, h, t, k->qinv);
  ts_bn_mul(sig, Q->m, nq, h, np);
  uint64_t carry = ts_bn_add(sig, sig, m2, nq);
  for (size_t i = nq; i < np + nq; i++) {
    sig[i] += carry;
    carry = ts_ct_eq64(sig[i], 0) & carry;
  }
  /* Unblind: s = s * r^-1 */
  ts_mont_mul(N, sig, sig, k->unblind);
  /* The check: a fault anywhere above (a glitch, a bad key) would otherwise hand out a value
   * that is right modulo one prime and wrong modulo the other, which reveals a factor. */
  ts_mont_to(N, t, sig);
  ts_mont_exp_vartime(N, t, t, k->pub.e, k->pub.elen);
  ts_mont_from(N, t, t);
  ok = ts_bn_eq(t, c, nn);
  uint64_t mask = ts_ct_mask64(ok);
  for (size_t i = 0; i < nn; i++) sig[i] &= mask;
  ts_bn_to_bytes(out, k->pub.k, sig, nn);
  ts_wipe(cb, sizeof cb);
  ts_wipe(m1, sizeof m1);
  ts_wipe(m2, sizeof m2);
  ts_wipe(t, sizeof t);
  ts_wipe(h, sizeof h);
  ts_wipe(sig, sizeof sig);
  return ok;
}

int ts_rsa_public(const ts_rsa_public_key *k, uint8_t *out, const uint8_t *in, size_t inlen) {
  const ts_mont *N = &k->n;
  uint64_t x[TS_BN_MAX_LIMBS];
  if (inlen != k->k) return 0;
  ts_bn_from_bytes(x, N->n, in, inlen);
  if (!ts_bn_lt(x, N->m, N->n)) return 0;
  ts_mont_to(N, x, x);
  ts_mont_exp_vartime(N, x, x, k->e, k->elen);
  ts_mont_from(N, x, x);
  ts_bn_to_bytes(out, k->k, x, N->n);
  return 1;
}

/* ---- PKCS#1 v1.5 signatures ------------------------------------------------------------- */

/* DigestInfo DER prefixes, RFC 8017 section 9.2 note 1. */
static const uint8_t DI_SHA1[] = {0x30, 0x21, 0x30, 0x09, 0x06, 0x05, 0x2b, 0x0e,
                                  0x03, 0x02, 0x1a, 0x05, 0x00, 0x04, 0x14};
static const uint8_t DI_SHA224[] = {0x30, 0x2d, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01,
                                    0x65, 0x03, 0x04, 0x02, 0x04, 0x05, 0x00, 0x04, 0x1c};
static const uint8_t DI_SHA256[] = {0x30, 0x31, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01,
                                    0x65, 0x03, 0x04, 0x02, 0x01, 0x05, 0x00, 0x04, 0x20};
static const uint8_t DI_SHA384[] = {0x30, 0x41, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01,
                                    0x65, 0x03, 0x04, 0x02, 0x02, 0x05, 0x00, 0x04, 0x30};
static const uint8_t DI_SHA512[] = {0x30, 0x51, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01,
                                    0x65, 0x03, 0x04, 0x02, 0x03, 0x05, 0x00, 0x04, 0x40};

static const uint8_t *digest_info(ts_hash_alg alg, size_t *len) {
  switch (alg) {
    case TS_HASH_SHA1: *len = sizeof DI_SHA1; return DI_SHA1;
    case TS_HASH_SHA224: *len = sizeof DI_SHA224; return DI_SHA224;
    case TS_HASH_SHA256: *len = sizeof DI_SHA256; return DI_SHA256;
    case TS_HASH_SHA384: *len = sizeof DI_SHA384; return DI_SHA384;
    case TS_HASH_SHA512: *len = sizeof DI_SHA512; return DI_SHA512;
    default: *len = 0; return NULL;
  }
}

/* EMSA-PKCS1-v1_5 (RFC 8017 section 9.2): 00 01 FF..FF 00 DigestInfo digest, k bytes. */
static int emsa_pkcs1(uint8_t *em, size_t k, ts_hash_alg alg, const uint8_t *digest, size_t dlen) {
  size_t dilen;
  const uint8_t *di = digest_info(alg, &dilen);
  if (!di || dlen != ts_hash_len(alg) || k < dilen + dlen + 11) return 0;
  size_t ps = k - 3 - dilen - dlen;
  em[0] = 0x00;
  em[1] = 0x01;
  memset(em + 2, 0xff, ps);
  em[2 + ps] = 0x00;
  memcpy(em + 3 + ps, di, dilen);
  memcpy(em + 3 + ps + dilen, digest, dlen);
  return 1;
}

uint32_t ts_rsa_sign_pkcs1(ts_rsa_private_key *k, ts_hash_alg alg, const uint8_t *digest,
                           size_t dlen, uint8_t *sig, ts_bn_scratch *s) {
  uint8_t em[TS_RSA_MAX_BYTES];
  if (!emsa_pkcs1(em, k->pub.k, alg, digest, dlen)) return 0;
  return ts_rsa_private(k, sig, em, s);
}

int ts_rsa_verify_pkcs1(const ts_rsa_public_key *k, ts_hash_alg alg, const uint8_t *digest,
                        size_t dlen, const uint8_t *sig, size_t siglen) {
  uint8_t em[TS_RSA_MAX_BYTES], m[TS_RSA_MAX_BYTES];
  if (!emsa_pkcs1(em, k->k, alg, digest, dlen)) return 0;
  if (!ts_rsa_public(k, m, sig, siglen)) return 0;
  return (int)ts_ct_memeq(em, m, k->k);
}

/* ---- PSS ------------------------------------------------------------------------------------ */

/* db ^= MGF1(seed, len) (RFC 8017 appendix B.2.1). */
static int mgf1_xor(uint8_t *db, size_t len, ts_hash_alg alg, const uint8_t *seed, size_t seedlen) {
  size_t hlen = ts_hash_len(alg);
  uint8_t block[TS_HASH_MAX_LEN];
  for (uint32_t counter = 0; (size_t)counter * hlen < len; counter++) {
    ts_hash_ctx h;
    uint8_t cb[4] = {(uint8_t)(counter >> 24), (uint8_t)(counter >> 16), (uint8_t)(counter >> 8),
                     (uint8_t)counter};
    if (!ts_hash_init(&h, alg)) return 0;
    ts_hash_update(&h, seed, seedlen);
    ts_hash_update(&h, cb, 4);
    ts_hash_final(&h, block);
    size_t off = (size_t)counter * hlen, n = len - off < hlen ? len - off : hlen;
    for (size_t i = 0; i < n; i++) db[off + i] ^= block[i];
  }
  return 1;
}

/* H = Hash(00 x 8 || mHash || salt) */
static int pss_hash(uint8_t *out, ts_hash_alg alg, const uint8_t *digest, size_t dlen,
                    const uint8_t *salt, size_t slen) {
  static const uint8_t zeros[8] = {0};
  ts_hash_ctx h;
  if (!ts_hash_init(&h, alg)) return 0;
  ts_hash_update(&h, zeros, 8);
  ts_hash_update(&h, digest, dlen);
  ts_hash_update(&h, salt, slen);
  ts_hash_final(&h, out);
  return 1;
}

long ts_rsa_pss_max_salt(const ts_rsa_public_key *k, ts_hash_alg alg) {
  size_t embits = k->bits - 1, emlen = (embits + 7) / 8;
  return (long)emlen - (long)ts_hash_len(alg) - 2;
}

uint32_t ts_rsa_sign_pss(ts_rsa_private_key *k, ts_hash_alg alg, ts_hash_alg mgf_alg,
                         const uint8_t *digest, size_t dlen, size_t slen, uint8_t *sig,
                         ts_bn_scratch *s) {
  size_t hlen = ts_hash_len(alg), kk = k->pub.k;
  size_t embits = k->pub.bits - 1, emlen = (embits + 7) / 8;
  ts_hash_ctx probe;
  if (hlen == 0 || dlen != hlen || ts_hash_len(mgf_alg) == 0 || !ts_hash_init(&probe, mgf_alg) ||
      !ts_hash_init(&probe, alg) || emlen < hlen + slen + 2)
    return 0;
  uint8_t buf[TS_RSA_MAX_BYTES] = {0}, salt[TS_RSA_MAX_BYTES];
  uint8_t *em = buf + (kk - emlen); /* kk - emlen is 0 or 1 */
  if (slen && !ts_random_bytes(salt, slen)) return 0;
  size_t dblen = emlen - hlen - 1;
  uint8_t *H = em + dblen;
  if (!pss_hash(H, alg, digest, dlen, salt, slen)) return 0;
  memset(em, 0, dblen);
  em[dblen - slen - 1] = 0x01;
  memcpy(em + dblen - slen, salt, slen);
  if (!mgf1_xor(em, dblen, mgf_alg, H, hlen)) return 0;
  em[0] &= (uint8_t)(0xff >> (8 * emlen - embits));
  em[emlen - 1] = 0xbc;
  return ts_rsa_private(k, sig, buf, s);
}

int ts_rsa_verify_pss(const ts_rsa_public_key *k, ts_hash_alg alg, ts_hash_alg mgf_alg,
                      const uint8_t *digest, size_t dlen, size_t slen, const uint8_t *sig,
                      size_t siglen) {
  size_t hlen = ts_hash_len(alg), kk = k->k;
  size_t embits = k->bits - 1, emlen = (embits + 7) / 8;
  if (hlen == 0 || dlen != hlen || ts_hash_len(mgf_alg) == 0 || emlen < hlen + slen + 2) return 0;
  uint8_t buf[TS_RSA_MAX_BYTES];
  if (!ts_rsa_public(k, buf, sig, siglen)) return 0;
  if (kk > emlen && buf[0] != 0) return 0;
  uint8_t *em = buf + (kk - emlen);
  if (em[emlen - 1] != 0xbc) return 0;
  size_t dblen = emlen - hlen - 1;
  uint8_t *H = em + dblen;
  uint8_t topmask = (uint8_t)(0xff >> (8 * emlen - embits));
  if (em[0] & ~topmask) return 0;
  if (!mgf1_xor(em, dblen, mgf_alg, H, hlen)) return 0;
  em[0] &= topmask;
  for (size_t i = 0; i < dblen - slen - 1; i++)
    if (em[i] != 0) return 0;
  if (em[dblen - slen - 1] != 0x01) return 0;
  uint8_t h2[TS_HASH_MAX_LEN];
  if (!pss_hash(h2, alg, digest, dlen, em + dblen - slen, slen)) return 0;
  return (int)ts_ct_memeq(h2, H, hlen);
}

/* ---- PKCS#1 v1.5 encryption ----------------------------------------------------------------- */

int ts_rsa_encrypt_pkcs1(const ts_rsa_public_key *k, const uint8_t *msg, size_t mlen, uint8_t *out) {
  size_t kk = k->k;
  if (mlen + 11 > kk) return 0;
  uint8_t em[TS_RSA_MAX_BYTES];
  size_t ps = kk - mlen - 3;
  em[0] = 0x00;
  em[1] = 0x02;
  if (!ts_random_bytes(em + 2, ps)) return 0;
  for (size_t i = 0; i < ps; i++) {
    while (em[2 + i] == 0) {
      if (!ts_random_bytes(em + 2 + i, 1)) return 0;
    }
  }
  em[2 + ps] = 0x00;
  memcpy(em + 3 + ps, msg, mlen);
  int ok = ts_rsa_public(k, out, em, kk);
  ts_wipe(em, sizeof em);
  return ok;
}

/* ---- PKCS#1 v1.5 decryption for TLS ------------------------------------------------------- */

int ts_rsa_decrypt_pkcs1_tls(ts_rsa_private_key *k, const uint8_t *ct, size_t ctlen,
                             uint16_t client_version, uint8_t *premaster, ts_bn_scratch *s) {
  size_t kk = k->pub.k;
  uint8_t r[TS_RSA_PREMASTER_LEN], em[TS_RSA_MAX_BYTES];
  /* RFC 5246 7.4.7.1: the random premaster comes first, whatever happens next. */
  if (!ts_random_bytes(r, sizeof r)) return 0;
  /* The ciphertext's length is public; a wrong one fails the same way as bad padding. */
  uint32_t good = 0;
  memset(em, 0, sizeof em);
  if (ctlen == kk) good = ts_rsa_private(k, em, ct, s);
  /* 00 02 PS(nonzero, k - 51 >= 8 bytes) 00 premaster(48), premaster starting with the version */
  good &= ts_ct_eq32(em[0], 0x00) & ts_ct_eq32(em[1], 0x02);
  size_t sep = kk - TS_RSA_PREMASTER_LEN - 1;
  for (size_t i = 2; i < sep; i++) good &= ts_ct_nonzero32(em[i]);
  good &= ts_ct_eq32(em[sep], 0x00);
  good &= ts_ct_eq32(em[sep + 1], (uint32_t)(client_version >> 8));
  good &= ts_ct_eq32(em[sep + 2], (uint32_t)(client_version & 0xff));
  /* premaster = good ? decrypted : random */
  memcpy(premaster, r, sizeof r);
  ts_ct_ccopy(good, premaster, em + sep + 1, TS_RSA_PREMASTER_LEN);
  ts_wipe(em, sizeof em);
  ts_wipe(r, sizeof r);
  return 1;
}

long ts_rsa_decrypt_pkcs1_raw(ts_rsa_private_key *k, const uint8_t *ct, size_t ctlen, uint8_t *out,
                              ts_bn_scratch *s) {
  size_t kk = k->pub.k;
  uint8_t em[TS_RSA_MAX_BYTES];
  if (ctlen != kk || !ts_rsa_private(k, em, ct, s)) return -1;
  uint32_t good = ts_ct_eq32(em[0], 0x00) & ts_ct_eq32(em[1], 0x02);
  uint32_t found = 0;
  size_t idx = 0;
  for (size_t i = 2; i < kk; i++) {
    uint32_t take = ts_ct_eq32(em[i], 0) & (found ^ 1);
    idx = (size_t)ts_ct_select64(take, i, idx);
    found |= take;
  }
  good &= found & (1u ^ ts_ct_lt32((uint32_t)idx, 10)); /* at least 8 bytes of PS */
  long len = -1;
  if (good) {
    len = (long)(kk - idx - 1);
    memcpy(out, em + idx + 1, (size_t)len);
  }
  ts_wipe(em, sizeof em);
  return len;
}
