/* HKDF (RFC 5869 appendix A), PBKDF2 (RFC 6070 for HMAC-SHA1, RFC 7914 §11 for HMAC-SHA256),
 * the TLS 1.2 PRF (the P_SHA256 vector posted to the IETF TLS list, which OpenSSL reproduces),
 * the TLS 1.0 PRF (a value computed with OpenSSL 3.0's TLS1-PRF over MD5-SHA1, odd-length secret)
 * and the TLS 1.3 key schedule of RFC 8448 §3 (Simple 1-RTT Handshake). */
#include "kdf.h"
#include "test.h"

#define HEX(name, cap, hex) \
  uint8_t name[cap];        \
  size_t name##_len = ts_unhex(hex, name, sizeof name)

TS_TEST(hkdf_rfc5869) {
  uint8_t prk[64], okm[100];
  {
    HEX(ikm, 22, "0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b");
    HEX(salt, 13, "000102030405060708090a0b0c");
    HEX(info, 10, "f0f1f2f3f4f5f6f7f8f9");
    HEX(want_prk, 32, "077709362c2e32df0ddc3f0dc47bba6390b6c73bb50f9c3122ec844ad7c2b3e5");
    HEX(want, 42, "3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865");
    CHECK(ts_hkdf_extract(TS_HASH_SHA256, salt, salt_len, ikm, ikm_len, prk));
    CHECK_MEM(prk, want_prk, want_prk_len, "A.1 PRK");
    CHECK(ts_hkdf_expand(TS_HASH_SHA256, prk, 32, info, info_len, okm, 42));
    CHECK_MEM(okm, want, want_len, "A.1 OKM");
  }
  {
    /* A.3: zero-length salt and info. */
    HEX(ikm, 22, "0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b");
    HEX(want_prk, 32, "19ef24a32c717b167f33a91d6f648bdf96596776afdb6377ac434c1c293ccb04");
    HEX(want, 42, "8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d9d201395faa4b61a96c8");
    CHECK(ts_hkdf_extract(TS_HASH_SHA256, NULL, 0, ikm, ikm_len, prk));
    CHECK_MEM(prk, want_prk, want_prk_len, "A.3 PRK");
    CHECK(ts_hkdf_expand(TS_HASH_SHA256, prk, 32, NULL, 0, okm, 42));
    CHECK_MEM(okm, want, want_len, "A.3 OKM");
  }
  {
    /* A.4: SHA-1. */
    HEX(ikm, 11, "0b0b0b0b0b0b0b0b0b0b0b");
    HEX(salt, 13, "000102030405060708090a0b0c");
    HEX(info, 10, "f0f1f2f3f4f5f6f7f8f9");
    HEX(want_prk, 20, "9b6c18c432a7bf8f0e71c8eb88f4b30baa2ba243");
    HEX(want, 42, "085a01ea1b10f36933068b56efa5ad81a4f14b822f5b091568a9cdd4f155fda2c22e422478d305f3f896");
    CHECK(ts_hkdf_extract(TS_HASH_SHA1, salt, salt_len, ikm, ikm_len, prk));
    CHECK_MEM(prk, want_prk, want_prk_len, "A.4 PRK");
    CHECK(ts_hkdf_expand(TS_HASH_SHA1, prk, 20, info, info_len, okm, 42));
    CHECK_MEM(okm, want, want_len, "A.4 OKM");
  }
  /* Length limits: 255 * HashLen is the most; a prefix of a longer output equals a shorter one. */
  static uint8_t big[255 * 64 + 1];
  CHECK(ts_hkdf_expand(TS_HASH_SHA256, prk, 32, NULL, 0, big, 255 * 32));
  CHECK(!ts_hkdf_expand(TS_HASH_SHA256, prk, 32, NULL, 0, big, 255 * 32 + 1));
  CHECK(ts_hkdf_expand(TS_HASH_SHA512, prk, 32, NULL, 0, big, 255 * 64));
  CHECK(!ts_hkdf_expand(TS_HASH_SHA512, prk, 32, NULL, 0, big, 255 * 64 + 1));
  CHECK(!ts_hkdf_expand(TS_HASH_NONE, prk, 32, NULL, 0, big, 1));
  CHECK(ts_hkdf_expand(TS_HASH_SHA384, prk, 32, NULL, 0, big, 0));
  uint8_t shorter[97];
  CHECK(ts_hkdf_expand(TS_HASH_SHA384, prk, 32, (const uint8_t *)"x", 1, big, 200));
  CHECK(ts_hkdf_expand(TS_HASH_SHA384, prk, 32, (const uint8_t *)"x", 1, shorter, 97));
  CHECK_MEM(big, shorter, 97, "prefix");
}

static void check_pbkdf2(ts_hash_alg alg, const char *pw, size_t pwlen, const char *salt,
                         size_t saltlen, uint32_t iter, const char *want_hex) {
  uint8_t want[64], got[64];
  size_t n = ts_unhex(want_hex, want, sizeof want);
  CHECK(ts_pbkdf2(alg, (const uint8_t *)pw, pwlen, (const uint8_t *)salt, saltlen, iter, got, n));
  CHECK_MEM(got, want, n, want_hex);
}

TS_TEST(pbkdf2_rfc6070_rfc7914) {
  check_pbkdf2(TS_HASH_SHA1, "password", 8, "salt", 4, 1, "0c60c80f961f0e71f3a9b524af6012062fe037a6");
  check_pbkdf2(TS_HASH_SHA1, "password", 8, "salt", 4, 2, "ea6c014dc72d6f8ccd1ed92ace1d41f0d8de8957");
  check_pbkdf2(TS_HASH_SHA1, "password", 8, "salt", 4, 4096, "4b007901b765489abead49d926f721d065a429c1");
  check_pbkdf2(TS_HASH_SHA1, "passwordPASSWORDpassword", 24, "saltSALTsaltSALTsaltSALTsaltSALTsalt", 36,
               4096, "3d2eec4fe41c849b80c8d83662c0e44a8b291a964cf2f07038");
  check_pbkdf2(TS_HASH_SHA1, "pass\0word", 9, "sa\0lt", 5, 4096, "56fa6aa75548099dcc37d7f03425e0c3");
  check_pbkdf2(TS_HASH_SHA256, "passwd", 6, "salt", 4, 1,
               "55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc49ca9cccf179b645991664b39d77ef317c71b845b1e30bd509112041d3a19783");
  check_pbkdf2(TS_HASH_SHA256, "Password", 8, "NaCl", 4, 80000,
               "4ddcd8f60b98be21830cee5ef22701f9641a4418d04c0414aeff08876b34ab56a1d425a1225833549adb841b51c9b3176a272bdebba1d078478f62b397f33c8d");
  uint8_t out[4];
  CHECK(!ts_pbkdf2(TS_HASH_SHA256, (const uint8_t *)"p", 1, (const uint8_t *)"s", 1, 0, out, 4));
  CHECK(!ts_pbkdf2(TS_HASH_NONE, (const uint8_t *)"p", 1, (const uint8_t *)"s", 1, 1, out, 4));
}

TS_TEST(tls_prf) {
  HEX(secret, 16, "9bbe436ba940f017b17652849a71db35");
  HEX(seed, 16, "a0ba9f936cda311827a6f796ffd5198c");
  HEX(want, 100,
      "e3f229ba727be17b8d122620557cd453c2aab21d07c3d495329b52d4e61edb5a6b301791e90d35c9c9a46b4e14baf9af"
      "0fa022f7077def17abfd3797c0564bab4fbc91666e9def9b97fce34f796789baa48082d122ee42c5a72e5a5110fff70187347b66");
  uint8_t got[100];
  CHECK(ts_tls12_prf(TS_HASH_SHA256, secret, secret_len, (const uint8_t *)"test label", 10, seed,
                     seed_len, got, 100));
  CHECK_MEM(got, want, want_len, "P_SHA256");
  /* Shorter outputs are prefixes. */
  uint8_t got33[33];
  CHECK(ts_tls12_prf(TS_HASH_SHA256, secret, secret_len, (const uint8_t *)"test label", 10, seed,
                     seed_len, got33, 33));
  CHECK_MEM(got33, want, 33, "P_SHA256 prefix");

  HEX(s10, 17, "0102030405060708090a0b0c0d0e0f1011");
  HEX(seed10, 4, "aabbccdd");
  HEX(want10, 48, "aaffa3fb173650fa2baff0e4e89d0dbcd9a9116cfd97e74bc7594c3500288691113180e45b24c3f21dff765c79bbaad1");
  uint8_t got10[48];
  CHECK(ts_tls10_prf(s10, s10_len, (const uint8_t *)"master secret", 13, seed10, seed10_len, got10, 48));
  CHECK_MEM(got10, want10, want10_len, "TLS 1.0 PRF");
}

TS_TEST(tls13_rfc8448) {
  uint8_t zeros[32] = {0}, early[32], empty_hash[32], derived[32], hs[32], chs[32], shs[32];
  uint8_t key[16], iv[12];
  HEX(want_early, 32, "33ad0a1c607ec03b09e6cd9893680ce210adf300aa1f2660e1b22e10f170f92a");
  HEX(want_derived, 32, "6f2615a108c702c5678f54fc9dbab69716c076189c48250cebeac3576c3611ba");
  HEX(ecdhe, 32, "8bd4054fb55b9d63fdfbacf9f04b9f0d35e6d63f537563efd46272900f89492d");
  HEX(want_hs, 32, "1dc826e93606aa6fdc0aadc12f741b01046aa6b99f691ed221a9f0ca043fbeac");
  HEX(thash, 32, "860c06edc07858ee8e78f0e7428c58edd6b43f2ca3e6e95f02ed063cf0e1cad8");
  HEX(want_chs, 32, "b3eddb126e067f35a780b3abf45e2d8f3b1a950738f52e9600746a0e27a55a21");
  HEX(want_shs, 32, "b67b7d690cc16c4e75e54213cb2d37b4e9c912bcded9105d42befd59d391ad38");
  HEX(want_key, 16, "3fce516009c21727d0f2e4e86ee403bc");
  HEX(want_iv, 12, "5d313eb2671276ee13000b30");
  CHECK(ts_hkdf_extract(TS_HASH_SHA256, zeros, 1, zeros, 32, early)); /* salt 0 == no salt */
  CHECK_MEM(early, want_early, want_early_len, "early secret");
  ts_hash(TS_HASH_SHA256, "", 0, empty_hash);
  CHECK(ts_tls13_derive_secret(TS_HASH_SHA256, early, 32, (const uint8_t *)"derived", 7, empty_hash,
                               32, derived));
  CHECK_MEM(derived, want_derived, want_derived_len, "derived");
  CHECK(ts_hkdf_extract(TS_HASH_SHA256, derived, 32, ecdhe, ecdhe_len, hs));
  CHECK_MEM(hs, want_hs, want_hs_len, "handshake secret");
  CHECK(ts_tls13_derive_secret(TS_HASH_SHA256, hs, 32, (const uint8_t *)"c hs traffic", 12, thash,
                               thash_len, chs));
  CHECK_MEM(chs, want_chs, want_chs_len, "c hs traffic");
  CHECK(ts_tls13_derive_secret(TS_HASH_SHA256, hs, 32, (const uint8_t *)"s hs traffic", 12, thash,
                               thash_len, shs));
  CHECK_MEM(shs, want_shs, want_shs_len, "s hs traffic");
  CHECK(ts_tls13_expand_label(TS_HASH_SHA256, shs, 32, (const uint8_t *)"key", 3, NULL, 0, key, 16));
  CHECK_MEM(key, want_key, want_key_len, "server handshake key");
  CHECK(ts_tls13_expand_label(TS_HASH_SHA256, shs, 32, (const uint8_t *)"iv", 2, NULL, 0, iv, 12));
  CHECK_MEM(iv, want_iv, want_iv_len, "server handshake iv");
  /* Limits. */
  static uint8_t label[256], out[32];
  CHECK(ts_tls13_expand_label(TS_HASH_SHA256, shs, 32, label, 249, label, 255, out, 32));
  CHECK(!ts_tls13_expand_label(TS_HASH_SHA256, shs, 32, label, 250, NULL, 0, out, 32));
  CHECK(!ts_tls13_expand_label(TS_HASH_SHA256, shs, 32, label, 1, label, 256, out, 32));
  CHECK(!ts_tls13_derive_secret(TS_HASH_SHA256, hs, 32, label, 1, thash, 31, out));
}

/* Constant time: with keys, messages, passwords and secrets marked secret, HMAC, HMAC verify,
 * every hash's compression, HKDF, the TLS PRFs and PBKDF2 must not branch or index on them.
 * Run under valgrind with a -DTS_VALGRIND_CT=ON build. */
TS_TEST(ct_hashes) {
  static const ts_hash_alg algs[] = {TS_HASH_MD5, TS_HASH_SHA1, TS_HASH_SHA224,
                                     TS_HASH_SHA256, TS_HASH_SHA384, TS_HASH_SHA512};
  uint8_t key[200], msg[300], out[160], tag[64];
  uint64_t seed = 99;
  for (size_t a = 0; a < sizeof algs / sizeof algs[0]; a++) {
    ts_hash_alg alg = algs[a];
    size_t hlen = ts_hash_len(alg);
    for (size_t klen = 0; klen <= 200; klen += 50) {
      ts_test_bytes(&seed, key, sizeof key);
      ts_test_bytes(&seed, msg, sizeof msg);
      ts_secret(key, sizeof key);
      ts_secret(msg, sizeof msg);
      CHECK(ts_hash(alg, msg, 300, out));
      ts_declassify(out, hlen);
      CHECK(ts_hmac(alg, key, klen, msg, 300, tag));
      ts_secret(tag, sizeof tag);
      int ok = ts_hmac_verify(alg, key, klen, msg, 300, tag, hlen);
      ts_declassify(&ok, sizeof ok);
      CHECK(ok == 1);
      CHECK(ts_hkdf_extract(alg, key, klen, msg, 100, out));
      CHECK(ts_hkdf_expand(alg, key, klen, msg, 10, out, 100));
      CHECK(ts_tls12_prf(alg, key, klen, (const uint8_t *)"label", 5, msg, 64, out, 100));
      CHECK(ts_tls13_expand_label(alg, key, klen, (const uint8_t *)"key", 3, msg, 32, out, 40));
      CHECK(ts_pbkdf2(alg, key, klen, msg, 16, 3, out, 2 * hlen + 1));
      ts_declassify(out, sizeof out);
      ts_declassify(key, sizeof key);
      ts_declassify(msg, sizeof msg);
    }
  }
  ts_secret(key, 48);
  CHECK(ts_tls10_prf(key, 47, (const uint8_t *)"master secret", 13, msg, 64, out, 48));
  ts_declassify(out, sizeof out);
  ts_declassify(key, sizeof key);
}
