/* AES with the ARMv8 Cryptography Extensions (AESE/AESMC, AESD/AESIMC). Eight independent
 * blocks in flight for ECB, CTR and CBC decryption. The instructions take data-independent
 * time: every function here is constant-time. The key schedule is the shared portable one. */
#include <arm_neon.h>
#include <string.h>

#include "aes.h"

static inline uint8x16_t enc1(const uint8_t *rk, unsigned nr, uint8x16_t b) {
  for (unsigned r = 0; r + 1 < nr; r++) b = vaesmcq_u8(vaeseq_u8(b, vld1q_u8(rk + 16 * r)));
  b = vaeseq_u8(b, vld1q_u8(rk + 16 * (nr - 1)));
  return veorq_u8(b, vld1q_u8(rk + 16 * nr));
}

static inline void enc8(const uint8_t *rk, unsigned nr, uint8x16_t *b) {
  for (unsigned r = 0; r + 1 < nr; r++) {
    uint8x16_t k = vld1q_u8(rk + 16 * r);
    for (int i = 0; i < 8; i++) b[i] = vaesmcq_u8(vaeseq_u8(b[i], k));
  }
  uint8x16_t k = vld1q_u8(rk + 16 * (nr - 1)), last = vld1q_u8(rk + 16 * nr);
  for (int i = 0; i < 8; i++) b[i] = veorq_u8(vaeseq_u8(b[i], k), last);
}

static inline uint8x16_t dec1(const uint8_t *dk, unsigned nr, uint8x16_t b) {
  for (unsigned r = 0; r + 1 < nr; r++) b = vaesimcq_u8(vaesdq_u8(b, vld1q_u8(dk + 16 * r)));
  b = vaesdq_u8(b, vld1q_u8(dk + 16 * (nr - 1)));
  return veorq_u8(b, vld1q_u8(dk + 16 * nr));
}

static inline void dec8(const uint8_t *dk, unsigned nr, uint8x16_t *b) {
  for (unsigned r = 0; r + 1 < nr; r++) {
    uint8x16_t k = vld1q_u8(dk + 16 * r);
    for (int i = 0; i < 8; i++) b[i] = vaesimcq_u8(vaesdq_u8(b[i], k));
  }
  uint8x16_t k = vld1q_u8(dk + 16 * (nr - 1)), last = vld1q_u8(dk + 16 * nr);
  for (int i = 0; i < 8; i++) b[i] = veorq_u8(vaesdq_u8(b[i], k), last);
}

static void a8_encrypt(const ts_aes_key *k, const uint8_t *in, uint8_t *out, size_t n) {
  while (n >= 8) {
    uint8x16_t b[8];
    for (int i = 0; i < 8; i++) b[i] = vld1q_u8(in + 16 * i);
    enc8(k->rk, k->rounds, b);
    for (int i = 0; i < 8; i++) vst1q_u8(out + 16 * i, b[i]);
    in += 128;
    out += 128;
    n -= 8;
  }
  for (; n; n--, in += 16, out += 16) vst1q_u8(out, enc1(k->rk, k->rounds, vld1q_u8(in)));
}

static void a8_decrypt(const ts_aes_key *k, const uint8_t *in, uint8_t *out, size_t n) {
  while (n >= 8) {
    uint8x16_t b[8];
    for (int i = 0; i < 8; i++) b[i] = vld1q_u8(in + 16 * i);
    dec8(k->dk, k->rounds, b);
    for (int i = 0; i < 8; i++) vst1q_u8(out + 16 * i, b[i]);
    in += 128;
    out += 128;
    n -= 8;
  }
  for (; n; n--, in += 16, out += 16) vst1q_u8(out, dec1(k->dk, k->rounds, vld1q_u8(in)));
}

/* The counter block base with its last four bytes replaced by c, big-endian. */
static inline uint8x16_t ctr_block(uint32x4_t base, uint32_t c) {
  return vreinterpretq_u8_u32(vsetq_lane_u32(__builtin_bswap32(c), base, 3));
}

static void a8_ctr32(const ts_aes_key *k, uint8_t ctr[16], const uint8_t *in, uint8_t *out,
                     size_t n) {
  uint32x4_t base = vreinterpretq_u32_u8(vld1q_u8(ctr));
  uint32_t c = (uint32_t)ctr[12] << 24 | (uint32_t)ctr[13] << 16 | (uint32_t)ctr[14] << 8 | ctr[15];
  while (n) {
    /* Whole groups of eight; the tail through a keystream buffer indexed by block, so no loop
     * exit depends on the counter value. */
    uint8x16_t b[8];
    for (int i = 0; i < 8; i++) b[i] = ctr_block(base, c + (uint32_t)i);
    enc8(k->rk, k->rounds, b);
    if (n >= 8) {
      for (int i = 0; i < 8; i++) vst1q_u8(out + 16 * i, veorq_u8(b[i], vld1q_u8(in + 16 * i)));
      c += 8;
      in += 128;
      out += 128;
      n -= 8;
    } else {
      uint8_t ks[128];
      for (int i = 0; i < 8; i++) vst1q_u8(ks + 16 * i, b[i]);
      for (size_t i = 0; i < 16 * n; i++) out[i] = in[i] ^ ks[i];
      ts_aes_zero(ks, sizeof ks);
      c += (uint32_t)n;
      n = 0;
    }
  }
  vst1q_u8(ctr, ctr_block(base, c));
}

static void a8_cbc_encrypt(const ts_aes_key *k, uint8_t iv[16], const uint8_t *in, uint8_t *out,
                           size_t n) {
  uint8x16_t y = vld1q_u8(iv);
  for (; n; n--, in += 16, out += 16) {
    y = enc1(k->rk, k->rounds, veorq_u8(y, vld1q_u8(in)));
    vst1q_u8(out, y);
  }
  vst1q_u8(iv, y);
}

static void a8_cbc_decrypt(const ts_aes_key *k, uint8_t iv[16], const uint8_t *in, uint8_t *out,
                           size_t n) {
  uint8x16_t prev = vld1q_u8(iv);
  while (n >= 8) {
    uint8x16_t b[8], c[8];
    for (int i = 0; i < 8; i++) b[i] = c[i] = vld1q_u8(in + 16 * i);
    dec8(k->dk, k->rounds, b);
    vst1q_u8(out, veorq_u8(b[0], prev));
    for (int i = 1; i < 8; i++) vst1q_u8(out + 16 * i, veorq_u8(b[i], c[i - 1]));
    prev = c[7];
    in += 128;
    out += 128;
    n -= 8;
  }
  for (; n; n--, in += 16, out += 16) {
    uint8x16_t c = vld1q_u8(in);
    vst1q_u8(out, veorq_u8(dec1(k->dk, k->rounds, c), prev));
    prev = c;
  }
  vst1q_u8(iv, prev);
}

static void a8_cbcmac(const ts_aes_key *k, uint8_t y8[16], const uint8_t *in, size_t n) {
  uint8x16_t y = vld1q_u8(y8);
  for (; n; n--, in += 16) y = enc1(k->rk, k->rounds, veorq_u8(y, vld1q_u8(in)));
  vst1q_u8(y8, y);
}

/* SubWord through AESE with a zero key: with the word in all four columns ShiftRows changes
 * nothing, so column 0 of the result is SubBytes of the word. */
static void a8_sub_word(uint8_t w[4]) {
  uint32_t v;
  memcpy(&v, w, 4);
  uint8x16_t x = vaeseq_u8(vreinterpretq_u8_u32(vdupq_n_u32(v)), vdupq_n_u8(0));
  v = vgetq_lane_u32(vreinterpretq_u32_u8(x), 0);
  memcpy(w, &v, 4);
}

const ts_aes_impl ts_aes_armv8 = {"armv8-aes", 0, a8_encrypt, a8_decrypt, a8_ctr32,
                                  a8_cbc_encrypt, a8_cbc_decrypt, a8_cbcmac, a8_sub_word};
