/* ML-KEM-768 (FIPS 203), portable and constant-time.
 *
 * Polynomials are 256 int16 coefficients mod q = 3329. Products use Montgomery reduction with
 * R = 2^16 and sums Barrett reduction, both pure arithmetic; the NTT has a fixed shape. The
 * only branches on data are the rejection sampling of the public matrix (SampleNTT, on the
 * public seed rho) and the input checks of §7.2 and §7.3 on public inputs. Compression
 * divides by q with a multiply and shift, never a division instruction. */
#include "mlkem.h"

#include <string.h>

#include "ct.h"
#include "keccak.h"
#include "random.h"

#define N 256
#define Q 3329
#define K 3
#define ETA 2 /* eta1 = eta2 = 2 for ML-KEM-768 */
#define DU 10
#define DV 4
#define POLY_BYTES 384                       /* ByteEncode_12 of one polynomial */
#define PKE_DK_BYTES (K * POLY_BYTES)        /* 1152 */
#define C1_BYTES (K * 32 * DU)               /* 960 */
#define C2_BYTES (32 * DV)                   /* 128 */

typedef struct {
  int16_t c[N];
} poly;

typedef struct {
  poly p[K];
} polyvec;

/* Wipes a secret: memset, then an empty asm that may read the memory, so the stores cannot be
 * dropped as dead (ts_wipe's byte-wise volatile stores cost more than the rest of a call). */
static void wipe(void *p, size_t n) {
  memset(p, 0, n);
  __asm__ __volatile__("" : : "r"(p) : "memory");
}

__attribute__((weak)) void ts_mlkem_public_hook(const void *p, size_t n) {
  (void)p;
  (void)n;
}

/* ---- Arithmetic mod q --------------------------------------------------------------------- */

#define QINV 62209 /* q^-1 mod 2^16 */

/* a * 2^-16 mod q, in (-q, q), for |a| <= q * 2^15. This is constant-time. */
static inline int16_t montgomery_reduce(int32_t a) {
  int16_t t = (int16_t)(uint16_t)((uint32_t)a * QINV);
  return (int16_t)((a - (int32_t)t * Q) >> 16);
}

/* a * b * 2^-16 mod q. This is constant-time. */
static inline int16_t fqmul(int16_t a, int16_t b) { return montgomery_reduce((int32_t)a * b); }

/* a mod q, centred: in [-(q-1)/2, (q-1)/2]. v = round(2^26 / q). This is constant-time. */
static inline int16_t barrett_reduce(int16_t a) {
  const int32_t v = 20159;
  int32_t t = (v * a + (1 << 25)) >> 26;
  return (int16_t)(a - t * Q);
}

/* a in (-q, q) -> a mod q in [0, q). This is constant-time. */
static inline int16_t to_unsigned(int16_t a) { return (int16_t)(a + ((a >> 15) & Q)); }

/* zeta^BitRev7(i) * 2^16 mod q, centred, zeta = 17 (FIPS 203 §4.3, Appendix A). The
 * base-case multiplication uses gamma_i = zeta^(2 BitRev7(i) + 1) = +-ts_mlkem_zetas[64 + i/2]. */
const int16_t ts_mlkem_zetas[128] = {
    -1044, -758,  -359,  -1517, 1493,  1422,  287,   202,   -171,  622,   1577,  182,   962,
    -1202, -1474, 1468,  573,   -1325, 264,   383,   -829,  1458,  -1602, -130,  -681,  1017,
    732,   608,   -1542, 411,   -205,  -1571, 1223,  652,   -552,  1015,  -1293, 1491,  -282,
    -1544, 516,   -8,    -320,  -666,  -1618, -1162, 126,   1469,  -853,  -90,   -271,  830,
    107,   -1421, -247,  -951,  -398,  961,   -1508, -725,  448,   -1065, 677,   -1275, -1103,
    430,   555,   843,   -1251, 871,   1550,  105,   422,   587,   177,   -235,  -291,  -460,
    1574,  1653,  -246,  778,   1159,  -147,  -777,  1483,  -602,  1119,  -1590, 644,   -872,
    349,   418,   329,   -156,  -75,   817,   1097,  603,   610,   1322,  -1285, -1465, 384,
    -1215, -136,  1218,  -1335, -874,  220,   -1187, -1659, -1185, -1530, -1278, 794,   -1510,
    -854,  -870,  478,   -108,  -308,  996,   991,   958,   -1460, 1522,  1628};

/* ---- NTT (FIPS 203 Algorithms 9, 10, 11, 12) ---------------------------------------------- */

/* In place; input |c| < q, output |c| < 8q (each of the 7 layers adds at most q). This is
 * constant-time. */
void ts_mlkem_ntt_generic(int16_t c[N]) {
  int k = 1;
  for (int len = 128; len >= 2; len >>= 1) {
    for (int start = 0; start < N; start += 2 * len) {
      int16_t zeta = ts_mlkem_zetas[k++];
      for (int j = start; j < start + len; j++) {
        int16_t t = fqmul(zeta, c[j + len]);
        c[j + len] = (int16_t)(c[j] - t);
        c[j] = (int16_t)(c[j] + t);
      }
    }
  }
}

/* In place, with the factor 128^-1 and one factor 2^16 folded into the final multiplication
 * (1441 = 2^32 / 128 mod q), so an input carrying 2^-16 from the base-case products comes out
 * in the normal domain. Input |c| < q; output |c| < q. This is constant-time. */
void ts_mlkem_invntt_generic(int16_t c[N]) {
  int k = 127;
  for (int len = 2; len <= 128; len <<= 1) {
    for (int start = 0; start < N; start += 2 * len) {
      int16_t zeta = ts_mlkem_zetas[k--];
      for (int j = start; j < start + len; j++) {
        int16_t t = c[j];
        c[j] = barrett_reduce((int16_t)(t + c[j + len]));
        c[j + len] = fqmul(zeta, (int16_t)(c[j + len] - t));
      }
    }
  }
  for (int j = 0; j < N; j++) c[j] = fqmul(c[j], 1441);
}

static void poly_ntt(poly *f) { ts_mlkem_ntt(f->c); }
static void poly_invntt(poly *f) { ts_mlkem_invntt(f->c); }

static void poly_reduce(poly *f) {
  for (int j = 0; j < N; j++) f->c[j] = barrett_reduce(f->c[j]);
}

static void poly_add(poly *r, const poly *a) {
  for (int j = 0; j < N; j++) r->c[j] = (int16_t)(r->c[j] + a->c[j]);
}

static void poly_sub(poly *r, const poly *a, const poly *b) {
  for (int j = 0; j < N; j++) r->c[j] = (int16_t)(a->c[j] - b->c[j]);
}

/* Multiplies by 2^16 (Montgomery form): cancels the 2^-16 of the base-case products. */
static void poly_tomont(poly *f) {
  for (int j = 0; j < N; j++) f->c[j] = fqmul(f->c[j], 1353); /* 2^32 mod q */
}

/* r = sum_j a[j] o b[j] (MultiplyNTTs, FIPS 203 Algorithms 11 and 12, summed over the vector)
 * carrying a factor 2^-16, |r| < q. Each base-case product (a0 + a1 X)(b0 + b1 X) mod
 * (X^2 - gamma) is a0 b0 + a1 (b1 gamma) and a0 b1 + a1 b0; the sums over j stay in 32 bits and
 * are reduced once. Needs a in [0, q) and |b| <= q/2: then |sum| < 4.5 q^2 < q 2^15, the range
 * of montgomery_reduce. gamma_i = zeta^(2 BitRev7(i) + 1) is ts_mlkem_zetas[64 + i/2], negated for odd
 * i. This is constant-time. */
static void polyvec_dot(poly *r, const polyvec *a, const polyvec *b) {
  for (int m = 0; m < N / 4; m++) {
    const int16_t gamma[2] = {ts_mlkem_zetas[64 + m], (int16_t)-ts_mlkem_zetas[64 + m]};
    for (int h = 0; h < 2; h++) {
      int i = 4 * m + 2 * h;
      int32_t c0 = 0, c1 = 0;
      for (int j = 0; j < K; j++) {
        int32_t a0 = a->p[j].c[i], a1 = a->p[j].c[i + 1];
        int32_t b0 = b->p[j].c[i], b1 = b->p[j].c[i + 1];
        c0 += a0 * b0 + a1 * fqmul((int16_t)b1, gamma[h]);
        c1 += a0 * b1 + a1 * b0;
      }
      r->c[i] = montgomery_reduce(c0);
      r->c[i + 1] = montgomery_reduce(c1);
    }
  }
}

/* ---- Encoding and compression (FIPS 203 §4.2.1, Algorithms 5, 6) --------------------------- */

/* ByteEncode_d of 256 values below 2^d, little-endian bit order. d is public. This is
 * constant-time. */
static void pack(uint8_t *out, const uint16_t v[N], unsigned d) {
  uint32_t acc = 0;
  unsigned bits = 0;
  for (int i = 0; i < N; i++) {
    acc |= (uint32_t)v[i] << bits;
    bits += d;
    while (bits >= 8) {
      *out++ = (uint8_t)acc;
      acc >>= 8;
      bits -= 8;
    }
  }
}

/* ByteDecode_d without the reduction mod q (callers reduce where d = 12). This is
 * constant-time. */
static void unpack(uint16_t v[N], const uint8_t *in, unsigned d) {
  uint32_t acc = 0;
  unsigned bits = 0;
  for (int i = 0; i < N; i++) {
    while (bits < d) {
      acc |= (uint32_t)*in++ << bits;
      bits += 8;
    }
    v[i] = (uint16_t)(acc & ((1u << d) - 1));
    acc >>= d;
    bits -= d;
  }
}

/* ByteEncode_12 of a polynomial with |c| < q: the canonical representatives. This is
 * constant-time. */
static void poly_tobytes(uint8_t out[POLY_BYTES], const poly *f) {
  uint16_t v[N];
  for (int j = 0; j < N; j++) v[j] = (uint16_t)to_unsigned(f->c[j]);
  pack(out, v, 12);
}

/* ByteDecode_12: 12-bit values reduced mod q (a value in [q, 4096) loses q). This is
 * constant-time. */
static void poly_frombytes(poly *f, const uint8_t in[POLY_BYTES]) {
  uint16_t v[N];
  unpack(v, in, 12);
  for (int j = 0; j < N; j++) {
    int16_t x = (int16_t)(v[j] - Q);
    f->c[j] = to_unsigned(x);
  }
}

/* floor(x / q) for x < 2^23, as (x * ceil(2^40 / q)) >> 40; exact over that range (the error
 * x * (ceil(2^40/q) - 2^40/q) / 2^40 < 2^-17 is below 1/q). This is constant-time. */
static inline uint32_t div_q(uint32_t x) {
  return (uint32_t)(((uint64_t)x * 330282857ull) >> 40);
}

/* Compress_d(x) = round(2^d x / q) mod 2^d for x in [0, q), d <= 11 (Eq. 4.7). This is
 * constant-time. */
static inline uint16_t compress(uint16_t x, unsigned d) {
  return (uint16_t)(div_q(((uint32_t)x << d) + (Q - 1) / 2) & ((1u << d) - 1));
}

/* Decompress_d(y) = round(q y / 2^d) (Eq. 4.8). This is constant-time. */
static inline int16_t decompress(uint16_t y, unsigned d) {
  return (int16_t)(((uint32_t)y * Q + (1u << (d - 1))) >> d);
}

/* ByteEncode_d(Compress_d(f)) for |c| < q. This is constant-time. */
static void poly_compress(uint8_t *out, const poly *f, unsigned d) {
  uint16_t v[N];
  for (int j = 0; j < N; j++) v[j] = compress((uint16_t)to_unsigned(f->c[j]), d);
  pack(out, v, d);
}

static void poly_decompress(poly *f, const uint8_t *in, unsigned d) {
  uint16_t v[N];
  unpack(v, in, d);
  for (int j = 0; j < N; j++) f->c[j] = decompress(v[j], d);
}

/* Decompress_1(ByteDecode_1(m)): each bit to 0 or (q+1)/2 by a mask. This is constant-time. */
static void poly_frommsg(poly *f, const uint8_t m[32]) {
  for (int i = 0; i < 32; i++)
    for (int b = 0; b < 8; b++) {
      int16_t mask = (int16_t)-(int16_t)((m[i] >> b) & 1);
      f->c[8 * i + b] = (int16_t)(mask & ((Q + 1) / 2));
    }
}

/* ByteEncode_1(Compress_1(f)) for |c| < q. This is constant-time. */
static void poly_tomsg(uint8_t m[32], const poly *f) {
  for (int i = 0; i < 32; i++) {
    uint8_t byte = 0;
    for (int b = 0; b < 8; b++)
      byte |= (uint8_t)(compress((uint16_t)to_unsigned(f->c[8 * i + b]), 1) << b);
    m[i] = byte;
  }
}

/* ---- Sampling (FIPS 203 Algorithms 7, 8) -------------------------------------------------- */

/* SampleNTT's inner loop (FIPS 203 Algorithm 7): takes 12-bit candidates below q from buf
 * into f->c[n..] and returns the new count. Branches on the XOF output, which is public: it
 * depends only on rho, part of the encapsulation key. */
static int rej_uniform(poly *f, int n, const uint8_t *buf, size_t len) {
  for (size_t p = 0; p + 3 <= len && n < N; p += 3) {
    uint16_t d1 = (uint16_t)(buf[p] | ((buf[p + 1] & 0x0f) << 8));
    uint16_t d2 = (uint16_t)((buf[p + 1] >> 4) | (buf[p + 2] << 4));
    if (d1 < Q) f->c[n++] = (int16_t)d1;
    if (d2 < Q && n < N) f->c[n++] = (int16_t)d2;
  }
  return n;
}

/* SampleNTT(rho || b0 || b1) for one polynomial. */
static void sample_ntt(poly *f, const uint8_t rho[32], uint8_t b0, uint8_t b1) {
  uint8_t seed[34], buf[TS_SHAKE128_RATE];
  memcpy(seed, rho, 32);
  seed[32] = b0;
  seed[33] = b1;
  ts_keccak_ctx xof;
  ts_shake128_init(&xof);
  ts_keccak_absorb(&xof, seed, sizeof seed);
  int n = 0;
  while (n < N) {
    ts_keccak_squeeze(&xof, buf, sizeof buf);
    n = rej_uniform(f, n, buf, sizeof buf);
  }
}

/* SampleNTT for four polynomials with four SHAKE128 instances side by side. Three blocks
 * (504 bytes) almost always give 256 coefficients; more are squeezed while any falls short. */
static void sample_ntt_x4(poly *const f[4], const uint8_t rho[32], const uint8_t b[4][2]) {
  uint8_t seeds[4][34], bufs[4][3 * TS_SHAKE128_RATE];
  for (int j = 0; j < 4; j++) {
    memcpy(seeds[j], rho, 32);
    seeds[j][32] = b[j][0];
    seeds[j][33] = b[j][1];
  }
  const uint8_t *const in[4] = {seeds[0], seeds[1], seeds[2], seeds[3]};
  uint8_t *const out[4] = {bufs[0], bufs[1], bufs[2], bufs[3]};
  ts_keccak_x4_ctx xof;
  ts_keccak_x4_absorb_once(&xof, TS_SHAKE128_RATE, TS_SHAKE_DS, in, 34);
  ts_keccak_x4_squeeze_blocks(&xof, out, 3);
  int n[4];
  for (int j = 0; j < 4; j++) n[j] = rej_uniform(f[j], 0, bufs[j], sizeof bufs[j]);
  while (n[0] < N || n[1] < N || n[2] < N || n[3] < N) {
    ts_keccak_x4_squeeze_blocks(&xof, out, 1);
    for (int j = 0; j < 4; j++) n[j] = rej_uniform(f[j], n[j], bufs[j], TS_SHAKE128_RATE);
  }
}

/* A[i][j] = SampleNTT(rho || j || i), or its transpose: eight entries four at a time, the
 * ninth alone. */
static void gen_matrix(polyvec a[K], const uint8_t rho_in[32], int transposed) {
  uint8_t rho[32];
  memcpy(rho, rho_in, 32);
  ts_mlkem_public_hook(rho, sizeof rho);
  poly *f[K * K];
  uint8_t b[K * K][2];
  for (int i = 0; i < K; i++)
    for (int j = 0; j < K; j++) {
      f[K * i + j] = &a[i].p[j];
      b[K * i + j][0] = (uint8_t)(transposed ? i : j);
      b[K * i + j][1] = (uint8_t)(transposed ? j : i);
    }
  sample_ntt_x4(f, rho, b);
  sample_ntt_x4(f + 4, rho, b + 4);
  sample_ntt(f[8], rho, b[8][0], b[8][1]);
}

/* CBD_2 of 128 PRF bytes: each coefficient is (b0 + b1) - (b2 + b3) of four consecutive bits,
 * eight coefficients per 32-bit word (FIPS 203 Algorithm 8). This is constant-time. */
static void cbd2(poly *f, const uint8_t buf[64 * ETA]) {
  for (int i = 0; i < N / 8; i++) {
    uint32_t t = (uint32_t)buf[4 * i] | (uint32_t)buf[4 * i + 1] << 8 |
                 (uint32_t)buf[4 * i + 2] << 16 | (uint32_t)buf[4 * i + 3] << 24;
    uint32_t d = (t & 0x55555555u) + ((t >> 1) & 0x55555555u);
    for (int k = 0; k < 8; k++) {
      int16_t x = (int16_t)((d >> (4 * k)) & 3), y = (int16_t)((d >> (4 * k + 2)) & 3);
      f->c[8 * i + k] = (int16_t)(x - y);
    }
  }
}

/* f[i] = SamplePolyCBD_2(PRF_2(sigma, nonce + i)) for i < count (count <= 8), four PRF
 * instances at a time, a lone remainder by itself. This is constant-time. */
static void sample_cbd(poly *const f[], int count, const uint8_t sigma[32], uint8_t nonce) {
  uint8_t in[4][33], buf[4][TS_SHAKE256_RATE];
  const uint8_t *const ins[4] = {in[0], in[1], in[2], in[3]};
  uint8_t *const outs[4] = {buf[0], buf[1], buf[2], buf[3]};
  ts_keccak_x4_ctx prf;
  for (int j = 0; j < 4; j++) memcpy(in[j], sigma, 32);
  int i = 0;
  for (; count - i >= 2; i += 4) {
    for (int j = 0; j < 4; j++) in[j][32] = (uint8_t)(nonce + i + j);
    ts_keccak_x4_absorb_once(&prf, TS_SHAKE256_RATE, TS_SHAKE_DS, ins, sizeof in[0]);
    ts_keccak_x4_squeeze_blocks(&prf, outs, 1); /* 64 * eta = 128 bytes fit in one block */
    for (int j = 0; j < 4 && i + j < count; j++) cbd2(f[i + j], buf[j]);
  }
  if (i < count) {
    in[0][32] = (uint8_t)(nonce + i);
    ts_shake256(buf[0], 64 * ETA, in[0], sizeof in[0]);
    cbd2(f[i], buf[0]);
  }
  wipe(in, sizeof in);
  wipe(buf, sizeof buf);
  wipe(&prf, sizeof prf);
}

/* ---- K-PKE (FIPS 203 Algorithms 13, 14, 15) ----------------------------------------------- */

/* K-PKE.KeyGen(d): ek_pke = ByteEncode_12(t) || rho, dk_pke = ByteEncode_12(s). This is
 * constant-time. */
static void pke_keygen(const uint8_t d[32], uint8_t ek[TS_MLKEM768_EK_LEN],
                       uint8_t dk_pke[PKE_DK_BYTES]) {
  uint8_t in[33], g[64];
  memcpy(in, d, 32);
  in[32] = K; /* domain separation by k (FIPS 203 final) */
  ts_sha3_512(g, in, sizeof in);
  const uint8_t *rho = g, *sigma = g + 32;
  polyvec a[K], s, e;
  gen_matrix(a, rho, 0);
  poly *const noise[2 * K] = {&s.p[0], &s.p[1], &s.p[2], &e.p[0], &e.p[1], &e.p[2]};
  sample_cbd(noise, 2 * K, sigma, 0); /* s with nonces 0..k-1, e with k..2k-1 */
  for (int i = 0; i < K; i++) {
    poly_ntt(&s.p[i]);
    poly_reduce(&s.p[i]);
    poly_ntt(&e.p[i]);
  }
  for (int i = 0; i < K; i++) {
    poly t;
    polyvec_dot(&t, &a[i], &s);
    poly_tomont(&t);
    poly_add(&t, &e.p[i]);
    poly_reduce(&t);
    poly_tobytes(ek + i * POLY_BYTES, &t);
    poly_tobytes(dk_pke + i * POLY_BYTES, &s.p[i]);
    wipe(&t, sizeof t);
  }
  memcpy(ek + PKE_DK_BYTES, rho, 32);
  wipe(in, sizeof in);
  wipe(g, sizeof g);
  wipe(&s, sizeof s);
  wipe(&e, sizeof e);
}

/* K-PKE.Encrypt(ek, m, r). ek is public; m and r are secret. This is constant-time. */
static void pke_encrypt(const uint8_t ek[TS_MLKEM768_EK_LEN], const uint8_t m[32],
                        const uint8_t r[32], uint8_t ct[TS_MLKEM768_CT_LEN]) {
  polyvec at[K], t, y, e1;
  poly e2, mu, u, v;
  for (int i = 0; i < K; i++) poly_frombytes(&t.p[i], ek + i * POLY_BYTES);
  gen_matrix(at, ek + PKE_DK_BYTES, 1);
  poly *const noise[2 * K + 1] = {&y.p[0], &y.p[1], &y.p[2], &e1.p[0], &e1.p[1], &e1.p[2], &e2};
  sample_cbd(noise, 2 * K + 1, r, 0); /* y: nonces 0..k-1, e1: k..2k-1, e2: 2k */
  for (int i = 0; i < K; i++) {
    poly_ntt(&y.p[i]);
    poly_reduce(&y.p[i]);
  }
  /* u = NTT^-1(A^T o y) + e1 */
  for (int i = 0; i < K; i++) {
    polyvec_dot(&u, &at[i], &y);
    poly_invntt(&u);
    poly_add(&u, &e1.p[i]);
    poly_reduce(&u);
    poly_compress(ct + i * 32 * DU, &u, DU);
  }
  /* v = NTT^-1(t^T o y) + e2 + mu */
  polyvec_dot(&v, &t, &y);
  poly_invntt(&v);
  poly_frommsg(&mu, m);
  poly_add(&v, &e2);
  poly_add(&v, &mu);
  poly_reduce(&v);
  poly_compress(ct + C1_BYTES, &v, DV);
  wipe(&y, sizeof y);
  wipe(&e1, sizeof e1);
  wipe(&e2, sizeof e2);
  wipe(&mu, sizeof mu);
  wipe(&u, sizeof u);
  wipe(&v, sizeof v);
}

/* K-PKE.Decrypt(dk_pke, c). This is constant-time. */
static void pke_decrypt(const uint8_t dk_pke[PKE_DK_BYTES], const uint8_t ct[TS_MLKEM768_CT_LEN],
                        uint8_t m[32]) {
  polyvec u, s;
  poly v, w;
  for (int i = 0; i < K; i++) {
    poly_decompress(&u.p[i], ct + i * 32 * DU, DU);
    poly_ntt(&u.p[i]);
    poly_reduce(&u.p[i]);
    poly_frombytes(&s.p[i], dk_pke + i * POLY_BYTES);
  }
  poly_decompress(&v, ct + C1_BYTES, DV);
  polyvec_dot(&w, &s, &u);
  poly_invntt(&w);
  poly_sub(&w, &v, &w);
  poly_reduce(&w);
  poly_tomsg(m, &w);
  wipe(&s, sizeof s);
  wipe(&w, sizeof w);
}

/* ---- ML-KEM (FIPS 203 Algorithms 16 to 21) ------------------------------------------------ */

void ts_mlkem768_keygen_derand(const uint8_t d[32], const uint8_t z[32],
                               uint8_t ek[TS_MLKEM768_EK_LEN], uint8_t dk[TS_MLKEM768_DK_LEN]) {
  pke_keygen(d, ek, dk);
  memcpy(dk + PKE_DK_BYTES, ek, TS_MLKEM768_EK_LEN);
  ts_sha3_256(dk + PKE_DK_BYTES + TS_MLKEM768_EK_LEN, ek, TS_MLKEM768_EK_LEN);
  memcpy(dk + PKE_DK_BYTES + TS_MLKEM768_EK_LEN + 32, z, 32);
}

int ts_mlkem768_keygen(uint8_t ek[TS_MLKEM768_EK_LEN], uint8_t dk[TS_MLKEM768_DK_LEN]) {
  uint8_t dz[64];
  if (!ts_random_bytes(dz, sizeof dz)) return 0;
  ts_mlkem768_keygen_derand(dz, dz + 32, ek, dk);
  wipe(dz, sizeof dz);
  return 1;
}

int ts_mlkem768_ek_check(const uint8_t ek[TS_MLKEM768_EK_LEN]) {
  /* ByteEncode_12(ByteDecode_12(ek)) == ek exactly when every 12-bit value is below q. */
  for (size_t p = 0; p < PKE_DK_BYTES; p += 3) {
    unsigned d1 = ek[p] | ((ek[p + 1] & 0x0fu) << 8), d2 = (ek[p + 1] >> 4) | ((unsigned)ek[p + 2] << 4);
    if (d1 >= Q || d2 >= Q) return 0;
  }
  return 1;
}

/* (K, r) = G(m || H(ek)); c = K-PKE.Encrypt(ek, m, r). This is constant-time. */
static void encaps_internal(const uint8_t ek[TS_MLKEM768_EK_LEN], const uint8_t h_ek[32],
                            const uint8_t m[32], uint8_t ct[TS_MLKEM768_CT_LEN],
                            uint8_t kr[64]) {
  uint8_t in[64];
  memcpy(in, m, 32);
  memcpy(in + 32, h_ek, 32);
  ts_sha3_512(kr, in, sizeof in);
  pke_encrypt(ek, m, kr + 32, ct);
  wipe(in, sizeof in);
}

int ts_mlkem768_encaps_derand(const uint8_t ek[TS_MLKEM768_EK_LEN], const uint8_t m[32],
                              uint8_t ct[TS_MLKEM768_CT_LEN], uint8_t ss[TS_MLKEM_SS_LEN]) {
  if (!ts_mlkem768_ek_check(ek)) return 0;
  uint8_t h[32], kr[64];
  ts_sha3_256(h, ek, TS_MLKEM768_EK_LEN);
  encaps_internal(ek, h, m, ct, kr);
  memcpy(ss, kr, TS_MLKEM_SS_LEN);
  wipe(kr, sizeof kr);
  return 1;
}

int ts_mlkem768_encaps(const uint8_t ek[TS_MLKEM768_EK_LEN], uint8_t ct[TS_MLKEM768_CT_LEN],
                       uint8_t ss[TS_MLKEM_SS_LEN]) {
  uint8_t m[32];
  if (!ts_random_bytes(m, sizeof m)) return 0;
  int ok = ts_mlkem768_encaps_derand(ek, m, ct, ss);
  wipe(m, sizeof m);
  return ok;
}

int ts_mlkem768_dk_check(const uint8_t dk[TS_MLKEM768_DK_LEN]) {
  uint8_t h[32];
  ts_sha3_256(h, dk + PKE_DK_BYTES, TS_MLKEM768_EK_LEN);
  uint32_t ok = ts_ct_memeq(h, dk + PKE_DK_BYTES + TS_MLKEM768_EK_LEN, 32);
  ts_mlkem_public_hook(&ok, sizeof ok);
  return (int)ok;
}

int ts_mlkem768_decaps(const uint8_t dk[TS_MLKEM768_DK_LEN], const uint8_t ct[TS_MLKEM768_CT_LEN],
                       uint8_t ss[TS_MLKEM_SS_LEN]) {
  if (!ts_mlkem768_dk_check(dk)) return 0;
  const uint8_t *dk_pke = dk, *ek = dk + PKE_DK_BYTES, *h = ek + TS_MLKEM768_EK_LEN,
                *z = h + 32;
  uint8_t m[32], kr[64], ct2[TS_MLKEM768_CT_LEN], kbar[32];
  pke_decrypt(dk_pke, ct, m);
  encaps_internal(ek, h, m, ct2, kr);
  /* K-bar = J(z || c), the implicit-rejection secret. */
  ts_keccak_ctx j;
  ts_shake256_init(&j);
  ts_keccak_absorb(&j, z, 32);
  ts_keccak_absorb(&j, ct, TS_MLKEM768_CT_LEN);
  ts_keccak_squeeze(&j, kbar, sizeof kbar);
  /* Both secrets are always computed; the comparison and the choice are mask arithmetic. */
  uint32_t same = ts_ct_memeq(ct, ct2, TS_MLKEM768_CT_LEN);
  ts_ct_ccopy(1u ^ same, kr, kbar, 32);
  memcpy(ss, kr, TS_MLKEM_SS_LEN);
  wipe(m, sizeof m);
  wipe(kr, sizeof kr);
  wipe(ct2, sizeof ct2);
  wipe(kbar, sizeof kbar);
  wipe(&j, sizeof j);
  return 1;
}
