/* SHA-224 / SHA-256 (FIPS 180-4). The context is a plain struct: copying it copies the
 * hash state, which is how the TLS transcript hash is read mid-stream. */
#ifndef TS_SHA256_H
#define TS_SHA256_H

#include <stddef.h>
#include <stdint.h>

#define TS_SHA256_BLOCK 64
#define TS_SHA256_LEN 32
#define TS_SHA224_LEN 28

typedef struct {
  uint32_t h[8];
  uint64_t total; /* bytes absorbed */
  uint8_t buf[TS_SHA256_BLOCK];
  size_t buflen;
} ts_sha256_ctx;

void ts_sha256_init(ts_sha256_ctx *c);
void ts_sha224_init(ts_sha256_ctx *c);
void ts_sha256_update(ts_sha256_ctx *c, const void *data, size_t len);
/* Writes 32 bytes (SHA-256) or 28 (SHA-224: pass outlen 28); the context is wiped. */
void ts_sha256_final(ts_sha256_ctx *c, uint8_t *out, size_t outlen);
void ts_sha256(const void *data, size_t len, uint8_t out[TS_SHA256_LEN]);

/* The compression function over whole 64-byte blocks; one per implementation. */
typedef void ts_sha256_blocks_fn(uint32_t h[8], const uint8_t *p, size_t nblocks);
ts_sha256_blocks_fn ts_sha256_blocks_generic;
#if defined(__x86_64__)
ts_sha256_blocks_fn ts_sha256_blocks_shani;
#elif defined(__aarch64__)
ts_sha256_blocks_fn ts_sha256_blocks_armv8;
#endif
/* The implementation in use; chosen by dispatch.c. */
extern ts_sha256_blocks_fn *ts_sha256_blocks;

extern const uint32_t ts_sha256_k[64];

#endif
