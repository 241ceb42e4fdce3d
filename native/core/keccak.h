/* Keccak-f[1600] and the sponge construction (FIPS 202): SHA3-256, SHA3-512, SHAKE128,
 * SHAKE256, and an incremental context for the XOFs (ML-KEM, Ed448).
 *
 * The context is a plain struct: copying it copies the sponge state. Nothing here branches on
 * or indexes memory by the data absorbed or squeezed, only by lengths and positions, which are
 * public: every function is constant-time with respect to the bytes hashed. */
#ifndef TS_KECCAK_H
#define TS_KECCAK_H

#include <stddef.h>
#include <stdint.h>

/* Rates in bytes (200 - 2 * capacity/8) and domain-separation bytes (the message suffix bits
 * with the first padding bit, FIPS 202 §6.1, §6.2, B.2). */
#define TS_SHA3_256_RATE 136
#define TS_SHA3_512_RATE 72
#define TS_SHAKE128_RATE 168
#define TS_SHAKE256_RATE 136
#define TS_SHA3_DS 0x06
#define TS_SHAKE_DS 0x1f

typedef struct {
  uint64_t s[25]; /* lane (x, y) at s[x + 5y], bytes little-endian within a lane */
  size_t rate;    /* bytes per block */
  size_t pos;     /* byte offset in the current block (absorbing or squeezing) */
  uint8_t ds;     /* domain-separation byte */
  uint8_t squeezing;
} ts_keccak_ctx;

/* rate: bytes per block, 1..200 (a multiple of 8 for the standard functions); ds: the
 * domain-separation byte (TS_SHA3_DS, TS_SHAKE_DS). */
void ts_keccak_init(ts_keccak_ctx *c, size_t rate, uint8_t ds);
/* Absorbs more input; only before ts_keccak_finalize. */
void ts_keccak_absorb(ts_keccak_ctx *c, const void *in, size_t len);
/* Pads the input and switches to squeezing. Idempotent. */
void ts_keccak_finalize(ts_keccak_ctx *c);
/* Squeezes len more bytes; may be called any number of times (finalizes first if needed). */
void ts_keccak_squeeze(ts_keccak_ctx *c, uint8_t *out, size_t len);

/* Shorthands. */
static inline void ts_shake128_init(ts_keccak_ctx *c) { ts_keccak_init(c, TS_SHAKE128_RATE, TS_SHAKE_DS); }
static inline void ts_shake256_init(ts_keccak_ctx *c) { ts_keccak_init(c, TS_SHAKE256_RATE, TS_SHAKE_DS); }

void ts_sha3_256(uint8_t out[32], const uint8_t *in, size_t inlen);
void ts_sha3_512(uint8_t out[64], const uint8_t *in, size_t inlen);
void ts_shake128(uint8_t *out, size_t outlen, const uint8_t *in, size_t inlen);
void ts_shake256(uint8_t *out, size_t outlen, const uint8_t *in, size_t inlen);

/* The permutation, 24 rounds. This is constant-time. */
void ts_keccak_f1600(uint64_t s[25]);

#endif
