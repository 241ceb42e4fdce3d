/* Scalars modulo the prime order of an Edwards group (edwards25519's L, edwards448's L), in
 * 64-bit limbs with Montgomery multiplication (R = 2^(64n)). Shared by ed25519.c and ed448.c. */
#ifndef TS_ED_SCALAR_H
#define TS_ED_SCALAR_H

#include <stddef.h>
#include <stdint.h>

#define TS_SC_MAX 7

typedef struct {
  size_t n;                    /* limbs of the modulus */
  uint64_t m[TS_SC_MAX];       /* the odd modulus, m < R / 4 */
  uint64_t n0;                 /* -m^-1 mod 2^64 */
  uint64_t rk[3][TS_SC_MAX];   /* R^1, R^2, R^3 mod m */
} ts_sc_modulus;

/* r = a b R^-1 mod m, fully reduced; needs a b < R m (e.g. a < R and b < m). r may alias a or b.
 * This is constant-time. */
void ts_sc_mont_mul(const ts_sc_modulus *M, uint64_t *r, const uint64_t *a, const uint64_t *b);

/* r = x mod m for a little-endian x of up to 24n bytes. This is constant-time. */
void ts_sc_reduce(const ts_sc_modulus *M, uint64_t *r, const uint8_t *x, size_t len);

/* r = a b + c mod m for a < R, b < m, c < m. This is constant-time. */
void ts_sc_muladd(const ts_sc_modulus *M, uint64_t *r, const uint64_t *a, const uint64_t *b,
                  const uint64_t *c);

/* n limbs from len <= 8n little-endian bytes (zero-extended), and back (len <= 8n). These are
 * constant-time. */
void ts_sc_from_bytes(const ts_sc_modulus *M, uint64_t *r, const uint8_t *x, size_t len);
void ts_sc_to_bytes(const ts_sc_modulus *M, uint8_t *out, size_t len, const uint64_t *a);

/* 1 if the little-endian len bytes are a number below m. Not constant-time: for public values
 * (the S of a signature being verified). */
int ts_sc_is_canonical_vartime(const ts_sc_modulus *M, const uint8_t *x, size_t len);

#endif
