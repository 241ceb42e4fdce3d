/* Bignums, RSA and DH: modexp known answers (odd and even moduli), Montgomery identities and
 * implementation agreement, inversion, a fixed RSA-2048 key (generated with the openssl CLI) with
 * known-answer PKCS#1 v1.5 signatures and a PKCS#1 v1.5 premaster ciphertext made by
 * `openssl pkeyutl -encrypt`, PSS round trips, ffdhe agreement, and the constant-time test ct_rsa. */
#include <stdlib.h>

#include "bn.h"
#include "dh.h"
#include "rsa.h"
#include "test.h"

static const char *KEY_N =
    "efb13fbb67bf2daea56c6c975b00b75a7fd72887e7b89a622d84e50c72ee541e"
    "a8362137cca0bbe0caf91bfb4f5b0d747cbff69279ffb7dff87e2fd96123ad1f"
    "4f8700177b6320230a0d11abf42980d329bbe22bdfa208e0a24995ca4fc82e4e"
    "6a84cb49c1a8cff7c43387fdb5b5c3c556f6f784562c468146e0ffbd232d6be9"
    "481e9f31df5a057396b042f68040d72a9d6ba3f2d9454f67754379569eacbc76"
    "d0afdb4ada2169583d619e97cf17a4ff040eadd71baf5dbccb59a86dee18614b"
    "fb2abf47608f76dc5a87cd55c31187b5ac4477886ae309565a4cfb235489f9b7"
    "762f8d8db5af3a6c40aaec6bcbaad6aa07e7b12be7ba57c5b96fce45f202d6a9";
static const char *KEY_P =
    "f969534abfc367c36651bd9fe865d88d7ae68975a550aa9e24a49a7b2e9efcfe"
    "8dcb6d6dbc0b16caca6be8ae0dfcd144eb09460be27ad16be0341e15ab15427e"
    "ef5d5bf0e66417d19174d9463b46c2684d7fcc0505299d111961cf7e0dcdfe64"
    "dbd40a28e374f6336d29ad5c9c5663b64583662cce12c702ded3751465343ad3";
static const char *KEY_Q =
    "f606328683b683b327731a75696ee1d065e1a8d61d06b13f3846715318b6815e"
    "c25dbc8c11d6e2e1c4ee2a6e3eae2b8ff55fb203d87adc6a0be437d8e5c44c81"
    "9e2057ffe085b67d5928c4a21ff7dcd78ee40d1f84c6bad4fccce5094e7316a0"
    "d22a371f79d0141e65cdd5dcf0a8e1025bf9e755fbe82670a106ffbed8860313";
static const char *KEY_DP =
    "f4b334a812eab9a449800b2697914cdcca66e3188cc04f15676823b495b2210f"
    "f2b852bda60fcf25d961f3e0c912719347724aca204355b29c3f260126606e64"
    "319e8c351725bf04bacc44dc160e3f70ac10a56f8b781f85063d23a14e13fbf2"
    "a287300c9bd546348076b2833953bcf2b8d2c96d4e25b82185d33b7c6e2ac747";
static const char *KEY_DQ =
    "89cd06d7d9468d95f76ebd4f2e72f100ad502c2561b4b1eadb36799b35a863e6"
    "13b0353faf6e513e6bf38ac89d4b291345390898a6d48a48cbc8548fa482c2e7"
    "870e4ebbffa26588e83bb187ada84386697ecaeaf08fef6e04fb2efe7b767322"
    "39157432a9242760af5d0f80e53b726cc3dfc1f7a35570d27d1f52782f074109";
static const char *KEY_QI =
    "eb90ea13a8202cab47690d18b7150b719ac695ac24c2bc36c962ca3c1a94cdf6"
    "23df30fd0d62b3b4062997e0adb2bb90fc2f468cf9a822e1051a6e7d0f534a14"
    "f0a9a7c6349d05c0dc7c99edd9c04317de9819c2ec77dd0b363024889712857d"
    "e08183d5ac3b769ba3a7f7ea84ab4fd999500ffaa5416311a00cd76347bb4628";
static const char *SIG_SHA256_ABC =
    "5de79d9d3458a41b18aa0d465a9a7be5095227444c93d485032d58ac84a3b971"
    "f17fdf04aeb54b493ebae30a40d0a394e0d2c2c462bae0e48e0b3de6c9a101c9"
    "70c5f33ec43061110a52bbaa2c6ff73512e5321eeb5d18f5f8b1c60e5528c88b"
    "446df1e7068c958a022e003c085a6d3a0281cfb0c8da616b2c150639959e2b21"
    "3128eb01ecbcfd8236d8b26387fce4a71bb67479d325cb01a90449e3e7dc9b57"
    "5b16fb99224bd6d7a68dbe06c4b02a8a7e8c153707990237aa5f7f6329099975"
    "34d60b4e4f45efb702424540f0278856dcb10d93a04bcc174320772f773d90b2"
    "14f6a1fe4705e040e38350e58440457689dc26f5f3f6b7c0b1084e265da93d0e";
static const char *SIG_SHA384_ABC =
    "d2aee148f61c4a7f22e18fba5725d4b24943417b4ced2db89299cc0d64ce0e30"
    "86150f7365744298e84577811916928309adb86e6cc01de41419064f3f0ad8c3"
    "a3906da4303c4e9c8350b993fa662258244ca1477dc59e01828976b14a4a7504"
    "d0333e5ec34bd9d9e749258e807012f770b3c52a7812bee1eb6a1805bbbbad92"
    "010f6f41bb82ebde0f441dc899468a2890e4c6d034101c497b2e63d12bb6bb67"
    "ee9a407bd27932ec9bf663d7bad7f24a7d2c60c33d54632fd3734b19088a85cd"
    "0cf506db8197684481f2ce63575081a9e4eca2d187434075f4373cebee4c7888"
    "629b934f33f18dac65e48cf0b7a8829f537500132b3e83d518c5503c6810e981";
static const char *CT_PREMASTER =
    "c06719c8e03e1fc37c709c635e3d951383e307894462247a817d54eec2574c78"
    "2f21eac3039e00192852ba46fc9d84b57a849c4a096c1b0efda4b3802789521d"
    "6253098268a985bc30bd0956c444a81fdb93f27d05ee382212f946f6141f1a16"
    "beade1f3824dc23f62ba963e0b0e23ee7a25ec4a06b0311bda0bacf0091e50ac"
    "f0bd706a9f4517fee1374cc4d2feab7e95fe3ca714947f3d5818c8ab9b83113d"
    "632e8f52029a717a790fac1c35aedd3a1c573f93928361ef0c45acbdfd4233be"
    "b56b51a9cf746178df9f69cc2363a8c4d31231ae5d877a36a72e014832271326"
    "610c98c01a5b761ec0d3430bb49b6e854b1e64058b273302ecb0bc0c4ade22aa";

static ts_bn_scratch scratch;
static ts_mont mont;

static size_t unhex_alloc(const char *hex, uint8_t *out, size_t cap) { return ts_unhex(hex, out, cap); }

static void check_modexp(const char *b, const char *e, const char *m, const char *want) {
  uint8_t bb[1024], eb[1024], mb[1024], wb[1024], out[1024];
  size_t bl = unhex_alloc(b, bb, sizeof bb), el = unhex_alloc(e, eb, sizeof eb);
  size_t ml = unhex_alloc(m, mb, sizeof mb), wl = unhex_alloc(want, wb, sizeof wb);
  CHECK(ts_bn_modexp(out, bb, bl, eb, el, mb, ml, &mont, &scratch));
  CHECK_MEM(out, wb, wl, want);
}

TS_TEST(bn_modexp_known_answers) {
  check_modexp("04", "0d", "01f1", "01bd");                 /* 4^13 mod 497 = 445 */
  check_modexp("02", "0a", "03e8", "0018");                 /* 2^10 mod 1000 = 24 (even) */
  check_modexp("03", "", "07", "01");                       /* x^0 = 1 */
  check_modexp("0100", "03", "07", "01");                   /* 256^3 mod 7 = 4^3 mod 7 = 1 */
  check_modexp("05", "03", "01", "00");                     /* mod 1 */
  check_modexp("07", "05", "0400", "01a7");                 /* 7^5 mod 1024 = 16807 mod 1024 = 423 */
  check_modexp("0b", "0101", "0c", "0b");                   /* 11^257 mod 12: 11^odd = 11 */
  /* Fermat: a^(p-1) = 1 mod p for the prime 2^127 - 1 */
  check_modexp("1234567890abcdef", "7ffffffffffffffffffffffffffffffe",
               "7fffffffffffffffffffffffffffffff", "00000000000000000000000000000001");
}

/* The reference: x mod m through the Horner import and back. */
static void ref_mod(const ts_mont *c, uint64_t *r, const uint64_t *x, size_t xn) {
  uint64_t t[TS_BN_MAX_LIMBS];
  ts_mont_import_limbs(c, t, x, xn);
  ts_mont_from(c, r, t);
}

TS_TEST(bn_montgomery_identities) {
  uint64_t seed = 7;
  size_t sizes[] = {1, 2, 3, 4, 5, 7, 8, 12, 16, 17, 24, 32, 33, 48, 64, 96, 128};
  for (size_t si = 0; si < sizeof sizes / sizeof sizes[0]; si++) {
    size_t n = sizes[si];
    uint64_t m[TS_BN_MAX_LIMBS], a[TS_BN_MAX_LIMBS], b[TS_BN_MAX_LIMBS], t[TS_BN_MAX_LIMBS];
    uint64_t u[TS_BN_MAX_LIMBS], v[TS_BN_MAX_LIMBS], w[TS_BN_MAX_LIMBS], prod[2 * TS_BN_MAX_LIMBS];
    ts_test_bytes(&seed, (uint8_t *)m, n * 8);
    m[0] |= 1;
    m[n - 1] |= (uint64_t)1 << 63;
    if (si % 3 == 1) m[n - 1] >>= 7; /* a top limb that is not full */
    CHECK(ts_mont_init_limbs(&mont, m, n));
    ts_test_bytes(&seed, (uint8_t *)a, n * 8);
    ts_test_bytes(&seed, (uint8_t *)b, n * 8);
    ref_mod(&mont, a, a, n);
    ref_mod(&mont, b, b, n);
    /* from(to(a)) = a */
    ts_mont_to(&mont, t, a);
    ts_mont_from(&mont, u, t);
    CHECK(ts_bn_eq(u, a, n));
    /* from(mul(to(a), to(b))) = a * b mod m, and the product of the plain integers agrees */
    ts_mont_to(&mont, u, b);
    ts_mont_mul(&mont, v, t, u);
    ts_mont_from(&mont, v, v);
    ts_bn_mul(prod, a, n, b, n);
    ref_mod(&mont, w, prod, 2 * n);
    CHECK(ts_bn_eq(v, w, n));
    /* squaring equals multiplying by itself; every implementation gives the same result */
    ts_bn_mont_sqr_impl(v, a, mont.m, mont.m0inv, n);
    ts_bn_mont_mul_generic(w, a, a, mont.m, mont.m0inv, n);
    CHECK(ts_bn_eq(v, w, n));
    ts_bn_mont_sqr_generic(v, a, mont.m, mont.m0inv, n);
    CHECK(ts_bn_eq(v, w, n));
    ts_bn_mont_mul_impl(v, a, b, mont.m, mont.m0inv, n);
    ts_bn_mont_mul_generic(w, a, b, mont.m, mont.m0inv, n);
    CHECK(ts_bn_eq(v, w, n));
    /* boundary operands: m - 1 times m - 1 */
    uint64_t one[TS_BN_MAX_LIMBS] = {1};
    ts_bn_sub(a, mont.m, one, n);
    ts_bn_mont_mul_impl(v, a, a, mont.m, mont.m0inv, n);
    ts_bn_mont_mul_generic(w, a, a, mont.m, mont.m0inv, n);
    CHECK(ts_bn_eq(v, w, n));
    ts_bn_mont_sqr_impl(v, a, mont.m, mont.m0inv, n);
    CHECK(ts_bn_eq(v, w, n));
    /* the ct exponentiation agrees with the public one: a^e with e of 1..3 limbs */
    uint8_t eb[24];
    uint64_t el[3];
    ts_test_bytes(&seed, eb, sizeof eb);
    ts_bn_from_bytes(el, 3, eb, sizeof eb);
    ts_mont_to(&mont, t, b);
    ts_mont_exp_ct(&mont, v, t, el, 192, &scratch);
    ts_mont_exp_vartime(&mont, w, t, eb, sizeof eb);
    CHECK(ts_bn_eq(v, w, n));
    /* inversion: b * b^-1 = 1 (m is odd but not prime, so b may have no inverse) */
    if (n > 1 || m[0] > 3) {
      if (ts_bn_mod_inv(&mont, u, b, &scratch)) {
        ts_mont_to(&mont, t, b);
        ts_mont_mul(&mont, v, t, u);
        CHECK(v[0] == 1 && ts_bn_is_zero(v + 1, n - 1));
      }
    }
  }
}

static ts_rsa_private_key key;
static ts_rsa_public_key pub;

static void load_key(void) {
  static uint8_t n[256], e[3] = {1, 0, 1}, p[128], q[128], dp[128], dq[128], qi[128];
  size_t nl = ts_unhex(KEY_N, n, sizeof n), pl = ts_unhex(KEY_P, p, sizeof p);
  size_t ql = ts_unhex(KEY_Q, q, sizeof q), dpl = ts_unhex(KEY_DP, dp, sizeof dp);
  size_t dql = ts_unhex(KEY_DQ, dq, sizeof dq), qil = ts_unhex(KEY_QI, qi, sizeof qi);
  CHECK(ts_rsa_private_init(&key, n, nl, e, 3, p, pl, q, ql, dp, dpl, dq, dql, qi, qil, &scratch) ==
        TS_RSA_OK);
  CHECK(ts_rsa_public_init(&pub, n, nl, e, 3) == TS_RSA_OK);
  /* a wrong CRT exponent is caught by the check of the test operation */
  static ts_rsa_private_key bad;
  dp[dpl - 1] ^= 2;
  CHECK(ts_rsa_private_init(&bad, n, nl, e, 3, p, pl, q, ql, dp, dpl, dq, dql, qi, qil, &scratch) ==
        TS_RSA_ERR_MISMATCH);
  dp[dpl - 1] ^= 2;
  /* p * q != n */
  p[pl - 1] ^= 2;
  CHECK(ts_rsa_private_init(&bad, n, nl, e, 3, p, pl, q, ql, dp, dpl, dq, dql, qi, qil, &scratch) ==
        TS_RSA_ERR_PRIMES);
  p[pl - 1] ^= 2;
}

TS_TEST(rsa2048_pkcs1_known_answers) {
  load_key();
  uint8_t digest[64], sig[256], want[256];
  ts_hash(TS_HASH_SHA256, "abc", 3, digest);
  CHECK(ts_rsa_sign_pkcs1(&key, TS_HASH_SHA256, digest, 32, sig, &scratch));
  ts_unhex(SIG_SHA256_ABC, want, sizeof want);
  CHECK_MEM(sig, want, 256, "sha256 signature");
  CHECK(ts_rsa_verify_pkcs1(&pub, TS_HASH_SHA256, digest, 32, sig, 256));
  /* many signatures in a row exercise the blinding refresh */
  for (int i = 0; i < 40; i++) {
    ts_hash(TS_HASH_SHA384, "abc", 3, digest);
    CHECK(ts_rsa_sign_pkcs1(&key, TS_HASH_SHA384, digest, 48, sig, &scratch));
  }
  ts_unhex(SIG_SHA384_ABC, want, sizeof want);
  CHECK_MEM(sig, want, 256, "sha384 signature");
  CHECK(ts_rsa_verify_pkcs1(&pub, TS_HASH_SHA384, digest, 48, sig, 256));
  sig[100] ^= 1;
  CHECK(!ts_rsa_verify_pkcs1(&pub, TS_HASH_SHA384, digest, 48, sig, 256));
  CHECK(!ts_rsa_verify_pkcs1(&pub, TS_HASH_SHA256, digest, 32, want, 256));
  CHECK(!ts_rsa_verify_pkcs1(&pub, TS_HASH_SHA384, digest, 48, want, 255));
  /* wrong digest length */
  CHECK(!ts_rsa_sign_pkcs1(&key, TS_HASH_SHA256, digest, 31, sig, &scratch));
}

TS_TEST(rsa2048_pss_round_trip) {
  load_key();
  uint8_t digest[64], sig[256];
  ts_hash(TS_HASH_SHA256, "hello", 5, digest);
  size_t salts[] = {0, 20, 32, 64, 190};
  for (size_t i = 0; i < sizeof salts / sizeof salts[0]; i++) {
    CHECK(ts_rsa_sign_pss(&key, TS_HASH_SHA256, TS_HASH_SHA256, digest, 32, salts[i], sig, &scratch));
    CHECK(ts_rsa_verify_pss(&pub, TS_HASH_SHA256, TS_HASH_SHA256, digest, 32, salts[i], sig, 256));
    CHECK(!ts_rsa_verify_pss(&pub, TS_HASH_SHA256, TS_HASH_SHA384, digest, 32, salts[i], sig, 256));
    if (salts[i]) CHECK(!ts_rsa_verify_pss(&pub, TS_HASH_SHA256, TS_HASH_SHA256, digest, 32, salts[i] - 1, sig, 256));
    digest[0] ^= 1;
    CHECK(!ts_rsa_verify_pss(&pub, TS_HASH_SHA256, TS_HASH_SHA256, digest, 32, salts[i], sig, 256));
    digest[0] ^= 1;
  }
  CHECK(ts_rsa_pss_max_salt(&pub, TS_HASH_SHA256) == 256 - 32 - 2);
  CHECK(!ts_rsa_sign_pss(&key, TS_HASH_SHA256, TS_HASH_SHA256, digest, 32, 223, sig, &scratch));
}

TS_TEST(rsa2048_pkcs1_decrypt) {
  load_key();
  uint8_t ct[256], pm[48], want[48], pm2[48], out[256];
  ts_unhex(CT_PREMASTER, ct, sizeof ct);
  want[0] = 3;
  want[1] = 3;
  for (int i = 0; i < 46; i++) want[2 + i] = (uint8_t)i;
  CHECK(ts_rsa_decrypt_pkcs1_tls(&key, ct, 256, 0x0303, pm, &scratch));
  CHECK_MEM(pm, want, 48, "premaster");
  CHECK(ts_rsa_decrypt_pkcs1_raw(&key, ct, 256, out, &scratch) == 48);
  CHECK_MEM(out, want, 48, "raw decrypt");
  /* wrong client version: random premaster, different each time */
  CHECK(ts_rsa_decrypt_pkcs1_tls(&key, ct, 256, 0x0302, pm, &scratch));
  CHECK(ts_rsa_decrypt_pkcs1_tls(&key, ct, 256, 0x0302, pm2, &scratch));
  CHECK(memcmp(pm, want, 48) != 0 && memcmp(pm, pm2, 48) != 0);
  /* bad paddings: a 47-byte message, a missing separator, a bad block type, a short ciphertext */
  uint8_t em[256];
  const int kinds = 4;
  for (int kind = 0; kind < kinds; kind++) {
    memset(em, 0x55, sizeof em);
    em[0] = 0;
    em[1] = 2;
    if (kind == 0) em[256 - 48] = 0; /* separator one byte late: 47-byte message */
    if (kind == 1) em[1] = 1;        /* block type 1 */
    if (kind == 2) em[0] = 1;        /* no leading zero */
    if (kind == 3) em[256 - 49] = 0; /* valid padding, right length, ... */
    if (kind == 3) em[256 - 48] = 3, em[256 - 47] = 1; /* ... but version 3.1 */
    CHECK(ts_rsa_public(&pub, ct, em, 256) || kind == 2);
    if (kind == 2) continue; /* 01... might exceed n */
    CHECK(ts_rsa_decrypt_pkcs1_tls(&key, ct, 256, 0x0303, pm, &scratch));
    CHECK(ts_rsa_decrypt_pkcs1_tls(&key, ct, 256, 0x0303, pm2, &scratch));
    CHECK(memcmp(pm, pm2, 48) != 0);
    CHECK(memcmp(pm, em + 256 - 48, 48) != 0);
  }
  CHECK(ts_rsa_decrypt_pkcs1_tls(&key, ct, 255, 0x0303, pm, &scratch));
  /* encryption round trip */
  CHECK(ts_rsa_encrypt_pkcs1(&pub, want, 48, ct));
  CHECK(ts_rsa_decrypt_pkcs1_tls(&key, ct, 256, 0x0303, pm, &scratch));
  CHECK_MEM(pm, want, 48, "round trip");
  CHECK(ts_rsa_encrypt_pkcs1(&pub, want, 5, ct));
  CHECK(ts_rsa_decrypt_pkcs1_raw(&key, ct, 256, out, &scratch) == 5);
  CHECK(!ts_rsa_encrypt_pkcs1(&pub, em, 246, ct));
}

static ts_dh_work dhw;

TS_TEST(dh_ffdhe_agreement) {
  unsigned groups[] = {2048, 3072};
  for (size_t gi = 0; gi < 2; gi++) {
    size_t plen;
    const uint8_t *p = ts_ffdhe_prime(groups[gi], &plen);
    CHECK(p != NULL && plen == groups[gi] / 8);
    uint8_t g = 2, xa[1024], xb[1024], ya[1024], yb[1024], za[1024], zb[1024];
    size_t xl = ts_dh_private_len(p, plen);
    CHECK(xl == (gi == 0 ? 29u : 35u));
    CHECK(ts_dh_generate(p, plen, &g, 1, xa, ya, &dhw) == TS_DH_OK);
    CHECK(ts_dh_generate(p, plen, &g, 1, xb, yb, &dhw) == TS_DH_OK);
    CHECK(ts_dh_compute(p, plen, xa, xl, yb, plen, za, &dhw) == TS_DH_OK);
    CHECK(ts_dh_compute(p, plen, xb, xl, ya, plen, zb, &dhw) == TS_DH_OK);
    CHECK_MEM(za, zb, plen, "shared secret");
    /* peer values 0, 1, p - 1, p and small-order results are refused */
    uint8_t bad[1024];
    memset(bad, 0, plen);
    CHECK(ts_dh_compute(p, plen, xa, xl, bad, plen, za, &dhw) == TS_DH_ERR_PEER);
    bad[plen - 1] = 1;
    CHECK(ts_dh_compute(p, plen, xa, xl, bad, plen, za, &dhw) == TS_DH_ERR_PEER);
    memcpy(bad, p, plen);
    CHECK(ts_dh_compute(p, plen, xa, xl, bad, plen, za, &dhw) == TS_DH_ERR_PEER);
    bad[plen - 1] ^= 1;
    CHECK(ts_dh_compute(p, plen, xa, xl, bad, plen, za, &dhw) == TS_DH_ERR_PEER);
    /* an even exponent of p - 1's square root... simpler: y = p - 1 is refused, and with
     * x even, y = 2 gives a valid secret */
    CHECK(ts_dh_generate(p, plen, bad, plen, xa, ya, &dhw) == TS_DH_ERR_GENERATOR);
  }
  /* A non-ffdhe prime gets a full-size exponent. 2^521 - 1 is prime. */
  uint8_t p521[66], xa[66], ya[66], g = 3;
  memset(p521, 0xff, sizeof p521);
  p521[0] = 0x01;
  CHECK(ts_dh_private_len(p521, 66) == 66);
  CHECK(ts_dh_generate(p521, 66, &g, 1, xa, ya, &dhw) == TS_DH_OK);
  CHECK(xa[0] == 0 && (xa[1] & 0x80)); /* exactly 520 bits */
}

/* Constant time: with the private key, the exponent and the plaintexts marked secret, valgrind
 * must see no branch or index depending on them (modexp, CRT private operation with its check,
 * PKCS#1 decryption of good and bad padding, DH). */
TS_TEST(ct_rsa) {
#if defined(__x86_64__)
  /* valgrind hides BMI2/ADX from CPUID, so dispatch picks the portable code under it; valgrind
   * does run mulx/adcx/adox, so TS_CT_FORCE_ADX=1 checks that implementation too. */
  ts_bn_mont_mul_fn *saved_mul = ts_bn_mont_mul_impl;
  ts_bn_mont_sqr_fn *saved_sqr = ts_bn_mont_sqr_impl;
  if (getenv("TS_CT_FORCE_ADX")) {
    ts_bn_mont_mul_impl = ts_bn_mont_mul_adx;
    ts_bn_mont_sqr_impl = ts_bn_mont_sqr_adx;
  }
#endif
  load_key();
  /* modexp with a secret base and exponent (odd and even modulus) */
  uint8_t base[256], ex[256], mod[256], out[256];
  uint64_t seed = 99;
  ts_test_bytes(&seed, base, sizeof base);
  ts_test_bytes(&seed, ex, sizeof ex);
  ts_test_bytes(&seed, mod, sizeof mod);
  for (int parity = 0; parity < 2; parity++) {
    mod[255] = (uint8_t)((mod[255] & 0xfe) | parity);
    ts_secret(base, sizeof base);
    ts_secret(ex, sizeof ex);
    CHECK(ts_bn_modexp(out, base, sizeof base, ex, sizeof ex, mod, sizeof mod, &mont, &scratch));
    ts_declassify(out, sizeof out);
  }
  /* the private key */
  ts_secret(&key.p, sizeof key.p);
  ts_secret(&key.q, sizeof key.q);
  ts_secret(key.dp, sizeof key.dp);
  ts_secret(key.dq, sizeof key.dq);
  ts_secret(key.qinv, sizeof key.qinv);
  /* restore the public sizes the code may branch on */
  ts_declassify(&key.p.n, sizeof key.p.n);
  ts_declassify(&key.q.n, sizeof key.q.n);
  ts_declassify(&key.p.bits, sizeof key.p.bits);
  ts_declassify(&key.q.bits, sizeof key.q.bits);
  ts_declassify(&key.p.bytes, sizeof key.p.bytes);
  ts_declassify(&key.q.bytes, sizeof key.q.bytes);
  uint8_t digest[32], sig[256];
  ts_hash(TS_HASH_SHA256, "abc", 3, digest);
  uint32_t ok = ts_rsa_sign_pkcs1(&key, TS_HASH_SHA256, digest, 32, sig, &scratch);
  ts_declassify(&ok, sizeof ok);
  ts_declassify(sig, sizeof sig);
  CHECK(ok);
  ok = ts_rsa_sign_pss(&key, TS_HASH_SHA256, TS_HASH_SHA256, digest, 32, 32, sig, &scratch);
  ts_declassify(&ok, sizeof ok);
  CHECK(ok);
  /* decryption: a valid premaster and an invalid padding take the same path */
  uint8_t ct[256], pm[48], em[256];
  ts_unhex(CT_PREMASTER, ct, sizeof ct);
  CHECK(ts_rsa_decrypt_pkcs1_tls(&key, ct, 256, 0x0303, pm, &scratch));
  ts_declassify(pm, sizeof pm);
  CHECK(pm[0] == 3 && pm[1] == 3 && pm[47] == 45);
  memset(em, 0x55, sizeof em);
  em[0] = 0;
  em[1] = 2;
  CHECK(ts_rsa_public(&pub, ct, em, 256));
  CHECK(ts_rsa_decrypt_pkcs1_tls(&key, ct, 256, 0x0303, pm, &scratch));
  ts_declassify(pm, sizeof pm);
  /* DH with a secret private key */
  size_t plen;
  const uint8_t *p = ts_ffdhe_prime(2048, &plen);
  uint8_t g = 2, x[29], y[256], z[256];
  CHECK(ts_dh_generate(p, plen, &g, 1, x, y, &dhw) == TS_DH_OK);
  ts_secret(x, sizeof x);
  int rc = ts_dh_compute(p, plen, x, sizeof x, y, plen, z, &dhw);
  ts_declassify(&rc, sizeof rc);
  ts_declassify(z, sizeof z);
  CHECK(rc == TS_DH_OK);
  ts_declassify(&key, sizeof key);
#if defined(__x86_64__)
  ts_bn_mont_mul_impl = saved_mul;
  ts_bn_mont_sqr_impl = saved_sqr;
#endif
}
