/* Ed25519 (RFC 8032 §5.1): keys from a 32-byte seed, signing, strict verification. */
#ifndef TS_ED25519_H
#define TS_ED25519_H

#include <stddef.h>
#include <stdint.h>

#define TS_ED25519_SEED_LEN 32
#define TS_ED25519_PUBLIC_LEN 32
#define TS_ED25519_SIG_LEN 64

/* pub = [s]B, s the clamped low half of SHA-512(seed) (RFC 8032 §5.1.5). This is
 * constant-time. */
void ts_ed25519_public_key(uint8_t pub[32], const uint8_t seed[32]);

/* RFC 8032 §5.1.6. pub must be the public key of seed (ts_ed25519_public_key), or NULL to have
 * it derived here (cheaper than a separate ts_ed25519_public_key: the two points share one
 * inversion). Never pass a public key that might not belong to seed: two signatures of one
 * message under different keys reveal the secret scalar. This is constant-time in the seed. */
void ts_ed25519_sign(uint8_t sig[64], const uint8_t seed[32], const uint8_t pub[32],
                     const uint8_t *msg, size_t len);

/* RFC 8032 §5.1.7 with the strict checks: S < L, canonical encodings of A and R (y < p, no
 * "negative zero" x), A and R not of small order; then [S]B == R + [k]A, R compared as bytes.
 * Returns 1 if valid, else 0. Not constant-time: every input is public. */
int ts_ed25519_verify(const uint8_t pub[32], const uint8_t *msg, size_t len,
                      const uint8_t sig[64]);

#endif
