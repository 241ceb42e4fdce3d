/* SHA-1 compression with the ARMv8 SHA1 instructions. Compiled with +crypto; called only when
 * dispatch.c has seen HWCAP_SHA2 (the ARMv8 Crypto Extension's SHA1 and SHA2 instructions come
 * together; Linux reports HWCAP_SHA1 and HWCAP_SHA2 on the same CPUs). */
#include <arm_neon.h>

#include "sha1.h"

void ts_sha1_blocks_armv8(uint32_t h[5], const uint8_t *p, size_t nblocks) {
  const uint32x4_t k0 = vdupq_n_u32(0x5a827999), k1 = vdupq_n_u32(0x6ed9eba1),
                   k2 = vdupq_n_u32(0x8f1bbcdc), k3 = vdupq_n_u32(0xca62c1d6);
  uint32x4_t abcd = vld1q_u32(h);
  uint32_t e0 = h[4];
  while (nblocks--) {
    const uint32x4_t abcd_start = abcd;
    const uint32_t e_start = e0;
    uint32x4_t m[4];
    for (int i = 0; i < 4; i++) m[i] = vreinterpretq_u32_u8(vrev32q_u8(vld1q_u8(p + 16 * i)));
    uint32_t e = e0;
#pragma GCC unroll 20
    for (int g = 0; g < 20; g++) {
      if (g >= 4)
        m[g & 3] = vsha1su1q_u32(vsha1su0q_u32(m[g & 3], m[(g + 1) & 3], m[(g + 2) & 3]), m[(g + 3) & 3]);
      uint32_t e_next = vsha1h_u32(vgetq_lane_u32(abcd, 0));
      if (g < 5)
        abcd = vsha1cq_u32(abcd, e, vaddq_u32(m[g & 3], k0));
      else if (g < 10)
        abcd = vsha1pq_u32(abcd, e, vaddq_u32(m[g & 3], k1));
      else if (g < 15)
        abcd = vsha1mq_u32(abcd, e, vaddq_u32(m[g & 3], k2));
      else
        abcd = vsha1pq_u32(abcd, e, vaddq_u32(m[g & 3], k3));
      e = e_next;
    }
    abcd = vaddq_u32(abcd, abcd_start);
    e0 = e + e_start;
    p += TS_SHA1_BLOCK;
  }
  vst1q_u32(h, abcd);
  h[4] = e0;
}
