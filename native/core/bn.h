/* Bignums for RSA and finite-field Diffie-Hellman: moduli up to 8192 bits, 64-bit limbs
 * (least significant first), Montgomery arithmetic with R = 2^(64n) for an n-limb modulus.
 *
 * Storage is always the caller's: fixed-size structs and a scratch area (ts_bn_scratch), never
 * malloc. Every function that takes secret values is constant-time in those values; only sizes
 * (limb counts, exponent lengths) and public moduli may steer branches. Functions whose names end
 * in _vartime are for public data only (public exponents, moduli). */
#ifndef TS_BN_H
#define TS_BN_H

#include <stddef.h>
#include <stdint.h>

#define TS_BN_MAX_BITS 8192
#define TS_BN_MAX_LIMBS (TS_BN_MAX_BITS / 64)
#define TS_BN_MAX_BYTES (TS_BN_MAX_BITS / 8)

/* r = a * b * R^-1 mod m for an n-limb odd m, with a * b < m * R (so a, b < m is enough, or
 * a < R and b < m); the result is fully reduced (< m). r may alias a or b. m0inv is
 * -m^-1 mod 2^64. This is constant-time. */
typedef void ts_bn_mont_mul_fn(uint64_t *r, const uint64_t *a, const uint64_t *b, const uint64_t *m,
                               uint64_t m0inv, size_t n);
/* r = a * a * R^-1 mod m, same contract. This is constant-time. */
typedef void ts_bn_mont_sqr_fn(uint64_t *r, const uint64_t *a, const uint64_t *m, uint64_t m0inv,
                               size_t n);

/* The selected implementations (dispatch.c, select_bignum). */
extern ts_bn_mont_mul_fn *ts_bn_mont_mul_impl;
extern ts_bn_mont_sqr_fn *ts_bn_mont_sqr_impl;

void ts_bn_mont_mul_generic(uint64_t *r, const uint64_t *a, const uint64_t *b, const uint64_t *m,
                            uint64_t m0inv, size_t n);
void ts_bn_mont_sqr_generic(uint64_t *r, const uint64_t *a, const uint64_t *m, uint64_t m0inv,
                            size_t n);
#if defined(__x86_64__)
/* mulx/adcx/adox; only after dispatch has seen BMI2 and ADX. */
void ts_bn_mont_mul_adx(uint64_t *r, const uint64_t *a, const uint64_t *b, const uint64_t *m,
                        uint64_t m0inv, size_t n);
void ts_bn_mont_sqr_adx(uint64_t *r, const uint64_t *a, const uint64_t *m, uint64_t m0inv, size_t n);
#endif

/* A Montgomery context for one odd modulus (public). */
typedef struct {
  size_t n;       /* limbs */
  size_t bits;    /* bit length of m */
  size_t bytes;   /* byte length of m */
  uint64_t m0inv; /* -m^-1 mod 2^64 */
  uint64_t m[TS_BN_MAX_LIMBS];
  uint64_t rr[TS_BN_MAX_LIMBS];  /* R^2 mod m */
  uint64_t one[TS_BN_MAX_LIMBS]; /* R mod m: 1 in Montgomery form */
} ts_mont;

/* Scratch for exponentiation and inversion (window table of up to 64 entries plus temporaries). */
#define TS_BN_SCRATCH_LIMBS (72 * TS_BN_MAX_LIMBS)
typedef struct {
  uint64_t t[TS_BN_SCRATCH_LIMBS];
} ts_bn_scratch;

/* ---- Plain integers (n limbs) --------------------------------------------------------------- */

/* Loads big-endian bytes into n limbs. Returns 1, or 0 if the value does not fit (the bytes
 * beyond n limbs are not all zero); r is filled with the low part either way.
 * This is constant-time (in the value; len and n are public). */
uint32_t ts_bn_from_bytes(uint64_t *r, size_t n, const uint8_t *in, size_t len);
/* Writes the low len bytes of a, big-endian (zero-padded on the left). This is constant-time. */
void ts_bn_to_bytes(uint8_t *out, size_t len, const uint64_t *a, size_t n);
/* Bit length of a public value. */
size_t ts_bn_bits_vartime(const uint64_t *a, size_t n);
/* Byte length (without leading zeros) of a public big-endian number, and its first
 * significant byte. */
size_t ts_bn_strip_vartime(const uint8_t **p, size_t len);

/* r = a + b, returns the carry; r = a - b, returns the borrow. This is constant-time. */
uint64_t ts_bn_add(uint64_t *r, const uint64_t *a, const uint64_t *b, size_t n);
uint64_t ts_bn_sub(uint64_t *r, const uint64_t *a, const uint64_t *b, size_t n);
/* 1 if a < b, 1 if a == b, 1 if a == 0. This is constant-time. */
uint32_t ts_bn_lt(const uint64_t *a, const uint64_t *b, size_t n);
uint32_t ts_bn_eq(const uint64_t *a, const uint64_t *b, size_t n);
uint32_t ts_bn_is_zero(const uint64_t *a, size_t n);
/* if (ctl) dst = src. This is constant-time. */
void ts_bn_ccopy(uint32_t ctl, uint64_t *dst, const uint64_t *src, size_t n);
/* r = a * b (an + bn limbs). r must not alias a or b. This is constant-time. */
void ts_bn_mul(uint64_t *r, const uint64_t *a, size_t an, const uint64_t *b, size_t bn);
/* r = a +/- b mod m, for a, b < m. This is constant-time. */
void ts_bn_mod_add(uint64_t *r, const uint64_t *a, const uint64_t *b, const uint64_t *m, size_t n);
void ts_bn_mod_sub(uint64_t *r, const uint64_t *a, const uint64_t *b, const uint64_t *m, size_t n);

/* ---- Montgomery arithmetic ------------------------------------------------------------------ */

/* Sets up c for the big-endian modulus m (leading zeros allowed). Returns 1, or 0 when m is
 * even, below 3, or longer than TS_BN_MAX_BITS. Variable time: m is public. */
int ts_mont_init(ts_mont *c, const uint8_t *m, size_t len);
/* As ts_mont_init, from n limbs. */
int ts_mont_init_limbs(ts_mont *c, const uint64_t *m, size_t n);

/* r = a * b * R^-1 mod m and r = a^2 * R^-1 mod m (see ts_bn_mont_mul_fn). This is constant-time. */
void ts_mont_mul(const ts_mont *c, uint64_t *r, const uint64_t *a, const uint64_t *b);
void ts_mont_sqr(const ts_mont *c, uint64_t *r, const uint64_t *a);
/* r = a * R mod m (a < R), and r = a * R^-1 mod m. This is constant-time. */
void ts_mont_to(const ts_mont *c, uint64_t *r, const uint64_t *a);
void ts_mont_from(const ts_mont *c, uint64_t *r, const uint64_t *a);
/* r = (x mod m) * R mod m, the Montgomery form of an integer of any length given as big-endian
 * bytes or as an limbs. This is constant-time (in the value; the length is public). */
void ts_mont_import(const ts_mont *c, uint64_t *r, const uint8_t *in, size_t len);
void ts_mont_import_limbs(const ts_mont *c, uint64_t *r, const uint64_t *a, size_t an);

/* r = a^e in Montgomery form (a in Montgomery form), e given as elimbs limbs of which the low
 * ebits bits are used. Fixed window; each table entry is read by a full scan of the table.
 * This is constant-time (in a and e; ebits is public). */
void ts_mont_exp_ct(const ts_mont *c, uint64_t *r, const uint64_t *a, const uint64_t *e,
                    size_t ebits, ts_bn_scratch *s);
/* r = a^e in Montgomery form for a public exponent e (big-endian bytes): square and multiply,
 * branching on the bits of e. Constant-time in a. */
void ts_mont_exp_vartime(const ts_mont *c, uint64_t *r, const uint64_t *a, const uint8_t *e,
                         size_t elen);

/* r = a^-1 mod m (a < m, plain form) for the odd modulus of c. Returns 1, or 0 when a has no
 * inverse (r is then meaningless). Binary extended GCD with a fixed number of iterations.
 * This is constant-time. */
uint32_t ts_bn_mod_inv(const ts_mont *c, uint64_t *r, const uint64_t *a, ts_bn_scratch *s);

/* out = base^exp mod mod, written as mlen bytes (mlen = byte length of mod without leading
 * zeros). Any modulus of 1..8192 bits; base of any length; exponent up to 8192 bits.
 * Odd moduli use Montgomery exponentiation; even moduli m = o * 2^t combine a Montgomery
 * exponentiation modulo o with one modulo 2^t (CRT), which is slower. Constant-time in base and
 * exp (not in the modulus). Returns 0 when the sizes are out of range or the modulus is 0. */
int ts_bn_modexp(uint8_t *out, const uint8_t *base, size_t blen, const uint8_t *exp, size_t elen,
                 const uint8_t *mod, size_t mlen, ts_mont *c, ts_bn_scratch *s);

#endif
