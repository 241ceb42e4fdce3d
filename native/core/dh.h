/* Finite-field Diffie-Hellman: the RFC 7919 groups ffdhe2048..ffdhe8192 and arbitrary (p, g) for
 * -dhparam, key generation, peer validation, and the shared secret left-padded to the size of p
 * (RFC 8446 section 7.4.1). Primes of 512 to 8192 bits. */
#ifndef TS_DH_H
#define TS_DH_H

#include <stddef.h>
#include <stdint.h>

#include "bn.h"

#define TS_DH_MIN_BITS 512
#define TS_DH_MAX_BITS TS_BN_MAX_BITS

enum {
  TS_DH_OK = 1,
  TS_DH_ERR_PRIME = -1,     /* p even, or not 512..8192 bits */
  TS_DH_ERR_GENERATOR = -2, /* g not in 1 < g < p - 1 */
  TS_DH_ERR_PRIVATE = -3,   /* private key empty or too long */
  TS_DH_ERR_PEER = -4,      /* peer value not in 1 < y < p - 1 */
  TS_DH_ERR_SECRET = -5,    /* the shared secret is 1 or p - 1 */
  TS_DH_ERR_RANDOM = -6     /* the CSPRNG failed */
};

/* Work space. It remembers the last prime it was set up for (public data), so repeated key
 * exchanges over one group skip the Montgomery setup; zero it before first use. */
typedef struct {
  ts_mont mont;
  ts_bn_scratch s;
  uint8_t p[TS_BN_MAX_BYTES]; /* the prime mont was set up for, plen bytes (0: none) */
  size_t plen;
} ts_dh_work;

/* The prime of ffdhe<bits> (bits = 2048, 3072, 4096, 6144 or 8192; the generator is 2), or NULL. */
const uint8_t *ts_ffdhe_prime(unsigned bits, size_t *len);

/* Size in bytes of the private exponent ts_dh_generate makes for p: for an RFC 7919 group a short
 * exponent of the length RFC 7919 section 5.2 gives (twice the group's security strength,
 * rounded up to bytes: 29 bytes for ffdhe2048 .. 50 for ffdhe8192), for any other
 * p (whose subgroup order is unknown) bits(p) - 1 bits. 0 when p is not a valid prime size. */
size_t ts_dh_private_len(const uint8_t *p, size_t plen);

/* Makes a private key (ts_dh_private_len(p) bytes) and pub = g^priv mod p (byte length of p).
 * This is constant-time in the private key. */
int ts_dh_generate(const uint8_t *p, size_t plen, const uint8_t *g, size_t glen, uint8_t *priv,
                   uint8_t *pub, ts_dh_work *w);

/* out = peer^priv mod p, left-padded to the byte length of p, after checking 1 < peer < p - 1;
 * refuses a result of 1 or p - 1. This is constant-time in priv and the result. */
int ts_dh_compute(const uint8_t *p, size_t plen, const uint8_t *priv, size_t privlen,
                  const uint8_t *peer, size_t peerlen, uint8_t *out, ts_dh_work *w);

#endif
