/* Portable SHA-1 compression (FIPS 180-4 §6.1.2). No data-dependent branches or indices; the
 * schedule lives in a 16-word ring indexed by the round number only. */
#include "sha1.h"

#define ROL(x, n) (((x) << (n)) | ((x) >> (32 - (n))))

void ts_sha1_blocks_generic(uint32_t h[5], const uint8_t *p, size_t nblocks) {
  while (nblocks--) {
    uint32_t w[16];
    for (int t = 0; t < 16; t++)
      w[t] = (uint32_t)p[4 * t] << 24 | (uint32_t)p[4 * t + 1] << 16 | (uint32_t)p[4 * t + 2] << 8 |
             (uint32_t)p[4 * t + 3];
    uint32_t a = h[0], b = h[1], c = h[2], d = h[3], e = h[4];
#define SCHED(t) \
  ((t) < 16 ? w[(t)] \
            : (w[(t) & 15] = ROL(w[((t) - 3) & 15] ^ w[((t) - 8) & 15] ^ w[((t) - 14) & 15] ^ w[(t) & 15], 1)))
#define ROUND(t, f, k)                                   \
  do {                                                   \
    uint32_t tmp = ROL(a, 5) + (f) + e + (k) + SCHED(t); \
    e = d;                                               \
    d = c;                                               \
    c = ROL(b, 30);                                      \
    b = a;                                               \
    a = tmp;                                             \
  } while (0)
#pragma GCC unroll 20
    for (int t = 0; t < 20; t++) ROUND(t, d ^ (b & (c ^ d)), 0x5a827999);
#pragma GCC unroll 20
    for (int t = 20; t < 40; t++) ROUND(t, b ^ c ^ d, 0x6ed9eba1);
#pragma GCC unroll 20
    for (int t = 40; t < 60; t++) ROUND(t, (b & c) | (d & (b | c)), 0x8f1bbcdc);
#pragma GCC unroll 20
    for (int t = 60; t < 80; t++) ROUND(t, b ^ c ^ d, 0xca62c1d6);
#undef ROUND
#undef SCHED
    h[0] += a;
    h[1] += b;
    h[2] += c;
    h[3] += d;
    h[4] += e;
    p += TS_SHA1_BLOCK;
  }
}
