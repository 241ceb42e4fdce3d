/* Key derivation over the hash interface: HKDF (RFC 5869), the TLS 1.3 HKDF-Expand-Label and
 * Derive-Secret (RFC 8446 §7.1), the TLS 1.2 PRF (RFC 5246 §5), the TLS 1.0/1.1 PRF
 * (RFC 2246 §5) and PBKDF2 (RFC 8018 §5.2). Every function returns 1, or 0 when the algorithm
 * is unknown or a length is out of range (then nothing is written). None allocates.
 * All handle secrets (keys, passwords, PRKs) and are constant-time with respect to them:
 * only lengths and the algorithm decide branches. */
#ifndef TS_KDF_H
#define TS_KDF_H

#include <stddef.h>
#include <stdint.h>

#include "hash.h"

/* PRK = HMAC-Hash(salt, IKM); writes ts_hash_len(alg) bytes. An empty salt means HashLen zeros,
 * which HMAC's zero padding makes the same thing. This is constant-time. */
int ts_hkdf_extract(ts_hash_alg alg, const uint8_t *salt, size_t saltlen, const uint8_t *ikm,
                    size_t ikmlen, uint8_t *prk);

/* OKM = T(1) | T(2) | ... truncated to len; 0 when len > 255 * HashLen. This is constant-time. */
int ts_hkdf_expand(ts_hash_alg alg, const uint8_t *prk, size_t prklen, const uint8_t *info,
                   size_t infolen, uint8_t *out, size_t len);

/* The largest label (without the "tls13 " prefix) and context HKDF-Expand-Label accepts. */
#define TS_TLS13_MAX_LABEL 249
#define TS_TLS13_MAX_CONTEXT 255

/* HKDF-Expand-Label(Secret, Label, Context, Length) with HkdfLabel = uint16 length,
 * opaque label<7..255> = "tls13 " + Label, opaque context<0..255>. This is constant-time. */
int ts_tls13_expand_label(ts_hash_alg alg, const uint8_t *secret, size_t secretlen,
                          const uint8_t *label, size_t labellen, const uint8_t *context,
                          size_t contextlen, uint8_t *out, size_t len);

/* Derive-Secret(Secret, Label, Messages) given Transcript-Hash(Messages) (HashLen bytes);
 * writes HashLen bytes. This is constant-time. */
int ts_tls13_derive_secret(ts_hash_alg alg, const uint8_t *secret, size_t secretlen,
                           const uint8_t *label, size_t labellen, const uint8_t *thash,
                           size_t thashlen, uint8_t *out);

/* TLS 1.2 PRF: P_<alg>(secret, label + seed). This is constant-time. */
int ts_tls12_prf(ts_hash_alg alg, const uint8_t *secret, size_t secretlen, const uint8_t *label,
                 size_t labellen, const uint8_t *seed, size_t seedlen, uint8_t *out, size_t len);

/* TLS 1.0/1.1 PRF: P_MD5(S1, label + seed) XOR P_SHA-1(S2, label + seed), S1 and S2 the first
 * and last ceil(secretlen / 2) bytes of the secret. This is constant-time. */
int ts_tls10_prf(const uint8_t *secret, size_t secretlen, const uint8_t *label, size_t labellen,
                 const uint8_t *seed, size_t seedlen, uint8_t *out, size_t len);

/* PBKDF2 with HMAC-<alg>; 0 when iterations is 0 or len > (2^32 - 1) * HashLen.
 * This is constant-time. */
int ts_pbkdf2(ts_hash_alg alg, const uint8_t *password, size_t passwordlen, const uint8_t *salt,
              size_t saltlen, uint32_t iterations, uint8_t *out, size_t len);

#endif
