/* Fused AES-NI CTR + PCLMULQDQ GHASH for GCM, eight blocks per iteration. Sealing hashes the
 * previous eight ciphertext blocks while the next eight are encrypted; opening hashes and
 * decrypts the same eight. The GHASH multiplications are spread between the AES rounds so
 * both units work at once; one reduction per eight blocks (aggregated with H^8..H^1). Every
 * function here is constant-time. */
#include "aes_x86ni.h"
#include "gcm.h"
#include "ghash_pclmul.h"

#define ALWAYS_INLINE inline __attribute__((always_inline))

static ALWAYS_INLINE uint32_t be32(const uint8_t *p) {
  return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static ALWAYS_INLINE size_t fused(const ts_gcm_key *g, uint8_t ctr8[16], uint8_t y8[16],
                                  const uint8_t *in, uint8_t *out, size_t n, unsigned nr,
                                  int seal) {
  if (n < 8) return 0;
  const __m128i *rk = (const __m128i *)g->aes.rk;
  const __m128i *hp = (const __m128i *)g->gh.hp, *hk = (const __m128i *)g->gh.hk;
  __m128i base = _mm_loadu_si128((const __m128i *)ctr8);
  uint32_t c = be32(ctr8 + 12);
  __m128i y = ts_bswap128(_mm_loadu_si128((const __m128i *)y8));
  size_t done = 0;
  __m128i b[8];
  if (seal) {
    /* The first eight blocks have no predecessor to hash. */
    for (int i = 0; i < 8; i++) b[i] = ts_aesni_ctr_block(base, c + (uint32_t)i);
    ts_aesni_enc8(rk, nr, b);
    for (int i = 0; i < 8; i++)
      _mm_storeu_si128((__m128i *)(out + 16 * i),
                       _mm_xor_si128(b[i], _mm_loadu_si128((const __m128i *)(in + 16 * i))));
    c += 8;
    done = 8;
  }
  while (n - done >= 8) {
    const uint8_t *hsrc = seal ? out + 16 * (done - 8) : in + 16 * done;
    const uint8_t *src = in + 16 * done;
    uint8_t *dst = out + 16 * done;
    __m128i key = _mm_load_si128(rk);
    for (int i = 0; i < 8; i++) b[i] = _mm_xor_si128(ts_aesni_ctr_block(base, c + (uint32_t)i), key);
    __m128i lo = _mm_setzero_si128(), hi = lo, mid = lo;
    for (unsigned r = 1; r < nr; r++) {
      key = _mm_load_si128(rk + r);
      for (int i = 0; i < 8; i++) b[i] = _mm_aesenc_si128(b[i], key);
      if (r <= 8) {
        __m128i x = ts_bswap128(_mm_loadu_si128((const __m128i *)(hsrc + 16 * (r - 1))));
        if (r == 1) x = _mm_xor_si128(x, y);
        ts_clmul_acc(x, _mm_load_si128(hp + 8 - r), _mm_load_si128(hk + 8 - r), &lo, &hi, &mid);
      }
    }
    y = ts_ghash_reduce(lo, hi, mid);
    key = _mm_load_si128(rk + nr);
    for (int i = 0; i < 8; i++) b[i] = _mm_aesenclast_si128(b[i], key);
    for (int i = 0; i < 8; i++)
      _mm_storeu_si128((__m128i *)(dst + 16 * i),
                       _mm_xor_si128(b[i], _mm_loadu_si128((const __m128i *)(src + 16 * i))));
    c += 8;
    done += 8;
  }
  if (seal) {
    const uint8_t *hsrc = out + 16 * (done - 8);
    __m128i lo = _mm_setzero_si128(), hi = lo, mid = lo;
    for (int j = 0; j < 8; j++) {
      __m128i x = ts_bswap128(_mm_loadu_si128((const __m128i *)(hsrc + 16 * j)));
      if (j == 0) x = _mm_xor_si128(x, y);
      ts_clmul_acc(x, _mm_load_si128(hp + 7 - j), _mm_load_si128(hk + 7 - j), &lo, &hi, &mid);
    }
    y = ts_ghash_reduce(lo, hi, mid);
  }
  _mm_storeu_si128((__m128i *)ctr8, ts_aesni_ctr_block(base, c));
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

const ts_gcm_fused ts_gcm_x86ni = {"aes-ni+pclmul", &ts_aes_x86ni, &ts_ghash_pclmul, seal_blocks,
                                   open_blocks};
