/* GHASH with PCLMULQDQ: precomputed H^1..H^16 and aggregated reduction over 8 blocks
 * (Y ^ X1)*H^8 ^ X2*H^7 ^ ... ^ X8*H, then 4, then single blocks. Arithmetic in
 * ghash_pclmul.h. Carry-less multiplication takes the same time for every operand: every
 * function here is constant-time. */
#include "ghash.h"
#include "ghash_pclmul.h"

static void pclmul_init(ts_ghash_key *g, const uint8_t h[16]) {
  __m128i x = ts_bswap128(_mm_loadu_si128((const __m128i *)h));
  /* H*t: shift the 128-bit value left one bit, reducing a carry out with 0xC2..01. */
  __m128i carry = _mm_srai_epi32(_mm_shuffle_epi32(x, 0xFF), 31); /* all ones if bit 127 */
  __m128i sh = _mm_or_si128(_mm_slli_epi64(x, 1), _mm_srli_epi64(_mm_slli_si128(x, 8), 63));
  __m128i poly = _mm_set_epi64x((long long)0xC200000000000000ULL, 1);
  __m128i k = _mm_xor_si128(sh, _mm_and_si128(carry, poly));
  __m128i p[TS_GHASH_POWERS];
  p[0] = k;
  /* H^(i+1) = H^(a+1) * H^(i-a): a balanced split keeps the dependency chain short. */
  for (int i = 1; i < TS_GHASH_POWERS; i++) {
    int a = (i - 1) / 2;
    p[i] = ts_gmul(p[a], p[i - 1 - a]);
  }
  for (int i = 0; i < TS_GHASH_POWERS; i++) {
    _mm_store_si128((__m128i *)g->hp[i], p[i]);
    _mm_store_si128((__m128i *)g->hk[i], ts_hk(p[i]));
    _mm_store_si128((__m128i *)g->hr[TS_GHASH_POWERS - 1 - i], p[i]);
    _mm_store_si128((__m128i *)g->hkr[TS_GHASH_POWERS - 1 - i], ts_hk(p[i]));
  }
}

static void pclmul_update(const ts_ghash_key *g, uint8_t y8[16], const uint8_t *in, size_t n) {
  __m128i y = ts_bswap128(_mm_loadu_si128((const __m128i *)y8));
  const __m128i *hp = (const __m128i *)g->hp, *hk = (const __m128i *)g->hk;
  while (n >= 8) {
    __m128i lo = _mm_setzero_si128(), hi = lo, mid = lo;
    for (int j = 0; j < 8; j++) {
      __m128i x = ts_bswap128(_mm_loadu_si128((const __m128i *)(in + 16 * j)));
      if (j == 0) x = _mm_xor_si128(x, y);
      ts_clmul_acc(x, hp[7 - j], hk[7 - j], &lo, &hi, &mid);
    }
    y = ts_ghash_reduce(lo, hi, mid);
    in += 128;
    n -= 8;
  }
  if (n) {
    __m128i lo = _mm_setzero_si128(), hi = lo, mid = lo;
    for (size_t j = 0; j < n; j++) {
      __m128i x = ts_bswap128(_mm_loadu_si128((const __m128i *)(in + 16 * j)));
      if (j == 0) x = _mm_xor_si128(x, y);
      ts_clmul_acc(x, hp[n - 1 - j], hk[n - 1 - j], &lo, &hi, &mid);
    }
    y = ts_ghash_reduce(lo, hi, mid);
  }
  _mm_storeu_si128((__m128i *)y8, ts_bswap128(y));
}

const ts_ghash_impl ts_ghash_pclmul = {"pclmul", pclmul_init, pclmul_update};
