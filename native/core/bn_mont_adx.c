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
  uint64_t borrow = ts_bn_sub(d, t, m, n);
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

void ts_bn_mont_sqr_adx(uint64_t *r, const uint64_t *a, const uint64_t *m, uint64_t m0inv, size_t n) {
  ts_bn_mont_mul_adx(r, a, a, m, m0inv, n);
}

#endif
