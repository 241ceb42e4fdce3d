/* Fused VAES CTR + VPCLMULQDQ GHASH for GCM on 256-bit registers, sixteen blocks per
 * iteration: the sixteen GHASH multiplications of the previous (seal) or current (open)
 * sixteen blocks are interleaved, two at a time, with the AES rounds, and reduced once with
 * H^16..H^1. VEX encodings only (no AVX-512). Every function here is constant-time. */
#include "aes_vaes.h"
#include "gcm.h"
#include "ghash_pclmul.h"

#define ALWAYS_INLINE inline __attribute__((always_inline))

static ALWAYS_INLINE __m256i bswap256(__m256i x) {
  return _mm256_shuffle_epi8(x, _mm256_setr_epi8(15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1,
                                                 0, 15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2,
                                                 1, 0));
}

static ALWAYS_INLINE void acc2(__m256i x, __m256i h, __m256i hk, __m256i *lo, __m256i *hi,
                               __m256i *mid) {
  *lo = _mm256_xor_si256(*lo, _mm256_clmulepi64_epi128(x, h, 0x00));
  *hi = _mm256_xor_si256(*hi, _mm256_clmulepi64_epi128(x, h, 0x11));
  __m256i xk = _mm256_xor_si256(x, _mm256_shuffle_epi32(x, 0x4E));
  *mid = _mm256_xor_si256(*mid, _mm256_clmulepi64_epi128(xk, hk, 0x00));
}

static ALWAYS_INLINE __m128i fold(__m256i v) {
  return _mm_xor_si128(_mm256_castsi256_si128(v), _mm256_extracti128_si256(v, 1));
}

static ALWAYS_INLINE __m128i reduce256(__m256i lo, __m256i hi, __m256i mid) {
  return ts_ghash_reduce(fold(lo), fold(hi), fold(mid));
}

/* GHASH of 16 blocks at src into y: block j times H^(16-j). */
static ALWAYS_INLINE __m128i hash16(const ts_gcm_key *g, const uint8_t *src, __m128i y) {
  const __m256i *hr = (const __m256i *)g->gh.hr, *hkr = (const __m256i *)g->gh.hkr;
  __m256i lo = _mm256_setzero_si256(), hi = lo, mid = lo;
  for (int j = 0; j < 8; j++) {
    __m256i x = bswap256(_mm256_loadu_si256((const __m256i *)(src + 32 * j)));
    if (j == 0) x = _mm256_xor_si256(x, _mm256_zextsi128_si256(y));
    acc2(x, _mm256_load_si256(hr + j), _mm256_load_si256(hkr + j), &lo, &hi, &mid);
  }
  return reduce256(lo, hi, mid);
}

static ALWAYS_INLINE size_t fused(const ts_gcm_key *g, uint8_t ctr8[16], uint8_t y8[16],
                                  const uint8_t *in, uint8_t *out, size_t n, unsigned nr,
                                  int seal) {
  if (n < 16) return 0;
  const uint8_t *rk = g->aes.rk;
  const __m256i *hr = (const __m256i *)g->gh.hr, *hkr = (const __m256i *)g->gh.hkr;
  const __m256i swap = ts_vaes_ctr_swap(), two = _mm256_setr_epi32(0, 0, 0, 2, 0, 0, 0, 2);
  __m256i cv = ts_vaes_ctr_init(ctr8);
  __m128i y = ts_bswap128(_mm_loadu_si128((const __m128i *)y8));
  size_t done = 0;
  __m256i b[8];
  if (seal) {
    for (int i = 0; i < 8; i++) {
      b[i] = _mm256_shuffle_epi8(cv, swap);
      cv = _mm256_add_epi32(cv, two);
    }
    TS_VAES_ENC(rk, nr, b, 8);
    for (int i = 0; i < 8; i++)
      _mm256_storeu_si256((__m256i *)(out + 32 * i),
                          _mm256_xor_si256(b[i], _mm256_loadu_si256((const __m256i *)(in + 32 * i))));
    done = 16;
  }
  while (n - done >= 16) {
    const uint8_t *hsrc = seal ? out + 16 * (done - 16) : in + 16 * done;
    const uint8_t *src = in + 16 * done;
    uint8_t *dst = out + 16 * done;
    __m256i key = ts_vaes_key(rk, 0);
    for (int i = 0; i < 8; i++) {
      b[i] = _mm256_xor_si256(_mm256_shuffle_epi8(cv, swap), key);
      cv = _mm256_add_epi32(cv, two);
    }
    __m256i lo = _mm256_setzero_si256(), hi = lo, mid = lo;
    for (unsigned r = 1; r < nr; r++) {
      key = ts_vaes_key(rk, r);
      for (int i = 0; i < 8; i++) b[i] = _mm256_aesenc_epi128(b[i], key);
      if (r <= 8) {
        __m256i x = bswap256(_mm256_loadu_si256((const __m256i *)(hsrc + 32 * (r - 1))));
        if (r == 1) x = _mm256_xor_si256(x, _mm256_zextsi128_si256(y));
        acc2(x, _mm256_load_si256(hr + r - 1), _mm256_load_si256(hkr + r - 1), &lo, &hi, &mid);
      }
    }
    y = reduce256(lo, hi, mid);
    key = ts_vaes_key(rk, nr);
    for (int i = 0; i < 8; i++) b[i] = _mm256_aesenclast_epi128(b[i], key);
    for (int i = 0; i < 8; i++)
      _mm256_storeu_si256((__m256i *)(dst + 32 * i),
                          _mm256_xor_si256(b[i], _mm256_loadu_si256((const __m256i *)(src + 32 * i))));
    done += 16;
  }
  if (seal) y = hash16(g, out + 16 * (done - 16), y);
  _mm_storeu_si128((__m128i *)ctr8, _mm256_castsi256_si128(_mm256_shuffle_epi8(cv, swap)));
  _mm_storeu_si128((__m128i *)y8, ts_bswap128(y));
  return done;
}

static size_t seal_blocks(const ts_gcm_key *g, uint8_t ctr[16], uint8_t y[16], const uint8_t *in,
                          uint8_t *out, size_t n) {
  switch (g->aes.rounds) {
    case 10: return fused(g, ctr, y, in, out, n, 10, 1);
    case 12: return fused(g, ctr, y, in, out, n, 12, 1);
    default: return fused(g, ctr, y, in, out, n, 14, 1);
  }
}

static size_t open_blocks(const ts_gcm_key *g, uint8_t ctr[16], uint8_t y[16], const uint8_t *in,
                          uint8_t *out, size_t n) {
  switch (g->aes.rounds) {
    case 10: return fused(g, ctr, y, in, out, n, 10, 0);
    case 12: return fused(g, ctr, y, in, out, n, 12, 0);
    default: return fused(g, ctr, y, in, out, n, 14, 0);
  }
}

const ts_gcm_fused ts_gcm_vaes = {"vaes+vpclmulqdq", &ts_aes_vaes, &ts_ghash_pclmul, seal_blocks,
                                  open_blocks};
