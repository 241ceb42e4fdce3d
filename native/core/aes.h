/* AES-128/192/256 (FIPS 197) and the block-cipher modes built directly on it: ECB blocks,
 * CTR with a 32-bit big-endian counter (GCM's inc32, and CCM's counter for the lengths CCM
 * allows), CBC and CBC-MAC. One key object holds the key schedule in every form its
 * implementation needs; the implementation is fixed when the key is set up, so switching the
 * dispatcher never breaks a live key. All functions accept in == out. */
#ifndef TS_AES_H
#define TS_AES_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#define TS_AES_BLOCK 16
#define TS_AES_MAX_ROUNDS 14

typedef struct ts_aes_impl ts_aes_impl;

typedef struct {
  /* Encryption round keys in FIPS 197 byte order (what AES-NI and ARMv8 consume). */
  uint8_t rk[(TS_AES_MAX_ROUNDS + 1) * 16] __attribute__((aligned(16)));
  /* Equivalent inverse cipher round keys (FIPS 197 5.3.5): dk[i] = InvMixColumns(rk[Nr-i]),
   * first and last untransformed. Only filled when the implementation uses them. */
  uint8_t dk[(TS_AES_MAX_ROUNDS + 1) * 16] __attribute__((aligned(16)));
  /* Bitsliced round keys for aes_ct (8 words per round, the key replicated 4 times). */
  uint64_t sk[(TS_AES_MAX_ROUNDS + 1) * 8];
  unsigned rounds;
  const ts_aes_impl *impl;
} ts_aes_key;

struct ts_aes_impl {
  const char *name;
  int bitsliced; /* needs sk rather than rk/dk */
  void (*encrypt)(const ts_aes_key *k, const uint8_t *in, uint8_t *out, size_t nblocks);
  void (*decrypt)(const ts_aes_key *k, const uint8_t *in, uint8_t *out, size_t nblocks);
  /* CTR: out = in ^ E(ctr), E(ctr+1), ... incrementing the last 4 bytes big-endian mod 2^32;
   * ctr is left at the next unused counter block. */
  void (*ctr32)(const ts_aes_key *k, uint8_t ctr[16], const uint8_t *in, uint8_t *out,
                size_t nblocks);
  /* CBC; iv is left at the last ciphertext block (the next call's IV). */
  void (*cbc_encrypt)(const ts_aes_key *k, uint8_t iv[16], const uint8_t *in, uint8_t *out,
                      size_t nblocks);
  void (*cbc_decrypt)(const ts_aes_key *k, uint8_t iv[16], const uint8_t *in, uint8_t *out,
                      size_t nblocks);
  /* CBC-MAC: y = E(y ^ block) for each block. */
  void (*cbcmac)(const ts_aes_key *k, uint8_t y[16], const uint8_t *in, size_t nblocks);
  /* SubWord for the key schedule in hardware, or NULL for the portable circuit. */
  void (*sub_word)(uint8_t w[4]);
};

extern const ts_aes_impl ts_aes_ct;
#if defined(__x86_64__)
extern const ts_aes_impl ts_aes_x86ni;
extern const ts_aes_impl ts_aes_vaes;
#elif defined(__aarch64__)
extern const ts_aes_impl ts_aes_armv8;
#endif
/* The implementation new keys get; chosen by dispatch.c. */
extern const ts_aes_impl *ts_aes_default;

/* Expands a 16, 24 or 32 byte key for the current default implementation (decryption keys
 * too when want_decrypt). Returns 1, or 0 for a bad key length. This is constant-time. */
int ts_aes_init(ts_aes_key *k, const uint8_t *key, size_t keylen, int want_decrypt);
/* The same with an explicit implementation (tests cross-check them). */
int ts_aes_init_impl(ts_aes_key *k, const ts_aes_impl *impl, const uint8_t *key, size_t keylen,
                     int want_decrypt);
void ts_aes_wipe(ts_aes_key *k);

/* Thin wrappers over k->impl; all constant-time. */
static inline void ts_aes_encrypt(const ts_aes_key *k, const uint8_t *in, uint8_t *out, size_t n) {
  k->impl->encrypt(k, in, out, n);
}
static inline void ts_aes_decrypt(const ts_aes_key *k, const uint8_t *in, uint8_t *out, size_t n) {
  k->impl->decrypt(k, in, out, n);
}
static inline void ts_aes_ctr32(const ts_aes_key *k, uint8_t ctr[16], const uint8_t *in,
                                uint8_t *out, size_t n) {
  k->impl->ctr32(k, ctr, in, out, n);
}

/* Portable helpers shared by the implementations (aes_ct.c). */
void ts_aes_expand_bytes(uint8_t *rk, const uint8_t *key, size_t keylen, unsigned rounds,
                         void (*sub_word)(uint8_t w[4]));

/* Zeroes secrets with one memset the compiler may not drop (the asm claims to read them). */
static inline void ts_aes_zero(void *p, size_t n) {
  memset(p, 0, n);
  __asm__ __volatile__("" : : "r"(p) : "memory");
}
void ts_aes_inv_mix_columns_bytes(uint8_t *block);
static inline void ts_aes_inc32(uint8_t ctr[16], uint32_t n) {
  uint32_t c = ((uint32_t)ctr[12] << 24 | (uint32_t)ctr[13] << 16 | (uint32_t)ctr[14] << 8 | ctr[15]) + n;
  ctr[12] = (uint8_t)(c >> 24);
  ctr[13] = (uint8_t)(c >> 16);
  ctr[14] = (uint8_t)(c >> 8);
  ctr[15] = (uint8_t)c;
}

/* CBC with PKCS#7 padding helpers (cbc.c). */
/* Checks PKCS#7 padding on the last block of a decrypted buffer of len bytes (len a non-zero
 * multiple of 16): returns 1 and the unpadded length, or 0 (and *outlen = 0). This is
 * constant-time in the buffer's contents. */
int ts_pkcs7_unpad(const uint8_t *buf, size_t len, size_t block, size_t *outlen);

#endif
