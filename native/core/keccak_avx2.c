/* Keccak-f[1600] four ways in AVX2 registers: lane i of the four states is one 256-bit word.
 * The same round structure as keccak.c (two rounds per iteration, one plane at a time); only
 * xor, and-not and shifts, so it is constant-time. Runs only after dispatch.c saw AVX2. */
#include <immintrin.h>

#include "keccak.h"

#define XOR(a, b) _mm256_xor_si256((a), (b))
#define ANDNOT(a, b) _mm256_andnot_si256((a), (b)) /* ~a & b */
#define ROL(x, n) _mm256_or_si256(_mm256_slli_epi64((x), (n)), _mm256_srli_epi64((x), 64 - (n)))

/* This is constant-time. */
void ts_keccak_f1600x4_avx2(uint64_t s[100]) {
  __m256i a0 = _mm256_loadu_si256((const __m256i *)(s + 0)), a1 = _mm256_loadu_si256((const __m256i *)(s + 4)), a2 = _mm256_loadu_si256((const __m256i *)(s + 8)), a3 = _mm256_loadu_si256((const __m256i *)(s + 12)), a4 = _mm256_loadu_si256((const __m256i *)(s + 16)), a5 = _mm256_loadu_si256((const __m256i *)(s + 20)), a6 = _mm256_loadu_si256((const __m256i *)(s + 24)), a7 = _mm256_loadu_si256((const __m256i *)(s + 28)), a8 = _mm256_loadu_si256((const __m256i *)(s + 32)), a9 = _mm256_loadu_si256((const __m256i *)(s + 36)), a10 = _mm256_loadu_si256((const __m256i *)(s + 40)), a11 = _mm256_loadu_si256((const __m256i *)(s + 44)), a12 = _mm256_loadu_si256((const __m256i *)(s + 48)), a13 = _mm256_loadu_si256((const __m256i *)(s + 52)), a14 = _mm256_loadu_si256((const __m256i *)(s + 56)), a15 = _mm256_loadu_si256((const __m256i *)(s + 60)), a16 = _mm256_loadu_si256((const __m256i *)(s + 64)), a17 = _mm256_loadu_si256((const __m256i *)(s + 68)), a18 = _mm256_loadu_si256((const __m256i *)(s + 72)), a19 = _mm256_loadu_si256((const __m256i *)(s + 76)), a20 = _mm256_loadu_si256((const __m256i *)(s + 80)), a21 = _mm256_loadu_si256((const __m256i *)(s + 84)), a22 = _mm256_loadu_si256((const __m256i *)(s + 88)), a23 = _mm256_loadu_si256((const __m256i *)(s + 92)), a24 = _mm256_loadu_si256((const __m256i *)(s + 96));
  __m256i e0, e1, e2, e3, e4, e5, e6, e7, e8, e9, e10, e11, e12, e13, e14, e15, e16, e17, e18, e19, e20, e21, e22, e23, e24;
  __m256i b0, b1, b2, b3, b4, c0, c1, c2, c3, c4, d0, d1, d2, d3, d4;
  for (int r = 0; r < 24; r += 2) {
    c0 = XOR(XOR(XOR(a0, a5), XOR(a10, a15)), a20);
    c1 = XOR(XOR(XOR(a1, a6), XOR(a11, a16)), a21);
    c2 = XOR(XOR(XOR(a2, a7), XOR(a12, a17)), a22);
    c3 = XOR(XOR(XOR(a3, a8), XOR(a13, a18)), a23);
    c4 = XOR(XOR(XOR(a4, a9), XOR(a14, a19)), a24);
    d0 = XOR(c4, ROL(c1, 1));
    d1 = XOR(c0, ROL(c2, 1));
    d2 = XOR(c1, ROL(c3, 1));
    d3 = XOR(c2, ROL(c4, 1));
    d4 = XOR(c3, ROL(c0, 1));
    b0 = XOR(a0, d0);
    b1 = ROL(XOR(a6, d1), 44);
    b2 = ROL(XOR(a12, d2), 43);
    b3 = ROL(XOR(a18, d3), 21);
    b4 = ROL(XOR(a24, d4), 14);
    e0 = XOR(b0, ANDNOT(b1, b2));
    e1 = XOR(b1, ANDNOT(b2, b3));
    e2 = XOR(b2, ANDNOT(b3, b4));
    e3 = XOR(b3, ANDNOT(b4, b0));
    e4 = XOR(b4, ANDNOT(b0, b1));
    e0 = XOR(e0, _mm256_set1_epi64x((long long)ts_keccak_rc[r]));
    b0 = ROL(XOR(a3, d3), 28);
    b1 = ROL(XOR(a9, d4), 20);
    b2 = ROL(XOR(a10, d0), 3);
    b3 = ROL(XOR(a16, d1), 45);
    b4 = ROL(XOR(a22, d2), 61);
    e5 = XOR(b0, ANDNOT(b1, b2));
    e6 = XOR(b1, ANDNOT(b2, b3));
    e7 = XOR(b2, ANDNOT(b3, b4));
    e8 = XOR(b3, ANDNOT(b4, b0));
    e9 = XOR(b4, ANDNOT(b0, b1));
    b0 = ROL(XOR(a1, d1), 1);
    b1 = ROL(XOR(a7, d2), 6);
    b2 = ROL(XOR(a13, d3), 25);
    b3 = ROL(XOR(a19, d4), 8);
    b4 = ROL(XOR(a20, d0), 18);
    e10 = XOR(b0, ANDNOT(b1, b2));
    e11 = XOR(b1, ANDNOT(b2, b3));
    e12 = XOR(b2, ANDNOT(b3, b4));
    e13 = XOR(b3, ANDNOT(b4, b0));
    e14 = XOR(b4, ANDNOT(b0, b1));
    b0 = ROL(XOR(a4, d4), 27);
    b1 = ROL(XOR(a5, d0), 36);
    b2 = ROL(XOR(a11, d1), 10);
    b3 = ROL(XOR(a17, d2), 15);
    b4 = ROL(XOR(a23, d3), 56);
    e15 = XOR(b0, ANDNOT(b1, b2));
    e16 = XOR(b1, ANDNOT(b2, b3));
    e17 = XOR(b2, ANDNOT(b3, b4));
    e18 = XOR(b3, ANDNOT(b4, b0));
    e19 = XOR(b4, ANDNOT(b0, b1));
    b0 = ROL(XOR(a2, d2), 62);
    b1 = ROL(XOR(a8, d3), 55);
    b2 = ROL(XOR(a14, d4), 39);
    b3 = ROL(XOR(a15, d0), 41);
    b4 = ROL(XOR(a21, d1), 2);
    e20 = XOR(b0, ANDNOT(b1, b2));
    e21 = XOR(b1, ANDNOT(b2, b3));
    e22 = XOR(b2, ANDNOT(b3, b4));
    e23 = XOR(b3, ANDNOT(b4, b0));
    e24 = XOR(b4, ANDNOT(b0, b1));
    c0 = XOR(XOR(XOR(e0, e5), XOR(e10, e15)), e20);
    c1 = XOR(XOR(XOR(e1, e6), XOR(e11, e16)), e21);
    c2 = XOR(XOR(XOR(e2, e7), XOR(e12, e17)), e22);
    c3 = XOR(XOR(XOR(e3, e8), XOR(e13, e18)), e23);
    c4 = XOR(XOR(XOR(e4, e9), XOR(e14, e19)), e24);
    d0 = XOR(c4, ROL(c1, 1));
    d1 = XOR(c0, ROL(c2, 1));
    d2 = XOR(c1, ROL(c3, 1));
    d3 = XOR(c2, ROL(c4, 1));
    d4 = XOR(c3, ROL(c0, 1));
    b0 = XOR(e0, d0);
    b1 = ROL(XOR(e6, d1), 44);
    b2 = ROL(XOR(e12, d2), 43);
    b3 = ROL(XOR(e18, d3), 21);
    b4 = ROL(XOR(e24, d4), 14);
    a0 = XOR(b0, ANDNOT(b1, b2));
    a1 = XOR(b1, ANDNOT(b2, b3));
    a2 = XOR(b2, ANDNOT(b3, b4));
    a3 = XOR(b3, ANDNOT(b4, b0));
    a4 = XOR(b4, ANDNOT(b0, b1));
    a0 = XOR(a0, _mm256_set1_epi64x((long long)ts_keccak_rc[r + 1]));
    b0 = ROL(XOR(e3, d3), 28);
    b1 = ROL(XOR(e9, d4), 20);
    b2 = ROL(XOR(e10, d0), 3);
    b3 = ROL(XOR(e16, d1), 45);
    b4 = ROL(XOR(e22, d2), 61);
    a5 = XOR(b0, ANDNOT(b1, b2));
    a6 = XOR(b1, ANDNOT(b2, b3));
    a7 = XOR(b2, ANDNOT(b3, b4));
    a8 = XOR(b3, ANDNOT(b4, b0));
    a9 = XOR(b4, ANDNOT(b0, b1));
    b0 = ROL(XOR(e1, d1), 1);
    b1 = ROL(XOR(e7, d2), 6);
    b2 = ROL(XOR(e13, d3), 25);
    b3 = ROL(XOR(e19, d4), 8);
    b4 = ROL(XOR(e20, d0), 18);
    a10 = XOR(b0, ANDNOT(b1, b2));
    a11 = XOR(b1, ANDNOT(b2, b3));
    a12 = XOR(b2, ANDNOT(b3, b4));
    a13 = XOR(b3, ANDNOT(b4, b0));
    a14 = XOR(b4, ANDNOT(b0, b1));
    b0 = ROL(XOR(e4, d4), 27);
    b1 = ROL(XOR(e5, d0), 36);
    b2 = ROL(XOR(e11, d1), 10);
    b3 = ROL(XOR(e17, d2), 15);
    b4 = ROL(XOR(e23, d3), 56);
    a15 = XOR(b0, ANDNOT(b1, b2));
    a16 = XOR(b1, ANDNOT(b2, b3));
    a17 = XOR(b2, ANDNOT(b3, b4));
    a18 = XOR(b3, ANDNOT(b4, b0));
    a19 = XOR(b4, ANDNOT(b0, b1));
    b0 = ROL(XOR(e2, d2), 62);
    b1 = ROL(XOR(e8, d3), 55);
    b2 = ROL(XOR(e14, d4), 39);
    b3 = ROL(XOR(e15, d0), 41);
    b4 = ROL(XOR(e21, d1), 2);
    a20 = XOR(b0, ANDNOT(b1, b2));
    a21 = XOR(b1, ANDNOT(b2, b3));
    a22 = XOR(b2, ANDNOT(b3, b4));
    a23 = XOR(b3, ANDNOT(b4, b0));
    a24 = XOR(b4, ANDNOT(b0, b1));
  }
  _mm256_storeu_si256((__m256i *)(s + 0), a0);
  _mm256_storeu_si256((__m256i *)(s + 4), a1);
  _mm256_storeu_si256((__m256i *)(s + 8), a2);
  _mm256_storeu_si256((__m256i *)(s + 12), a3);
  _mm256_storeu_si256((__m256i *)(s + 16), a4);
  _mm256_storeu_si256((__m256i *)(s + 20), a5);
  _mm256_storeu_si256((__m256i *)(s + 24), a6);
  _mm256_storeu_si256((__m256i *)(s + 28), a7);
  _mm256_storeu_si256((__m256i *)(s + 32), a8);
  _mm256_storeu_si256((__m256i *)(s + 36), a9);
  _mm256_storeu_si256((__m256i *)(s + 40), a10);
  _mm256_storeu_si256((__m256i *)(s + 44), a11);
  _mm256_storeu_si256((__m256i *)(s + 48), a12);
  _mm256_storeu_si256((__m256i *)(s + 52), a13);
  _mm256_storeu_si256((__m256i *)(s + 56), a14);
  _mm256_storeu_si256((__m256i *)(s + 60), a15);
  _mm256_storeu_si256((__m256i *)(s + 64), a16);
  _mm256_storeu_si256((__m256i *)(s + 68), a17);
  _mm256_storeu_si256((__m256i *)(s + 72), a18);
  _mm256_storeu_si256((__m256i *)(s + 76), a19);
  _mm256_storeu_si256((__m256i *)(s + 80), a20);
  _mm256_storeu_si256((__m256i *)(s + 84), a21);
  _mm256_storeu_si256((__m256i *)(s + 88), a22);
  _mm256_storeu_si256((__m256i *)(s + 92), a23);
  _mm256_storeu_si256((__m256i *)(s + 96), a24);
}
