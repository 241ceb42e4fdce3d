/* RSA (RFC 8017): the private operation by CRT with blinding and a check of the result,
 * PKCS#1 v1.5 and PSS signatures and their verification, PKCS#1 v1.5 encryption (tests), and
 * the PKCS#1 v1.5 decryption of the TLS 1.2 RSA key exchange that never reveals whether the
 * padding was valid (RFC 5246 section 7.4.7.1). Moduli of 512 to 8192 bits. */
#ifndef TS_RSA_H
#define TS_RSA_H

#include <stddef.h>
#include <stdint.h>

#include "bn.h"
#include "hash.h"

#define TS_RSA_MIN_BITS 512
#define TS_RSA_MAX_BITS TS_BN_MAX_BITS
#define TS_RSA_MAX_BYTES (TS_RSA_MAX_BITS / 8)
#define TS_RSA_PREMASTER_LEN 48

typedef struct {
  size_t bits, k; /* modulus size in bits and bytes */
  ts_mont n;
  uint8_t e[TS_RSA_MAX_BYTES];
  size_t elen;
} ts_rsa_public_key;

typedef struct {
  ts_rsa_public_key pub;
  ts_mont p, q;
  uint64_t dp[TS_BN_MAX_LIMBS], dq[TS_BN_MAX_LIMBS], qinv[TS_BN_MAX_LIMBS];
  /* Blinding pair in Montgomery form modulo n: r^e and r^-1. Squared after each use and
   * replaced by a fresh random r every 32 uses. Makes a key object single-threaded. */
  uint64_t blind[TS_BN_MAX_LIMBS], unblind[TS_BN_MAX_LIMBS];
  uint32_t blind_uses;
} ts_rsa_private_key;

/* Why a key was refused (ts_rsa_*_init return values other than TS_RSA_OK). */
enum {
  TS_RSA_OK = 1,
  TS_RSA_ERR_MODULUS = -1,   /* n even or not 512..8192 bits */
  TS_RSA_ERR_EXPONENT = -2,  /* e even, below 3, or not below n */
  TS_RSA_ERR_PRIMES = -3,    /* p or q even or too long, or p * q != n */
  TS_RSA_ERR_CRT = -4,       /* dp >= p, dq >= q or qinv >= p */
  TS_RSA_ERR_MISMATCH = -5,  /* the components do not form a working key */
  TS_RSA_ERR_RANDOM = -6     /* the CSPRNG failed */
};

/* Public values are big-endian bytes (leading zeros allowed). Variable time: n, e are public. */
int ts_rsa_public_init(ts_rsa_public_key *k, const uint8_t *n, size_t nlen, const uint8_t *e,
                       size_t elen);

/* The private key from its CRT components (d is not needed). Ends with a test of one private
 * operation. Branches only on the validity of the key. */
int ts_rsa_private_init(ts_rsa_private_key *k, const uint8_t *n, size_t nlen, const uint8_t *e,
                        size_t elen, const uint8_t *p, size_t plen, const uint8_t *q, size_t qlen,
                        const uint8_t *dp, size_t dplen, const uint8_t *dq, size_t dqlen,
                        const uint8_t *qinv, size_t qinvlen, ts_bn_scratch *s);

/* out = in^d mod n (k bytes each) with blinding, by CRT, checked by out^e mod n == in.
 * Returns 1; 0 (with out zeroed) when in >= n, the check fails, or the CSPRNG fails.
 * This is constant-time (the return value is the only secret-dependent output). */
uint32_t ts_rsa_private(ts_rsa_private_key *k, uint8_t *out, const uint8_t *in, ts_bn_scratch *s);

/* out = in^e mod n; 0 when inlen != k or in >= n. */
int ts_rsa_public(const ts_rsa_public_key *k, uint8_t *out, const uint8_t *in, size_t inlen);

/* PKCS#1 v1.5 signature (RFC 8017 section 8.2) of a digest of hash alg (SHA-1, SHA-224/256/384/
 * 512): writes k bytes. Returns 1, or 0 for a bad algorithm/digest length, a too small modulus,
 * or a failed private operation (out is zeroed). */
uint32_t ts_rsa_sign_pkcs1(ts_rsa_private_key *k, ts_hash_alg alg, const uint8_t *digest,
                           size_t dlen, uint8_t *sig, ts_bn_scratch *s);
/* 1 if sig is the PKCS#1 v1.5 signature of digest: the encoding is rebuilt and compared, so no
 * alternative (BER, missing NULL, short padding) encoding passes. */
int ts_rsa_verify_pkcs1(const ts_rsa_public_key *k, ts_hash_alg alg, const uint8_t *digest,
                        size_t dlen, const uint8_t *sig, size_t siglen);

/* RSASSA-PSS (RFC 8017 section 8.1, EMSA-PSS 9.1) with MGF1 over mgf_alg and a salt of slen
 * bytes. Returns 1, or 0 for bad sizes/algorithms or a failed private operation. */
uint32_t ts_rsa_sign_pss(ts_rsa_private_key *k, ts_hash_alg alg, ts_hash_alg mgf_alg,
                         const uint8_t *digest, size_t dlen, size_t slen, uint8_t *sig,
                         ts_bn_scratch *s);
int ts_rsa_verify_pss(const ts_rsa_public_key *k, ts_hash_alg alg, ts_hash_alg mgf_alg,
                      const uint8_t *digest, size_t dlen, size_t slen, const uint8_t *sig,
                      size_t siglen);
/* Largest salt for PSS with this key and hash (negative when even an empty salt does not fit). */
long ts_rsa_pss_max_salt(const ts_rsa_public_key *k, ts_hash_alg alg);

/* RSAES-PKCS1-v1_5 encryption (RFC 8017 section 7.2.1) of mlen <= k - 11 bytes; writes k bytes. */
int ts_rsa_encrypt_pkcs1(const ts_rsa_public_key *k, const uint8_t *msg, size_t mlen, uint8_t *out);

/* The TLS 1.2 RSA key exchange (RFC 5246 section 7.4.7.1): writes 48 bytes to premaster, the
 * decrypted premaster when the ciphertext decrypts with valid PKCS#1 v1.5 padding to 48 bytes that
 * start with client_version, else 48 random bytes; nothing observable (time, memory access,
 * return value) depends on which. Returns 0 only when the CSPRNG fails.
 * This is constant-time. */
int ts_rsa_decrypt_pkcs1_tls(ts_rsa_private_key *k, const uint8_t *ct, size_t ctlen,
                             uint16_t client_version, uint8_t *premaster, ts_bn_scratch *s);

/* Plain RSAES-PKCS1-v1_5 decryption that says whether the padding was valid: a padding oracle,
 * for tests only. Returns the message length (written to out, k bytes of room), or -1. */
long ts_rsa_decrypt_pkcs1_raw(ts_rsa_private_key *k, const uint8_t *ct, size_t ctlen, uint8_t *out,
                              ts_bn_scratch *s);

void ts_rsa_private_wipe(ts_rsa_private_key *k);

#endif
