/* ChaCha20 with NEON (aarch64): four blocks per iteration, one vector per state word (lane j =
 * block j). Adds, XORs, shifts and fixed permutations only. This is constant-time. */
#include <arm_neon.h>

#include "chacha20.h"
#include "ct.h"

#define ROTL(x, n) vsriq_n_u32(vshlq_n_u32((x), (n)), (x), 32 - (n))
#define ROT16(x) vreinterpretq_u32_u16(vrev32q_u16(vreinterpretq_u16_u32(x)))
#define ROT8(x) vreinterpretq_u32_u8(vqtbl1q_u8(vreinterpretq_u8_u32(x), r8))
#define QR(a, b, c, d)       \
  a = vaddq_u32(a, b);       \
  d = ROT16(veorq_u32(d, a)); \
  c = vaddq_u32(c, d);       \
  b = veorq_u32(b, c);       \
  b = ROTL(b, 12);           \
  a = vaddq_u32(a, b);       \
  d = ROT8(veorq_u32(d, a)); \
  c = vaddq_u32(c, d);       \
  b = veorq_u32(b, c);       \
  b = ROTL(b, 7)

static inline void out4(uint8_t *out, const uint8_t *in, uint32x4_t a, uint32x4_t b, uint32x4_t c,
                        uint32x4_t d) {
  uint64x2_t t0 = vreinterpretq_u64_u32(vzip1q_u32(a, b)), t1 = vreinterpretq_u64_u32(vzip1q_u32(c, d));
  uint64x2_t t2 = vreinterpretq_u64_u32(vzip2q_u32(a, b)), t3 = vreinterpretq_u64_u32(vzip2q_u32(c, d));
  uint8x16_t b0 = vreinterpretq_u8_u64(vzip1q_u64(t0, t1)), b1 = vreinterpretq_u8_u64(vzip2q_u64(t0, t1));
  uint8x16_t b2 = vreinterpretq_u8_u64(vzip1q_u64(t2, t3)), b3 = vreinterpretq_u8_u64(vzip2q_u64(t2, t3));
  vst1q_u8(out + 0, veorq_u8(vld1q_u8(in + 0), b0));
  vst1q_u8(out + 64, veorq_u8(vld1q_u8(in + 64), b1));
  vst1q_u8(out + 128, veorq_u8(vld1q_u8(in + 128), b2));
  vst1q_u8(out + 192, veorq_u8(vld1q_u8(in + 192), b3));
}

static void blocks4(uint8_t *out, const uint8_t *in, const uint32_t key[8], uint32_t counter,
                    const uint32_t nonce[3]) {
  static const uint8_t r8_bytes[16] = {3, 0, 1, 2, 7, 4, 5, 6, 11, 8, 9, 10, 15, 12, 13, 14};
  static const uint32_t lanes[4] = {0, 1, 2, 3};
  const uint8x16_t r8 = vld1q_u8(r8_bytes);
  const uint32x4_t s0 = vdupq_n_u32(0x61707865), s1 = vdupq_n_u32(0x3320646e);
  const uint32x4_t s2 = vdupq_n_u32(0x79622d32), s3 = vdupq_n_u32(0x6b206574);
  const uint32x4_t s4 = vdupq_n_u32(key[0]), s5 = vdupq_n_u32(key[1]), s6 = vdupq_n_u32(key[2]);
  const uint32x4_t s7 = vdupq_n_u32(key[3]), s8 = vdupq_n_u32(key[4]), s9 = vdupq_n_u32(key[5]);
  const uint32x4_t s10 = vdupq_n_u32(key[6]), s11 = vdupq_n_u32(key[7]);
  const uint32x4_t s12 = vaddq_u32(vdupq_n_u32(counter), vld1q_u32(lanes));
  const uint32x4_t s13 = vdupq_n_u32(nonce[0]), s14 = vdupq_n_u32(nonce[1]), s15 = vdupq_n_u32(nonce[2]);
  uint32x4_t x0 = s0, x1 = s1, x2 = s2, x3 = s3, x4 = s4, x5 = s5, x6 = s6, x7 = s7;
  uint32x4_t x8 = s8, x9 = s9, x10 = s10, x11 = s11, x12 = s12, x13 = s13, x14 = s14, x15 = s15;
  for (int i = 0; i < 10; i++) {
    QR(x0, x4, x8, x12);
    QR(x1, x5, x9, x13);
    QR(x2, x6, x10, x14);
    QR(x3, x7, x11, x15);
    QR(x0, x5, x10, x15);
    QR(x1, x6, x11, x12);
    QR(x2, x7, x8, x13);
    QR(x3, x4, x9, x14);
  }
  out4(out + 0, in + 0, vaddq_u32(x0, s0), vaddq_u32(x1, s1), vaddq_u32(x2, s2), vaddq_u32(x3, s3));
  out4(out + 16, in + 16, vaddq_u32(x4, s4), vaddq_u32(x5, s5), vaddq_u32(x6, s6), vaddq_u32(x7, s7));
  out4(out + 32, in + 32, vaddq_u32(x8, s8), vaddq_u32(x9, s9), vaddq_u32(x10, s10), vaddq_u32(x11, s11));
  out4(out + 48, in + 48, vaddq_u32(x12, s12), vaddq_u32(x13, s13), vaddq_u32(x14, s14), vaddq_u32(x15, s15));
}

void ts_chacha20_xor_neon(uint8_t *out, const uint8_t *in, size_t len, const uint32_t key[8],
                          uint32_t counter, const uint32_t nonce[3]) {
  while (len >= 4 * TS_CHACHA20_BLOCK) {
    blocks4(out, in, key, counter, nonce);
    counter += 4;
    in += 4 * TS_CHACHA20_BLOCK;
    out += 4 * TS_CHACHA20_BLOCK;
    len -= 4 * TS_CHACHA20_BLOCK;
  }
  if (len > TS_CHACHA20_BLOCK) {
    uint8_t buf[4 * TS_CHACHA20_BLOCK] = {0};
    for (size_t i = 0; i < len; i++) buf[i] = in[i];
    blocks4(buf, buf, key, counter, nonce);
    for (size_t i = 0; i < len; i++) out[i] = buf[i];
    ts_chacha_wipe(buf, sizeof buf);
  } else if (len) {
    ts_chacha20_xor_generic(out, in, len, key, counter, nonce);
  }
}
