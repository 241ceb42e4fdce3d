/* The ML-KEM NTT and inverse NTT in AVX2: sixteen int16 coefficients per register. The layers
 * with distance 16 and more pair whole registers; the last three (distances 8, 4, 2) first
 * regroup two registers with lane permutes, 64-bit unpacks and 32-bit blends so that every
 * butterfly again pairs equal positions of two registers. Montgomery and Barrett reductions are
 * the same integer operations as in mlkem768.c, so the results are bit-identical to
 * ts_mlkem_ntt_generic / ts_mlkem_invntt_generic. Only arithmetic and fixed shuffles: constant-
 * time. Runs only after dispatch.c saw AVX2. */
#include <immintrin.h>

#include "mlkem.h"

#define Q 3329

/* a * b * 2^-16 mod q, in (-q, q): the high halves of a*b and of t*q where
 * t = a*b*q^-1 mod 2^16 (the low halves cancel exactly). This is constant-time. */
static inline __m256i fqmul(__m256i a, __m256i b) {
  __m256i lo = _mm256_mullo_epi16(a, b);
  __m256i hi = _mm256_mulhi_epi16(a, b);
  __m256i t = _mm256_mullo_epi16(lo, _mm256_set1_epi16(-3327)); /* q^-1 mod 2^16 */
  return _mm256_sub_epi16(hi, _mm256_mulhi_epi16(t, _mm256_set1_epi16(Q)));
}

/* a - q * round(a * 20159 / 2^26): floor(floor(x / 2^16) + 2^9) / 2^10) = floor((x + 2^25) /
 * 2^26). This is constant-time. */
static inline __m256i barrett(__m256i a) {
  __m256i t = _mm256_mulhi_epi16(a, _mm256_set1_epi16(20159));
  t = _mm256_srai_epi16(_mm256_add_epi16(t, _mm256_set1_epi16(512)), 10);
  return _mm256_sub_epi16(a, _mm256_mullo_epi16(t, _mm256_set1_epi16(Q)));
}

/* Cooley-Tukey (FIPS 203 Algorithm 9) and Gentleman-Sande (Algorithm 10) butterflies. */
static inline void ct_bfly(__m256i *a, __m256i *b, __m256i z) {
  __m256i t = fqmul(z, *b);
  *b = _mm256_sub_epi16(*a, t);
  *a = _mm256_add_epi16(*a, t);
}

static inline void gs_bfly(__m256i *a, __m256i *b, __m256i z) {
  __m256i t = *a;
  *a = barrett(_mm256_add_epi16(t, *b));
  *b = fqmul(z, _mm256_sub_epi16(*b, t));
}

#define Z(i) ts_mlkem_zetas[i]

/* Zeta vectors for the regrouped layers: two values (one per 128-bit lane), four values
 * (four each), eight values (two each). */
static inline __m256i zeta2(int lo, int hi) {
  return _mm256_set_m128i(_mm_set1_epi16(Z(hi)), _mm_set1_epi16(Z(lo)));
}
static inline __m256i zeta4(int a, int b, int c, int d) {
  return _mm256_setr_epi16(Z(a), Z(a), Z(a), Z(a), Z(b), Z(b), Z(b), Z(b), Z(c), Z(c), Z(c), Z(c),
                           Z(d), Z(d), Z(d), Z(d));
}
static inline __m256i zeta8(const int g[8]) {
  return _mm256_setr_epi16(Z(g[0]), Z(g[0]), Z(g[1]), Z(g[1]), Z(g[2]), Z(g[2]), Z(g[3]), Z(g[3]),
                           Z(g[4]), Z(g[4]), Z(g[5]), Z(g[5]), Z(g[6]), Z(g[6]), Z(g[7]), Z(g[7]));
}

/* Registers A = c[32m .. 32m+15], B = c[32m+16 .. 32m+31] regroup as
 *   X = A0-7 | B0-7,            Y = A8-15 | B8-15            (distance-8 pairs: X with Y)
 *   P = A0-3 A8-11 | B0-3 B8-11, Qv = A4-7 A12-15 | B4-7 B12-15 (distance 4: P with Qv)
 *   R = 32-bit words 0 of each pair of P and Qv, S = words 1  (distance 2: R with S). */
#define TO_XY(A, B, X, Y) \
  (X = _mm256_permute2x128_si256(A, B, 0x20), Y = _mm256_permute2x128_si256(A, B, 0x31))
#define TO_PQ(X, Y, P, Qv) (P = _mm256_unpacklo_epi64(X, Y), Qv = _mm256_unpackhi_epi64(X, Y))
#define TO_RS(P, Qv, R, S)                                              \
  (R = _mm256_blend_epi32(P, _mm256_slli_epi64(Qv, 32), 0xaa),          \
   S = _mm256_blend_epi32(_mm256_srli_epi64(P, 32), Qv, 0xaa))
/* Each regrouping undoes itself: the same operations with the roles reversed. */
#define FROM_RS(R, S, P, Qv) TO_RS(R, S, P, Qv)
#define FROM_PQ(P, Qv, X, Y) TO_PQ(P, Qv, X, Y)
#define FROM_XY(X, Y, A, B) TO_XY(X, Y, A, B)

/* This is constant-time. */
void ts_mlkem_ntt_avx2(int16_t c[256]) {
  __m256i v[16];
  for (int i = 0; i < 16; i++) v[i] = _mm256_loadu_si256((const __m256i *)(c + 16 * i));
  int k = 1;
  for (int lv = 8; lv >= 1; lv >>= 1) /* distances 128, 64, 32, 16 */
    for (int start = 0; start < 16; start += 2 * lv) {
      __m256i z = _mm256_set1_epi16(Z(k++));
      for (int j = start; j < start + lv; j++) ct_bfly(&v[j], &v[j + lv], z);
    }
  for (int m = 0; m < 8; m++) {
    __m256i X, Y, P, Qv, R, S;
    TO_XY(v[2 * m], v[2 * m + 1], X, Y);
    ct_bfly(&X, &Y, zeta2(16 + 2 * m, 17 + 2 * m));
    TO_PQ(X, Y, P, Qv);
    ct_bfly(&P, &Qv, zeta4(32 + 4 * m, 33 + 4 * m, 34 + 4 * m, 35 + 4 * m));
    TO_RS(P, Qv, R, S);
    const int g[8] = {64 + 8 * m, 65 + 8 * m, 66 + 8 * m, 67 + 8 * m,
                      68 + 8 * m, 69 + 8 * m, 70 + 8 * m, 71 + 8 * m};
    ct_bfly(&R, &S, zeta8(g));
    FROM_RS(R, S, P, Qv);
    FROM_PQ(P, Qv, X, Y);
    FROM_XY(X, Y, v[2 * m], v[2 * m + 1]);
  }
  for (int i = 0; i < 16; i++) _mm256_storeu_si256((__m256i *)(c + 16 * i), v[i]);
}

/* This is constant-time. */
void ts_mlkem_invntt_avx2(int16_t c[256]) {
  __m256i v[16];
  for (int i = 0; i < 16; i++) v[i] = _mm256_loadu_si256((const __m256i *)(c + 16 * i));
  for (int m = 0; m < 8; m++) {
    __m256i X, Y, P, Qv, R, S;
    TO_XY(v[2 * m], v[2 * m + 1], X, Y);
    TO_PQ(X, Y, P, Qv);
    TO_RS(P, Qv, R, S);
    const int g[8] = {127 - 8 * m, 126 - 8 * m, 125 - 8 * m, 124 - 8 * m,
                      123 - 8 * m, 122 - 8 * m, 121 - 8 * m, 120 - 8 * m};
    gs_bfly(&R, &S, zeta8(g));
    FROM_RS(R, S, P, Qv);
    gs_bfly(&P, &Qv, zeta4(63 - 4 * m, 62 - 4 * m, 61 - 4 * m, 60 - 4 * m));
    FROM_PQ(P, Qv, X, Y);
    gs_bfly(&X, &Y, zeta2(31 - 2 * m, 30 - 2 * m));
    FROM_XY(X, Y, v[2 * m], v[2 * m + 1]);
  }
  int k = 15;
  for (int lv = 1; lv <= 8; lv <<= 1) /* distances 16, 32, 64, 128 */
    for (int start = 0; start < 16; start += 2 * lv) {
      __m256i z = _mm256_set1_epi16(Z(k--));
      for (int j = start; j < start + lv; j++) gs_bfly(&v[j], &v[j + lv], z);
    }
  const __m256i f = _mm256_set1_epi16(1441); /* 2^32 / 128 mod q */
  for (int i = 0; i < 16; i++) _mm256_storeu_si256((__m256i *)(c + 16 * i), fqmul(v[i], f));
}
