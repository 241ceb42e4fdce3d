/* SHA-384 / SHA-512 (FIPS 180-4). Copyable context, like sha256.h. */
#ifndef TS_SHA512_H
#define TS_SHA512_H

#include <stddef.h>
#include <stdint.h>

#define TS_SHA512_BLOCK 128
#define TS_SHA512_LEN 64
#define TS_SHA384_LEN 48

typedef struct {
  uint64_t h[8];
  uint64_t total; /* bytes absorbed (messages < 2^64 bytes) */
  uint8_t buf[TS_SHA512_BLOCK];
  size_t buflen;
} ts_sha512_ctx;

void ts_sha512_init(ts_sha512_ctx *c);
void ts_sha384_init(ts_sha512_ctx *c);
void ts_sha512_update(ts_sha512_ctx *c, const void *data, size_t len);
/* Writes outlen bytes (64 for SHA-512, 48 for SHA-384); the context is wiped. */
void ts_sha512_final(ts_sha512_ctx *c, uint8_t *out, size_t outlen);
void ts_sha512(const void *data, size_t len, uint8_t out[TS_SHA512_LEN]);

typedef void ts_sha512_blocks_fn(uint64_t h[8], const uint8_t *p, size_t nblocks);
ts_sha512_blocks_fn ts_sha512_blocks_generic;
#if defined(__x86_64__)
ts_sha512_blocks_fn ts_sha512_blocks_avx2;
#elif defined(__aarch64__)
ts_sha512_blocks_fn ts_sha512_blocks_armv8sha512;
#endif
extern ts_sha512_blocks_fn *ts_sha512_blocks; /* chosen by dispatch.c */

extern const uint64_t ts_sha512_k[80];

#endif
