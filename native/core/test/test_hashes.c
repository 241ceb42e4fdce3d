/* MD5 (RFC 1321 §A.5 test suite), SHA-1 and SHA-512 (FIPS 180-4 examples), HMAC-MD5/SHA-1
 * (RFC 2202), every hash through ts_hash_* at every split point with copied contexts, and the
 * dispatched compression functions against the portable ones. */
#include "hash.h"
#include "test.h"

static void check_hash(ts_hash_alg alg, const char *msg, const char *want_hex) {
  uint8_t want[64], got[64];
  size_t n = ts_unhex(want_hex, want, sizeof want);
  CHECK(n == ts_hash_len(alg));
  CHECK(ts_hash(alg, msg, strlen(msg), got));
  CHECK_MEM(got, want, n, want_hex);
}

/* One million 'a' fed in uneven pieces. */
static void check_million_a(ts_hash_alg alg, const char *want_hex) {
  static uint8_t a[1000];
  memset(a, 'a', sizeof a);
  ts_hash_ctx c;
  CHECK(ts_hash_init(&c, alg));
  size_t left = 1000000, step = 1;
  while (left) {
    size_t n = step < left ? step : left;
    if (n > sizeof a) n = sizeof a;
    ts_hash_update(&c, a, n);
    left -= n;
    step = step * 7 % 997 + 1;
  }
  uint8_t got[64], want[64];
  size_t n = ts_unhex(want_hex, want, sizeof want);
  ts_hash_final(&c, got);
  CHECK_MEM(got, want, n, want_hex);
}

TS_TEST(md5_rfc1321) {
  check_hash(TS_HASH_MD5, "", "d41d8cd98f00b204e9800998ecf8427e");
  check_hash(TS_HASH_MD5, "a", "0cc175b9c0f1b6a831c399e269772661");
  check_hash(TS_HASH_MD5, "abc", "900150983cd24fb0d6963f7d28e17f72");
  check_hash(TS_HASH_MD5, "message digest", "f96b697d7cb7938d525a2f31aaf161d0");
  check_hash(TS_HASH_MD5, "abcdefghijklmnopqrstuvwxyz", "c3fcd3d76192e4007dfb496cca67e13b");
  check_hash(TS_HASH_MD5, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789",
             "d174ab98d277d9f5a5611c2c9f419d9f");
  check_hash(TS_HASH_MD5,
             "12345678901234567890123456789012345678901234567890123456789012345678901234567890",
             "57edf4a22be3c955ac49da2e2107b67a");
}

TS_TEST(sha1_fips180_4) {
  check_hash(TS_HASH_SHA1, "abc", "a9993e364706816aba3e25717850c26c9cd0d89d");
  check_hash(TS_HASH_SHA1, "", "da39a3ee5e6b4b0d3255bfef95601890afd80709");
  check_hash(TS_HASH_SHA1, "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
             "84983e441c3bd26ebaae4aa1f95129e5e54670f1");
  check_million_a(TS_HASH_SHA1, "34aa973cd4c4daa4f61eeb2bdbad27316534016f");
}

TS_TEST(sha512_million_a) {
  check_million_a(TS_HASH_SHA512,
                  "e718483d0ce769644e2e42c7bc15b4638e1f98b13b2044285632a803afa973ebde0ff244877ea60a4cb0432ce577c31beb009c5c2c49aa2e4eadb217ad8cc09b");
  check_hash(TS_HASH_SHA512, "",
             "cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce47d0d13c5d85f2b0ff8318d2877eec2f63b931bd47417a81a538327af927da3e");
  check_hash(TS_HASH_SHA384,
             "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
             "09330c33f71147e83d192fc782cd1b4753111b173b3b05d22fa08086e3b0f712fcc7c71a557e2db966c3e9fa91746039");
  check_hash(TS_HASH_SHA224, "", "d14a028c2a3a2bc9476102bb288234c415a2b01f828ea62ac5b3e42f");
}

static void check_hmac(ts_hash_alg alg, const char *keyhex, const char *msg, const char *want_hex) {
  uint8_t key[200], want[64], got[64];
  size_t klen = ts_unhex(keyhex, key, sizeof key);
  size_t n = ts_unhex(want_hex, want, sizeof want);
  CHECK(ts_hmac(alg, key, klen, msg, strlen(msg), got));
  CHECK_MEM(got, want, n, want_hex);
  CHECK(ts_hmac_verify(alg, key, klen, msg, strlen(msg), want, n));
  CHECK(ts_hmac_verify(alg, key, klen, msg, strlen(msg), want, n / 2));
  want[n - 1] ^= 1;
  CHECK(!ts_hmac_verify(alg, key, klen, msg, strlen(msg), want, n));
  CHECK(!ts_hmac_verify(alg, key, klen, msg, strlen(msg), want, 0));
  CHECK(!ts_hmac_verify(alg, key, klen, msg, strlen(msg), want, n + 1));
}

TS_TEST(hmac_rfc2202) {
  check_hmac(TS_HASH_MD5, "0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b", "Hi There",
             "9294727a3638bb1c13f48ef8158bfc9d");
  check_hmac(TS_HASH_MD5, "4a656665", "what do ya want for nothing?",
             "750c783e6ab0b503eaa86e310a5db738");
  check_hmac(TS_HASH_SHA1, "0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b", "Hi There",
             "b617318655057264e28bc0b6fb378c8ef146be00");
  check_hmac(TS_HASH_SHA1, "4a656665", "what do ya want for nothing?",
             "effcdf6ae5eb2fa2d27416d5f184df9c259a7c79");
  char key80[161];
  memset(key80, 'a', 160);
  key80[160] = 0;
  check_hmac(TS_HASH_SHA1, key80, "Test Using Larger Than Block-Size Key - Hash Key First",
             "aa4ae5e15272d00e95705637ce8a3b55ed402112");
  check_hmac(TS_HASH_MD5, key80, "Test Using Larger Than Block-Size Key - Hash Key First",
             "6b1ab7fe4bd7bf8f0b62e6ce61b9d0cd");
  check_hmac(TS_HASH_SHA384, "4a656665", "what do ya want for nothing?",
             "af45d2e376484031617f78d2b58a6b1b9c7ef464f5a01b47e42ec3736322445e8e2240ca5e69e2c78b3239ecfab21649");
  check_hmac(TS_HASH_SHA224, "4a656665", "what do ya want for nothing?",
             "a30e01098bc6dbbf45690f3a7e9e6d0f8bbea2a39e6148008fd05e44");
}

/* For every hash: streaming equals one-shot at every split point, a context copied mid-stream
 * continues independently, and the dispatched compression equals the portable one. */
TS_TEST(hashes_split_points) {
  static const ts_hash_alg algs[] = {TS_HASH_MD5, TS_HASH_SHA1, TS_HASH_SHA224,
                                     TS_HASH_SHA256, TS_HASH_SHA384, TS_HASH_SHA512};
  uint8_t msg[300];
  uint64_t seed = 7;
  ts_test_bytes(&seed, msg, sizeof msg);
  for (size_t a = 0; a < sizeof algs / sizeof algs[0]; a++) {
    ts_hash_alg alg = algs[a];
    size_t hlen = ts_hash_len(alg);
    for (size_t len = 0; len <= sizeof msg; len += (len < 260 ? 1 : 13)) {
      uint8_t one[64], portable[64];
      ts_sha1_blocks_fn *s1 = ts_sha1_blocks;
      ts_sha256_blocks_fn *s256 = ts_sha256_blocks;
      ts_sha512_blocks_fn *s512 = ts_sha512_blocks;
      ts_sha1_blocks = ts_sha1_blocks_generic;
      ts_sha256_blocks = ts_sha256_blocks_generic;
      ts_sha512_blocks = ts_sha512_blocks_generic;
      ts_hash(alg, msg, len, portable);
      ts_sha1_blocks = s1;
      ts_sha256_blocks = s256;
      ts_sha512_blocks = s512;
      ts_hash(alg, msg, len, one);
      CHECK_MEM(one, portable, hlen, "dispatched equals portable");
      size_t step = len < 140 ? 1 : 7;
      for (size_t split = 0; split <= len; split += step) {
        ts_hash_ctx c, copy;
        uint8_t got[64], head[64], want_head[64];
        ts_hash_init(&c, alg);
        ts_hash_update(&c, msg, split);
        copy = c;
        ts_hash_update(&copy, msg + split, len - split);
        ts_hash_final(&copy, got);
        CHECK_MEM(got, one, hlen, "split point");
        ts_hash_final(&c, head); /* the original still holds the prefix */
        ts_hash(alg, msg, split, want_head);
        CHECK_MEM(head, want_head, hlen, "copy left the original alone");
      }
    }
  }
}

TS_TEST(hash_unknown_alg) {
  ts_hash_ctx c;
  uint8_t out[64];
  CHECK(!ts_hash_init(&c, TS_HASH_NONE));
  CHECK(!ts_hash_init(&c, (ts_hash_alg)99));
  CHECK(!ts_hash((ts_hash_alg)99, "", 0, out));
  CHECK(!ts_hmac((ts_hash_alg)0, (const uint8_t *)"", 0, "", 0, out));
  CHECK(ts_hash_len(TS_HASH_MD5) == 16 && ts_hash_block(TS_HASH_MD5) == 64);
  CHECK(ts_hash_len(TS_HASH_SHA1) == 20 && ts_hash_block(TS_HASH_SHA1) == 64);
}
