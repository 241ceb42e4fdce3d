/* ML-KEM-768 (FIPS 203): key generation, encapsulation, decapsulation with implicit rejection.
 *
 * Keys and ciphertexts are the byte strings of FIPS 203: the encapsulation key ek (1184
 * bytes), the decapsulation key dk = dk_PKE || ek || H(ek) || z (2400 bytes), the ciphertext
 * (1088 bytes) and the shared secret (32 bytes). Every function that handles d, z, m, dk or a
 * shared secret is constant-time: no branch and no memory index depends on them. */
#ifndef TS_MLKEM_H
#define TS_MLKEM_H

#include <stddef.h>
#include <stdint.h>

#define TS_MLKEM768_EK_LEN 1184
#define TS_MLKEM768_DK_LEN 2400
#define TS_MLKEM768_CT_LEN 1088
#define TS_MLKEM_SS_LEN 32
#define TS_MLKEM_SEED_LEN 64 /* d || z */

/* ML-KEM.KeyGen_internal (FIPS 203 Algorithm 16) from the seeds d and z. This is
 * constant-time. */
void ts_mlkem768_keygen_derand(const uint8_t d[32], const uint8_t z[32],
                               uint8_t ek[TS_MLKEM768_EK_LEN], uint8_t dk[TS_MLKEM768_DK_LEN]);
/* ML-KEM.KeyGen (Algorithm 19) with seeds from the system CSPRNG. Returns 1, or 0 when no
 * randomness was available (nothing is written then). This is constant-time. */
int ts_mlkem768_keygen(uint8_t ek[TS_MLKEM768_EK_LEN], uint8_t dk[TS_MLKEM768_DK_LEN]);

/* The encapsulation key input check (FIPS 203 §7.2, modulus check): 1 if every encoded
 * coefficient of ek is below q, else 0. ek is public. */
int ts_mlkem768_ek_check(const uint8_t ek[TS_MLKEM768_EK_LEN]);
/* ML-KEM.Encaps_internal (Algorithm 17) with the message m, after the modulus check. Returns
 * 1, or 0 (nothing written) when ek fails the check. This is constant-time in m and the
 * shared secret. */
int ts_mlkem768_encaps_derand(const uint8_t ek[TS_MLKEM768_EK_LEN], const uint8_t m[32],
                              uint8_t ct[TS_MLKEM768_CT_LEN], uint8_t ss[TS_MLKEM_SS_LEN]);
/* ML-KEM.Encaps (Algorithm 20): as above with a random m. Returns 0 when ek fails the check
 * or no randomness was available. */
int ts_mlkem768_encaps(const uint8_t ek[TS_MLKEM768_EK_LEN], uint8_t ct[TS_MLKEM768_CT_LEN],
                       uint8_t ss[TS_MLKEM_SS_LEN]);

/* The decapsulation key input check (FIPS 203 §7.3, hash check): 1 if H(ek) stored in dk
 * matches the ek stored in dk, else 0. */
int ts_mlkem768_dk_check(const uint8_t dk[TS_MLKEM768_DK_LEN]);
/* ML-KEM.Decaps (Algorithm 21, 18) after the hash check: writes K, or on a ciphertext that
 * does not re-encrypt to itself the implicit-rejection secret J(z || c). Returns 1, or 0
 * (nothing written) when dk fails the hash check. This is constant-time: which of the two
 * secrets comes out is not revealed by timing. */
int ts_mlkem768_decaps(const uint8_t dk[TS_MLKEM768_DK_LEN], const uint8_t ct[TS_MLKEM768_CT_LEN],
                       uint8_t ss[TS_MLKEM_SS_LEN]);

/* Called on values that are derived from secrets but public by definition (the matrix seed
 * rho, the result of the dk hash check) just before code branches on them. A no-op here; the
 * constant-time test program overrides it to tell valgrind the bytes are public. */
void ts_mlkem_public_hook(const void *p, size_t n);

/* Internal: the number-theoretic transforms on 256 coefficients mod q, one per implementation,
 * chosen by dispatch.c. Every implementation gives bit-identical results. ntt: input |c| < q,
 * output |c| < 8q, standard (bit-reversed NTT) order. invntt: input |c| < q, output |c| < q,
 * times 2^16 (FIPS 203 Algorithm 10 with the factor 128^-1 and one Montgomery factor folded
 * in). These are constant-time. */
typedef void ts_mlkem_ntt_fn(int16_t c[256]);
ts_mlkem_ntt_fn ts_mlkem_ntt_generic, ts_mlkem_invntt_generic;
#if defined(__x86_64__)
ts_mlkem_ntt_fn ts_mlkem_ntt_avx2, ts_mlkem_invntt_avx2;
#endif
extern ts_mlkem_ntt_fn *ts_mlkem_ntt, *ts_mlkem_invntt;
/* zeta^BitRev7(i) * 2^16 mod q, centred, zeta = 17. */
extern const int16_t ts_mlkem_zetas[128];

#endif
