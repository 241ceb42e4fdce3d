/* ChaCha20 (RFC 8439 §2.3, §2.4): 256-bit key, 96-bit nonce, 32-bit block counter.
 * One portable implementation and SIMD ones that compute several blocks at once; all give
 * the same bytes for every input (the counter wraps modulo 2^32 in each of them). */
#ifndef TS_CHACHA20_H
#define TS_CHACHA20_H

#include <stddef.h>
#include <stdint.h>

#define TS_CHACHA20_KEY_LEN 32
#define TS_CHACHA20_NONCE_LEN 12
#define TS_CHACHA20_BLOCK 64

/* Key and nonce as little-endian words (RFC 8439 §2.3: state words 4..11 and 13..15). */
void ts_chacha20_load_key(uint32_t key[8], const uint8_t k[TS_CHACHA20_KEY_LEN]);
void ts_chacha20_load_nonce(uint32_t nonce[3], const uint8_t n[TS_CHACHA20_NONCE_LEN]);

/* One 64-byte keystream block (the block function of §2.3). This is constant-time. */
void ts_chacha20_block(uint8_t out[TS_CHACHA20_BLOCK], const uint32_t key[8], uint32_t counter,
                       const uint32_t nonce[3]);

/* out = in XOR keystream starting at block `counter`, for any len; out may equal in (no other
 * overlap). Block i of the data uses counter + i (mod 2^32). This is constant-time. */
typedef void ts_chacha20_xor_fn(uint8_t *out, const uint8_t *in, size_t len, const uint32_t key[8],
                                uint32_t counter, const uint32_t nonce[3]);
ts_chacha20_xor_fn ts_chacha20_xor_generic;
#if defined(__x86_64__)
ts_chacha20_xor_fn ts_chacha20_xor_ssse3; /* 4 blocks at a time; needs SSSE3 */
ts_chacha20_xor_fn ts_chacha20_xor_avx2;  /* 8 blocks at a time; needs AVX2 and SSSE3 */
#elif defined(__aarch64__)
ts_chacha20_xor_fn ts_chacha20_xor_neon; /* 4 blocks at a time */
#endif
/* The implementation in use; chosen by dispatch.c. */
extern ts_chacha20_xor_fn *ts_chacha20_xor;

/* Wipes secrets: memset that the compiler must keep (the asm claims to read the memory).
 * Much faster than a volatile byte loop on the short per-record paths. */
static inline void ts_chacha_wipe(void *p, size_t n) {
  __builtin_memset(p, 0, n);
  __asm__ __volatile__("" : : "r"(p) : "memory");
}

/* Convenience over ts_chacha20_xor with byte key and nonce. */
void ts_chacha20(uint8_t *out, const uint8_t *in, size_t len, const uint8_t key[TS_CHACHA20_KEY_LEN],
                 uint32_t counter, const uint8_t nonce[TS_CHACHA20_NONCE_LEN]);

#endif
