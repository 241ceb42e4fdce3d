/* AES with AES-NI. Eight independent blocks are kept in flight wherever the mode allows
 * (ECB, CTR, CBC decryption) to cover the AESENC latency; CBC encryption and CBC-MAC are
 * inherently serial. The instructions take data-independent time: every function here is
 * constant-time. The key schedule is the shared portable one (aes_ct.c). */
#include <immintrin.h>
#include <string.h>

#include "aes.h"
#include "aes_x86ni.h"

static void ni_encrypt(const ts_aes_key *k, const uint8_t *in, uint8_t *out, size_t n) {
  const __m128i *rk = (const __m128i *)k->rk;
  unsigned nr = k->rounds;
  while (n >= 8) {
    __m128i b[8];
    for (int i = 0; i < 8; i++) b[i] = _mm_loadu_si128((const __m128i *)(in + 16 * i));
    ts_aesni_enc8(rk, nr, b);
    for (int i = 0; i < 8; i++) _mm_storeu_si128((__m128i *)(out + 16 * i), b[i]);
    in += 128;
    out += 128;
    n -= 8;
  }
  for (; n; n--, in += 16, out += 16)
    _mm_storeu_si128((__m128i *)out, ts_aesni_enc1(rk, nr, _mm_loadu_si128((const __m128i *)in)));
}

static inline __m128i dec1(const __m128i *dk, unsigned nr, __m128i b) {
  b = _mm_xor_si128(b, _mm_load_si128(dk));
  for (unsigned r = 1; r < nr; r++) b = _mm_aesdec_si128(b, _mm_load_si128(dk + r));
  return _mm_aesdeclast_si128(b, _mm_load_si128(dk + nr));
}

static inline void dec8(const __m128i *dk, unsigned nr, __m128i *b) {
  __m128i key = _mm_load_si128(dk);
  for (int i = 0; i < 8; i++) b[i] = _mm_xor_si128(b[i], key);
  for (unsigned r = 1; r < nr; r++) {
    key = _mm_load_si128(dk + r);
    for (int i = 0; i < 8; i++) b[i] = _mm_aesdec_si128(b[i], key);
  }
  key = _mm_load_si128(dk + nr);
  for (int i = 0; i < 8; i++) b[i] = _mm_aesdeclast_si128(b[i], key);
}

static void ni_decrypt(const ts_aes_key *k, const uint8_t *in, uint8_t *out, size_t n) {
  const __m128i *dk = (const __m128i *)k->dk;
  unsigned nr = k->rounds;
  while (n >= 8) {
    __m128i b[8];
    for (int i = 0; i < 8; i++) b[i] = _mm_loadu_si128((const __m128i *)(in + 16 * i));
    dec8(dk, nr, b);
    for (int i = 0; i < 8; i++) _mm_storeu_si128((__m128i *)(out + 16 * i), b[i]);
    in += 128;
    out += 128;
    n -= 8;
  }
  for (; n; n--, in += 16, out += 16)
    _mm_storeu_si128((__m128i *)out, dec1(dk, nr, _mm_loadu_si128((const __m128i *)in)));
}

static void ni_ctr32(const ts_aes_key *k, uint8_t ctr[16], const uint8_t *in, uint8_t *out,
                     size_t n) {
  const __m128i *rk = (const __m128i *)k->rk;
  unsigned nr = k->rounds;
  __m128i base = _mm_loadu_si128((const __m128i *)ctr);
  uint32_t c = (uint32_t)ctr[12] << 24 | (uint32_t)ctr[13] << 16 | (uint32_t)ctr[14] << 8 | ctr[15];
  while (n >= 8) {
    __m128i b[8];
    for (int i = 0; i < 8; i++) b[i] = ts_aesni_ctr_block(base, c + (uint32_t)i);
    ts_aesni_enc8(rk, nr, b);
    for (int i = 0; i < 8; i++)
      _mm_storeu_si128((__m128i *)(out + 16 * i),
                       _mm_xor_si128(b[i], _mm_loadu_si128((const __m128i *)(in + 16 * i))));
    c += 8;
    in += 128;
    out += 128;
    n -= 8;
  }
  if (n) {
    /* The tail: eight keystream blocks, n used. Indexing by i rather than stepping c keeps the
     * loop exit independent of the (possibly secret-derived) counter value. */
    __m128i b[8];
    uint8_t ks[128];
    for (int i = 0; i < 8; i++) b[i] = ts_aesni_ctr_block(base, c + (uint32_t)i);
    ts_aesni_enc8(rk, nr, b);
    for (int i = 0; i < 8; i++) _mm_storeu_si128((__m128i *)(ks + 16 * i), b[i]);
    for (size_t i = 0; i < 16 * n; i++) out[i] = in[i] ^ ks[i];
    c += (uint32_t)n;
    ts_aes_zero(ks, sizeof ks);
  }
  _mm_storeu_si128((__m128i *)ctr, ts_aesni_ctr_block(base, c));
}

static void ni_cbc_encrypt(const ts_aes_key *k, uint8_t iv[16], const uint8_t *in, uint8_t *out,
                           size_t n) {
  const __m128i *rk = (const __m128i *)k->rk;
  unsigned nr = k->rounds;
  __m128i y = _mm_loadu_si128((const __m128i *)iv);
  for (; n; n--, in += 16, out += 16) {
    y = ts_aesni_enc1(rk, nr, _mm_xor_si128(y, _mm_loadu_si128((const __m128i *)in)));
    _mm_storeu_si128((__m128i *)out, y);
  }
  _mm_storeu_si128((__m128i *)iv, y);
}

static void ni_cbc_decrypt(const ts_aes_key *k, uint8_t iv[16], const uint8_t *in, uint8_t *out,
                           size_t n) {
  const __m128i *dk = (const __m128i *)k->dk;
  unsigned nr = k->rounds;
  __m128i prev = _mm_loadu_si128((const __m128i *)iv);
  while (n >= 8) {
    __m128i b[8], c[8];
    for (int i = 0; i < 8; i++) b[i] = c[i] = _mm_loadu_si128((const __m128i *)(in + 16 * i));
    dec8(dk, nr, b);
    _mm_storeu_si128((__m128i *)out, _mm_xor_si128(b[0], prev));
    for (int i = 1; i < 8; i++) _mm_storeu_si128((__m128i *)(out + 16 * i), _mm_xor_si128(b[i], c[i - 1]));
    prev = c[7];
    in += 128;
    out += 128;
    n -= 8;
  }
  for (; n; n--, in += 16, out += 16) {
    __m128i c = _mm_loadu_si128((const __m128i *)in);
    _mm_storeu_si128((__m128i *)out, _mm_xor_si128(dec1(dk, nr, c), prev));
    prev = c;
  }
  _mm_storeu_si128((__m128i *)iv, prev);
}

static void ni_cbcmac(const ts_aes_key *k, uint8_t y8[16], const uint8_t *in, size_t n) {
  const __m128i *rk = (const __m128i *)k->rk;
  unsigned nr = k->rounds;
  __m128i y = _mm_loadu_si128((const __m128i *)y8);
  for (; n; n--, in += 16) y = ts_aesni_enc1(rk, nr, _mm_xor_si128(y, _mm_loadu_si128((const __m128i *)in)));
  _mm_storeu_si128((__m128i *)y8, y);
}

static void ni_sub_word(uint8_t w[4]) { ts_aesni_sub_word(w); }

const ts_aes_impl ts_aes_x86ni = {"aes-ni", 0, ni_encrypt, ni_decrypt, ni_ctr32,
                                  ni_cbc_encrypt, ni_cbc_decrypt, ni_cbcmac,
                                  ni_sub_word};
