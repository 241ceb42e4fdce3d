/* X448 (RFC 7748 §5): the Montgomery ladder over fe448 (radix 2^56). */
#include "x448.h"

#include "ct.h"
#include "fe448.h"

/* RFC 7748 §5 with a24 = 39081; a conditional swap per scalar bit. This is constant-time. */
void ts_x448_ladder(uint8_t out[56], const uint8_t scalar[56], const uint8_t u[56]) {
  uint8_t k[56];
  for (int i = 0; i < 56; i++) k[i] = scalar[i];
  k[0] &= 252;
  k[55] |= 128;

  ts_fe448 x1, x2, z2, x3, z3, a, aa, b, bb, e, c, d, da, cb, t;
  ts_fe448_frombytes(&x1, u);
  ts_fe448_1(&x2);
  ts_fe448_0(&z2);
  x3 = x1;
  ts_fe448_1(&z3);
  uint64_t swap = 0;
  for (int pos = 447; pos >= 0; pos--) {
    uint64_t bit = (k[pos >> 3] >> (pos & 7)) & 1;
    swap ^= bit;
    uint64_t m = ts_ct_mask64(swap);
    ts_fe448_cswap(&x2, &x3, m);
    ts_fe448_cswap(&z2, &z3, m);
    swap = bit;
    ts_fe448_add(&a, &x2, &z2);
    ts_fe448_sq(&aa, &a);
    ts_fe448_sub(&b, &x2, &z2);
    ts_fe448_sq(&bb, &b);
    ts_fe448_sub(&e, &aa, &bb);
    ts_fe448_add(&c, &x3, &z3);
    ts_fe448_sub(&d, &x3, &z3);
    ts_fe448_mul(&da, &d, &a);
    ts_fe448_mul(&cb, &c, &b);
    ts_fe448_add(&t, &da, &cb);
    ts_fe448_sq(&x3, &t);
    ts_fe448_sub(&t, &da, &cb);
    ts_fe448_sq(&t, &t);
    ts_fe448_mul(&z3, &x1, &t);
    ts_fe448_mul(&x2, &aa, &bb);
    ts_fe448_mul_small(&t, &e, 39081);
    ts_fe448_add(&t, &aa, &t);
    ts_fe448_mul(&z2, &e, &t);
  }
  uint64_t m = ts_ct_mask64(swap);
  ts_fe448_cswap(&x2, &x3, m);
  ts_fe448_cswap(&z2, &z3, m);
  ts_fe448_invert(&z2, &z2);
  ts_fe448_mul(&x2, &x2, &z2);
  ts_fe448_tobytes(out, &x2);
  ts_wipe(k, sizeof k);
  ts_wipe(&x2, sizeof x2);
  ts_wipe(&z2, sizeof z2);
  ts_wipe(&x3, sizeof x3);
  ts_wipe(&z3, sizeof z3);
}

int ts_x448(uint8_t out[56], const uint8_t scalar[56], const uint8_t u[56]) {
  ts_x448_ladder(out, scalar, u);
  uint32_t acc = 0;
  for (int i = 0; i < 56; i++) acc |= out[i];
  return (int)ts_ct_nonzero32(ts_ct_barrier32(acc));
}

void ts_x448_base(uint8_t out[56], const uint8_t scalar[56]) {
  static const uint8_t five[56] = {5};
  ts_x448_ladder(out, scalar, five);
}
