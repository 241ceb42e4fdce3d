/* AES-NI helpers shared by aes_x86ni.c and gcm_x86ni.c. Include only from files compiled with
 * -maes -msse4.1 (their code runs after dispatch has checked the CPU). */
#ifndef TS_AES_X86NI_H
#define TS_AES_X86NI_H

#include <immintrin.h>
#include <stdint.h>

static inline __m128i ts_aesni_enc1(const __m128i *rk, unsigned nr, __m128i b) {
  b = _mm_xor_si128(b, _mm_load_si128(rk));
  for (unsigned r = 1; r < nr; r++) b = _mm_aesenc_si128(b, _mm_load_si128(rk + r));
  return _mm_aesenclast_si128(b, _mm_load_si128(rk + nr));
}

static inline void ts_aesni_enc8(const __m128i *rk, unsigned nr, __m128i *b) {
  __m128i key = _mm_load_si128(rk);
  for (int i = 0; i < 8; i++) b[i] = _mm_xor_si128(b[i], key);
  for (unsigned r = 1; r < nr; r++) {
    key = _mm_load_si128(rk + r);
    for (int i = 0; i < 8; i++) b[i] = _mm_aesenc_si128(b[i], key);
  }
  key = _mm_load_si128(rk + nr);
  for (int i = 0; i < 8; i++) b[i] = _mm_aesenclast_si128(b[i], key);
}

/* The counter block base with its last four bytes replaced by c, big-endian. */
static inline __m128i ts_aesni_ctr_block(__m128i base, uint32_t c) {
  return _mm_insert_epi32(base, (int)__builtin_bswap32(c), 3);
}

/* SubWord through AESENCLAST with a zero key: with the word in all four columns ShiftRows
 * changes nothing, so column 0 of the result is SubBytes of the word. */
static inline void ts_aesni_sub_word(uint8_t w[4]) {
  uint32_t v;
  __builtin_memcpy(&v, w, 4);
  __m128i x = _mm_aesenclast_si128(_mm_set1_epi32((int)v), _mm_setzero_si128());
  v = (uint32_t)_mm_cvtsi128_si32(x);
  __builtin_memcpy(w, &v, 4);
}

#endif
