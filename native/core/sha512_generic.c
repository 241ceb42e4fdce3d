/* Portable SHA-512 compression (FIPS 180-4 §6.4.2). The schedule lives in a 16-word ring and
 * the rounds are unrolled by 16 so the working variables never move. No data-dependent
 * branches or indices. */
#include "sha512.h"

#define ROR(x, n) (((x) >> (n)) | ((x) << (64 - (n))))
#define BSIG0(x) (ROR(x, 28) ^ ROR(x, 34) ^ ROR(x, 39))
#define BSIG1(x) (ROR(x, 14) ^ ROR(x, 18) ^ ROR(x, 41))
#define SSIG0(x) (ROR(x, 1) ^ ROR(x, 8) ^ ((x) >> 7))
#define SSIG1(x) (ROR(x, 19) ^ ROR(x, 61) ^ ((x) >> 6))

/* Round t (0..79) at ring position i = t mod 16; from t = 16 on, W[t] replaces W[t-16]. */
#define ROUND(a, b, c, d, e, f, g, h, i, sched)                                        \
  do {                                                                                 \
    if (sched) w[i] += SSIG1(w[((i) + 14) & 15]) + w[((i) + 9) & 15] + SSIG0(w[((i) + 1) & 15]); \
    uint64_t t1 = h + BSIG1(e) + (g ^ (e & (f ^ g))) + k[i] + w[i];                   \
    uint64_t t2 = BSIG0(a) + ((a & b) ^ (c & (a ^ b)));                                \
    d += t1;                                                                           \
    h = t1 + t2;                                                                       \
  } while (0)

#define ROUNDS16(sched)                                   \
  do {                                                    \
    ROUND(a, b, c, d, e, f, g, hh, 0, sched);             \
    ROUND(hh, a, b, c, d, e, f, g, 1, sched);             \
    ROUND(g, hh, a, b, c, d, e, f, 2, sched);             \
    ROUND(f, g, hh, a, b, c, d, e, 3, sched);             \
    ROUND(e, f, g, hh, a, b, c, d, 4, sched);             \
    ROUND(d, e, f, g, hh, a, b, c, 5, sched);             \
    ROUND(c, d, e, f, g, hh, a, b, 6, sched);             \
    ROUND(b, c, d, e, f, g, hh, a, 7, sched);             \
    ROUND(a, b, c, d, e, f, g, hh, 8, sched);             \
    ROUND(hh, a, b, c, d, e, f, g, 9, sched);             \
    ROUND(g, hh, a, b, c, d, e, f, 10, sched);            \
    ROUND(f, g, hh, a, b, c, d, e, 11, sched);            \
    ROUND(e, f, g, hh, a, b, c, d, 12, sched);            \
    ROUND(d, e, f, g, hh, a, b, c, 13, sched);            \
    ROUND(c, d, e, f, g, hh, a, b, 14, sched);            \
    ROUND(b, c, d, e, f, g, hh, a, 15, sched);            \
  } while (0)

void ts_sha512_blocks_generic(uint64_t h[8], const uint8_t *p, size_t nblocks) {
  while (nblocks--) {
    uint64_t w[16];
    for (int t = 0; t < 16; t++) {
      uint64_t v = 0;
      for (int j = 0; j < 8; j++) v = (v << 8) | p[8 * t + j];
      w[t] = v;
    }
    uint64_t a = h[0], b = h[1], c = h[2], d = h[3], e = h[4], f = h[5], g = h[6], hh = h[7];
    const uint64_t *k = ts_sha512_k;
    ROUNDS16(0);
    for (int r = 1; r < 5; r++) {
      k += 16;
      ROUNDS16(1);
    }
    h[0] += a;
    h[1] += b;
    h[2] += c;
    h[3] += d;
    h[4] += e;
    h[5] += f;
    h[6] += g;
    h[7] += hh;
    p += TS_SHA512_BLOCK;
  }
}
