/* AES with VAES on 256-bit registers (two blocks per instruction, sixteen in flight) for the
 * parallel modes: ECB, CTR, CBC decryption. The serial modes (CBC encryption, CBC-MAC) gain
 * nothing from width and use 128-bit AES-NI. Every function here is constant-time. */
#include <immintrin.h>
#include <string.h>

#include "aes.h"
#include "aes_vaes.h"
#include "aes_x86ni.h"
#include "ct.h"

static void vaes_encrypt(const ts_aes_key *k, const uint8_t *in, uint8_t *out, size_t n) {
  while (n >= 16) {
    __m256i b[8];
    for (int i = 0; i < 8; i++) b[i] = _mm256_loadu_si256((const __m256i *)(in + 32 * i));
    TS_VAES_ENC(k->rk, k->rounds, b, 8);
    for (int i = 0; i < 8; i++) _mm256_storeu_si256((__m256i *)(out + 32 * i), b[i]);
    in += 256;
    out += 256;
    n -= 16;
  }
  for (; n; n--, in += 16, out += 16)
    _mm_storeu_si128((__m128i *)out, ts_aesni_enc1((const __m128i *)k->rk, k->rounds,
                                                   _mm_loadu_si128((const __m128i *)in)));
}

static inline void dec_n(const ts_aes_key *k, __m256i *b, int n) {
  __m256i key = ts_vaes_key(k->dk, 0);
  for (int i = 0; i < n; i++) b[i] = _mm256_xor_si256(b[i], key);
  for (unsigned r = 1; r < k->rounds; r++) {
    key = ts_vaes_key(k->dk, r);
    for (int i = 0; i < n; i++) b[i] = _mm256_aesdec_epi128(b[i], key);
  }
  key = ts_vaes_key(k->dk, k->rounds);
  for (int i = 0; i < n; i++) b[i] = _mm256_aesdeclast_epi128(b[i], key);
}

static __m128i dec1(const ts_aes_key *k, __m128i b) {
  b = _mm_xor_si128(b, _mm_load_si128((const __m128i *)k->dk));
  for (unsigned r = 1; r < k->rounds; r++)
    b = _mm_aesdec_si128(b, _mm_load_si128((const __m128i *)(k->dk + 16 * r)));
  return _mm_aesdeclast_si128(b, _mm_load_si128((const __m128i *)(k->dk + 16 * k->rounds)));
}

static void vaes_decrypt(const ts_aes_key *k, const uint8_t *in, uint8_t *out, size_t n) {
  while (n >= 16) {
    __m256i b[8];
    for (int i = 0; i < 8; i++) b[i] = _mm256_loadu_si256((const __m256i *)(in + 32 * i));
    dec_n(k, b, 8);
    for (int i = 0; i < 8; i++) _mm256_storeu_si256((__m256i *)(out + 32 * i), b[i]);
    in += 256;
    out += 256;
    n -= 16;
  }
  for (; n; n--, in += 16, out += 16)
    _mm_storeu_si128((__m128i *)out, dec1(k, _mm_loadu_si128((const __m128i *)in)));
}

static void vaes_ctr32(const ts_aes_key *k, uint8_t ctr[16], const uint8_t *in, uint8_t *out,
                       size_t n) {
  const __m256i swap = ts_vaes_ctr_swap(), two = _mm256_setr_epi32(0, 0, 0, 2, 0, 0, 0, 2);
  __m256i cv = ts_vaes_ctr_init(ctr);
  while (n >= 16) {
    __m256i b[8];
    for (int i = 0; i < 8; i++) {
      b[i] = _mm256_shuffle_epi8(cv, swap);
      cv = _mm256_add_epi32(cv, two);
    }
    TS_VAES_ENC(k->rk, k->rounds, b, 8);
    for (int i = 0; i < 8; i++)
      _mm256_storeu_si256((__m256i *)(out + 32 * i),
                          _mm256_xor_si256(b[i], _mm256_loadu_si256((const __m256i *)(in + 32 * i))));
    in += 256;
    out += 256;
    n -= 16;
  }
  while (n) {
    /* up to 8 pairs, the last possibly half used */
    __m256i b[8];
    size_t pairs = (n + 1) / 2;
    for (size_t i = 0; i < pairs; i++) {
      b[i] = _mm256_shuffle_epi8(cv, swap);
      cv = _mm256_add_epi32(cv, two);
    }
    TS_VAES_ENC(k->rk, k->rounds, b, (int)pairs);
    uint8_t ks[256];
    for (size_t i = 0; i < pairs; i++) _mm256_storeu_si256((__m256i *)(ks + 32 * i), b[i]);
    for (size_t i = 0; i < 16 * n; i++) out[i] = in[i] ^ ks[i];
    if (n & 1) cv = _mm256_sub_epi32(cv, _mm256_setr_epi32(0, 0, 0, 1, 0, 0, 0, 1));
    ts_aes_zero(ks, sizeof ks);
    n = 0;
  }
  _mm_storeu_si128((__m128i *)ctr, _mm256_castsi256_si128(_mm256_shuffle_epi8(cv, swap)));
}

static void vaes_cbc_encrypt(const ts_aes_key *k, uint8_t iv[16], const uint8_t *in, uint8_t *out,
                             size_t n) {
  const __m128i *rk = (const __m128i *)k->rk;
  __m128i y = _mm_loadu_si128((const __m128i *)iv);
  for (; n; n--, in += 16, out += 16) {
    y = ts_aesni_enc1(rk, k->rounds, _mm_xor_si128(y, _mm_loadu_si128((const __m128i *)in)));
    _mm_storeu_si128((__m128i *)out, y);
  }
  _mm_storeu_si128((__m128i *)iv, y);
}

static void vaes_cbc_decrypt(const ts_aes_key *k, uint8_t iv[16], const uint8_t *in, uint8_t *out,
                             size_t n) {
  __m128i prev = _mm_loadu_si128((const __m128i *)iv);
  while (n >= 16) {
    __m256i b[8];
    for (int i = 0; i < 8; i++) b[i] = _mm256_loadu_si256((const __m256i *)(in + 32 * i));
    /* previous ciphertexts, shifted by one block */
    __m256i p0 = _mm256_inserti128_si256(_mm256_castsi128_si256(prev),
                                         _mm_loadu_si128((const __m128i *)in), 1);
    __m256i pv[8];
    pv[0] = p0;
    for (int i = 1; i < 8; i++) pv[i] = _mm256_loadu_si256((const __m256i *)(in + 32 * i - 16));
    prev = _mm_loadu_si128((const __m128i *)(in + 240));
    dec_n(k, b, 8);
    for (int i = 0; i < 8; i++)
      _mm256_storeu_si256((__m256i *)(out + 32 * i), _mm256_xor_si256(b[i], pv[i]));
    in += 256;
    out += 256;
    n -= 16;
  }
  for (; n; n--, in += 16, out += 16) {
    __m128i c = _mm_loadu_si128((const __m128i *)in);
    _mm_storeu_si128((__m128i *)out, _mm_xor_si128(dec1(k, c), prev));
    prev = c;
  }
  _mm_storeu_si128((__m128i *)iv, prev);
}

static void vaes_cbcmac(const ts_aes_key *k, uint8_t y8[16], const uint8_t *in, size_t n) {
  const __m128i *rk = (const __m128i *)k->rk;
  __m128i y = _mm_loadu_si128((const __m128i *)y8);
  for (; n; n--, in += 16)
    y = ts_aesni_enc1(rk, k->rounds, _mm_xor_si128(y, _mm_loadu_si128((const __m128i *)in)));
  _mm_storeu_si128((__m128i *)y8, y);
}

static void ni_sub_word(uint8_t w[4]) { ts_aesni_sub_word(w); }

const ts_aes_impl ts_aes_vaes = {"vaes-avx2", 0, vaes_encrypt, vaes_decrypt, vaes_ctr32,
                                 vaes_cbc_encrypt, vaes_cbc_decrypt, vaes_cbcmac,
                                  ni_sub_word};
