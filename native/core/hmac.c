/* HMAC (RFC 2104, FIPS 198-1) over the hash interface: MD5, SHA-1 and SHA-2. */
#include <string.h>

#include "ct.h"
#include "hash.h"

int ts_hmac_init(ts_hmac_ctx *c, ts_hash_alg alg, const uint8_t *key, size_t keylen) {
  size_t block = ts_hash_block(alg);
  uint8_t k[TS_HASH_MAX_BLOCK], pad[TS_HASH_MAX_BLOCK];
  if (!block) return 0;
  memset(k, 0, sizeof k);
  if (keylen > block) {
    if (!ts_hash(alg, key, keylen, k)) return 0;
  } else if (keylen) {
    memcpy(k, key, keylen);
  }
  for (size_t i = 0; i < block; i++) pad[i] = k[i] ^ 0x36;
  if (!ts_hash_init(&c->inner, alg)) return 0;
  ts_hash_update(&c->inner, pad, block);
  for (size_t i = 0; i < block; i++) pad[i] = k[i] ^ 0x5c;
  ts_hash_init(&c->outer, alg);
  ts_hash_update(&c->outer, pad, block);
  ts_wipe(k, sizeof k);
  ts_wipe(pad, sizeof pad);
  return 1;
}

void ts_hmac_update(ts_hmac_ctx *c, const void *data, size_t len) {
  ts_hash_update(&c->inner, data, len);
}

void ts_hmac_final(ts_hmac_ctx *c, uint8_t *out) {
  uint8_t ih[TS_HASH_MAX_LEN];
  size_t n = ts_hash_len(c->inner.alg);
  ts_hash_final(&c->inner, ih);
  ts_hash_update(&c->outer, ih, n);
  ts_hash_final(&c->outer, out);
  ts_wipe(ih, sizeof ih);
}

int ts_hmac(ts_hash_alg alg, const uint8_t *key, size_t keylen, const void *data, size_t len,
            uint8_t *out) {
  ts_hmac_ctx c;
  if (!ts_hmac_init(&c, alg, key, keylen)) return 0;
  ts_hmac_update(&c, data, len);
  ts_hmac_final(&c, out);
  return 1;
}

int ts_hmac_verify(ts_hash_alg alg, const uint8_t *key, size_t keylen, const void *data,
                   size_t len, const uint8_t *tag, size_t taglen) {
  uint8_t mac[TS_HASH_MAX_LEN];
  if (!taglen || taglen > ts_hash_len(alg)) return 0;
  if (!ts_hmac(alg, key, keylen, data, len, mac)) return 0;
  uint32_t ok = ts_ct_memeq(mac, tag, taglen);
  ts_wipe(mac, sizeof mac);
  return (int)ok;
}
