/* SHA-1 buffering and padding (FIPS 180-4 §5.1.1, §6.1); the compression runs in whichever
 * implementation dispatch.c chose. */
#include "sha1.h"

#include <string.h>

#include "ct.h"

void ts_sha1_init(ts_sha1_ctx *c) {
  static const uint32_t iv[5] = {0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476, 0xc3d2e1f0};
  memcpy(c->h, iv, sizeof iv);
  c->total = 0;
  c->buflen = 0;
}

void ts_sha1_update(ts_sha1_ctx *c, const void *data, size_t len) {
  if (!len) return; /* data may be NULL then; memcpy must not see it */
  const uint8_t *p = (const uint8_t *)data;
  c->total += len;
  if (c->buflen) {
    size_t take = TS_SHA1_BLOCK - c->buflen;
    if (take > len) take = len;
    memcpy(c->buf + c->buflen, p, take);
    c->buflen += take;
    p += take;
    len -= take;
    if (c->buflen < TS_SHA1_BLOCK) return;
    ts_sha1_blocks(c->h, c->buf, 1);
    c->buflen = 0;
  }
  if (len >= TS_SHA1_BLOCK) {
    size_t n = len / TS_SHA1_BLOCK;
    ts_sha1_blocks(c->h, p, n);
    p += n * TS_SHA1_BLOCK;
    len -= n * TS_SHA1_BLOCK;
  }
  if (len) {
    memcpy(c->buf, p, len);
    c->buflen = len;
  }
}

void ts_sha1_final(ts_sha1_ctx *c, uint8_t out[TS_SHA1_LEN]) {
  uint64_t bits = c->total << 3;
  size_t n = c->buflen;
  c->buf[n++] = 0x80;
  if (n > TS_SHA1_BLOCK - 8) {
    memset(c->buf + n, 0, TS_SHA1_BLOCK - n);
    ts_sha1_blocks(c->h, c->buf, 1);
    n = 0;
  }
  memset(c->buf + n, 0, TS_SHA1_BLOCK - 8 - n);
  for (int i = 0; i < 8; i++) c->buf[TS_SHA1_BLOCK - 1 - i] = (uint8_t)(bits >> (8 * i));
  ts_sha1_blocks(c->h, c->buf, 1);
  for (int i = 0; i < 5; i++)
    for (int j = 0; j < 4; j++) out[4 * i + j] = (uint8_t)(c->h[i] >> (24 - 8 * j));
  ts_wipe(c, sizeof *c);
}

void ts_sha1(const void *data, size_t len, uint8_t out[TS_SHA1_LEN]) {
  ts_sha1_ctx c;
  ts_sha1_init(&c);
  ts_sha1_update(&c, data, len);
  ts_sha1_final(&c, out);
}
