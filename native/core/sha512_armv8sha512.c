/* SHA-512 compression with the ARMv8.2 SHA512 instructions. Compiled with +sha3; called only
 * when dispatch.c has seen HWCAP_SHA512.
 *
 * The state is four pairs ab, cd, ef, gh (first letter in lane 0). sha512h computes the two T1
 * values of a double round from [d,e], [f,g] and h + K + W; sha512h2 turns them into the two
 * new a values from ab and c. Then cd + T1 gives the new ef, and the pairs rotate.
 * sha512su0/su1 extend the schedule two words at a time. */
#include <arm_neon.h>

#include "sha512.h"

void ts_sha512_blocks_armv8sha512(uint64_t h[8], const uint8_t *p, size_t nblocks) {
  uint64x2_t ab = vld1q_u64(&h[0]), cd = vld1q_u64(&h[2]), ef = vld1q_u64(&h[4]),
             gh = vld1q_u64(&h[6]);
  while (nblocks--) {
    const uint64x2_t ab0 = ab, cd0 = cd, ef0 = ef, gh0 = gh;
    uint64x2_t m[8];
    for (int i = 0; i < 8; i++) m[i] = vreinterpretq_u64_u8(vrev64q_u8(vld1q_u8(p + 16 * i)));
#pragma GCC unroll 40
    for (int r = 0; r < 40; r++) {
      /* W[2r], W[2r+1]; from r = 8 on, computed in place of W[2r-16], W[2r-15]. */
      if (r >= 8)
        m[r & 7] = vsha512su1q_u64(vsha512su0q_u64(m[r & 7], m[(r + 1) & 7]), m[(r + 7) & 7],
                                   vextq_u64(m[(r + 4) & 7], m[(r + 5) & 7], 1));
      uint64x2_t kw = vaddq_u64(m[r & 7], vld1q_u64(&ts_sha512_k[2 * r]));
      /* [g + K1 + W1, h + K0 + W0] */
      uint64x2_t hkw = vaddq_u64(gh, vextq_u64(kw, kw, 1));
      uint64x2_t t1 = vsha512hq_u64(hkw, vextq_u64(ef, gh, 1), vextq_u64(cd, ef, 1));
      uint64x2_t a2 = vsha512h2q_u64(t1, cd, ab);
      gh = ef;
      ef = vaddq_u64(cd, t1);
      cd = ab;
      ab = a2;
    }
    ab = vaddq_u64(ab, ab0);
    cd = vaddq_u64(cd, cd0);
    ef = vaddq_u64(ef, ef0);
    gh = vaddq_u64(gh, gh0);
    p += TS_SHA512_BLOCK;
  }
  vst1q_u64(&h[0], ab);
  vst1q_u64(&h[2], cd);
  vst1q_u64(&h[4], ef);
  vst1q_u64(&h[6], gh);
}
