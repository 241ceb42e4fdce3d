/* PKCS#7 padding check for CBC decryption. The check runs over the whole last block whatever
 * the padding byte says, so its time does not depend on the plaintext (a padding oracle
 * through timing is what this prevents). */
#include "aes.h"
#include "ct.h"

/* This is constant-time in the buffer's contents. */
int ts_pkcs7_unpad(const uint8_t *buf, size_t len, size_t block, size_t *outlen) {
  *outlen = 0;
  if (len == 0 || block == 0 || block > 255 || len % block) return 0;
  const uint8_t *last = buf + len - block;
  uint32_t pad = last[block - 1];
  /* 1 <= pad <= block */
  uint32_t good = ts_ct_nonzero32(pad) & (1u ^ ts_ct_lt32((uint32_t)block, pad));
  for (size_t i = 0; i < block; i++) {
    /* bytes at distance <= pad from the end must equal pad */
    uint32_t in_pad = 1u ^ ts_ct_lt32(pad, (uint32_t)(block - i));
    uint32_t eq = ts_ct_eq32(last[i], pad);
    good &= (1u ^ in_pad) | eq;
  }
  good = ts_ct_barrier32(good);
  size_t n = len - (size_t)(pad & ts_ct_mask32(good));
  *outlen = n & ((size_t)0 - (size_t)good);
  return (int)good;
}
