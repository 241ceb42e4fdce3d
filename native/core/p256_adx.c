/* NIST P-256 with a MULX/ADCX/ADOX 256x256-bit product (BMI2 + ADX): the same template and
 * reduction as p256.c, only the schoolbook product differs. Runs only after dispatch.c has seen
 * both features. The product has no data-dependent branch or address: constant-time. */
#include <stdint.h>

/* t[0..7] = a * b. Two carry chains per row (CF through ADCX for the low halves, OF through
 * ADOX for the high halves). */
static inline void p256_product_adx(uint64_t t[8], const uint64_t a[4], const uint64_t b[4]) {
  uint64_t c0, c1, c2, c3, c4, lo, hi, zero;
  __asm__ volatile(
      /* row 0 */
      "movq 0(%[b]), %%rdx\n\t"
      "mulxq 0(%[a]), %[c0], %[c1]\n\t"
      "movq %[c0], 0(%[t])\n\t"
      "mulxq 8(%[a]), %[lo], %[c2]\n\t"
      "addq %[lo], %[c1]\n\t"
      "mulxq 16(%[a]), %[lo], %[c3]\n\t"
      "adcq %[lo], %[c2]\n\t"
      "mulxq 24(%[a]), %[lo], %[c4]\n\t"
      "adcq %[lo], %[c3]\n\t"
      "adcq $0, %[c4]\n\t"
      /* row 1: c1..c4 hold t1..t4 */
      "movq 8(%[b]), %%rdx\n\t"
      "xorl %k[zero], %k[zero]\n\t"
      "mulxq 0(%[a]), %[lo], %[hi]\n\t"
      "adcxq %[lo], %[c1]\n\t"
      "adoxq %[hi], %[c2]\n\t"
      "movq %[c1], 8(%[t])\n\t"
      "mulxq 8(%[a]), %[lo], %[hi]\n\t"
      "adcxq %[lo], %[c2]\n\t"
      "adoxq %[hi], %[c3]\n\t"
      "mulxq 16(%[a]), %[lo], %[hi]\n\t"
      "adcxq %[lo], %[c3]\n\t"
      "adoxq %[hi], %[c4]\n\t"
      "mulxq 24(%[a]), %[lo], %[c0]\n\t"
      "adcxq %[lo], %[c4]\n\t"
      "adoxq %[zero], %[c0]\n\t"
      "adcxq %[zero], %[c0]\n\t"
      /* row 2: c2, c3, c4, c0 hold t2..t5 */
      "movq 16(%[b]), %%rdx\n\t"
      "xorl %k[zero], %k[zero]\n\t"
      "mulxq 0(%[a]), %[lo], %[hi]\n\t"
      "adcxq %[lo], %[c2]\n\t"
      "adoxq %[hi], %[c3]\n\t"
      "movq %[c2], 16(%[t])\n\t"
      "mulxq 8(%[a]), %[lo], %[hi]\n\t"
      "adcxq %[lo], %[c3]\n\t"
      "adoxq %[hi], %[c4]\n\t"
      "mulxq 16(%[a]), %[lo], %[hi]\n\t"
      "adcxq %[lo], %[c4]\n\t"
      "adoxq %[hi], %[c0]\n\t"
      "mulxq 24(%[a]), %[lo], %[c1]\n\t"
      "adcxq %[lo], %[c0]\n\t"
      "adoxq %[zero], %[c1]\n\t"
      "adcxq %[zero], %[c1]\n\t"
      /* row 3: c3, c4, c0, c1 hold t3..t6 */
      "movq 24(%[b]), %%rdx\n\t"
      "xorl %k[zero], %k[zero]\n\t"
      "mulxq 0(%[a]), %[lo], %[hi]\n\t"
      "adcxq %[lo], %[c3]\n\t"
      "adoxq %[hi], %[c4]\n\t"
      "movq %[c3], 24(%[t])\n\t"
      "mulxq 8(%[a]), %[lo], %[hi]\n\t"
      "adcxq %[lo], %[c4]\n\t"
      "adoxq %[hi], %[c0]\n\t"
      "mulxq 16(%[a]), %[lo], %[hi]\n\t"
      "adcxq %[lo], %[c0]\n\t"
      "adoxq %[hi], %[c1]\n\t"
      "mulxq 24(%[a]), %[lo], %[c2]\n\t"
      "adcxq %[lo], %[c1]\n\t"
      "adoxq %[zero], %[c2]\n\t"
      "adcxq %[zero], %[c2]\n\t"
      "movq %[c4], 32(%[t])\n\t"
      "movq %[c0], 40(%[t])\n\t"
      "movq %[c1], 48(%[t])\n\t"
      "movq %[c2], 56(%[t])\n\t"
      : [c0] "=&r"(c0), [c1] "=&r"(c1), [c2] "=&r"(c2), [c3] "=&r"(c3), [c4] "=&r"(c4), [lo] "=&r"(lo),
        [hi] "=&r"(hi), [zero] "=&r"(zero)
      : [t] "r"(t), [a] "r"(a), [b] "r"(b)
      : "rdx", "cc", "memory");
}

#define EC_PRODUCT(t, a, b) p256_product_adx((t), (a), (b))
#define EC_PFX(x) ts_p256_adx_##x
#include "p256.c"
