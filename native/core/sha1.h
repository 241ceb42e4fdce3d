/* SHA-1 (FIPS 180-4). For HMAC-SHA1, the TLS 1.0/1.1 PRF and legacy cipher suites only.
 * Copyable context, like sha256.h. */
#ifndef TS_SHA1_H
#define TS_SHA1_H

#include <stddef.h>
#include <stdint.h>

#define TS_SHA1_BLOCK 64
#define TS_SHA1_LEN 20

typedef struct {
  uint32_t h[5];
  uint64_t total; /* bytes absorbed */
  uint8_t buf[TS_SHA1_BLOCK];
  size_t buflen;
} ts_sha1_ctx;

void ts_sha1_init(ts_sha1_ctx *c);
void ts_sha1_update(ts_sha1_ctx *c, const void *data, size_t len);
/* Writes 20 bytes; the context is wiped. */
void ts_sha1_final(ts_sha1_ctx *c, uint8_t out[TS_SHA1_LEN]);
void ts_sha1(const void *data, size_t len, uint8_t out[TS_SHA1_LEN]);

/* The compression function over whole 64-byte blocks; one per implementation. */
typedef void ts_sha1_blocks_fn(uint32_t h[5], const uint8_t *p, size_t nblocks);
ts_sha1_blocks_fn ts_sha1_blocks_generic;
#if defined(__x86_64__)
ts_sha1_blocks_fn ts_sha1_blocks_shani;
#elif defined(__aarch64__)
ts_sha1_blocks_fn ts_sha1_blocks_armv8;
#endif
extern ts_sha1_blocks_fn *ts_sha1_blocks; /* chosen by dispatch.c */

#endif
