/* MD5 (RFC 1321). Only for the TLS 1.0/1.1 PRF, HMAC-MD5 and fingerprints printed by the CLI;
 * never a signature hash. Copyable context, like sha256.h. */
#ifndef TS_MD5_H
#define TS_MD5_H

#include <stddef.h>
#include <stdint.h>

#define TS_MD5_BLOCK 64
#define TS_MD5_LEN 16

typedef struct {
  uint32_t h[4];
  uint64_t total; /* bytes absorbed */
  uint8_t buf[TS_MD5_BLOCK];
  size_t buflen;
} ts_md5_ctx;

void ts_md5_init(ts_md5_ctx *c);
void ts_md5_update(ts_md5_ctx *c, const void *data, size_t len);
/* Writes 16 bytes; the context is wiped. */
void ts_md5_final(ts_md5_ctx *c, uint8_t out[TS_MD5_LEN]);
void ts_md5(const void *data, size_t len, uint8_t out[TS_MD5_LEN]);

/* The compression function over whole 64-byte blocks. There is only the portable one. */
void ts_md5_blocks_generic(uint32_t h[4], const uint8_t *p, size_t nblocks);

#endif
