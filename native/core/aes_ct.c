/* Portable constant-time AES: 64-bit bitslicing, four blocks at a time.
 *
 * Layout: eight 64-bit words q[0..7]; bit (16*blk + i) of q[b] is bit b of byte i of block
 * blk (i = row + 4*column, the FIPS 197 state order). SubBytes is the Boyar-Peralta
 * depth-16 circuit (113 gates) evaluated on whole words, ShiftRows and MixColumns are fixed
 * shifts and masks within each 16-bit lane. No table is ever indexed, no branch depends on
 * data: every function here is constant-time. The key schedule, shared by every
 * implementation, uses the same circuit for SubWord. */
#include <string.h>

#include "aes.h"
#include "ct.h"

/* ---- Bitsliced S-box --------------------------------------------------------------------- */

/* The AES S-box on eight bit-planes (q[7] is the most significant bit). This is constant-time. */
static void sbox(uint64_t *q) {
  uint64_t U0 = q[7], U1 = q[6], U2 = q[5], U3 = q[4], U4 = q[3], U5 = q[2], U6 = q[1], U7 = q[0];
  uint64_t T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11, T12, T13, T14, T15, T16, T17, T18, T19,
      T20, T21, T22, T23, T24, T25, T26, T27;
  uint64_t M1, M2, M3, M4, M5, M6, M7, M8, M9, M10, M11, M12, M13, M14, M15, M16, M17, M18, M19,
      M20, M21, M22, M23, M24, M25, M26, M27, M28, M29, M30, M31, M32, M33, M34, M35, M36, M37,
      M38, M39, M40, M41, M42, M43, M44, M45, M46, M47, M48, M49, M50, M51, M52, M53, M54, M55,
      M56, M57, M58, M59, M60, M61, M62, M63;
  uint64_t L0, L1, L2, L3, L4, L5, L6, L7, L8, L9, L10, L11, L12, L13, L14, L15, L16, L17, L18,
      L19, L20, L21, L22, L23, L24, L25, L26, L27, L28, L29;

  /* Top linear transformation. */
  T1 = U0 ^ U3;
  T2 = U0 ^ U5;
  T3 = U0 ^ U6;
  T4 = U3 ^ U5;
  T5 = U4 ^ U6;
  T6 = T1 ^ T5;
  T7 = U1 ^ U2;
  T8 = U7 ^ T6;
  T9 = U7 ^ T7;
  T10 = T6 ^ T7;
  T11 = U1 ^ U5;
  T12 = U2 ^ U5;
  T13 = T3 ^ T4;
  T14 = T6 ^ T11;
  T15 = T5 ^ T11;
  T16 = T5 ^ T12;
  T17 = T9 ^ T16;
  T18 = U3 ^ U7;
  T19 = T7 ^ T18;
  T20 = T1 ^ T19;
  T21 = U6 ^ U7;
  T22 = T7 ^ T21;
  T23 = T2 ^ T22;
  T24 = T2 ^ T10;
  T25 = T20 ^ T17;
  T26 = T3 ^ T16;
  T27 = T1 ^ T12;

  /* Shared non-linear middle (inversion in GF(2^8) via GF(2^4)). */
  M1 = T13 & T6;
  M2 = T23 & T8;
  M3 = T14 ^ M1;
  M4 = T19 & U7;
  M5 = M4 ^ M1;
  M6 = T3 & T16;
  M7 = T22 & T9;
  M8 = T26 ^ M6;
  M9 = T20 & T17;
  M10 = M9 ^ M6;
  M11 = T1 & T15;
  M12 = T4 & T27;
  M13 = M12 ^ M11;
  M14 = T2 & T10;
  M15 = M14 ^ M11;
  M16 = M3 ^ M2;
  M17 = M5 ^ T24;
  M18 = M8 ^ M7;
  M19 = M10 ^ M15;
  M20 = M16 ^ M13;
  M21 = M17 ^ M15;
  M22 = M18 ^ M13;
  M23 = M19 ^ T25;
  M24 = M22 ^ M23;
  M25 = M22 & M20;
  M26 = M21 ^ M25;
  M27 = M20 ^ M21;
  M28 = M23 ^ M25;
  M29 = M28 & M27;
  M30 = M26 & M24;
  M31 = M20 & M23;
  M32 = M27 & M31;
  M33 = M27 ^ M25;
  M34 = M21 & M22;
  M35 = M24 & M34;
  M36 = M24 ^ M25;
  M37 = M21 ^ M29;
  M38 = M32 ^ M33;
  M39 = M23 ^ M30;
  M40 = M35 ^ M36;
  M41 = M38 ^ M40;
  M42 = M37 ^ M39;
  M43 = M37 ^ M38;
  M44 = M39 ^ M40;
  M45 = M42 ^ M41;
  M46 = M44 & T6;
  M47 = M40 & T8;
  M48 = M39 & U7;
  M49 = M43 & T16;
  M50 = M38 & T9;
  M51 = M37 & T17;
  M52 = M42 & T15;
  M53 = M45 & T27;
  M54 = M41 & T10;
  M55 = M44 & T13;
  M56 = M40 & T23;
  M57 = M39 & T19;
  M58 = M43 & T3;
  M59 = M38 & T22;
  M60 = M37 & T20;
  M61 = M42 & T1;
  M62 = M45 & T4;
  M63 = M41 & T2;

  /* Bottom linear transformation (with the affine constant as complements). */
  L0 = M61 ^ M62;
  L1 = M50 ^ M56;
  L2 = M46 ^ M48;
  L3 = M47 ^ M55;
  L4 = M54 ^ M58;
  L5 = M49 ^ M61;
  L6 = M62 ^ L5;
  L7 = M46 ^ L3;
  L8 = M51 ^ M59;
  L9 = M52 ^ M53;
  L10 = M53 ^ L4;
  L11 = M60 ^ L2;
  L12 = M48 ^ M51;
  L13 = M50 ^ L0;
  L14 = M52 ^ M61;
  L15 = M55 ^ L1;
  L16 = M56 ^ L0;
  L17 = M57 ^ L1;
  L18 = M58 ^ L8;
  L19 = M63 ^ L4;
  L20 = L0 ^ L1;
  L21 = L1 ^ L7;
  L22 = L3 ^ L12;
  L23 = L18 ^ L2;
  L24 = L15 ^ L9;
  L25 = L6 ^ L10;
  L26 = L7 ^ L9;
  L27 = L8 ^ L10;
  L28 = L11 ^ L14;
  L29 = L11 ^ L17;
  q[7] = L6 ^ L24;
  q[6] = ~(L16 ^ L26);
  q[5] = ~(L19 ^ L28);
  q[4] = L6 ^ L21;
  q[3] = L20 ^ L22;
  q[2] = L25 ^ L29;
  q[1] = ~(L13 ^ L27);
  q[0] = ~(L6 ^ L23);
}

/* The inverse affine map of FIPS 197 5.3.2 on bit-planes. This is constant-time. */
static void inv_affine(uint64_t *q) {
  uint64_t t[8];
  for (int i = 0; i < 8; i++) t[i] = q[(i + 2) & 7] ^ q[(i + 5) & 7] ^ q[(i + 7) & 7];
  t[0] = ~t[0];
  t[2] = ~t[2];
  for (int i = 0; i < 8; i++) q[i] = t[i];
}

/* S^-1(z) = A^-1(S(A^-1(z))), since S(y) = A(y^-1). This is constant-time. */
static void inv_sbox(uint64_t *q) {
  inv_affine(q);
  sbox(q);
  inv_affine(q);
}

/* ---- Bit-plane transposition -------------------------------------------------------------- */

static inline uint64_t load64le(const uint8_t *p) {
  return (uint64_t)p[0] | (uint64_t)p[1] << 8 | (uint64_t)p[2] << 16 | (uint64_t)p[3] << 24 |
         (uint64_t)p[4] << 32 | (uint64_t)p[5] << 40 | (uint64_t)p[6] << 48 | (uint64_t)p[7] << 56;
}
static inline void store64le(uint8_t *p, uint64_t v) {
  for (int i = 0; i < 8; i++) p[i] = (uint8_t)(v >> (8 * i));
}

/* Transposes the 8x8 bit matrix held in x (bit 8i+j <-> bit 8j+i). */
static inline uint64_t transpose8(uint64_t x) {
  uint64_t t;
  t = (x ^ (x >> 7)) & 0x00AA00AA00AA00AAULL;
  x ^= t ^ (t << 7);
  t = (x ^ (x >> 14)) & 0x0000CCCC0000CCCCULL;
  x ^= t ^ (t << 14);
  t = (x ^ (x >> 28)) & 0x00000000F0F0F0F0ULL;
  x ^= t ^ (t << 28);
  return x;
}

#define SWAPN(a, b, s, m)               \
  do {                                  \
    uint64_t t_ = (((a) >> (s)) ^ (b)) & (m); \
    (b) ^= t_;                          \
    (a) ^= t_ << (s);                   \
  } while (0)

/* Transposes the 8x8 byte matrix x[word][byte] in place. */
static void transpose_bytes(uint64_t *x) {
  SWAPN(x[0], x[1], 8, 0x00FF00FF00FF00FFULL);
  SWAPN(x[2], x[3], 8, 0x00FF00FF00FF00FFULL);
  SWAPN(x[4], x[5], 8, 0x00FF00FF00FF00FFULL);
  SWAPN(x[6], x[7], 8, 0x00FF00FF00FF00FFULL);
  SWAPN(x[0], x[2], 16, 0x0000FFFF0000FFFFULL);
  SWAPN(x[1], x[3], 16, 0x0000FFFF0000FFFFULL);
  SWAPN(x[4], x[6], 16, 0x0000FFFF0000FFFFULL);
  SWAPN(x[5], x[7], 16, 0x0000FFFF0000FFFFULL);
  SWAPN(x[0], x[4], 32, 0x00000000FFFFFFFFULL);
  SWAPN(x[1], x[5], 32, 0x00000000FFFFFFFFULL);
  SWAPN(x[2], x[6], 32, 0x00000000FFFFFFFFULL);
  SWAPN(x[3], x[7], 32, 0x00000000FFFFFFFFULL);
}

/* 64 bytes (four blocks) -> bit-planes. */
static void bitslice(uint64_t *q, const uint8_t *in) {
  for (int j = 0; j < 8; j++) q[j] = transpose8(load64le(in + 8 * j));
  transpose_bytes(q);
}

/* Bit-planes -> 64 bytes. */
static void unbitslice(uint8_t *out, uint64_t *q) {
  transpose_bytes(q);
  for (int j = 0; j < 8; j++) store64le(out + 8 * j, transpose8(q[j]));
}

/* ---- Round functions ---------------------------------------------------------------------- */

static inline void add_round_key(uint64_t *q, const uint64_t *sk) {
  for (int i = 0; i < 8; i++) q[i] ^= sk[i];
}

static inline uint64_t shift_rows1(uint64_t x) {
  uint64_t r1 = x & 0x2222222222222222ULL, r2 = x & 0x4444444444444444ULL,
           r3 = x & 0x8888888888888888ULL;
  return (x & 0x1111111111111111ULL) |
         ((r1 >> 4) & 0x0FFF0FFF0FFF0FFFULL) | ((r1 << 12) & 0xF000F000F000F000ULL) |
         ((r2 >> 8) & 0x00FF00FF00FF00FFULL) | ((r2 << 8) & 0xFF00FF00FF00FF00ULL) |
         ((r3 << 4) & 0xFFF0FFF0FFF0FFF0ULL) | ((r3 >> 12) & 0x000F000F000F000FULL);
}
static inline uint64_t inv_shift_rows1(uint64_t x) {
  uint64_t r1 = x & 0x2222222222222222ULL, r2 = x & 0x4444444444444444ULL,
           r3 = x & 0x8888888888888888ULL;
  return (x & 0x1111111111111111ULL) |
         ((r1 << 4) & 0xFFF0FFF0FFF0FFF0ULL) | ((r1 >> 12) & 0x000F000F000F000FULL) |
         ((r2 >> 8) & 0x00FF00FF00FF00FFULL) | ((r2 << 8) & 0xFF00FF00FF00FF00ULL) |
         ((r3 >> 4) & 0x0FFF0FFF0FFF0FFFULL) | ((r3 << 12) & 0xF000F000F000F000ULL);
}
static void shift_rows(uint64_t *q) {
  for (int i = 0; i < 8; i++) q[i] = shift_rows1(q[i]);
}
static void inv_shift_rows(uint64_t *q) {
  for (int i = 0; i < 8; i++) q[i] = inv_shift_rows1(q[i]);
}

/* Row r of each column takes row r+1 (mod 4). */
static inline uint64_t rot1(uint64_t x) {
  return ((x >> 1) & 0x7777777777777777ULL) | ((x << 3) & 0x8888888888888888ULL);
}
static inline uint64_t rot2(uint64_t x) {
  return ((x >> 2) & 0x3333333333333333ULL) | ((x << 2) & 0xCCCCCCCCCCCCCCCCULL);
}

/* Multiplication by x in GF(2^8) on bit-planes. */
static inline void xtime(uint64_t *o, const uint64_t *t) {
  uint64_t h = t[7];
  o[7] = t[6];
  o[6] = t[5];
  o[5] = t[4];
  o[4] = t[3] ^ h;
  o[3] = t[2] ^ h;
  o[2] = t[1];
  o[1] = t[0] ^ h;
  o[0] = h;
}

/* out_r = 2 a_r + 3 a_{r+1} + a_{r+2} + a_{r+3} = xtime(t) + a_{r+1} + rot2(t), t = a + rot1(a). */
static void mix_columns(uint64_t *q) {
  uint64_t a1[8], t[8], x[8];
  for (int i = 0; i < 8; i++) {
    a1[i] = rot1(q[i]);
    t[i] = q[i] ^ a1[i];
  }
  xtime(x, t);
  for (int i = 0; i < 8; i++) q[i] = x[i] ^ a1[i] ^ rot2(t[i]);
}

/* InvMixColumns = MixColumns after a_r += 4 (a_r + a_{r+2}). */
static void inv_mix_columns(uint64_t *q) {
  uint64_t t[8], u[8];
  for (int i = 0; i < 8; i++) t[i] = q[i] ^ rot2(q[i]);
  xtime(u, t);
  xtime(t, u);
  for (int i = 0; i < 8; i++) q[i] ^= t[i];
  mix_columns(q);
}

static void encrypt_planes(const ts_aes_key *k, uint64_t *q) {
  const uint64_t *sk = k->sk;
  unsigned nr = k->rounds;
  add_round_key(q, sk);
  for (unsigned r = 1; r < nr; r++) {
    sbox(q);
    shift_rows(q);
    mix_columns(q);
    add_round_key(q, sk + 8 * r);
  }
  sbox(q);
  shift_rows(q);
  add_round_key(q, sk + 8 * nr);
}

static void decrypt_planes(const ts_aes_key *k, uint64_t *q) {
  const uint64_t *sk = k->sk;
  unsigned nr = k->rounds;
  add_round_key(q, sk + 8 * nr);
  for (unsigned r = nr - 1; r > 0; r--) {
    inv_shift_rows(q);
    inv_sbox(q);
    add_round_key(q, sk + 8 * r);
    inv_mix_columns(q);
  }
  inv_shift_rows(q);
  inv_sbox(q);
  add_round_key(q, sk);
}

/* Up to four blocks: in/out hold nblocks*16 bytes. This is constant-time. */
static void crypt4(const ts_aes_key *k, const uint8_t *in, uint8_t *out, size_t nblocks, int dec) {
  uint8_t buf[64];
  uint64_t q[8];
  memset(buf, 0, sizeof buf);
  memcpy(buf, in, nblocks * 16);
  bitslice(q, buf);
  if (dec)
    decrypt_planes(k, q);
  else
    encrypt_planes(k, q);
  unbitslice(buf, q);
  memcpy(out, buf, nblocks * 16);
  ts_aes_zero(buf, sizeof buf);
  ts_aes_zero(q, sizeof q);
}

/* ---- The implementation ------------------------------------------------------------------- */

static void ct_encrypt(const ts_aes_key *k, const uint8_t *in, uint8_t *out, size_t n) {
  while (n) {
    size_t m = n < 4 ? n : 4;
    crypt4(k, in, out, m, 0);
    in += 16 * m;
    out += 16 * m;
    n -= m;
  }
}

static void ct_decrypt(const ts_aes_key *k, const uint8_t *in, uint8_t *out, size_t n) {
  while (n) {
    size_t m = n < 4 ? n : 4;
    crypt4(k, in, out, m, 1);
    in += 16 * m;
    out += 16 * m;
    n -= m;
  }
}

static void ct_ctr32(const ts_aes_key *k, uint8_t ctr[16], const uint8_t *in, uint8_t *out,
                     size_t n) {
  uint8_t ks[64];
  while (n) {
    size_t m = n < 4 ? n : 4;
    for (size_t i = 0; i < m; i++) {
      memcpy(ks + 16 * i, ctr, 16);
      ts_aes_inc32(ctr, 1);
    }
    crypt4(k, ks, ks, m, 0);
    for (size_t i = 0; i < 16 * m; i++) out[i] = in[i] ^ ks[i];
    in += 16 * m;
    out += 16 * m;
    n -= m;
  }
  ts_aes_zero(ks, sizeof ks);
}

static void ct_cbc_encrypt(const ts_aes_key *k, uint8_t iv[16], const uint8_t *in, uint8_t *out,
                           size_t n) {
  for (; n; n--, in += 16, out += 16) {
    for (int i = 0; i < 16; i++) iv[i] ^= in[i];
    crypt4(k, iv, iv, 1, 0);
    memcpy(out, iv, 16);
  }
}

static void ct_cbc_decrypt(const ts_aes_key *k, uint8_t iv[16], const uint8_t *in, uint8_t *out,
                           size_t n) {
  uint8_t c[64], p[64];
  while (n) {
    size_t m = n < 4 ? n : 4;
    memcpy(c, in, 16 * m);
    crypt4(k, c, p, m, 1);
    for (int i = 0; i < 16; i++) p[i] ^= iv[i];
    for (size_t i = 16; i < 16 * m; i++) p[i] ^= c[i - 16];
    memcpy(iv, c + 16 * (m - 1), 16);
    memcpy(out, p, 16 * m);
    in += 16 * m;
    out += 16 * m;
    n -= m;
  }
  ts_aes_zero(p, sizeof p);
}

static void ct_cbcmac(const ts_aes_key *k, uint8_t y[16], const uint8_t *in, size_t n) {
  for (; n; n--, in += 16) {
    for (int i = 0; i < 16; i++) y[i] ^= in[i];
    crypt4(k, y, y, 1, 0);
  }
}

const ts_aes_impl ts_aes_ct = {"ct64", 1, ct_encrypt, ct_decrypt, ct_ctr32,
                               ct_cbc_encrypt, ct_cbc_decrypt, ct_cbcmac, NULL};

/* ---- Key schedule (shared) ---------------------------------------------------------------- */

/* SubWord: the S-box on four bytes through the bitsliced circuit. This is constant-time. */
static void sub_word(uint8_t w[4]) {
  uint64_t q[8];
  for (int b = 0; b < 8; b++) {
    q[b] = 0;
    for (int i = 0; i < 4; i++) q[b] |= (uint64_t)((w[i] >> b) & 1) << i;
  }
  sbox(q);
  for (int i = 0; i < 4; i++) {
    uint8_t v = 0;
    for (int b = 0; b < 8; b++) v |= (uint8_t)(((q[b] >> i) & 1) << b);
    w[i] = v;
  }
  ts_aes_zero(q, sizeof q);
}

/* FIPS 197 5.2 KeyExpansion into (rounds+1)*16 bytes. This is constant-time. */
void ts_aes_expand_bytes(uint8_t *rk, const uint8_t *key, size_t keylen, unsigned rounds,
                         void (*hw_sub_word)(uint8_t w[4])) {
  void (*sw)(uint8_t w[4]) = hw_sub_word ? hw_sub_word : sub_word;
  size_t nk = keylen / 4, total = 4 * (rounds + 1);
  uint32_t w[4 * (TS_AES_MAX_ROUNDS + 1)]; /* words in memory byte order */
  uint8_t rcon = 1;
  memcpy(w, key, keylen);
  for (size_t i = nk, j = 0; i < total; i++) { /* j = i mod nk, without a division */
    uint32_t t = w[i - 1];
    uint8_t b[4];
    if (j == 0 || (nk > 6 && j == 4)) {
      memcpy(b, &t, 4);
      if (j == 0) { /* RotWord */
        uint8_t b0 = b[0];
        b[0] = b[1];
        b[1] = b[2];
        b[2] = b[3];
        b[3] = b0;
      }
      sw(b);
      if (j == 0) {
        b[0] ^= rcon;
        rcon = (uint8_t)((rcon << 1) ^ (0x1b & -(rcon >> 7)));
      }
      memcpy(&t, b, 4);
    }
    w[i] = w[i - nk] ^ t;
    if (++j == nk) j = 0;
  }
  memcpy(rk, w, 4 * total);
  ts_aes_zero(w, sizeof w);
}

static inline uint8_t gf_xtime(uint8_t x) { return (uint8_t)((x << 1) ^ (0x1b & -(x >> 7))); }

/* InvMixColumns on one 16-byte block, by arithmetic (no tables). This is constant-time. */
void ts_aes_inv_mix_columns_bytes(uint8_t *b) {
  for (int c = 0; c < 4; c++) {
    uint8_t *a = b + 4 * c;
    uint8_t u = gf_xtime(gf_xtime((uint8_t)(a[0] ^ a[2])));
    uint8_t v = gf_xtime(gf_xtime((uint8_t)(a[1] ^ a[3])));
    a[0] ^= u;
    a[1] ^= v;
    a[2] ^= u;
    a[3] ^= v;
    uint8_t t = (uint8_t)(a[0] ^ a[1] ^ a[2] ^ a[3]), a0 = a[0];
    a[0] ^= t ^ gf_xtime((uint8_t)(a[0] ^ a[1]));
    a[1] ^= t ^ gf_xtime((uint8_t)(a[1] ^ a[2]));
    a[2] ^= t ^ gf_xtime((uint8_t)(a[2] ^ a[3]));
    a[3] ^= t ^ gf_xtime((uint8_t)(a[3] ^ a0));
  }
}

int ts_aes_init_impl(ts_aes_key *k, const ts_aes_impl *impl, const uint8_t *key, size_t keylen,
                     int want_decrypt) {
  unsigned rounds;
  if (keylen == 16)
    rounds = 10;
  else if (keylen == 24)
    rounds = 12;
  else if (keylen == 32)
    rounds = 14;
  else
    return 0;
  k->rounds = rounds;
  k->impl = impl;
  ts_aes_expand_bytes(k->rk, key, keylen, rounds, impl->sub_word);
  if (impl->bitsliced) {
    uint8_t rep[64];
    for (unsigned r = 0; r <= rounds; r++) {
      for (int i = 0; i < 4; i++) memcpy(rep + 16 * i, k->rk + 16 * r, 16);
      bitslice(k->sk + 8 * r, rep);
    }
    ts_aes_zero(rep, sizeof rep);
  } else if (want_decrypt) {
    memcpy(k->dk, k->rk + 16 * rounds, 16);
    for (unsigned i = 1; i < rounds; i++) {
      memcpy(k->dk + 16 * i, k->rk + 16 * (rounds - i), 16);
      ts_aes_inv_mix_columns_bytes(k->dk + 16 * i);
    }
    memcpy(k->dk + 16 * rounds, k->rk, 16);
  }
  return 1;
}

int ts_aes_init(ts_aes_key *k, const uint8_t *key, size_t keylen, int want_decrypt) {
  return ts_aes_init_impl(k, ts_aes_default, key, keylen, want_decrypt);
}

void ts_aes_wipe(ts_aes_key *k) { ts_aes_zero(k, sizeof *k); }
