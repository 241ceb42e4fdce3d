/* Keccak-f[1600] (FIPS 202 §3.3, §3.4) and the sponge (§4, §6). Portable: the 25 lanes live
 * in local variables so the compiler can keep them in registers; every step is fixed-shape
 * xor/and/not/rotate, so the permutation is constant-time. */
#include "keccak.h"

#include <string.h>


#define ROL64(x, n) (((x) << (n)) | ((x) >> (64 - (n))))

/* Round constants RC[i] of the iota step (FIPS 202 §3.2.5, Algorithm 5 unrolled). */
const uint64_t ts_keccak_rc[24] = {
    0x0000000000000001ULL, 0x0000000000008082ULL, 0x800000000000808aULL, 0x8000000080008000ULL,
    0x000000000000808bULL, 0x0000000080000001ULL, 0x8000000080008081ULL, 0x8000000000008009ULL,
    0x000000000000008aULL, 0x0000000000000088ULL, 0x0000000080008009ULL, 0x000000008000000aULL,
    0x000000008000808bULL, 0x800000000000008bULL, 0x8000000000008089ULL, 0x8000000000008003ULL,
    0x8000000000008002ULL, 0x8000000000000080ULL, 0x000000000000800aULL, 0x800000008000000aULL,
    0x8000000080008081ULL, 0x8000000000008080ULL, 0x0000000080000001ULL, 0x8000000080008008ULL};

/* Two rounds per iteration, from the a lanes into the e lanes and back, one output plane at a
 * time so that only five b temporaries are live. This is constant-time. */
void ts_keccak_f1600(uint64_t s[25]) {
  uint64_t a0 = s[0], a1 = s[1], a2 = s[2], a3 = s[3], a4 = s[4], a5 = s[5], a6 = s[6], a7 = s[7], a8 = s[8], a9 = s[9], a10 = s[10], a11 = s[11], a12 = s[12], a13 = s[13], a14 = s[14], a15 = s[15], a16 = s[16], a17 = s[17], a18 = s[18], a19 = s[19], a20 = s[20], a21 = s[21], a22 = s[22], a23 = s[23], a24 = s[24];
  uint64_t e0, e1, e2, e3, e4, e5, e6, e7, e8, e9, e10, e11, e12, e13, e14, e15, e16, e17, e18, e19, e20, e21, e22, e23, e24;
  uint64_t b0, b1, b2, b3, b4, c0, c1, c2, c3, c4, d0, d1, d2, d3, d4;
  for (int r = 0; r < 24; r += 2) {
    /* theta (FIPS 202 §3.2.1); rho and pi (§3.2.2, §3.2.3) into b for one plane; chi (§3.2.4)
     * into the other set of lanes; iota (§3.2.5) on lane (0, 0). */
    c0 = a0 ^ a5 ^ a10 ^ a15 ^ a20;
    c1 = a1 ^ a6 ^ a11 ^ a16 ^ a21;
    c2 = a2 ^ a7 ^ a12 ^ a17 ^ a22;
    c3 = a3 ^ a8 ^ a13 ^ a18 ^ a23;
    c4 = a4 ^ a9 ^ a14 ^ a19 ^ a24;
    d0 = c4 ^ ROL64(c1, 1);
    d1 = c0 ^ ROL64(c2, 1);
    d2 = c1 ^ ROL64(c3, 1);
    d3 = c2 ^ ROL64(c4, 1);
    d4 = c3 ^ ROL64(c0, 1);
    b0 = a0 ^ d0;
    b1 = ROL64(a6 ^ d1, 44);
    b2 = ROL64(a12 ^ d2, 43);
    b3 = ROL64(a18 ^ d3, 21);
    b4 = ROL64(a24 ^ d4, 14);
    e0 = b0 ^ (~b1 & b2);
    e1 = b1 ^ (~b2 & b3);
    e2 = b2 ^ (~b3 & b4);
    e3 = b3 ^ (~b4 & b0);
    e4 = b4 ^ (~b0 & b1);
    e0 ^= ts_keccak_rc[r];
    b0 = ROL64(a3 ^ d3, 28);
    b1 = ROL64(a9 ^ d4, 20);
    b2 = ROL64(a10 ^ d0, 3);
    b3 = ROL64(a16 ^ d1, 45);
    b4 = ROL64(a22 ^ d2, 61);
    e5 = b0 ^ (~b1 & b2);
    e6 = b1 ^ (~b2 & b3);
    e7 = b2 ^ (~b3 & b4);
    e8 = b3 ^ (~b4 & b0);
    e9 = b4 ^ (~b0 & b1);
    b0 = ROL64(a1 ^ d1, 1);
    b1 = ROL64(a7 ^ d2, 6);
    b2 = ROL64(a13 ^ d3, 25);
    b3 = ROL64(a19 ^ d4, 8);
    b4 = ROL64(a20 ^ d0, 18);
    e10 = b0 ^ (~b1 & b2);
    e11 = b1 ^ (~b2 & b3);
    e12 = b2 ^ (~b3 & b4);
    e13 = b3 ^ (~b4 & b0);
    e14 = b4 ^ (~b0 & b1);
    b0 = ROL64(a4 ^ d4, 27);
    b1 = ROL64(a5 ^ d0, 36);
    b2 = ROL64(a11 ^ d1, 10);
    b3 = ROL64(a17 ^ d2, 15);
    b4 = ROL64(a23 ^ d3, 56);
    e15 = b0 ^ (~b1 & b2);
    e16 = b1 ^ (~b2 & b3);
    e17 = b2 ^ (~b3 & b4);
    e18 = b3 ^ (~b4 & b0);
    e19 = b4 ^ (~b0 & b1);
    b0 = ROL64(a2 ^ d2, 62);
    b1 = ROL64(a8 ^ d3, 55);
    b2 = ROL64(a14 ^ d4, 39);
    b3 = ROL64(a15 ^ d0, 41);
    b4 = ROL64(a21 ^ d1, 2);
    e20 = b0 ^ (~b1 & b2);
    e21 = b1 ^ (~b2 & b3);
    e22 = b2 ^ (~b3 & b4);
    e23 = b3 ^ (~b4 & b0);
    e24 = b4 ^ (~b0 & b1);
    c0 = e0 ^ e5 ^ e10 ^ e15 ^ e20;
    c1 = e1 ^ e6 ^ e11 ^ e16 ^ e21;
    c2 = e2 ^ e7 ^ e12 ^ e17 ^ e22;
    c3 = e3 ^ e8 ^ e13 ^ e18 ^ e23;
    c4 = e4 ^ e9 ^ e14 ^ e19 ^ e24;
    d0 = c4 ^ ROL64(c1, 1);
    d1 = c0 ^ ROL64(c2, 1);
    d2 = c1 ^ ROL64(c3, 1);
    d3 = c2 ^ ROL64(c4, 1);
    d4 = c3 ^ ROL64(c0, 1);
    b0 = e0 ^ d0;
    b1 = ROL64(e6 ^ d1, 44);
    b2 = ROL64(e12 ^ d2, 43);
    b3 = ROL64(e18 ^ d3, 21);
    b4 = ROL64(e24 ^ d4, 14);
    a0 = b0 ^ (~b1 & b2);
    a1 = b1 ^ (~b2 & b3);
    a2 = b2 ^ (~b3 & b4);
    a3 = b3 ^ (~b4 & b0);
    a4 = b4 ^ (~b0 & b1);
    a0 ^= ts_keccak_rc[r + 1];
    b0 = ROL64(e3 ^ d3, 28);
    b1 = ROL64(e9 ^ d4, 20);
    b2 = ROL64(e10 ^ d0, 3);
    b3 = ROL64(e16 ^ d1, 45);
    b4 = ROL64(e22 ^ d2, 61);
    a5 = b0 ^ (~b1 & b2);
    a6 = b1 ^ (~b2 & b3);
    a7 = b2 ^ (~b3 & b4);
    a8 = b3 ^ (~b4 & b0);
    a9 = b4 ^ (~b0 & b1);
    b0 = ROL64(e1 ^ d1, 1);
    b1 = ROL64(e7 ^ d2, 6);
    b2 = ROL64(e13 ^ d3, 25);
    b3 = ROL64(e19 ^ d4, 8);
    b4 = ROL64(e20 ^ d0, 18);
    a10 = b0 ^ (~b1 & b2);
    a11 = b1 ^ (~b2 & b3);
    a12 = b2 ^ (~b3 & b4);
    a13 = b3 ^ (~b4 & b0);
    a14 = b4 ^ (~b0 & b1);
    b0 = ROL64(e4 ^ d4, 27);
    b1 = ROL64(e5 ^ d0, 36);
    b2 = ROL64(e11 ^ d1, 10);
    b3 = ROL64(e17 ^ d2, 15);
    b4 = ROL64(e23 ^ d3, 56);
    a15 = b0 ^ (~b1 & b2);
    a16 = b1 ^ (~b2 & b3);
    a17 = b2 ^ (~b3 & b4);
    a18 = b3 ^ (~b4 & b0);
    a19 = b4 ^ (~b0 & b1);
    b0 = ROL64(e2 ^ d2, 62);
    b1 = ROL64(e8 ^ d3, 55);
    b2 = ROL64(e14 ^ d4, 39);
    b3 = ROL64(e15 ^ d0, 41);
    b4 = ROL64(e21 ^ d1, 2);
    a20 = b0 ^ (~b1 & b2);
    a21 = b1 ^ (~b2 & b3);
    a22 = b2 ^ (~b3 & b4);
    a23 = b3 ^ (~b4 & b0);
    a24 = b4 ^ (~b0 & b1);

  }
  s[0] = a0;
  s[1] = a1;
  s[2] = a2;
  s[3] = a3;
  s[4] = a4;
  s[5] = a5;
  s[6] = a6;
  s[7] = a7;
  s[8] = a8;
  s[9] = a9;
  s[10] = a10;
  s[11] = a11;
  s[12] = a12;
  s[13] = a13;
  s[14] = a14;
  s[15] = a15;
  s[16] = a16;
  s[17] = a17;
  s[18] = a18;
  s[19] = a19;
  s[20] = a20;
  s[21] = a21;
  s[22] = a22;
  s[23] = a23;
  s[24] = a24;
}

/* Wipes a secret: memset, then an empty asm that may read the memory, so the stores cannot be
 * dropped as dead (cheaper than ts_wipe's byte-wise volatile stores on a 200-byte state). */
static void wipe(void *p, size_t n) {
  memset(p, 0, n);
  __asm__ __volatile__("" : : "r"(p) : "memory");
}

static inline uint64_t load64le(const uint8_t *p) {
  return (uint64_t)p[0] | (uint64_t)p[1] << 8 | (uint64_t)p[2] << 16 | (uint64_t)p[3] << 24 |
         (uint64_t)p[4] << 32 | (uint64_t)p[5] << 40 | (uint64_t)p[6] << 48 | (uint64_t)p[7] << 56;
}

static inline void store64le(uint8_t *p, uint64_t v) {
  for (int i = 0; i < 8; i++) p[i] = (uint8_t)(v >> (8 * i));
}

void ts_keccak_init(ts_keccak_ctx *c, size_t rate, uint8_t ds) {
  memset(c->s, 0, sizeof c->s);
  c->rate = rate;
  c->pos = 0;
  c->ds = ds;
  c->squeezing = 0;
}

/* Xors len bytes into the state at byte offset pos (pos + len <= rate). */
static void xor_bytes(uint64_t s[25], size_t pos, const uint8_t *p, size_t len) {
  while (len && (pos & 7)) {
    s[pos >> 3] ^= (uint64_t)*p++ << (8 * (pos & 7));
    pos++;
    len--;
  }
  for (; len >= 8; len -= 8, pos += 8, p += 8) s[pos >> 3] ^= load64le(p);
  for (; len; len--, pos++) s[pos >> 3] ^= (uint64_t)*p++ << (8 * (pos & 7));
}

/* This is constant-time (in the data; lengths are public). */
void ts_keccak_absorb(ts_keccak_ctx *c, const void *in, size_t len) {
  const uint8_t *p = (const uint8_t *)in;
  size_t rate = c->rate;
  while (len) {
    size_t take = rate - c->pos;
    if (take > len) take = len;
    xor_bytes(c->s, c->pos, p, take);
    c->pos += take;
    p += take;
    len -= take;
    if (c->pos == rate) {
      ts_keccak_f1600(c->s);
      c->pos = 0;
    }
  }
}

/* pad10*1 with the domain bits (FIPS 202 §5.1, B.2): ds holds the suffix and the first 1. */
void ts_keccak_finalize(ts_keccak_ctx *c) {
  if (c->squeezing) return;
  c->s[c->pos >> 3] ^= (uint64_t)c->ds << (8 * (c->pos & 7));
  c->s[(c->rate - 1) >> 3] ^= (uint64_t)0x80 << (8 * ((c->rate - 1) & 7));
  ts_keccak_f1600(c->s);
  c->pos = 0;
  c->squeezing = 1;
}

/* This is constant-time (in the data; lengths are public). */
void ts_keccak_squeeze(ts_keccak_ctx *c, uint8_t *out, size_t len) {
  if (!c->squeezing) ts_keccak_finalize(c);
  size_t rate = c->rate;
  while (len) {
    if (c->pos == rate) {
      ts_keccak_f1600(c->s);
      c->pos = 0;
    }
    size_t take = rate - c->pos;
    if (take > len) take = len;
    size_t pos = c->pos;
    c->pos += take;
    len -= take;
    while (take && (pos & 7)) {
      *out++ = (uint8_t)(c->s[pos >> 3] >> (8 * (pos & 7)));
      pos++;
      take--;
    }
    for (; take >= 8; take -= 8, pos += 8, out += 8) store64le(out, c->s[pos >> 3]);
    for (; take; take--, pos++) *out++ = (uint8_t)(c->s[pos >> 3] >> (8 * (pos & 7)));
  }
}

static void oneshot(size_t rate, uint8_t ds, uint8_t *out, size_t outlen, const uint8_t *in,
                    size_t inlen) {
  ts_keccak_ctx c;
  ts_keccak_init(&c, rate, ds);
  ts_keccak_absorb(&c, in, inlen);
  ts_keccak_squeeze(&c, out, outlen);
  wipe(&c, sizeof c);
}

void ts_sha3_256(uint8_t out[32], const uint8_t *in, size_t inlen) {
  oneshot(TS_SHA3_256_RATE, TS_SHA3_DS, out, 32, in, inlen);
}

void ts_sha3_512(uint8_t out[64], const uint8_t *in, size_t inlen) {
  oneshot(TS_SHA3_512_RATE, TS_SHA3_DS, out, 64, in, inlen);
}

void ts_shake128(uint8_t *out, size_t outlen, const uint8_t *in, size_t inlen) {
  oneshot(TS_SHAKE128_RATE, TS_SHAKE_DS, out, outlen, in, inlen);
}

void ts_shake256(uint8_t *out, size_t outlen, const uint8_t *in, size_t inlen) {
  oneshot(TS_SHAKE256_RATE, TS_SHAKE_DS, out, outlen, in, inlen);
}

/* ---- Four sponges at once ----------------------------------------------------------------- */

/* The portable four-way permutation: four single ones. This is constant-time. */
void ts_keccak_f1600x4_generic(uint64_t s[100]) {
  uint64_t one[25];
  for (int j = 0; j < 4; j++) {
    for (int i = 0; i < 25; i++) one[i] = s[4 * i + j];
    ts_keccak_f1600(one);
    for (int i = 0; i < 25; i++) s[4 * i + j] = one[i];
  }
  wipe(one, sizeof one);
}

/* This is constant-time (in the data; lengths are public). */
void ts_keccak_x4_absorb_once(ts_keccak_x4_ctx *c, size_t rate, uint8_t ds, const uint8_t *const in[4],
                              size_t len) {
  memset(c->s, 0, sizeof c->s);
  c->rate = rate;
  size_t off = 0;
  for (; len - off >= rate; off += rate) {
    for (int j = 0; j < 4; j++)
      for (size_t i = 0; i < rate / 8; i++) c->s[4 * i + j] ^= load64le(in[j] + off + 8 * i);
    ts_keccak_f1600x4(c->s);
  }
  size_t rest = len - off;
  for (int j = 0; j < 4; j++) {
    const uint8_t *p = in[j] + off;
    size_t i = 0;
    for (; i + 8 <= rest; i += 8) c->s[4 * (i >> 3) + j] ^= load64le(p + i);
    for (; i < rest; i++) c->s[4 * (i >> 3) + j] ^= (uint64_t)p[i] << (8 * (i & 7));
    c->s[4 * (rest >> 3) + j] ^= (uint64_t)ds << (8 * (rest & 7));
    c->s[4 * ((rate - 1) >> 3) + j] ^= (uint64_t)0x80 << (8 * ((rate - 1) & 7));
  }
}

/* This is constant-time (in the data; lengths are public). */
void ts_keccak_x4_squeeze_blocks(ts_keccak_x4_ctx *c, uint8_t *const out[4], size_t nblocks) {
  for (size_t b = 0; b < nblocks; b++) {
    ts_keccak_f1600x4(c->s);
    for (int j = 0; j < 4; j++) {
      uint8_t *o = out[j] + b * c->rate;
      size_t i = 0;
      for (; 8 * i + 8 <= c->rate; i++) store64le(o + 8 * i, c->s[4 * i + j]);
      for (size_t k = 8 * i; k < c->rate; k++) o[k] = (uint8_t)(c->s[4 * i + j] >> (8 * (k & 7)));
    }
  }
}
