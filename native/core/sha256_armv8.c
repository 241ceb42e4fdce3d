/* SHA-256 compression with the ARMv8 SHA2 instructions. Compiled with +crypto; called only
 * when dispatch.c has seen HWCAP_SHA2. */
#include <arm_neon.h>

#include "sha256.h"

void ts_sha256_blocks_armv8(uint32_t h[8], const uint8_t *p, size_t nblocks) {
  uint32x4_t abcd = vld1q_u32(&h[0]);
  uint32x4_t efgh = vld1q_u32(&h[4]);
  while (nblocks--) {
    const uint32x4_t abcd0 = abcd, efgh0 = efgh;
    uint32x4_t m[4];
    for (int i = 0; i < 4; i++) m[i] = vreinterpretq_u32_u8(vrev32q_u8(vld1q_u8(p + 16 * i)));
#pragma GCC unroll 16
    for (int g = 0; g < 16; g++) {
      uint32x4_t wk = vaddq_u32(m[g & 3], vld1q_u32(&ts_sha256_k[4 * g]));
      uint32x4_t abcd_prev = abcd;
      abcd = vsha256hq_u32(abcd, efgh, wk);
      efgh = vsha256h2q_u32(efgh, abcd_prev, wk);
      if (g < 12)
        m[g & 3] = vsha256su1q_u32(vsha256su0q_u32(m[g & 3], m[(g + 1) & 3]), m[(g + 2) & 3],
                                   m[(g + 3) & 3]);
    }
    abcd = vaddq_u32(abcd, abcd0);
    efgh = vaddq_u32(efgh, efgh0);
    p += TS_SHA256_BLOCK;
  }
  vst1q_u32(&h[0], abcd);
  vst1q_u32(&h[4], efgh);
}
