/* Montgomery multiplication with mulx and the two independent carry chains of adcx (CF) and
 * adox (OF): each row adds a[i] * b (or q * m) limb by limb, the low halves along one chain and
 * the high halves along the other. Loops count with lea/jrcxz, which leave both flags alone.
 * Compiled with -mbmi2 -madx; dispatch.c selects it only when the CPU has both.
 * Straight-line code: no branch or memory index depends on the operands. */
#include <string.h>

#include "bn.h"

#if defined(__x86_64__)

/* t[0..n+1] += x * v[0..n-1] (t has n + 2 limbs, t[n + 1] receives the last carries). */
static inline void row_add(uint64_t *t, const uint64_t *v, uint64_t x, size_t n) {
  uint64_t lo, hi, tmp, prev, cnt;
  __asm__ volatile(
      "xorl %k[prev], %k[prev]\n\t" /* clears CF and OF, prev = 0 */
      "movq %[x], %%rdx\n\t"
      "1:\n\t"
      "mulxq (%[v]), %[lo], %[hi]\n\t"
      "movq (%[t]), %[tmp]\n\t"
      "adcxq %[lo], %[tmp]\n\t"
      "adoxq %[prev], %[tmp]\n\t"
      "movq %[tmp], (%[t])\n\t"
      "movq %[hi], %[prev]\n\t"
      "leaq 8(%[v]), %[v]\n\t"
      "leaq 8(%[t]), %[t]\n\t"
      "leaq 1(%[cnt]), %[cnt]\n\t"
      "jrcxz 2f\n\t"
      "jmp 1b\n\t"
      "2:\n\t"
      "movq (%[t]), %[tmp]\n\t"
      "movl $0, %k[lo]\n\t"
      "adcxq %[lo], %[tmp]\n\t"
      "adoxq %[prev], %[tmp]\n\t"
      "movq %[tmp], (%[t])\n\t"
      "movq 8(%[t]), %[tmp]\n\t"
      "adcxq %[lo], %[tmp]\n\t"
      "adoxq %[lo], %[tmp]\n\t"
      "movq %[tmp], 8(%[t])\n\t"
      : [t] "+r"(t), [v] "+r"(v), [lo] "=&r"(lo), [hi] "=&r"(hi), [tmp] "=&r"(tmp),
        [prev] "=&r"(prev), [cnt] "=c"(cnt)
      : [x] "r"(x), "[cnt]"((uint64_t)0 - n)
      : "rdx", "cc", "memory");
}

/* t = (t + q * m) / 2^64 for t of n + 2 limbs; t[-1] is scratch for the low limb (which is 0). */
static inline void row_reduce(uint64_t *t, const uint64_t *m, uint64_t q, size_t n) {
  uint64_t lo, hi, tmp, prev, cnt;
  __asm__ volatile(
      "xorl %k[prev], %k[prev]\n\t"
      "movq %[q], %%rdx\n\t"
      "1:\n\t"
      "mulxq (%[m]), %[lo], %[hi]\n\t"
      "movq (%[t]), %[tmp]\n\t"
      "adcxq %[lo], %[tmp]\n\t"
      "adoxq %[prev], %[tmp]\n\t"
      "movq %[tmp], -8(%[t])\n\t"
      "movq %[hi], %[prev]\n\t"
      "leaq 8(%[m]), %[m]\n\t"
      "leaq 8(%[t]), %[t]\n\t"
      "leaq 1(%[cnt]), %[cnt]\n\t"
      "jrcxz 2f\n\t"
      "jmp 1b\n\t"
      "2:\n\t"
      "movq (%[t]), %[tmp]\n\t"
      "movl $0, %k[lo]\n\t"
      "adcxq %[lo], %[tmp]\n\t"
      "adoxq %[prev], %[tmp]\n\t"
      "movq %[tmp], -8(%[t])\n\t"
      "movq 8(%[t]), %[tmp]\n\t"
      "adcxq %[lo], %[tmp]\n\t"
      "adoxq %[lo], %[tmp]\n\t"
      "movq %[tmp], (%[t])\n\t"
      "movq %[lo], 8(%[t])\n\t"
      : [t] "+r"(t), [m] "+r"(m), [lo] "=&r"(lo), [hi] "=&r"(hi), [tmp] "=&r"(tmp),
        [prev] "=&r"(prev), [cnt] "=c"(cnt)
      : [q] "r"(q), "[cnt]"((uint64_t)0 - n)
      : "rdx", "cc", "memory");
}


/* The same rows four limbs per loop step, for n a multiple of 4. */
#define ADX_STEP(off, hin, hout, dst)                   \
  "mulxq " off "(%[v]), %[lo], %[" hout "]\n\t"          \
  "adcxq " off "(%[t]), %[lo]\n\t"                       \
  "adoxq %[" hin "], %[lo]\n\t"                          \
  "movq %[lo], " dst "(%[t])\n\t"

static inline void row_add4(uint64_t *t, const uint64_t *v, uint64_t x, size_t n) {
  uint64_t lo, ha, hb, cnt;
  __asm__ volatile(
      "xorl %k[ha], %k[ha]\n\t"
      "movq %[x], %%rdx\n\t"
      "1:\n\t"
      ADX_STEP("0", "ha", "hb", "0")
      ADX_STEP("8", "hb", "ha", "8")
      ADX_STEP("16", "ha", "hb", "16")
      ADX_STEP("24", "hb", "ha", "24")
      "leaq 32(%[v]), %[v]\n\t"
      "leaq 32(%[t]), %[t]\n\t"
      "leaq 1(%[cnt]), %[cnt]\n\t"
      "jrcxz 2f\n\t"
      "jmp 1b\n\t"
      "2:\n\t"
      "movl $0, %k[lo]\n\t"
      "adcxq (%[t]), %[lo]\n\t"
      "adoxq %[ha], %[lo]\n\t"
      "movq %[lo], (%[t])\n\t"
      "movl $0, %k[lo]\n\t"
      "movq 8(%[t]), %[hb]\n\t"
      "adcxq %[lo], %[hb]\n\t"
      "adoxq %[lo], %[hb]\n\t"
      "movq %[hb], 8(%[t])\n\t"
      : [t] "+r"(t), [v] "+r"(v), [lo] "=&r"(lo), [ha] "=&r"(ha), [hb] "=&r"(hb), [cnt] "=c"(cnt)
      : [x] "r"(x), "[cnt]"((uint64_t)0 - n / 4)
      : "rdx", "cc", "memory");
}

static inline void row_reduce4(uint64_t *t, const uint64_t *v, uint64_t q, size_t n) {
  uint64_t lo, ha, hb, cnt;
  __asm__ volatile(
      "xorl %k[ha], %k[ha]\n\t"
      "movq %[q], %%rdx\n\t"
      "1:\n\t"
      ADX_STEP("0", "ha", "hb", "-8")
      ADX_STEP("8", "hb", "ha", "0")
      ADX_STEP("16", "ha", "hb", "8")
      ADX_STEP("24", "hb", "ha", "16")
      "leaq 32(%[v]), %[v]\n\t"
      "leaq 32(%[t]), %[t]\n\t"
      "leaq 1(%[cnt]), %[cnt]\n\t"
      "jrcxz 2f\n\t"
      "jmp 1b\n\t"
      "2:\n\t"
      "movl $0, %k[lo]\n\t"
      "adcxq (%[t]), %[lo]\n\t"
      "adoxq %[ha], %[lo]\n\t"
      "movq %[lo], -8(%[t])\n\t"
      "movl $0, %k[lo]\n\t"
      "movq 8(%[t]), %[hb]\n\t"
      "adcxq %[lo], %[hb]\n\t"
      "adoxq %[lo], %[hb]\n\t"
      "movq %[hb], (%[t])\n\t"
      "movq %[lo], 8(%[t])\n\t"
      : [t] "+r"(t), [v] "+r"(v), [lo] "=&r"(lo), [ha] "=&r"(ha), [hb] "=&r"(hb), [cnt] "=c"(cnt)
      : [q] "r"(q), "[cnt]"((uint64_t)0 - n / 4)
      : "rdx", "cc", "memory");
}

static void final_sub(uint64_t *r, const uint64_t *t, uint64_t hi, const uint64_t *m, size_t n) {
  uint64_t d[TS_BN_MAX_LIMBS];
  uint64_t borrow = 0;
  for (size_t j = 0; j < n; j++) {
    unsigned __int128 x = (unsigned __int128)t[j] - m[j] - borrow;
    d[j] = (uint64_t)x;
    borrow = (uint64_t)(x >> 64) & 1;
  }
  uint64_t keep_t = (uint64_t)0 - (borrow & (hi ^ 1));
  __asm__("" : "+r"(keep_t));
  for (size_t j = 0; j < n; j++) r[j] = d[j] ^ (keep_t & (d[j] ^ t[j]));
}

void ts_bn_mont_mul_adx(uint64_t *r, const uint64_t *a, const uint64_t *b, const uint64_t *m,
                        uint64_t m0inv, size_t n) {
  uint64_t buf[TS_BN_MAX_LIMBS + 3];
  uint64_t *t = buf + 1;
  memset(buf, 0, (n + 3) * sizeof buf[0]);
  if (n % 4 == 0) {
    for (size_t i = 0; i < n; i++) {
      row_add4(t, b, a[i], n);
      row_reduce4(t, m, t[0] * m0inv, n);
    }
  } else {
    for (size_t i = 0; i < n; i++) {
      row_add(t, b, a[i], n);
      row_reduce(t, m, t[0] * m0inv, n);
    }
  }
  final_sub(r, t, t[n], m, n);
}

/* The square computes each cross product a[i] * a[j] (i < j) once: row i multiplies a[i] by z,
 * a copy of a whose limbs 0..i are zeroed, from the multiple of 4 at or below i + 1 (at most 3
 * wasted products a row). Then the sum is doubled, the diagonal a[i]^2 added, and the 2n limbs
 * reduced with the same shifting rows as the product, feeding in T[n + i] after row i. */
void ts_bn_mont_sqr_adx(uint64_t *r, const uint64_t *a, const uint64_t *m, uint64_t m0inv, size_t n) {
  if (n % 4 != 0 || n < 8) {
    ts_bn_mont_mul_adx(r, a, a, m, m0inv, n);
    return;
  }
  uint64_t T[2 * TS_BN_MAX_LIMBS + 2], z[TS_BN_MAX_LIMBS];
  memset(T, 0, (2 * n + 2) * sizeof T[0]);
  memcpy(z, a, n * sizeof z[0]);
  for (size_t i = 0; i + 1 < n; i++) {
    z[i] = 0;
    size_t j0 = (i + 1) & ~(size_t)3;
    row_add4(T + i + j0, z + j0, a[i], n - j0);
  }
  uint64_t c = 0;
  for (size_t i = 0; i < 2 * n; i++) {
    uint64_t v = T[i];
    T[i] = (v << 1) | c;
    c = v >> 63;
  }
  c = 0;
  for (size_t i = 0; i < n; i++) {
    unsigned __int128 sq = (unsigned __int128)a[i] * a[i];
    unsigned __int128 x = (unsigned __int128)T[2 * i] + (uint64_t)sq + c;
    T[2 * i] = (uint64_t)x;
    x = (unsigned __int128)T[2 * i + 1] + (uint64_t)(sq >> 64) + (uint64_t)(x >> 64);
    T[2 * i + 1] = (uint64_t)x;
    c = (uint64_t)(x >> 64);
  }
  /* CIOS-style reduction on a window t of n + 2 limbs (t[-1] is scratch for row_reduce4) */
  uint64_t buf[TS_BN_MAX_LIMBS + 3];
  uint64_t *t = buf + 1;
  memcpy(t, T, n * sizeof t[0]);
  t[n] = 0;
  t[n + 1] = 0;
  for (size_t i = 0; i < n; i++) {
    row_reduce4(t, m, t[0] * m0inv, n);
    unsigned __int128 x = (unsigned __int128)t[n - 1] + T[n + i];
    t[n - 1] = (uint64_t)x;
    t[n] += (uint64_t)(x >> 64);
  }
  final_sub(r, t, t[n], m, n);
}

#endif
