/* PBKDF2 (RFC 8018 §5.2) with HMAC over any hash.
 *
 * U_j = HMAC(P, U_{j-1}) is two compressions of one block each: the inner hash continues from
 * the state after (K ^ ipad), the outer from the state after (K ^ opad), and both blocks hold a
 * HashLen message whose padding never changes. So the two keyed states are computed once, the
 * two padded blocks are built once, and each iteration only copies a state, compresses, and
 * writes the digest into the next block: no buffering, no per-iteration wiping. */
#include <string.h>

#include "ct.h"
#include "kdf.h"

/* The keyed chaining state of one hash context, as 32- or 64-bit words. */
typedef union {
  uint32_t w32[8];
  uint64_t w64[8];
} chain;

static void get_chain(const ts_hash_ctx *c, chain *s) {
  switch (c->alg) {
    case TS_HASH_MD5: memcpy(s->w32, c->u.md5.h, sizeof c->u.md5.h); break;
    case TS_HASH_SHA1: memcpy(s->w32, c->u.sha1.h, sizeof c->u.sha1.h); break;
    case TS_HASH_SHA224:
    case TS_HASH_SHA256: memcpy(s->w32, c->u.sha256.h, sizeof c->u.sha256.h); break;
    default: memcpy(s->w64, c->u.sha512.h, sizeof c->u.sha512.h); break;
  }
}

/* One compression of blk into s, then the first hlen bytes of the digest into out. */
static void compress_out(ts_hash_alg alg, chain *s, const uint8_t *blk, uint8_t *out, size_t hlen) {
  switch (alg) {
    case TS_HASH_MD5:
      ts_md5_blocks_generic(s->w32, blk, 1);
      for (size_t i = 0; i < hlen; i++) out[i] = (uint8_t)(s->w32[i / 4] >> (8 * (i % 4)));
      break;
    case TS_HASH_SHA1:
    case TS_HASH_SHA224:
    case TS_HASH_SHA256:
      if (alg == TS_HASH_SHA1)
        ts_sha1_blocks(s->w32, blk, 1);
      else
        ts_sha256_blocks(s->w32, blk, 1);
      for (size_t i = 0; i < hlen; i++) out[i] = (uint8_t)(s->w32[i / 4] >> (24 - 8 * (i % 4)));
      break;
    default:
      ts_sha512_blocks(s->w64, blk, 1);
      for (size_t i = 0; i < hlen; i++) out[i] = (uint8_t)(s->w64[i / 8] >> (56 - 8 * (i % 8)));
      break;
  }
}

/* A block holding an hlen-byte message after one block already hashed: 0x80, zeros, and the
 * bit length (block + hlen) * 8, little-endian for MD5, big-endian otherwise. */
static void pad_block(ts_hash_alg alg, uint8_t *blk, size_t block, size_t hlen) {
  uint64_t bits = (uint64_t)(block + hlen) * 8;
  memset(blk + hlen, 0, block - hlen);
  blk[hlen] = 0x80;
  for (int i = 0; i < 8; i++) {
    if (alg == TS_HASH_MD5)
      blk[block - 8 + i] = (uint8_t)(bits >> (8 * i));
    else
      blk[block - 1 - i] = (uint8_t)(bits >> (8 * i));
  }
}

int ts_pbkdf2(ts_hash_alg alg, const uint8_t *password, size_t passwordlen, const uint8_t *salt,
              size_t saltlen, uint32_t iterations, uint8_t *out, size_t len) {
  size_t hlen = ts_hash_len(alg), block = ts_hash_block(alg);
  ts_hmac_ctx key, c;
  chain istate, ostate, s;
  uint8_t u[TS_HASH_MAX_BLOCK], ih[TS_HASH_MAX_BLOCK], t[TS_HASH_MAX_LEN];
  if (!hlen || !iterations || (uint64_t)len > (uint64_t)0xffffffffu * hlen) return 0;
  if (!ts_hmac_init(&key, alg, password, passwordlen)) return 0;
  get_chain(&key.inner, &istate);
  get_chain(&key.outer, &ostate);
  pad_block(alg, u, block, hlen);  /* u[0..hlen) holds U_j, the inner message */
  pad_block(alg, ih, block, hlen); /* ih[0..hlen) holds the inner digest, the outer message */
  size_t done = 0;
  for (uint32_t i = 1; done < len; i++) {
    /* U_1 = PRF(P, S || INT(i)) through the general HMAC. */
    uint8_t be[4] = {(uint8_t)(i >> 24), (uint8_t)(i >> 16), (uint8_t)(i >> 8), (uint8_t)i};
    c = key;
    ts_hmac_update(&c, salt, saltlen);
    ts_hmac_update(&c, be, 4);
    ts_hmac_final(&c, u);
    memcpy(t, u, hlen);
    for (uint32_t j = 1; j < iterations; j++) {
      s = istate;
      compress_out(alg, &s, u, ih, hlen);
      s = ostate;
      compress_out(alg, &s, ih, u, hlen);
      for (size_t k = 0; k < hlen; k++) t[k] ^= u[k];
    }
    size_t n = len - done < hlen ? len - done : hlen;
    memcpy(out + done, t, n);
    done += n;
  }
  ts_wipe(&key, sizeof key);
  ts_wipe(&istate, sizeof istate);
  ts_wipe(&ostate, sizeof ostate);
  ts_wipe(&s, sizeof s);
  ts_wipe(u, sizeof u);
  ts_wipe(ih, sizeof ih);
  ts_wipe(t, sizeof t);
  return 1;
}
