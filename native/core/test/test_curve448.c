/* X448 (RFC 7748 §5.2 and §6.2 vectors, the iterated ladder) and Ed448 (RFC 8032 §7.4). */
#include <stdlib.h>

#include "test.h"
#include "x448.h"

static void check_x448(const char *k_hex, const char *u_hex, const char *want_hex) {
  uint8_t k[56], u[56], want[56], got[56];
  ts_unhex(k_hex, k, 56);
  ts_unhex(u_hex, u, 56);
  ts_unhex(want_hex, want, 56);
  CHECK(ts_x448(got, k, u) == 1);
  CHECK_MEM(got, want, 56, want_hex);
}

TS_TEST(x448_rfc7748) {
  check_x448("3d262fddf9ec8e88495266fea19a34d28882acef045104d0d1aae121700a779c984c24f8cdd78fbff44943eba368f54b29259a4f1c600ad3",
             "06fce640fa3487bfda5f6cf2d5263f8aad88334cbd07437f020f08f9814dc031ddbdc38c19c6da2583fa5429db94ada18aa7a7fb4ef8a086",
             "ce3e4ff95a60dc6697da1db1d85e6afbdf79b50a2412d7546d5f239fe14fbaadeb445fc66a01b0779d98223961111e21766282f73dd96b6f");
  check_x448("203d494428b8399352665ddca42f9de8fef600908e0d461cb021f8c538345dd77c3e4806e25f46d3315c44e0a5b4371282dd2c8d5be3095f",
             "0fbcc2f993cd56d3305b0b7d9e55d4c1a8fb5dbb52f8e9a1e9b6201b165d015894e56c4d3570bee52fe205e28a78b91cdfbde71ce8d157db",
             "884a02576239ff7a2f2f63b2db6a9ff37047ac13568e1e30fe63c4a7ad1b3ee3a5700df34321d62077e63633c575c1c954514e99da7c179d");
  /* §6.2 */
  const char *a_priv = "9a8f4925d1519f5775cf46b04b5800d4ee9ee8bae8bc5565d498c28dd9c9baf574a9419744897391006382a6f127ab1d9ac2d8c0a598726b";
  const char *a_pub = "9b08f7cc31b7e3e67d22d5aea121074a273bd2b83de09c63faa73d2c22c5d9bbc836647241d953d40c5b12da88120d53177f80e532c41fa0";
  const char *b_priv = "1c306a7ac2a0e2e0990b294470cba339e6453772b075811d8fad0d1d6927c120bb5ee8972b0d3e21374c9c921b09d1b0366f10b65173992d";
  const char *b_pub = "3eb7a829b0cd20f5bcfc0b599b6feccf6da4627107bdb0d4f345b43027d8b972fc3e34fb4232a13ca706dcb57aec3dae07bdc1c67bf33609";
  const char *shared = "07fff4181ac6cc95ec1c16a94a0f74d12da232ce40a77552281d282bb60c0b56fd2464c335543936521c24403085d59a449a5037514a879d";
  uint8_t k[56], got[56], want[56];
  ts_unhex(a_priv, k, 56);
  ts_x448_base(got, k);
  ts_unhex(a_pub, want, 56);
  CHECK_MEM(got, want, 56, "alice public");
  ts_unhex(b_priv, k, 56);
  ts_x448_base(got, k);
  ts_unhex(b_pub, want, 56);
  CHECK_MEM(got, want, 56, "bob public");
  check_x448(a_priv, b_pub, shared);
  check_x448(b_priv, a_pub, shared);
}

/* RFC 7748 §5.2 iterated: after 1 and 1,000 iterations (1,000,000 with TS_TEST_SLOW set). */
TS_TEST(x448_rfc7748_iterated) {
  uint8_t k[56] = {5}, u[56] = {5}, r[56], want[56];
  long n = getenv("TS_TEST_SLOW") ? 1000000 : 1000;
  for (long i = 1; i <= n; i++) {
    ts_x448_ladder(r, k, u);
    memcpy(u, k, 56);
    memcpy(k, r, 56);
    if (i == 1) {
      ts_unhex("3f482c8a9f19b01e6c46ee9711d9dc14fd4bf67af30765c2ae2b846a4d23a8cd0db897086239492caf350b51f833868b9bc2b3bca9cf4113", want, 56);
      CHECK_MEM(k, want, 56, "1 iteration");
    } else if (i == 1000) {
      ts_unhex("aa3b4749d55b9daf1e5b00288826c467274ce3ebbdd5c17b975e09d4af6c67cf10d087202db88286e2b79fceea3ec353ef54faa26e219f38", want, 56);
      CHECK_MEM(k, want, 56, "1000 iterations");
    } else if (i == 1000000) {
      ts_unhex("077f453681caca3693198420bbe515cae0002472519b3e67661a7e89cab94695c8f4bcd66e61b9b9c946da8d524de3d69bd9d9d66b997e37", want, 56);
      CHECK_MEM(k, want, 56, "1000000 iterations");
    }
  }
}

TS_TEST(x448_edge_cases) {
  uint8_t k[56], u[56], out[56], out2[56];
  uint64_t seed = 11;
  ts_test_bytes(&seed, k, 56);
  memset(u, 0, 56);
  CHECK(ts_x448(out, k, u) == 0); /* u = 0 */
  u[0] = 1;
  CHECK(ts_x448(out, k, u) == 0); /* u = 1 */
  /* u = p - 1 has order 2 */
  ts_unhex("fefffffffffffffffffffffffffffffffffffffffffffffffffffffffeffffffffffffffffffffffffffffffffffffffffffffffffffffff", u, 56);
  CHECK(ts_x448(out, k, u) == 0);
  /* p + 5 encodes 5 */
  ts_unhex("04000000000000000000000000000000000000000000000000000000ffffffffffffffffffffffffffffffffffffffffffffffffffffff", u, 56);
  uint8_t five[56] = {5};
  CHECK(ts_x448(out, k, five) == 1);
  CHECK(ts_x448(out2, k, u) == 1);
  CHECK_MEM(out, out2, 56, "p + 5 equals 5");
  for (int i = 0; i < 10; i++) {
    uint8_t a[56], b[56], pa[56], pb[56], s1[56], s2[56];
    ts_test_bytes(&seed, a, 56);
    ts_test_bytes(&seed, b, 56);
    ts_x448_base(pa, a);
    ts_x448_base(pb, b);
    CHECK(ts_x448(s1, a, pb) == 1);
    CHECK(ts_x448(s2, b, pa) == 1);
    CHECK_MEM(s1, s2, 56, "shared secrets agree");
  }
}
