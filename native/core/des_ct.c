/* DES (FIPS 46-3) and DES-EDE3, constant-time: S-box outputs are chosen with masks from rows
 * packed as 64-bit words (no table indexed by secret data), and the fixed permutations move
 * bits by public positions. Every function here is constant-time. */
#include <string.h>

#include "ct.h"
#include "des.h"

static const uint8_t IP[64] = {58, 50, 42, 34, 26, 18, 10, 2, 60, 52, 44, 36, 28, 20, 12, 4,
                               62, 54, 46, 38, 30, 22, 14, 6, 64, 56, 48, 40, 32, 24, 16, 8,
                               57, 49, 41, 33, 25, 17, 9,  1, 59, 51, 43, 35, 27, 19, 11, 3,
                               61, 53, 45, 37, 29, 21, 13, 5, 63, 55, 47, 39, 31, 23, 15, 7};
static const uint8_t P[32] = {16, 7, 20, 21, 29, 12, 28, 17, 1,  15, 23, 26, 5,  18, 31, 10,
                              2,  8, 24, 14, 32, 27, 3,  9,  19, 13, 30, 6,  22, 11, 4,  25};
static const uint8_t PC1[56] = {57, 49, 41, 33, 25, 17, 9,  1,  58, 50, 42, 34, 26, 18,
                                10, 2,  59, 51, 43, 35, 27, 19, 11, 3,  60, 52, 44, 36,
                                63, 55, 47, 39, 31, 23, 15, 7,  62, 54, 46, 38, 30, 22,
                                14, 6,  61, 53, 45, 37, 29, 21, 13, 5,  28, 20, 12, 4};
static const uint8_t PC2[48] = {14, 17, 11, 24, 1,  5,  3,  28, 15, 6,  21, 10,
                                23, 19, 12, 4,  26, 8,  16, 7,  27, 20, 13, 2,
                                41, 52, 31, 37, 47, 55, 30, 40, 51, 45, 33, 48,
                                44, 49, 39, 56, 34, 53, 46, 42, 50, 36, 29, 32};
static const uint8_t SHIFTS[16] = {1, 1, 2, 2, 2, 2, 2, 2, 1, 2, 2, 2, 2, 2, 2, 1};
static const uint8_t S[8][64] = {
    {14, 4,  13, 1, 2,  15, 11, 8,  3,  10, 6,  12, 5,  9,  0, 7,  0, 15, 7,  4,  14, 2,
     13, 1,  10, 6, 12, 11, 9,  5,  3,  8,  4,  1,  14, 8,  13, 6, 2, 11, 15, 12, 9,  7,
     3,  10, 5,  0, 15, 12, 8,  2,  4,  9,  1,  7,  5,  11, 3,  14, 10, 0, 6,  13},
    {15, 1,  8,  14, 6,  11, 3,  4,  9,  7, 2,  13, 12, 0, 5,  10, 3,  13, 4,  7, 15, 2,
     8,  14, 12, 0,  1,  10, 6,  9,  11, 5, 0,  14, 7,  11, 10, 4, 13, 1,  5,  8, 12, 6,
     9,  3,  2,  15, 13, 8,  10, 1,  3,  15, 4,  2,  11, 6,  7,  12, 0, 5,  14, 9},
    {10, 0,  9,  14, 6, 3,  15, 5,  1,  13, 12, 7,  11, 4,  2,  8,  13, 7,  0,  9,  3,  4,
     6,  10, 2,  8,  5, 14, 12, 11, 15, 1,  13, 6,  4,  9,  8,  15, 3,  0,  11, 1,  2,  12,
     5,  10, 14, 7,  1, 10, 13, 0,  6,  9,  8,  7,  4,  15, 14, 3,  11, 5,  2,  12},
    {7,  13, 14, 3,  0,  6,  9,  10, 1,  2,  8, 5,  11, 12, 4,  15, 13, 8,  11, 5,  6,  15,
     0,  3,  4,  7,  2,  12, 1,  10, 14, 9,  10, 6, 9,  0,  12, 11, 7,  13, 15, 1,  3,  14,
     5,  2,  8,  4,  3,  15, 0,  6,  10, 1,  13, 8, 9,  4,  5,  11, 12, 7,  2,  14},
    {2,  12, 4, 1,  7,  10, 11, 6,  8,  5,  3,  15, 13, 0,  14, 9,  14, 11, 2,  12, 4, 7,
     13, 1,  5, 0,  15, 10, 3,  9,  8,  6,  4,  2,  1,  11, 10, 13, 7,  8,  15, 9,  12, 5,
     6,  3,  0, 14, 11, 8,  12, 7,  1,  14, 2,  13, 6,  15, 0,  9,  10, 4,  5,  3},
    {12, 1,  10, 15, 9,  2,  6,  8,  0,  13, 3,  4,  14, 7,  5,  11, 10, 15, 4,  2,  7, 12,
     9,  5,  6,  1,  13, 14, 0,  11, 3,  8,  9,  14, 15, 5,  2,  8,  12, 3,  7,  0,  4, 10,
     1,  13, 11, 6,  4,  3,  2,  12, 9,  5,  15, 10, 11, 14, 1,  7,  6,  0,  8,  13},
    {4,  11, 2,  14, 15, 0,  8,  13, 3,  12, 9,  7,  5,  10, 6,  1,  13, 0,  11, 7,  4, 9,
     1,  10, 14, 3,  5,  12, 2,  15, 8,  6,  1,  4,  11, 13, 12, 3,  7,  14, 10, 15, 6, 8,
     0,  5,  9,  2,  6,  11, 13, 8,  1,  4,  10, 7,  9,  5,  0,  15, 14, 2,  3,  12},
    {13, 2, 8, 4, 6, 15, 11, 1, 10, 9, 3, 14, 5, 0, 12, 7,
     1, 15, 13, 8, 10, 3, 7, 4, 12, 5, 6, 11, 0, 14, 9, 2,
     7, 11, 4, 1, 9, 12, 14, 2, 0, 6, 10, 13, 15, 3, 5, 8,
     2, 1, 14, 7, 4, 10, 8, 13, 15, 12, 9, 0, 3, 5, 6, 11}};

/* Output bit i (from the most significant) of an outbits-wide result is input bit tbl[i]
 * (1-based from the most significant of an inbits-wide input). Positions are public. */
static inline __attribute__((always_inline)) uint64_t permute(uint64_t in, unsigned inbits,
                                                          const uint8_t *tbl, unsigned outbits) {
  uint64_t out = 0;
  for (unsigned i = 0; i < outbits; i++) out |= ((in >> (inbits - tbl[i])) & 1) << (outbits - 1 - i);
  return out;
}

static const uint8_t *fp_table(void) {
  static const uint8_t FP[64] = {40, 8, 48, 16, 56, 24, 64, 32, 39, 7, 47, 15, 55, 23, 63, 31,
                                 38, 6, 46, 14, 54, 22, 62, 30, 37, 5, 45, 13, 53, 21, 61, 29,
                                 36, 4, 44, 12, 52, 20, 60, 28, 35, 3, 43, 11, 51, 19, 59, 27,
                                 34, 2, 42, 10, 50, 18, 58, 26, 33, 1, 41, 9,  49, 17, 57, 25};
  return FP;
}

/* S-box j on a secret 6-bit input: the row is chosen by masks, the nibble by a mask
 * multiplexer on the column bits. This is constant-time. */
static inline uint32_t sbox(const ts_des3_key *k, int j, uint32_t x) {
  uint32_t row = ((x >> 4) & 2) | (x & 1), col = (x >> 1) & 15;
  uint64_t w = 0;
  for (uint32_t r = 0; r < 4; r++) w |= k->sbox[j][r] & ts_ct_mask64(ts_ct_eq32(row, r));
  uint64_t m;
  m = ts_ct_mask64((col >> 3) & 1);
  w = (w & ~m) | ((w >> 32) & m);
  m = ts_ct_mask64((col >> 2) & 1);
  w = (w & ~m) | ((w >> 16) & m);
  m = ts_ct_mask64((col >> 1) & 1);
  w = (w & ~m) | ((w >> 8) & m);
  m = ts_ct_mask64(col & 1);
  w = (w & ~m) | ((w >> 4) & m);
  return (uint32_t)(w & 15);
}

/* f(R, K) = P(S(E(R) ^ K)); E is read straight off R extended by one bit at each end. */
static uint32_t feistel(const ts_des3_key *k, uint32_t r, const uint8_t *sk) {
  uint64_t x = ((uint64_t)(r & 1) << 33) | ((uint64_t)r << 1) | (r >> 31);
  uint32_t s = 0;
  for (int j = 0; j < 8; j++) s = (s << 4) | sbox(k, j, (uint32_t)((x >> (28 - 4 * j)) & 63) ^ sk[j]);
  return (uint32_t)permute(s, 32, P, 32);
}

static uint64_t des_block(const ts_des3_key *k, int which, uint64_t b, int decrypt) {
  b = permute(b, 64, IP, 64);
  uint32_t l = (uint32_t)(b >> 32), r = (uint32_t)b;
  for (int i = 0; i < 16; i++) {
    uint32_t t = r;
    r = l ^ feistel(k, r, k->sk[which][decrypt ? 15 - i : i]);
    l = t;
  }
  return permute(((uint64_t)r << 32) | l, 64, fp_table(), 64);
}

static void des_schedule(uint8_t sk[16][8], const uint8_t key[8]) {
  uint64_t kv = 0;
  for (int i = 0; i < 8; i++) kv = (kv << 8) | key[i];
  uint64_t cd = permute(kv, 64, PC1, 56);
  uint32_t c = (uint32_t)(cd >> 28), d = (uint32_t)(cd & 0xFFFFFFF);
  for (int i = 0; i < 16; i++) {
    for (int s = 0; s < SHIFTS[i]; s++) {
      c = ((c << 1) | (c >> 27)) & 0xFFFFFFF;
      d = ((d << 1) | (d >> 27)) & 0xFFFFFFF;
    }
    uint64_t sub = permute(((uint64_t)c << 28) | d, 56, PC2, 48);
    for (int j = 0; j < 8; j++) sk[i][j] = (uint8_t)((sub >> (42 - 6 * j)) & 63);
  }
}

void ts_des3_init(ts_des3_key *k, const uint8_t key[24]) {
  for (int j = 0; j < 8; j++)
    for (int r = 0; r < 4; r++) {
      uint64_t w = 0;
      for (int c = 0; c < 16; c++) w |= (uint64_t)S[j][16 * r + c] << (4 * c);
      k->sbox[j][r] = w;
    }
  for (int i = 0; i < 3; i++) des_schedule(k->sk[i], key + 8 * i);
}

void ts_des3_wipe(ts_des3_key *k) { ts_wipe(k, sizeof *k); }

static uint64_t load64be(const uint8_t *p) {
  uint64_t v = 0;
  for (int i = 0; i < 8; i++) v = (v << 8) | p[i];
  return v;
}
static void store64be(uint8_t *p, uint64_t v) {
  for (int i = 0; i < 8; i++) p[i] = (uint8_t)(v >> (56 - 8 * i));
}

static uint64_t ede_enc(const ts_des3_key *k, uint64_t b) {
  return des_block(k, 2, des_block(k, 1, des_block(k, 0, b, 0), 1), 0);
}
static uint64_t ede_dec(const ts_des3_key *k, uint64_t b) {
  return des_block(k, 0, des_block(k, 1, des_block(k, 2, b, 1), 0), 1);
}

void ts_des3_encrypt_block(const ts_des3_key *k, const uint8_t in[8], uint8_t out[8]) {
  store64be(out, ede_enc(k, load64be(in)));
}
void ts_des3_decrypt_block(const ts_des3_key *k, const uint8_t in[8], uint8_t out[8]) {
  store64be(out, ede_dec(k, load64be(in)));
}

void ts_des3_cbc_encrypt(const ts_des3_key *k, uint8_t iv[8], const uint8_t *in, uint8_t *out,
                         size_t n) {
  uint64_t y = load64be(iv);
  for (; n; n--, in += 8, out += 8) {
    y = ede_enc(k, y ^ load64be(in));
    store64be(out, y);
  }
  store64be(iv, y);
}

void ts_des3_cbc_decrypt(const ts_des3_key *k, uint8_t iv[8], const uint8_t *in, uint8_t *out,
                         size_t n) {
  uint64_t prev = load64be(iv);
  for (; n; n--, in += 8, out += 8) {
    uint64_t c = load64be(in);
    store64be(out, ede_dec(k, c) ^ prev);
    prev = c;
  }
  store64be(iv, prev);
}
