/* X448 (RFC 7748): Diffie-Hellman on the Montgomery form of Curve448. */
#ifndef TS_X448_H
#define TS_X448_H

#include <stdint.h>

#define TS_X448_LEN 56

/* out = X448(scalar, u): the scalar is clamped, non-canonical u accepted (RFC 7748 §5).
 * Returns 1, or 0 when the result is all zero (u of small order, RFC 7748 §6.2). This is
 * constant-time in scalar and u. */
int ts_x448(uint8_t out[56], const uint8_t scalar[56], const uint8_t u[56]);

/* out = X448(scalar, 5), the public key. This is constant-time. */
void ts_x448_base(uint8_t out[56], const uint8_t scalar[56]);

/* The ladder without the zero check. This is constant-time. */
void ts_x448_ladder(uint8_t out[56], const uint8_t scalar[56], const uint8_t u[56]);

#endif
