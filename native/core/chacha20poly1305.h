/* ChaCha20-Poly1305 AEAD (RFC 8439 §2.8). The record layer builds the 12-byte per-record
 * nonce (TLS 1.3 and RFC 7905: IV XOR sequence number); this module takes it as given. */
#ifndef TS_CHACHA20POLY1305_H
#define TS_CHACHA20POLY1305_H

#include <stddef.h>
#include <stdint.h>

#define TS_CHACHA20POLY1305_KEY_LEN 32
#define TS_CHACHA20POLY1305_NONCE_LEN 12
#define TS_CHACHA20POLY1305_TAG_LEN 16
/* §2.8: at most 2^32 - 1 blocks after the Poly1305 key block: 2^38 - 64 bytes. */
#define TS_CHACHA20POLY1305_MAX_LEN ((uint64_t)274877906880ULL)

/* A key held as ChaCha20 state words; copyable, wipe with ts_chacha20poly1305_wipe. */
typedef struct {
  uint32_t key[8];
} ts_chacha20poly1305_ctx;

void ts_chacha20poly1305_init(ts_chacha20poly1305_ctx *c, const uint8_t key[TS_CHACHA20POLY1305_KEY_LEN]);
void ts_chacha20poly1305_wipe(ts_chacha20poly1305_ctx *c);

/* Encrypts len bytes of pt into out (len bytes; out may equal pt) and writes the tag to tag
 * (which may be out + len). Returns 1, or 0 when len is over the limit. This is constant-time. */
int ts_chacha20poly1305_seal(const ts_chacha20poly1305_ctx *c, const uint8_t nonce[TS_CHACHA20POLY1305_NONCE_LEN],
                             const uint8_t *aad, size_t aadlen, const uint8_t *pt, size_t len, uint8_t *out,
                             uint8_t tag[TS_CHACHA20POLY1305_TAG_LEN]);

/* Verifies tag over aad and ct, and decrypts len bytes of ct into out (out may equal ct).
 * Returns 1 if the tag is right; otherwise 0 and out is all zeros, so no unauthenticated
 * plaintext is ever released (a len over the limit returns 0 at once). The tag is compared in constant time, and the whole function
 * runs without a branch on the result: this is constant-time. */
int ts_chacha20poly1305_open(const ts_chacha20poly1305_ctx *c, const uint8_t nonce[TS_CHACHA20POLY1305_NONCE_LEN],
                             const uint8_t *aad, size_t aadlen, const uint8_t *ct, size_t len,
                             const uint8_t tag[TS_CHACHA20POLY1305_TAG_LEN], uint8_t *out);

#endif
