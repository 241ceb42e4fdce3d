/* NIST P-256, P-384 and P-521: ECDH (SEC 1 / SP 800-56A, x coordinate as the shared secret) and
 * ECDSA (FIPS 186-4) with hedged RFC 6979 nonces. Byte strings are big-endian; a private key, r
 * and s are ts_ec_scalar_len() bytes; points are SEC 1 encoded (04||X||Y, or 02/03||X on input).
 * Private keys, nonces and shared secrets are handled in constant time. */
#ifndef TS_EC_NIST_H
#define TS_EC_NIST_H

#include <stddef.h>
#include <stdint.h>

typedef enum { TS_EC_P256 = 0, TS_EC_P384 = 1, TS_EC_P521 = 2 } ts_ec_curve;

#define TS_EC_MAX_SCALAR 66                       /* P-521 */
#define TS_EC_MAX_POINT (1 + 2 * TS_EC_MAX_SCALAR) /* uncompressed */
#define TS_EC_MAX_DER 141                         /* SEQUENCE { INTEGER r, INTEGER s } for P-521 */

/* Results. */
#define TS_EC_OK 1
#define TS_EC_ERR_KEY (-1)    /* private key not in [1, n-1] */
#define TS_EC_ERR_POINT (-2)  /* peer point malformed, not on the curve, or a bad result */
#define TS_EC_ERR_RANDOM (-3) /* the CSPRNG failed */
#define TS_EC_ERR_CURVE (-4)  /* unknown curve */

/* Scalar (and coordinate) bytes: 32, 48, 66; 0 for an unknown curve. */
size_t ts_ec_scalar_len(ts_ec_curve c);
/* Uncompressed point bytes: 65, 97, 133. */
size_t ts_ec_point_len(ts_ec_curve c);

/* A fresh key pair: priv (scalar_len bytes) uniformly in [1, n-1], pub uncompressed. */
int ts_ec_keygen(ts_ec_curve c, uint8_t *priv, uint8_t *pub);
/* pub = priv * G, uncompressed. */
int ts_ec_public_key(ts_ec_curve c, const uint8_t *priv, uint8_t *pub);
/* 1 if point (uncompressed or compressed) is on the curve and not the identity. */
int ts_ec_point_check(ts_ec_curve c, const uint8_t *point, size_t len);
/* out = k * point, uncompressed (k in [1, n-1]). */
int ts_ec_scalar_mult(ts_ec_curve c, const uint8_t *k, const uint8_t *point, size_t len, uint8_t *out);
/* ECDH: secret = x(priv * peer), scalar_len bytes; the peer's point is validated. */
int ts_ecdh(ts_ec_curve c, const uint8_t *priv, const uint8_t *peer, size_t peerlen, uint8_t *secret);

/* ECDSA signature rs = r||s (2 * scalar_len bytes) of a digest of any length (truncated to the
 * order's bit length, FIPS 186-4 6.4). The nonce is RFC 6979's HMAC-DRBG over the private key and
 * the digest, hedged with 32 fresh random bytes as additional input (RFC 6979 3.6): a repeated
 * or biased random source can neither repeat a nonce nor leak the key. The HMAC hash is the one
 * whose length the digest has (SHA-224/256/384/512), else the curve's own (SHA-256/384/512). */
int ts_ecdsa_sign(ts_ec_curve c, const uint8_t *priv, const uint8_t *digest, size_t dlen, uint8_t *rs);
/* As ts_ecdsa_sign with the given additional input; extra = NULL, extralen = 0 gives plain
 * deterministic RFC 6979 (for known-answer tests). */
int ts_ecdsa_sign_ex(ts_ec_curve c, const uint8_t *priv, const uint8_t *digest, size_t dlen,
                     const uint8_t *extra, size_t extralen, uint8_t *rs);
/* 1 if rs = r||s is a valid signature of digest under pub (uncompressed or compressed), else 0. */
int ts_ecdsa_verify(ts_ec_curve c, const uint8_t *pub, size_t publen, const uint8_t *digest,
                    size_t dlen, const uint8_t *rs);

/* DER SEQUENCE { INTEGER r, INTEGER s } from r||s; returns the length (<= TS_EC_MAX_DER). */
size_t ts_ecdsa_der_encode(ts_ec_curve c, const uint8_t *rs, uint8_t *der);
/* Strict DER decoding (definite minimal lengths, minimal non-negative integers that fit in
 * scalar_len bytes, no trailing bytes) into r||s; 1 or 0. Range checks are left to verify. */
int ts_ecdsa_der_decode(ts_ec_curve c, const uint8_t *der, size_t len, uint8_t *rs);

/* Test hook: when set, called on values the code makes public on purpose (the 1-bit outcome
 * "this nonce candidate was out of range", "this private key is valid"), so a constant-time
 * checker that tracks secrets can mark them public. NULL in production. */
extern void (*ts_ec_declassify_hook)(const void *p, size_t n);

#endif
