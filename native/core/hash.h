/* One interface over every hash, and HMAC (RFC 2104) over it. Contexts are plain structs:
 * copy one to fork the hash state (TLS transcript hashes are read mid-stream). */
#ifndef TS_HASH_H
#define TS_HASH_H

#include <stddef.h>
#include <stdint.h>

#include "md5.h"
#include "sha1.h"
#include "sha256.h"
#include "sha512.h"

typedef enum {
  TS_HASH_NONE = 0,
  TS_HASH_MD5 = 1,
  TS_HASH_SHA1 = 2,
  TS_HASH_SHA224 = 3,
  TS_HASH_SHA256 = 4,
  TS_HASH_SHA384 = 5,
  TS_HASH_SHA512 = 6
} ts_hash_alg;

#define TS_HASH_MAX_LEN 64
#define TS_HASH_MAX_BLOCK 128

typedef struct {
  ts_hash_alg alg;
  union {
    ts_sha256_ctx sha256;
    ts_sha512_ctx sha512;
    ts_md5_ctx md5;
    ts_sha1_ctx sha1;
  } u;
} ts_hash_ctx;

/* Output and block sizes; 0 for an unknown algorithm. */
size_t ts_hash_len(ts_hash_alg alg);
size_t ts_hash_block(ts_hash_alg alg);

/* Returns 1, or 0 when the algorithm is not available. */
int ts_hash_init(ts_hash_ctx *c, ts_hash_alg alg);
void ts_hash_update(ts_hash_ctx *c, const void *data, size_t len);
/* Writes ts_hash_len(alg) bytes and wipes the context. */
void ts_hash_final(ts_hash_ctx *c, uint8_t *out);
int ts_hash(ts_hash_alg alg, const void *data, size_t len, uint8_t *out);

typedef struct {
  ts_hash_ctx inner, outer;
} ts_hmac_ctx;

/* Returns 1, or 0 for an unknown algorithm. Keys longer than a block are hashed first. */
int ts_hmac_init(ts_hmac_ctx *c, ts_hash_alg alg, const uint8_t *key, size_t keylen);
void ts_hmac_update(ts_hmac_ctx *c, const void *data, size_t len);
/* Writes ts_hash_len(alg) bytes and wipes the context. */
void ts_hmac_final(ts_hmac_ctx *c, uint8_t *out);
int ts_hmac(ts_hash_alg alg, const uint8_t *key, size_t keylen, const void *data, size_t len,
            uint8_t *out);
/* 1 if tag equals the first taglen bytes of HMAC(key, data), else 0 (also 0 for an unknown
 * algorithm, taglen 0 or taglen > ts_hash_len(alg)). The comparison reads every byte whatever
 * the contents (ts_ct_memeq): a MAC check must not tell how many leading bytes matched.
 * This is constant-time. */
int ts_hmac_verify(ts_hash_alg alg, const uint8_t *key, size_t keylen, const void *data,
                   size_t len, const uint8_t *tag, size_t taglen);

#endif
