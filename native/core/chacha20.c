/* Portable ChaCha20 (RFC 8439 §2.1-§2.4). Additions, rotations and XORs only: no branch or
 * memory index depends on the key, the nonce or the data. */
#include "chacha20.h"

#include "ct.h"

#define ROTL(x, n) (((x) << (n)) | ((x) >> (32 - (n))))
#define QR(a, b, c, d) \
  a += b;              \
  d ^= a;              \
  d = ROTL(d, 16);     \
  c += d;              \
  b ^= c;              \
  b = ROTL(b, 12);     \
  a += b;              \
  d ^= a;              \
  d = ROTL(d, 8);      \
  c += d;              \
  b ^= c;              \
  b = ROTL(b, 7)

static inline uint32_t load32le(const uint8_t *p) {
  return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static inline void store32le(uint8_t *p, uint32_t v) {
  p[0] = (uint8_t)v;
  p[1] = (uint8_t)(v >> 8);
  p[2] = (uint8_t)(v >> 16);
  p[3] = (uint8_t)(v >> 24);
}

void ts_chacha20_load_key(uint32_t key[8], const uint8_t k[TS_CHACHA20_KEY_LEN]) {
  for (int i = 0; i < 8; i++) key[i] = load32le(k + 4 * i);
}

void ts_chacha20_load_nonce(uint32_t nonce[3], const uint8_t n[TS_CHACHA20_NONCE_LEN]) {
  for (int i = 0; i < 3; i++) nonce[i] = load32le(n + 4 * i);
}

/* The 20-round block function (§2.3): x = state after 10 double rounds, plus the state. */
static void chacha20_core(uint32_t x[16], const uint32_t key[8], uint32_t counter, const uint32_t nonce[3]) {
  /* "expand 32-byte k" */
  uint32_t s[16] = {0x61707865, 0x3320646e, 0x79622d32, 0x6b206574, key[0], key[1],  key[2],  key[3],
                    key[4],     key[5],     key[6],     key[7],     counter, nonce[0], nonce[1], nonce[2]};
  uint32_t x0 = s[0], x1 = s[1], x2 = s[2], x3 = s[3], x4 = s[4], x5 = s[5], x6 = s[6], x7 = s[7];
  uint32_t x8 = s[8], x9 = s[9], x10 = s[10], x11 = s[11], x12 = s[12], x13 = s[13], x14 = s[14], x15 = s[15];
  for (int i = 0; i < 10; i++) {
    QR(x0, x4, x8, x12);
    QR(x1, x5, x9, x13);
    QR(x2, x6, x10, x14);
    QR(x3, x7, x11, x15);
    QR(x0, x5, x10, x15);
    QR(x1, x6, x11, x12);
    QR(x2, x7, x8, x13);
    QR(x3, x4, x9, x14);
  }
  x[0] = x0 + s[0];
  x[1] = x1 + s[1];
  x[2] = x2 + s[2];
  x[3] = x3 + s[3];
  x[4] = x4 + s[4];
  x[5] = x5 + s[5];
  x[6] = x6 + s[6];
  x[7] = x7 + s[7];
  x[8] = x8 + s[8];
  x[9] = x9 + s[9];
  x[10] = x10 + s[10];
  x[11] = x11 + s[11];
  x[12] = x12 + s[12];
  x[13] = x13 + s[13];
  x[14] = x14 + s[14];
  x[15] = x15 + s[15];
}

void ts_chacha20_block(uint8_t out[TS_CHACHA20_BLOCK], const uint32_t key[8], uint32_t counter,
                       const uint32_t nonce[3]) {
  uint32_t x[16];
  chacha20_core(x, key, counter, nonce);
  for (int i = 0; i < 16; i++) store32le(out + 4 * i, x[i]);
  ts_chacha_wipe(x, sizeof x);
}

void ts_chacha20_xor_generic(uint8_t *out, const uint8_t *in, size_t len, const uint32_t key[8],
                             uint32_t counter, const uint32_t nonce[3]) {
  uint32_t x[16];
  while (len >= TS_CHACHA20_BLOCK) {
    chacha20_core(x, key, counter++, nonce);
    for (int i = 0; i < 16; i++) store32le(out + 4 * i, load32le(in + 4 * i) ^ x[i]);
    in += TS_CHACHA20_BLOCK;
    out += TS_CHACHA20_BLOCK;
    len -= TS_CHACHA20_BLOCK;
  }
  if (len) {
    uint8_t ks[TS_CHACHA20_BLOCK];
    chacha20_core(x, key, counter, nonce);
    for (int i = 0; i < 16; i++) store32le(ks + 4 * i, x[i]);
    for (size_t i = 0; i < len; i++) out[i] = in[i] ^ ks[i];
    ts_chacha_wipe(ks, sizeof ks);
  }
  ts_chacha_wipe(x, sizeof x);
}

void ts_chacha20(uint8_t *out, const uint8_t *in, size_t len, const uint8_t key[TS_CHACHA20_KEY_LEN],
                 uint32_t counter, const uint8_t nonce[TS_CHACHA20_NONCE_LEN]) {
  uint32_t k[8], n[3];
  ts_chacha20_load_key(k, key);
  ts_chacha20_load_nonce(n, nonce);
  ts_chacha20_xor(out, in, len, k, counter, n);
  ts_chacha_wipe(k, sizeof k);
}
