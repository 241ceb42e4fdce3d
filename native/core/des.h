/* Triple DES (DES-EDE3, NIST SP 800-67) in CBC mode: legacy, kept only for encrypted private
 * keys and old TLS suites. Constant-time and simple rather than fast. */
#ifndef TS_DES_H
#define TS_DES_H

#include <stddef.h>
#include <stdint.h>

typedef struct {
  uint8_t sk[3][16][8];   /* per DES key, per round: eight 6-bit subkey groups */
  uint64_t sbox[8][4];    /* S-box rows as 16 nibbles each (for masked selection) */
} ts_des3_key;

/* key: 24 bytes K1 || K2 || K3 (parity bits ignored). This is constant-time. */
void ts_des3_init(ts_des3_key *k, const uint8_t key[24]);
void ts_des3_wipe(ts_des3_key *k);
/* One block, E_K3(D_K2(E_K1(x))) or its inverse. */
void ts_des3_encrypt_block(const ts_des3_key *k, const uint8_t in[8], uint8_t out[8]);
void ts_des3_decrypt_block(const ts_des3_key *k, const uint8_t in[8], uint8_t out[8]);
/* CBC over whole 8-byte blocks; iv is left at the last ciphertext block. in == out allowed.
 * These are constant-time. */
void ts_des3_cbc_encrypt(const ts_des3_key *k, uint8_t iv[8], const uint8_t *in, uint8_t *out,
                         size_t nblocks);
void ts_des3_cbc_decrypt(const ts_des3_key *k, uint8_t iv[8], const uint8_t *in, uint8_t *out,
                         size_t nblocks);

#endif
