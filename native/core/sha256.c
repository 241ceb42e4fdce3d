/* SHA-256 / SHA-224 buffering and padding (FIPS 180-4 §5.1.1, §6.2); the compression runs
 * in whichever implementation dispatch.c chose. */
#include "sha256.h"

#include <string.h>

#include "ct.h"

const uint32_t ts_sha256_k[64] = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2};

void ts_sha256_init(ts_sha256_ctx *c) {
  static const uint32_t iv[8] = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
                                 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};
  memcpy(c->h, iv, sizeof iv);
  c->total = 0;
  c->buflen = 0;
}

void ts_sha224_init(ts_sha256_ctx *c) {
  static const uint32_t iv[8] = {0xc1059ed8, 0x367cd507, 0x3070dd17, 0xf70e5939,
                                 0xffc00b31, 0x68581511, 0x64f98fa7, 0xbefa4fa4};
  memcpy(c->h, iv, sizeof iv);
  c->total = 0;
  c->buflen = 0;
}

void ts_sha256_update(ts_sha256_ctx *c, const void *data, size_t len) {
  const uint8_t *p = (const uint8_t *)data;
  c->total += len;
  if (c->buflen) {
    size_t take = TS_SHA256_BLOCK - c->buflen;
    if (take > len) take = len;
    memcpy(c->buf + c->buflen, p, take);
    c->buflen += take;
    p += take;
    len -= take;
    if (c->buflen < TS_SHA256_BLOCK) return;
    ts_sha256_blocks(c->h, c->buf, 1);
    c->buflen = 0;
  }
  if (len >= TS_SHA256_BLOCK) {
    size_t n = len / TS_SHA256_BLOCK;
    ts_sha256_blocks(c->h, p, n);
    p += n * TS_SHA256_BLOCK;
    len -= n * TS_SHA256_BLOCK;
  }
  if (len) {
    memcpy(c->buf, p, len);
    c->buflen = len;
  }
}

void ts_sha256_final(ts_sha256_ctx *c, uint8_t *out, size_t outlen) {
  uint64_t bits = c->total << 3;
  size_t n = c->buflen;
  c->buf[n++] = 0x80;
  if (n > TS_SHA256_BLOCK - 8) {
    memset(c->buf + n, 0, TS_SHA256_BLOCK - n);
    ts_sha256_blocks(c->h, c->buf, 1);
    n = 0;
  }
  memset(c->buf + n, 0, TS_SHA256_BLOCK - 8 - n);
  for (int i = 0; i < 8; i++) c->buf[TS_SHA256_BLOCK - 1 - i] = (uint8_t)(bits >> (8 * i));
  ts_sha256_blocks(c->h, c->buf, 1);
  uint8_t full[TS_SHA256_LEN];
  for (int i = 0; i < 8; i++) {
    full[4 * i] = (uint8_t)(c->h[i] >> 24);
    full[4 * i + 1] = (uint8_t)(c->h[i] >> 16);
    full[4 * i + 2] = (uint8_t)(c->h[i] >> 8);
    full[4 * i + 3] = (uint8_t)c->h[i];
  }
  memcpy(out, full, outlen);
  ts_wipe(full, sizeof full);
  ts_wipe(c, sizeof *c);
}

void ts_sha256(const void *data, size_t len, uint8_t out[TS_SHA256_LEN]) {
  ts_sha256_ctx c;
  ts_sha256_init(&c);
  ts_sha256_update(&c, data, len);
  ts_sha256_final(&c, out, TS_SHA256_LEN);
}
