/* X25519 (RFC 7748 §5): the Montgomery ladder over fe25519 (radix 2^51). */
#include "x25519.h"

#include "ct.h"
#include "fe25519.h"

/* RFC 7748 §5: the ladder, with a conditional swap driven by each scalar bit instead of a
 * branch. This is constant-time. */
void ts_x25519_generic(uint8_t out[32], const uint8_t scalar[32], const uint8_t u[32]) {
  uint8_t k[32];
  for (int i = 0; i < 32; i++) k[i] = scalar[i];
  k[0] &= 248;
  k[31] &= 127;
  k[31] |= 64;

  ts_fe25519 x1, x2, z2, x3, z3, a, aa, b, bb, e, c, d, da, cb, t;
  ts_fe25519_frombytes(&x1, u);
  ts_fe25519_1(&x2);
  ts_fe25519_0(&z2);
  x3 = x1;
  ts_fe25519_1(&z3);
  uint64_t swap = 0;
  for (int pos = 254; pos >= 0; pos--) {
    uint64_t bit = (k[pos >> 3] >> (pos & 7)) & 1;
    swap ^= bit;
    uint64_t m = ts_ct_mask64(swap);
    ts_fe25519_cswap(&x2, &x3, m);
    ts_fe25519_cswap(&z2, &z3, m);
    swap = bit;
    ts_fe25519_add(&a, &x2, &z2);
    ts_fe25519_sq(&aa, &a);
    ts_fe25519_sub_nc(&b, &x2, &z2);
    ts_fe25519_sq(&bb, &b);
    ts_fe25519_sub_nc(&e, &aa, &bb);
    ts_fe25519_add(&c, &x3, &z3);
    ts_fe25519_sub_nc(&d, &x3, &z3);
    ts_fe25519_mul(&da, &d, &a);
    ts_fe25519_mul(&cb, &c, &b);
    ts_fe25519_add(&t, &da, &cb);
    ts_fe25519_sq(&x3, &t);
    ts_fe25519_sub_nc(&t, &da, &cb);
    ts_fe25519_sq(&t, &t);
    ts_fe25519_mul(&z3, &x1, &t);
    ts_fe25519_mul(&x2, &aa, &bb);
    ts_fe25519_mul_small(&t, &e, 121665);
    ts_fe25519_add(&t, &aa, &t);
    ts_fe25519_mul(&z2, &e, &t);
  }
  uint64_t m = ts_ct_mask64(swap);
  ts_fe25519_cswap(&x2, &x3, m);
  ts_fe25519_cswap(&z2, &z3, m);
  ts_fe25519_invert(&z2, &z2);
  ts_fe25519_mul(&x2, &x2, &z2);
  ts_fe25519_tobytes(out, &x2);
  ts_wipe(k, sizeof k);
  ts_wipe(&x2, sizeof x2);
  ts_wipe(&z2, sizeof z2);
  ts_wipe(&x3, sizeof x3);
  ts_wipe(&z3, sizeof z3);
}

int ts_x25519(uint8_t out[32], const uint8_t scalar[32], const uint8_t u[32]) {
  ts_x25519_impl(out, scalar, u);
  uint32_t acc = 0;
  for (int i = 0; i < 32; i++) acc |= out[i];
  /* Whether the shared secret is zero is public: the caller aborts on it. */
  return (int)ts_ct_nonzero32(ts_ct_barrier32(acc));
}

void ts_x25519_base(uint8_t out[32], const uint8_t scalar[32]) {
  static const uint8_t nine[32] = {9};
  ts_x25519_impl(out, scalar, nine);
}
