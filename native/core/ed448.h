/* Ed448 (RFC 8032 §5.2): keys from a 57-byte seed, signing with an optional context, strict
 * verification. (Pure Ed448; Ed448ph is not provided.) */
#ifndef TS_ED448_H
#define TS_ED448_H

#include <stddef.h>
#include <stdint.h>

#define TS_ED448_SEED_LEN 57
#define TS_ED448_PUBLIC_LEN 57
#define TS_ED448_SIG_LEN 114
#define TS_ED448_MAX_CONTEXT 255

/* pub = [s]B, s the clamped first half of SHAKE256(seed, 114) (RFC 8032 §5.2.5). This is
 * constant-time. */
void ts_ed448_public_key(uint8_t pub[57], const uint8_t seed[57]);

/* RFC 8032 §5.2.6 with context ctx (ctxlen <= 255; the caller checks). pub must be the public
 * key of seed, or NULL to have it derived here (the two points then share one inversion). Never
 * pass a public key that might not belong to seed: two signatures of one message under
 * different keys reveal the secret scalar. This is constant-time in the seed. */
void ts_ed448_sign(uint8_t sig[114], const uint8_t seed[57], const uint8_t pub[57],
                   const uint8_t *ctx, size_t ctxlen, const uint8_t *msg, size_t len);

/* RFC 8032 §5.2.7, strict: S < L, canonical encodings of A and R, A and R not of small order,
 * then [S]B == R + [k]A with R compared as bytes. Returns 1 if valid, else 0 (also for
 * ctxlen > 255). Not constant-time: every input is public. */
int ts_ed448_verify(const uint8_t pub[57], const uint8_t *ctx, size_t ctxlen,
                    const uint8_t *msg, size_t len, const uint8_t sig[114]);

#endif
