/* HMAC-SHA-2: RFC 4231 test cases 1, 2 and 6 (key longer than a block). SHA-512: FIPS 180-4. */
#include "hash.h"
#include "random.h"
#include "test.h"

static void check_hmac(ts_hash_alg alg, const char *keyhex, const char *msg, size_t msglen,
                       const char *want_hex) {
  uint8_t key[200], want[64], got[64];
  size_t klen = ts_unhex(keyhex, key, sizeof key);
  size_t n = ts_unhex(want_hex, want, sizeof want);
  CHECK(ts_hmac(alg, key, klen, msg, msglen, got));
  CHECK_MEM(got, want, n, want_hex);
}

TS_TEST(hmac_rfc4231) {
  const char *k1 = "0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b";
  check_hmac(TS_HASH_SHA256, k1, "Hi There", 8,
             "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7");
  check_hmac(TS_HASH_SHA384, k1, "Hi There", 8,
             "afd03944d84895626b0825f4ab46907f15f9dadbe4101ec682aa034c7cebc59cfaea9ea9076ede7f4af152e8b2fa9cb6");
  check_hmac(TS_HASH_SHA512, k1, "Hi There", 8,
             "87aa7cdea5ef619d4ff0b4241a1d6cb02379f4e2ce4ec2787ad0b30545e17cdedaa833b7d6b8a702038b274eaea3f4e4be9d914eeb61f1702e696c203a126854");
  check_hmac(TS_HASH_SHA256, "4a656665", "what do ya want for nothing?", 28,
             "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
  char key131[263];
  memset(key131, 'a', 262);
  key131[262] = 0;
  check_hmac(TS_HASH_SHA256, key131, "Test Using Larger Than Block-Size Key - Hash Key First", 54,
             "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54");
  check_hmac(TS_HASH_SHA512, key131, "Test Using Larger Than Block-Size Key - Hash Key First", 54,
             "80b24263c7c1a3ebb71493c1dd7be8b49b46d1f41b4aeec1121b013783f8f3526b56d037e05f2598bd0fd2215d6a1e5295e64f73f63f0aec8b915a985d786598");
}

TS_TEST(sha512_fips180_4) {
  uint8_t got[64], want[64];
  ts_sha512("abc", 3, got);
  ts_unhex("ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f", want, 64);
  CHECK_MEM(got, want, 64, "sha512 abc");
  CHECK(ts_hash(TS_HASH_SHA384, "abc", 3, got));
  ts_unhex("cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed8086072ba1e7cc2358baeca134c825a7", want, 48);
  CHECK_MEM(got, want, 48, "sha384 abc");
  ts_sha512("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu", 112, got);
  ts_unhex("8e959b75dae313da8cf4f72814fc143f8f7779c6eb9f7fa17299aeadb6889018501d289e4900f7e4331b99dec4b5433ac7d329eeb6dd26545e96e55b874be909", want, 64);
  CHECK_MEM(got, want, 64, "sha512 896-bit");
}

TS_TEST(random_bytes) {
  uint8_t a[64], b[64];
  CHECK(ts_random_bytes(a, sizeof a));
  CHECK(ts_random_bytes(b, sizeof b));
  CHECK(memcmp(a, b, sizeof a) != 0);
}
