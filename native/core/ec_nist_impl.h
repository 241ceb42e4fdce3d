/* Internal: the per-curve operations p256.c, p384.c and p521.c export to ec_nist.c. Byte
 * strings are big-endian; scalars and coordinates are flen bytes. */
#ifndef TS_EC_NIST_IMPL_H
#define TS_EC_NIST_IMPL_H

#include <stddef.h>
#include <stdint.h>

typedef struct {
  size_t flen;  /* bytes of a coordinate or a scalar */
  size_t bits;  /* bits of p and of n */
  /* 1 if 1 <= k < n */
  int (*scalar_ok)(const uint8_t *k);
  /* out = 04||X||Y of k*G; 1, or 0 if k is out of range */
  int (*mul_g)(const uint8_t *k, uint8_t *out);
  /* out = k*P (uncompressed, or X alone when xonly); 1, 0 (k out of range or identity), -1 (P invalid) */
  int (*mul)(const uint8_t *k, const uint8_t *p, size_t plen, uint8_t *out, int xonly);
  /* 1 if p encodes a point of the curve (uncompressed or compressed) */
  int (*point_ok)(const uint8_t *p, size_t plen);
  /* ECDSA with nonce k: rs = r||s; 1, or 0 if priv/k is out of range or r or s is zero */
  int (*sign_k)(const uint8_t *priv, const uint8_t *e, const uint8_t *k, uint8_t *rs);
  /* out = e mod n, for e = bits2int(digest) < 2^bits */
  void (*reduce)(const uint8_t *e, uint8_t *out);
  /* 1 if rs = r||s is a valid signature of e under pub */
  int (*verify)(const uint8_t *pub, size_t publen, const uint8_t *e, const uint8_t *rs);
} ts_ec_impl;

extern const ts_ec_impl ts_p256_impl, ts_p384_impl, ts_p521_impl;
#if defined(__x86_64__)
extern const ts_ec_impl ts_p256_adx_impl; /* p256_adx.c: MULX/ADCX/ADOX product */
#endif

/* The P-256 implementation in use; chosen by dispatch.c. */
extern const ts_ec_impl *ts_p256_active;

#endif
