/* The hash interface: a switch over the algorithm, nothing more. */
#include "hash.h"

#include <string.h>

#include "ct.h"

size_t ts_hash_len(ts_hash_alg alg) {
  switch (alg) {
    case TS_HASH_MD5: return 16;
    case TS_HASH_SHA1: return 20;
    case TS_HASH_SHA224: return 28;
    case TS_HASH_SHA256: return 32;
    case TS_HASH_SHA384: return 48;
    case TS_HASH_SHA512: return 64;
    default: return 0;
  }
}

size_t ts_hash_block(ts_hash_alg alg) {
  switch (alg) {
    case TS_HASH_MD5:
    case TS_HASH_SHA1:
    case TS_HASH_SHA224:
    case TS_HASH_SHA256: return 64;
    case TS_HASH_SHA384:
    case TS_HASH_SHA512: return 128;
    default: return 0;
  }
}

int ts_hash_init(ts_hash_ctx *c, ts_hash_alg alg) {
  c->alg = alg;
  switch (alg) {
    case TS_HASH_MD5: ts_md5_init(&c->u.md5); return 1;
    case TS_HASH_SHA1: ts_sha1_init(&c->u.sha1); return 1;
    case TS_HASH_SHA224: ts_sha224_init(&c->u.sha256); return 1;
    case TS_HASH_SHA256: ts_sha256_init(&c->u.sha256); return 1;
    case TS_HASH_SHA384: ts_sha384_init(&c->u.sha512); return 1;
    case TS_HASH_SHA512: ts_sha512_init(&c->u.sha512); return 1;
    default: c->alg = TS_HASH_NONE; return 0;
  }
}

void ts_hash_update(ts_hash_ctx *c, const void *data, size_t len) {
  if (!len) return; /* data may be NULL then; memcpy must not see it */
  switch (c->alg) {
    case TS_HASH_MD5: ts_md5_update(&c->u.md5, data, len); break;
    case TS_HASH_SHA1: ts_sha1_update(&c->u.sha1, data, len); break;
    case TS_HASH_SHA224:
    case TS_HASH_SHA256: ts_sha256_update(&c->u.sha256, data, len); break;
    case TS_HASH_SHA384:
    case TS_HASH_SHA512: ts_sha512_update(&c->u.sha512, data, len); break;
    default: break;
  }
}

void ts_hash_final(ts_hash_ctx *c, uint8_t *out) {
  size_t n = ts_hash_len(c->alg);
  switch (c->alg) {
    case TS_HASH_MD5: ts_md5_final(&c->u.md5, out); break;
    case TS_HASH_SHA1: ts_sha1_final(&c->u.sha1, out); break;
    case TS_HASH_SHA224:
    case TS_HASH_SHA256: ts_sha256_final(&c->u.sha256, out, n); break;
    case TS_HASH_SHA384:
    case TS_HASH_SHA512: ts_sha512_final(&c->u.sha512, out, n); break;
    default: break;
  }
  ts_wipe(c, sizeof *c);
}

int ts_hash(ts_hash_alg alg, const void *data, size_t len, uint8_t *out) {
  ts_hash_ctx c;
  if (!ts_hash_init(&c, alg)) return 0;
  ts_hash_update(&c, data, len);
  ts_hash_final(&c, out);
  return 1;
}
