/* VAES (AVX2, 256-bit) helpers shared by aes_vaes.c and gcm_vaes.c: two blocks per ymm
 * register. VEX encodings only, never an AVX-512 instruction (the flags for _vaes.c files do
 * not enable AVX-512). Include only from files compiled with -mavx2 -mvaes (their code runs
 * after dispatch has checked the CPU). */
#ifndef TS_AES_VAES_H
#define TS_AES_VAES_H

#include <immintrin.h>
#include <stdint.h>

static inline __m256i ts_vaes_key(const uint8_t *rk, unsigned r) {
  return _mm256_broadcastsi128_si256(_mm_load_si128((const __m128i *)(rk + 16 * r)));
}

/* Encrypts the 2*N blocks in b[0..N-1]. */
#define TS_VAES_ENC(rk, nr, b, N)                                                      \
  do {                                                                                 \
    __m256i k_ = ts_vaes_key((rk), 0);                                                 \
    for (int i_ = 0; i_ < (N); i_++) (b)[i_] = _mm256_xor_si256((b)[i_], k_);          \
    for (unsigned r_ = 1; r_ < (nr); r_++) {                                           \
      k_ = ts_vaes_key((rk), r_);                                                      \
      for (int i_ = 0; i_ < (N); i_++) (b)[i_] = _mm256_aesenc_epi128((b)[i_], k_);    \
    }                                                                                  \
    k_ = ts_vaes_key((rk), (nr));                                                      \
    for (int i_ = 0; i_ < (N); i_++) (b)[i_] = _mm256_aesenclast_epi128((b)[i_], k_);  \
  } while (0)

/* Counter blocks are kept with the 32-bit counter in native order in dword 3 of each lane;
 * this shuffle turns such a register into two real counter blocks (big-endian counter). */
static inline __m256i ts_vaes_ctr_swap(void) {
  return _mm256_setr_epi8(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 15, 14, 13, 12, 0, 1, 2, 3, 4, 5,
                          6, 7, 8, 9, 10, 11, 15, 14, 13, 12);
}

/* From a counter block (big-endian counter) to the native-order pair (c, c+1). */
static inline __m256i ts_vaes_ctr_init(const uint8_t ctr[16]) {
  __m128i b = _mm_loadu_si128((const __m128i *)ctr);
  __m256i v = _mm256_broadcastsi128_si256(b);
  v = _mm256_shuffle_epi8(v, ts_vaes_ctr_swap());
  return _mm256_add_epi32(v, _mm256_setr_epi32(0, 0, 0, 0, 0, 0, 0, 1));
}

#endif
