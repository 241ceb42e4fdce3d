/* ChaCha20-Poly1305 (RFC 8439 §2.8). The Poly1305 key is the first 32 bytes of block 0
 * (§2.6); the data uses blocks 1 and up; the MAC covers aad || pad16 || ct || pad16 ||
 * le64(aadlen) || le64(len). */
#include "chacha20poly1305.h"

#include "chacha20.h"
#include "ct.h"
#include "poly1305.h"

void ts_chacha20poly1305_init(ts_chacha20poly1305_ctx *c, const uint8_t key[TS_CHACHA20POLY1305_KEY_LEN]) {
  ts_chacha20_load_key(c->key, key);
}

void ts_chacha20poly1305_wipe(ts_chacha20poly1305_ctx *c) { ts_chacha_wipe(c, sizeof *c); }

/* Keystream blocks 0..7 in one call (the SIMD code makes several blocks at the cost of one or
 * two): block 0 gives the Poly1305 key (§2.6), blocks 1..7 the first 448 bytes of data. Only
 * the blocks needed for len are computed. Returns how many data bytes ks covers. */
#define HEAD_MAX (7 * 64)
static size_t head_keystream(uint8_t ks[64 + HEAD_MAX], const uint32_t key[8], const uint32_t n[3], size_t len) {
  size_t head = len < HEAD_MAX ? len : HEAD_MAX;
  __builtin_memset(ks, 0, 64 + head);
  ts_chacha20_xor(ks, ks, 64 + head, key, 0, n);
  return head;
}

/* out = in XOR keystream: the head from ks, the rest from block 8 on. */
static void xor_stream(uint8_t *out, const uint8_t *in, size_t len, const uint8_t ks[64 + HEAD_MAX], size_t head,
                  const uint32_t key[8], const uint32_t n[3]) {
  for (size_t i = 0; i < head; i++) out[i] = in[i] ^ ks[64 + i];
  if (len > head) ts_chacha20_xor(out + head, in + head, len - head, key, 8, n);
}

static void mac_finish(ts_poly1305_ctx *mac, size_t aadlen, size_t len, uint8_t tag[16]) {
  uint8_t lens[16];
  for (int i = 0; i < 8; i++) {
    lens[i] = (uint8_t)((uint64_t)aadlen >> (8 * i));
    lens[8 + i] = (uint8_t)((uint64_t)len >> (8 * i));
  }
  ts_poly1305_update_padded(mac, lens, 16);
  ts_poly1305_final(mac, tag);
}

int ts_chacha20poly1305_seal(const ts_chacha20poly1305_ctx *c, const uint8_t nonce[TS_CHACHA20POLY1305_NONCE_LEN],
                             const uint8_t *aad, size_t aadlen, const uint8_t *pt, size_t len, uint8_t *out,
                             uint8_t tag[TS_CHACHA20POLY1305_TAG_LEN]) {
  if ((uint64_t)len > TS_CHACHA20POLY1305_MAX_LEN) return 0;
  uint32_t n[3];
  uint8_t ks[64 + HEAD_MAX];
  ts_poly1305_ctx mac;
  ts_chacha20_load_nonce(n, nonce);
  size_t head = head_keystream(ks, c->key, n, len);
  ts_poly1305_init(&mac, ks);
  ts_poly1305_update_padded(&mac, aad, aadlen);
  xor_stream(out, pt, len, ks, head, c->key, n);
  ts_chacha_wipe(ks, sizeof ks);
  ts_poly1305_update_padded(&mac, out, len);
  mac_finish(&mac, aadlen, len, tag);
  return 1;
}

int ts_chacha20poly1305_open(const ts_chacha20poly1305_ctx *c, const uint8_t nonce[TS_CHACHA20POLY1305_NONCE_LEN],
                             const uint8_t *aad, size_t aadlen, const uint8_t *ct, size_t len,
                             const uint8_t tag[TS_CHACHA20POLY1305_TAG_LEN], uint8_t *out) {
  uint32_t n[3];
  uint8_t ks[64 + HEAD_MAX];
  ts_poly1305_ctx mac;
  uint8_t want[TS_CHACHA20POLY1305_TAG_LEN];
  if ((uint64_t)len > TS_CHACHA20POLY1305_MAX_LEN) return 0; /* no such message can be valid */
  ts_chacha20_load_nonce(n, nonce);
  size_t head = head_keystream(ks, c->key, n, len);
  ts_poly1305_init(&mac, ks);
  ts_poly1305_update_padded(&mac, aad, aadlen);
  /* The MAC is over the ciphertext, so it is done before decrypting (out may be ct). */
  ts_poly1305_update_padded(&mac, ct, len);
  mac_finish(&mac, aadlen, len, want);
  uint32_t ok = ts_ct_memeq(want, tag, sizeof want);
  ts_chacha_wipe(want, sizeof want);
  xor_stream(out, ct, len, ks, head, c->key, n);
  ts_chacha_wipe(ks, sizeof ks);
  /* No branch on the verdict: keep the plaintext under an all-ones mask, zero it otherwise. */
  uint64_t m = ts_ct_mask64(ok);
  size_t i = 0;
  for (; i + 8 <= len; i += 8) {
    uint64_t w;
    __builtin_memcpy(&w, out + i, 8);
    w &= m;
    __builtin_memcpy(out + i, &w, 8);
  }
  for (; i < len; i++) out[i] &= (uint8_t)m;
  return (int)ok;
}
