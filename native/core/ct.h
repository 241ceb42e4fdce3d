/* Constant-time helpers. Control words are 0/1 (`ctl`) or all-zeros/all-ones masks (`mask`).
 * Every function here is constant-time: no branch and no memory index depends on its inputs. */
#ifndef TS_CT_H
#define TS_CT_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

/* An optimisation barrier: the compiler must assume the value may be anything, so it cannot
 * turn mask arithmetic back into a branch. */
static inline uint32_t ts_ct_barrier32(uint32_t x) {
  __asm__("" : "+r"(x));
  return x;
}
static inline uint64_t ts_ct_barrier64(uint64_t x) {
  __asm__("" : "+r"(x));
  return x;
}

/* 1 if x != 0, else 0. */
static inline uint32_t ts_ct_nonzero32(uint32_t x) { return (x | (0u - x)) >> 31; }
/* 1 if x == y, else 0. */
static inline uint32_t ts_ct_eq32(uint32_t x, uint32_t y) { return 1u ^ ts_ct_nonzero32(x ^ y); }
/* 1 if x < y (unsigned), else 0. */
static inline uint32_t ts_ct_lt32(uint32_t x, uint32_t y) {
  return (uint32_t)(((uint64_t)x - (uint64_t)y) >> 63);
}
static inline uint64_t ts_ct_nonzero64(uint64_t x) { return (x | (0 - x)) >> 63; }
static inline uint64_t ts_ct_eq64(uint64_t x, uint64_t y) { return 1u ^ ts_ct_nonzero64(x ^ y); }
/* ctl (0/1) -> mask (0 or all ones). */
static inline uint32_t ts_ct_mask32(uint32_t ctl) { return ts_ct_barrier32(0u - ctl); }
static inline uint64_t ts_ct_mask64(uint64_t ctl) { return ts_ct_barrier64(0 - ctl); }
/* ctl ? x : y */
static inline uint32_t ts_ct_select32(uint32_t ctl, uint32_t x, uint32_t y) {
  uint32_t m = ts_ct_mask32(ctl);
  return y ^ (m & (x ^ y));
}
static inline uint64_t ts_ct_select64(uint64_t ctl, uint64_t x, uint64_t y) {
  uint64_t m = ts_ct_mask64(ctl);
  return y ^ (m & (x ^ y));
}

/* if (ctl) memcpy(dst, src, n), reading and writing every byte either way. */
static inline void ts_ct_ccopy(uint32_t ctl, void *dst, const void *src, size_t n) {
  uint8_t *d = (uint8_t *)dst;
  const uint8_t *s = (const uint8_t *)src;
  uint8_t m = (uint8_t)ts_ct_mask32(ctl);
  for (size_t i = 0; i < n; i++) d[i] ^= m & (d[i] ^ s[i]);
}

/* 1 if the n bytes at a and b are equal, else 0; reads all n bytes. */
static inline uint32_t ts_ct_memeq(const void *a, const void *b, size_t n) {
  const uint8_t *x = (const uint8_t *)a, *y = (const uint8_t *)b;
  uint32_t acc = 0;
  for (size_t i = 0; i < n; i++) acc |= (uint32_t)(x[i] ^ y[i]);
  return 1u ^ ts_ct_nonzero32(ts_ct_barrier32(acc));
}

/* Wipe secrets. The empty asm that may read the memory keeps the compiler from removing the
 * memset as a dead store, while memset itself stays fast (a byte loop was a large share of the
 * cost of small records). */
static inline void ts_wipe(void *p, size_t n) {
  memset(p, 0, n);
  __asm__ __volatile__("" : : "r"(p) : "memory");
}

#endif
