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

/* ---- Ed448 ------------------------------------------------------------------------------ */
#include "ed448.h"

static void check_ed448(const char *seed_hex, const char *pub_hex, const char *ctx_hex,
                        const char *msg_hex, const char *sig_hex) {
  uint8_t seed[57], pub[57], want_pub[57], sig[114], want_sig[114], msg[64], ctx[64];
  size_t len = ts_unhex(msg_hex, msg, sizeof msg);
  size_t ctxlen = ts_unhex(ctx_hex, ctx, sizeof ctx);
  ts_unhex(seed_hex, seed, 57);
  ts_unhex(pub_hex, want_pub, 57);
  ts_unhex(sig_hex, want_sig, 114);
  ts_ed448_public_key(pub, seed);
  CHECK_MEM(pub, want_pub, 57, pub_hex);
  ts_ed448_sign(sig, seed, pub, ctx, ctxlen, msg, len);
  CHECK_MEM(sig, want_sig, 114, sig_hex);
  memset(sig, 0, 114);
  ts_ed448_sign(sig, seed, NULL, ctx, ctxlen, msg, len); /* public key derived inside */
  CHECK_MEM(sig, want_sig, 114, sig_hex);
  CHECK(ts_ed448_verify(pub, ctx, ctxlen, msg, len, sig) == 1);
  for (size_t bit = 0; bit < 8 * 114; bit += 41) {
    sig[bit / 8] ^= (uint8_t)(1u << (bit % 8));
    CHECK(ts_ed448_verify(pub, ctx, ctxlen, msg, len, sig) == 0);
    sig[bit / 8] ^= (uint8_t)(1u << (bit % 8));
  }
  /* The context is bound into the signature. */
  uint8_t other[1] = {0x42};
  CHECK(ts_ed448_verify(pub, other, 1, msg, len, sig) == 0);
  pub[3] ^= 1;
  CHECK(ts_ed448_verify(pub, ctx, ctxlen, msg, len, sig) == 0);
}

TS_TEST(ed448_rfc8032) {
  check_ed448("6c82a562cb808d10d632be89c8513ebf6c929f34ddfa8c9f63c9960ef6e348a3528c8a3fcc2f044e39a3fc5b94492f8f032e7549a20098f95b",
              "5fd7449b59b461fd2ce787ec616ad46a1da1342485a70e1f8a0ea75d80e96778edf124769b46c7061bd6783df1e50f6cd1fa1abeafe8256180",
              "", "",
              "533a37f6bbe457251f023c0d88f976ae2dfb504a843e34d2074fd823d41a591f2b233f034f628281f2fd7a22ddd47d7828c59bd0a21bfd3980ff0d2028d4b18a9df63e006c5d1c2d345b925d8dc00b4104852db99ac5c7cdda8530a113a0f4dbb61149f05a7363268c71d95808ff2e652600");
  check_ed448("c4eab05d357007c632f3dbb48489924d552b08fe0c353a0d4a1f00acda2c463afbea67c5e8d2877c5e3bc397a659949ef8021e954e0a12274e",
              "43ba28f430cdff456ae531545f7ecd0ac834a55d9358c0372bfa0c6c6798c0866aea01eb00742802b8438ea4cb82169c235160627b4c3a9480",
              "", "03",
              "26b8f91727bd62897af15e41eb43c377efb9c610d48f2335cb0bd0087810f4352541b143c4b981b7e18f62de8ccdf633fc1bf037ab7cd779805e0dbcc0aae1cbcee1afb2e027df36bc04dcecbf154336c19f0af7e0a6472905e799f1953d2a0ff3348ab21aa4adafd1d234441cf807c03a00");
  check_ed448("c4eab05d357007c632f3dbb48489924d552b08fe0c353a0d4a1f00acda2c463afbea67c5e8d2877c5e3bc397a659949ef8021e954e0a12274e",
              "43ba28f430cdff456ae531545f7ecd0ac834a55d9358c0372bfa0c6c6798c0866aea01eb00742802b8438ea4cb82169c235160627b4c3a9480",
              "666f6f", "03",
              "d4f8f6131770dd46f40867d6fd5d5055de43541f8c5e35abbcd001b32a89f7d2151f7647f11d8ca2ae279fb842d607217fce6e042f6815ea000c85741de5c8da1144a6a1aba7f96de42505d7a7298524fda538fccbbb754f578c1cad10d54d0d5428407e85dcbc98a49155c13764e66c3c00");
  check_ed448("cd23d24f714274e744343237b93290f511f6425f98e64459ff203e8985083ffdf60500553abc0e05cd02184bdb89c4ccd67e187951267eb328",
              "dcea9e78f35a1bf3499a831b10b86c90aac01cd84b67a0109b55a36e9328b1e365fce161d71ce7131a543ea4cb5f7e9f1d8b00696447001400",
              "", "0c3e544074ec63b0265e0c",
              "1f0a8888ce25e8d458a21130879b840a9089d999aaba039eaf3e3afa090a09d389dba82c4ff2ae8ac5cdfb7c55e94d5d961a29fe0109941e00b8dbdeea6d3b051068df7254c0cdc129cbe62db2dc957dbb47b51fd3f213fb8698f064774250a5028961c9bf8ffd973fe5d5c206492b140e00");
}

TS_TEST(ed448_strict_verify) {
  uint8_t seed[57], pub[57], sig[114], msg[40];
  uint64_t rng = 5;
  ts_test_bytes(&rng, seed, 57);
  ts_test_bytes(&rng, msg, sizeof msg);
  ts_ed448_public_key(pub, seed);
  ts_ed448_sign(sig, seed, pub, NULL, 0, msg, sizeof msg);
  CHECK(ts_ed448_verify(pub, NULL, 0, msg, sizeof msg, sig) == 1);
  /* S + L must be rejected. L = 2^446 - 0x8335dc163bb124b65129c96fde933d8d723a70aadc873d6d54a7bb0d */
  uint8_t L[57];
  CHECK(ts_unhex("f34458ab92c27823558fc58d72c26c219036d6ae49db4ec4e923ca7cffffffffffffffffffffffffffffffffffffffffffffffffffffff3f00", L, 57) == 57);
  uint8_t bad[114];
  memcpy(bad, sig, 114);
  unsigned c = 0;
  for (int i = 0; i < 57; i++) {
    c += bad[57 + i] + L[i];
    bad[57 + i] = (uint8_t)c;
    c >>= 8;
  }
  CHECK(ts_ed448_verify(pub, NULL, 0, msg, sizeof msg, bad) == 0);
  /* A non-zero last byte of S. */
  memcpy(bad, sig, 114);
  bad[113] = 1;
  CHECK(ts_ed448_verify(pub, NULL, 0, msg, sizeof msg, bad) == 0);
  /* Small-order keys: the identity (y = 1) and (0, -1); bits 0-6 of the last byte set. */
  uint8_t small[57] = {1};
  CHECK(ts_ed448_verify(small, NULL, 0, msg, sizeof msg, sig) == 0);
  ts_unhex("fefffffffffffffffffffffffffffffffffffffffffffffffffffffffeffffffffffffffffffffffffffffffffffffffffffffffffffffff00", small, 57);
  CHECK(ts_ed448_verify(small, NULL, 0, msg, sizeof msg, sig) == 0);
  memcpy(small, pub, 57);
  small[56] |= 1;
  CHECK(ts_ed448_verify(small, NULL, 0, msg, sizeof msg, sig) == 0);
  /* Non-canonical y: p + 1 = 2^448 - 2^224 (encodes y = 1). */
  ts_unhex("00000000000000000000000000000000000000000000000000000000ffffffffffffffffffffffffffffffffffffffffffffffffffffff00", small, 57);
  CHECK(ts_ed448_verify(small, NULL, 0, msg, sizeof msg, sig) == 0);
  /* A context longer than 255 bytes never verifies. */
  static uint8_t longctx[256];
  CHECK(ts_ed448_verify(pub, longctx, 256, msg, sizeof msg, sig) == 0);
  for (int i = 0; i < 30; i++) {
    ts_test_bytes(&rng, seed, 57);
    size_t len = (size_t)i % sizeof msg;
    ts_test_bytes(&rng, msg, len);
    uint8_t ctx[3] = {(uint8_t)i, 1, 2};
    ts_ed448_public_key(pub, seed);
    ts_ed448_sign(sig, seed, pub, ctx, (size_t)i % 4, msg, len);
    CHECK(ts_ed448_verify(pub, ctx, (size_t)i % 4, msg, len, sig) == 1);
  }
}

/* Canonical encodings at the edges of the field. */
#include "fe448.h"

TS_TEST(fe448_edges) {
  uint8_t in[56], out[56], want[56];
  ts_fe448 f, g, h;
  memset(in, 0xff, 56);
  in[28] = 0xfe; /* p = 2^448 - 2^224 - 1 */
  ts_fe448_frombytes(&f, in);
  ts_fe448_tobytes(out, &f);
  memset(want, 0, 56);
  CHECK_MEM(out, want, 56, "p -> 0");
  CHECK(ts_fe448_iszero(&f) == 1);
  in[0] = 0xfe; /* p - 1 */
  ts_fe448_frombytes(&f, in);
  ts_fe448_tobytes(out, &f);
  CHECK_MEM(out, in, 56, "p - 1 stays");
  memset(in, 0xff, 56); /* 2^448 - 1 = p + 2^224 */
  ts_fe448_frombytes(&f, in);
  ts_fe448_tobytes(out, &f);
  want[28] = 1;
  CHECK_MEM(out, want, 56, "2^448 - 1 -> 2^224");
  memset(in, 0xff, 56);
  in[28] = 0xfe;
  in[0] = 0xfe; /* p - 1 */
  ts_fe448_frombytes(&f, in);
  ts_fe448_sq(&g, &f);
  ts_fe448_tobytes(out, &g);
  memset(want, 0, 56);
  want[0] = 1;
  CHECK_MEM(out, want, 56, "(p-1)^2 = 1");
  ts_fe448_1(&h);
  ts_fe448_add(&g, &f, &h);
  CHECK(ts_fe448_iszero(&g) == 1);
  ts_fe448_add(&g, &h, &h);
  ts_fe448_invert(&g, &g);
  ts_fe448_add(&g, &g, &g);
  ts_fe448_carry(&g, &g);
  ts_fe448_tobytes(out, &g);
  CHECK_MEM(out, want, 56, "2 * (1/2) = 1");
}
