/* MD5 buffering and padding (RFC 1321 §3.1-3.2: little-endian 64-bit bit count). */
#include "md5.h"

#include <string.h>

#include "ct.h"

void ts_md5_init(ts_md5_ctx *c) {
  c->h[0] = 0x67452301;
  c->h[1] = 0xefcdab89;
  c->h[2] = 0x98badcfe;
  c->h[3] = 0x10325476;
  c->total = 0;
  c->buflen = 0;
}

void ts_md5_update(ts_md5_ctx *c, const void *data, size_t len) {
  if (!len) return; /* data may be NULL then; memcpy must not see it */
  const uint8_t *p = (const uint8_t *)data;
  c->total += len;
  if (c->buflen) {
    size_t take = TS_MD5_BLOCK - c->buflen;
    if (take > len) take = len;
    memcpy(c->buf + c->buflen, p, take);
    c->buflen += take;
    p += take;
    len -= take;
    if (c->buflen < TS_MD5_BLOCK) return;
    ts_md5_blocks_generic(c->h, c->buf, 1);
    c->buflen = 0;
  }
  if (len >= TS_MD5_BLOCK) {
    size_t n = len / TS_MD5_BLOCK;
    ts_md5_blocks_generic(c->h, p, n);
    p += n * TS_MD5_BLOCK;
    len -= n * TS_MD5_BLOCK;
  }
  if (len) {
    memcpy(c->buf, p, len);
    c->buflen = len;
  }
}

void ts_md5_final(ts_md5_ctx *c, uint8_t out[TS_MD5_LEN]) {
  uint64_t bits = c->total << 3;
  size_t n = c->buflen;
  c->buf[n++] = 0x80;
  if (n > TS_MD5_BLOCK - 8) {
    memset(c->buf + n, 0, TS_MD5_BLOCK - n);
    ts_md5_blocks_generic(c->h, c->buf, 1);
    n = 0;
  }
  memset(c->buf + n, 0, TS_MD5_BLOCK - 8 - n);
  for (int i = 0; i < 8; i++) c->buf[TS_MD5_BLOCK - 8 + i] = (uint8_t)(bits >> (8 * i));
  ts_md5_blocks_generic(c->h, c->buf, 1);
  for (int i = 0; i < 4; i++)
    for (int j = 0; j < 4; j++) out[4 * i + j] = (uint8_t)(c->h[i] >> (8 * j));
  ts_wipe(c, sizeof *c);
}

void ts_md5(const void *data, size_t len, uint8_t out[TS_MD5_LEN]) {
  ts_md5_ctx c;
  ts_md5_init(&c);
  ts_md5_update(&c, data, len);
  ts_md5_final(&c, out);
}
