/* X25519 (RFC 7748): Diffie-Hellman on the Montgomery form of Curve25519. */
#ifndef TS_X25519_H
#define TS_X25519_H

#include <stdint.h>

#define TS_X25519_LEN 32

/* out = X25519(scalar, u): the scalar is clamped, the top bit of u ignored and non-canonical u
 * accepted (RFC 7748 §5). Returns 1, or 0 when the result is all zero (u of small order; RFC
 * 7748 §6.1 lets callers abort then, and we do). This is constant-time in scalar and u. */
int ts_x25519(uint8_t out[32], const uint8_t scalar[32], const uint8_t u[32]);

/* out = X25519(scalar, 9), the public key. This is constant-time. */
void ts_x25519_base(uint8_t out[32], const uint8_t scalar[32]);

/* The Montgomery ladder core: out = X25519(scalar, u) with no zero check; the implementation
 * chosen by dispatch.c. */
typedef void ts_x25519_fn(uint8_t out[32], const uint8_t scalar[32], const uint8_t u[32]);
ts_x25519_fn ts_x25519_generic;
extern ts_x25519_fn *ts_x25519_impl;

#endif
