/* Portable Poly1305 (RFC 8439 §2.5) on 64-bit limbs. Multiplications are full-width (mul /
 * umulh), carries are shifts and masks, the final reduction is a masked select: no branch or
 * index depends on the key, the message or the accumulator. */
#include "poly1305.h"

#include "chacha20.h" /* ts_chacha_wipe */
#include "ct.h"

typedef unsigned __int128 u128;

static inline uint64_t load64le(const uint8_t *p) {
  return (uint64_t)p[0] | (uint64_t)p[1] << 8 | (uint64_t)p[2] << 16 | (uint64_t)p[3] << 24 |
         (uint64_t)p[4] << 32 | (uint64_t)p[5] << 40 | (uint64_t)p[6] << 48 | (uint64_t)p[7] << 56;
}

static inline void store64le(uint8_t *p, uint64_t v) {
  for (int i = 0; i < 8; i++) p[i] = (uint8_t)(v >> (8 * i));
}

void ts_poly1305_init(ts_poly1305_ctx *c, const uint8_t key[TS_POLY1305_KEY_LEN]) {
  /* §2.5.1 clamp: r &= 0x0ffffffc0ffffffc0ffffffc0fffffff */
  c->r0 = load64le(key) & 0x0ffffffc0fffffffULL;
  c->r1 = load64le(key + 8) & 0x0ffffffc0ffffffcULL;
  c->s1 = c->r1 + (c->r1 >> 2);
  c->h0 = c->h1 = c->h2 = 0;
  c->pad0 = load64le(key + 16);
  c->pad1 = load64le(key + 24);
  c->buflen = 0;
  c->rpow_ready = 0;
}

/* h = (h + m + hibit * 2^128) * r, partially reduced (h < 2^130 + small). With r1 a multiple
 * of 4, h1 * r1 * 2^128 = h1 * (r1 / 4) * 2^130 = h1 * s1 (mod p), and likewise for h2. */
static inline void block(ts_poly1305_ctx *c, const uint8_t *p, uint64_t hibit) {
  uint64_t r0 = c->r0, r1 = c->r1, s1 = c->s1;
  u128 t = (u128)c->h0 + load64le(p);
  uint64_t h0 = (uint64_t)t;
  t = (u128)c->h1 + load64le(p + 8) + (uint64_t)(t >> 64);
  uint64_t h1 = (uint64_t)t;
  uint64_t h2 = c->h2 + (uint64_t)(t >> 64) + hibit;

  u128 d0 = (u128)h0 * r0 + (u128)h1 * s1;
  u128 d1 = (u128)h0 * r1 + (u128)h1 * r0 + (u128)h2 * s1 + (uint64_t)(d0 >> 64);
  uint64_t d2 = h2 * r0 + (uint64_t)(d1 >> 64);
  h0 = (uint64_t)d0;
  h1 = (uint64_t)d1;
  /* Fold bits 130 and up: (d2 >> 2) * 2^130 = (d2 >> 2) * 5. */
  uint64_t carry = (d2 >> 2) + (d2 & ~(uint64_t)3);
  h2 = d2 & 3;
  t = (u128)h0 + carry;
  c->h0 = (uint64_t)t;
  t = (u128)h1 + (uint64_t)(t >> 64);
  c->h1 = (uint64_t)t;
  c->h2 = h2 + (uint64_t)(t >> 64);
}

void ts_poly1305_block_generic(ts_poly1305_ctx *c, const uint8_t p[16], uint64_t hibit) { block(c, p, hibit); }

void ts_poly1305_blocks_generic(ts_poly1305_ctx *c, const uint8_t *p, size_t nblocks) {
  while (nblocks--) {
    block(c, p, 1);
    p += TS_POLY1305_BLOCK;
  }
}

void ts_poly1305_update(ts_poly1305_ctx *c, const uint8_t *p, size_t len) {
  if (c->buflen) {
    size_t n = TS_POLY1305_BLOCK - c->buflen;
    if (n > len) n = len;
    for (size_t i = 0; i < n; i++) c->buf[c->buflen + i] = p[i];
    c->buflen += n;
    p += n;
    len -= n;
    if (c->buflen < TS_POLY1305_BLOCK) return;
    block(c, c->buf, 1);
    c->buflen = 0;
  }
  if (len >= TS_POLY1305_BLOCK) {
    size_t nb = len / TS_POLY1305_BLOCK;
    ts_poly1305_blocks(c, p, nb);
    p += nb * TS_POLY1305_BLOCK;
    len -= nb * TS_POLY1305_BLOCK;
  }
  for (size_t i = 0; i < len; i++) c->buf[i] = p[i];
  c->buflen = len;
}

void ts_poly1305_update_padded(ts_poly1305_ctx *c, const uint8_t *p, size_t len) {
  size_t nb = len / TS_POLY1305_BLOCK;
  if (nb) ts_poly1305_blocks(c, p, nb);
  size_t rest = len - nb * TS_POLY1305_BLOCK;
  if (rest) {
    uint8_t last[TS_POLY1305_BLOCK] = {0};
    for (size_t i = 0; i < rest; i++) last[i] = p[nb * TS_POLY1305_BLOCK + i];
    block(c, last, 1);
    ts_chacha_wipe(last, sizeof last);
  }
}

void ts_poly1305_final(ts_poly1305_ctx *c, uint8_t tag[TS_POLY1305_TAG_LEN]) {
  if (c->buflen) {
    /* §2.5.1: a short last block gets a 0x01 byte after it and no 2^128 bit. */
    uint8_t last[TS_POLY1305_BLOCK] = {0};
    for (size_t i = 0; i < c->buflen; i++) last[i] = c->buf[i];
    last[c->buflen] = 1;
    block(c, last, 0);
    ts_chacha_wipe(last, sizeof last);
  }
  /* Full reduction: h < 2p here, so h mod p is h - p when h + 5 reaches 2^130. */
  uint64_t h0 = c->h0, h1 = c->h1, h2 = c->h2;
  u128 t = (u128)h0 + 5;
  uint64_t g0 = (uint64_t)t;
  t = (u128)h1 + (uint64_t)(t >> 64);
  uint64_t g1 = (uint64_t)t;
  uint64_t g2 = h2 + (uint64_t)(t >> 64);
  uint64_t use_g = ts_ct_mask64(g2 >> 2);
  h0 = (h0 & ~use_g) | (g0 & use_g);
  h1 = (h1 & ~use_g) | (g1 & use_g);
  /* tag = (h + s) mod 2^128 */
  t = (u128)h0 + c->pad0;
  h0 = (uint64_t)t;
  h1 = h1 + c->pad1 + (uint64_t)(t >> 64);
  store64le(tag, h0);
  store64le(tag + 8, h1);
  ts_chacha_wipe(c, sizeof *c);
}

void ts_poly1305(uint8_t tag[TS_POLY1305_TAG_LEN], const uint8_t key[TS_POLY1305_KEY_LEN], const uint8_t *p,
                 size_t len) {
  ts_poly1305_ctx c;
  ts_poly1305_init(&c, key);
  ts_poly1305_update(&c, p, len);
  ts_poly1305_final(&c, tag);
}
