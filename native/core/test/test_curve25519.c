/* X25519 (RFC 7748 §5.2 and §6.1 vectors, the iterated ladder) and Ed25519 (RFC 8032 §7.1),
 * plus self-consistency checks; run on the dispatched and the portable implementation. */
#include <stdlib.h>

#include "test.h"
#include "x25519.h"

static void check_x25519(const char *k_hex, const char *u_hex, const char *want_hex) {
  uint8_t k[32], u[32], want[32], got[32];
  ts_unhex(k_hex, k, 32);
  ts_unhex(u_hex, u, 32);
  ts_unhex(want_hex, want, 32);
  CHECK(ts_x25519(got, k, u) == 1);
  CHECK_MEM(got, want, 32, want_hex);
}

TS_TEST(x25519_rfc7748) {
  check_x25519("a546e36bf0527c9d3b16154b82465edd62144c0ac1fc5a18506a2244ba449ac4",
               "e6db6867583030db3594c1a424b15f7c726624ec26b3353b10a903a6d0ab1c4c",
               "c3da55379de9c6908e94ea4df28d084f32eccf03491c71f754b4075577a28552");
  check_x25519("4b66e9d4d1b4673c5ad22691957d6af5c11b6421e0ea01d42ca4169e7918ba0d",
               "e5210f12786811d3f4b7959d0538ae2c31dbe7106fc03c3efc4cd549c715a493",
               "95cbde9476e8907d7aade45cb4b873f88b595a68799fa152e6f8f7647aac7957");
  /* §6.1 Diffie-Hellman */
  const char *a_priv = "77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a";
  const char *a_pub = "8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a";
  const char *b_priv = "5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb";
  const char *b_pub = "de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f";
  const char *shared = "4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742";
  uint8_t k[32], got[32], want[32];
  ts_unhex(a_priv, k, 32);
  ts_x25519_base(got, k);
  ts_unhex(a_pub, want, 32);
  CHECK_MEM(got, want, 32, "alice public");
  ts_unhex(b_priv, k, 32);
  ts_x25519_base(got, k);
  ts_unhex(b_pub, want, 32);
  CHECK_MEM(got, want, 32, "bob public");
  check_x25519(a_priv, b_pub, shared);
  check_x25519(b_priv, a_pub, shared);
}

/* RFC 7748 §5.2: k = u = 9, then k, u = X25519(k, u), k; after 1 and 1,000 iterations (and after
 * 1,000,000 when TS_TEST_SLOW is set in the environment). */
TS_TEST(x25519_rfc7748_iterated) {
  uint8_t k[32] = {9}, u[32] = {9}, r[32], want[32];
  long n = getenv("TS_TEST_SLOW") ? 1000000 : 1000;
  for (long i = 1; i <= n; i++) {
    ts_x25519_impl(r, k, u);
    memcpy(u, k, 32);
    memcpy(k, r, 32);
    if (i == 1) {
      ts_unhex("422c8e7a6227d7bca1350b3e2bb7279f7897b87bb6854b783c60e80311ae3079", want, 32);
      CHECK_MEM(k, want, 32, "1 iteration");
    } else if (i == 1000) {
      ts_unhex("684cf59ba83309552800ef566f2f4d3c1c3887c49360e3875f2eb94d99532c51", want, 32);
      CHECK_MEM(k, want, 32, "1000 iterations");
    } else if (i == 1000000) {
      ts_unhex("7c3911e0ab2586fd864497297e575e6f3bc601c0883c30df5f4dd2d24f665424", want, 32);
      CHECK_MEM(k, want, 32, "1000000 iterations");
    }
  }
}

/* Small-order points give the all-zero secret, which ts_x25519 reports; non-canonical u
 * (>= p) and the top bit are reduced/ignored as RFC 7748 §5 says. */
TS_TEST(x25519_edge_cases) {
  uint8_t k[32], u[32], out[32], out2[32];
  uint64_t seed = 7;
  ts_test_bytes(&seed, k, 32);
  memset(u, 0, 32);
  CHECK(ts_x25519(out, k, u) == 0); /* u = 0 */
  u[0] = 1;
  CHECK(ts_x25519(out, k, u) == 0); /* u = 1, order 4 */
  /* p + 9 encodes the same u as 9 (non-canonical), and the top bit is masked. */
  ts_unhex("f6ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f", u, 32);
  uint8_t nine[32] = {9};
  CHECK(ts_x25519(out, k, nine) == 1);
  CHECK(ts_x25519(out2, k, u) == 1);
  CHECK_MEM(out, out2, 32, "p + 9 equals 9");
  nine[31] |= 0x80;
  CHECK(ts_x25519(out2, k, nine) == 1);
  CHECK_MEM(out, out2, 32, "top bit ignored");
  /* Diffie-Hellman agrees on random keys. */
  for (int i = 0; i < 20; i++) {
    uint8_t a[32], b[32], pa[32], pb[32], s1[32], s2[32];
    ts_test_bytes(&seed, a, 32);
    ts_test_bytes(&seed, b, 32);
    ts_x25519_base(pa, a);
    ts_x25519_base(pb, b);
    CHECK(ts_x25519(s1, a, pb) == 1);
    CHECK(ts_x25519(s2, b, pa) == 1);
    CHECK_MEM(s1, s2, 32, "shared secrets agree");
  }
}

/* ---- Ed25519 ---------------------------------------------------------------------------- */
#include "ed25519.h"

static void check_ed25519(const char *seed_hex, const char *pub_hex, const char *msg_hex,
                          const char *sig_hex) {
  uint8_t seed[32], pub[32], want_pub[32], sig[64], want_sig[64], msg[128];
  size_t len = ts_unhex(msg_hex, msg, sizeof msg);
  ts_unhex(seed_hex, seed, 32);
  ts_unhex(pub_hex, want_pub, 32);
  ts_unhex(sig_hex, want_sig, 64);
  ts_ed25519_public_key(pub, seed);
  CHECK_MEM(pub, want_pub, 32, pub_hex);
  ts_ed25519_sign(sig, seed, pub, msg, len);
  CHECK_MEM(sig, want_sig, 64, sig_hex);
  memset(sig, 0, 64);
  ts_ed25519_sign(sig, seed, NULL, msg, len); /* public key derived inside */
  CHECK_MEM(sig, want_sig, 64, sig_hex);
  CHECK(ts_ed25519_verify(pub, msg, len, sig) == 1);
  /* Any flipped bit in the message, the key or the signature breaks it. */
  for (size_t bit = 0; bit < 8 * 64; bit += 37) {
    sig[bit / 8] ^= (uint8_t)(1u << (bit % 8));
    CHECK(ts_ed25519_verify(pub, msg, len, sig) == 0);
    sig[bit / 8] ^= (uint8_t)(1u << (bit % 8));
  }
  pub[5] ^= 4;
  CHECK(ts_ed25519_verify(pub, msg, len, sig) == 0);
  pub[5] ^= 4;
  if (len) {
    msg[len - 1] ^= 1;
    CHECK(ts_ed25519_verify(pub, msg, len, sig) == 0);
  }
}

TS_TEST(ed25519_rfc8032) {
  check_ed25519("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60",
                "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a", "",
                "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc6"
                "1e39701cf9b46bd25bf5f0595bbe24655141438e7a100b");
  check_ed25519("4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb",
                "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c", "72",
                "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e45"
                "8f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00");
  check_ed25519("c5aa8df43f9f837bedb7442f31dcb7b166d38535076f094b85ce3a2e0b4458f7",
                "fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025", "af82",
                "6291d657deec24024827e69c3abe01a30ce548a284743a445e3680d7db5ac3ac18ff9b538d16f290ae"
                "67f760984dc6594a7c15e9716ed28dc027beceea1ec40a");
  check_ed25519("833fe62409237b9d62ec77587520911e9a759cec1d19755b7da901b96dca3d42",
                "ec172b93ad5e563bf4932c70e1245034c35467ef2efd4d64ebf819683467e2bf",
                "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836"
                "ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f",
                "dc2a4459e7369633a52b1bf277839a00201009a3efbf3ecb69bea2186c26b58909351fc9ac90b3ecfd"
                "fbc7c66431e0303dca179c138ac17ad9bef1177331a704");
}

/* The strict checks of verification. */
TS_TEST(ed25519_strict_verify) {
  uint8_t seed[32], pub[32], sig[64], msg[40];
  uint64_t rng = 99;
  ts_test_bytes(&rng, seed, 32);
  ts_test_bytes(&rng, msg, sizeof msg);
  ts_ed25519_public_key(pub, seed);
  ts_ed25519_sign(sig, seed, pub, msg, sizeof msg);
  CHECK(ts_ed25519_verify(pub, msg, sizeof msg, sig) == 1);
  /* S + L: the same point equation, but S >= L must be rejected (malleability). */
  static const uint8_t L[32] = {0xed, 0xd3, 0xf5, 0x5c, 0x1a, 0x63, 0x12, 0x58, 0xd6, 0x9c, 0xf7,
                                0xa2, 0xde, 0xf9, 0xde, 0x14, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
                                0, 0, 0, 0, 0x10};
  uint8_t bad[64];
  memcpy(bad, sig, 64);
  unsigned c = 0;
  for (int i = 0; i < 32; i++) {
    c += bad[32 + i] + L[i];
    bad[32 + i] = (uint8_t)c;
    c >>= 8;
  }
  CHECK(ts_ed25519_verify(pub, msg, sizeof msg, bad) == 0);
  /* Small-order public keys: the identity (y = 1) and the point of order 2 (y = -1). */
  uint8_t small[32] = {1};
  CHECK(ts_ed25519_verify(small, msg, sizeof msg, sig) == 0);
  ts_unhex("ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f", small, 32);
  CHECK(ts_ed25519_verify(small, msg, sizeof msg, sig) == 0);
  /* Non-canonical y (p + 1 encodes y = 1 again) and "negative zero" x. */
  ts_unhex("eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f", small, 32);
  CHECK(ts_ed25519_verify(small, msg, sizeof msg, sig) == 0);
  uint8_t negzero[32] = {1};
  negzero[31] = 0x80;
  CHECK(ts_ed25519_verify(negzero, msg, sizeof msg, sig) == 0);
  /* R of small order (the identity) with an otherwise valid-looking S. */
  memcpy(bad, sig, 64);
  memset(bad, 0, 32);
  bad[0] = 1;
  CHECK(ts_ed25519_verify(pub, msg, sizeof msg, bad) == 0);
  /* Random keys and messages round-trip. */
  for (int i = 0; i < 50; i++) {
    ts_test_bytes(&rng, seed, 32);
    size_t len = (size_t)i % sizeof msg;
    ts_test_bytes(&rng, msg, len);
    ts_ed25519_public_key(pub, seed);
    ts_ed25519_sign(sig, seed, pub, msg, len);
    CHECK(ts_ed25519_verify(pub, msg, len, sig) == 1);
  }
}

/* Canonical encodings at the edges of the field: p -> 0, p - 1 stays, 2^255 - 1 -> 18, and a
 * product that lands on p - 1. */
#include "fe25519.h"

TS_TEST(fe25519_edges) {
  uint8_t in[32], out[32], want[32];
  ts_fe25519 f, g, h;
  ts_unhex("edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f", in, 32); /* p */
  ts_fe25519_frombytes(&f, in);
  ts_fe25519_tobytes(out, &f);
  memset(want, 0, 32);
  CHECK_MEM(out, want, 32, "p -> 0");
  CHECK(ts_fe25519_iszero(&f) == 1);
  in[0] = 0xec; /* p - 1 */
  ts_fe25519_frombytes(&f, in);
  ts_fe25519_tobytes(out, &f);
  CHECK_MEM(out, in, 32, "p - 1 stays");
  memset(in, 0xff, 32); /* 2^256 - 1, top bit ignored: 2^255 - 1 = p + 18 */
  ts_fe25519_frombytes(&f, in);
  ts_fe25519_tobytes(out, &f);
  want[0] = 18;
  CHECK_MEM(out, want, 32, "2^255 - 1 -> 18");
  /* (p - 1)^2 = 1, (p - 1) * 1 = p - 1, -1 + 1 = 0, inverse of 2 times 2 = 1 */
  ts_unhex("ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f", in, 32);
  ts_fe25519_frombytes(&f, in);
  ts_fe25519_sq(&g, &f);
  ts_fe25519_tobytes(out, &g);
  memset(want, 0, 32);
  want[0] = 1;
  CHECK_MEM(out, want, 32, "(p-1)^2 = 1");
  ts_fe25519_1(&h);
  ts_fe25519_add(&g, &f, &h);
  CHECK(ts_fe25519_iszero(&g) == 1);
  ts_fe25519_add(&g, &h, &h);
  ts_fe25519_invert(&g, &g);
  ts_fe25519_add(&g, &g, &g);
  ts_fe25519_carry(&g, &g);
  ts_fe25519_tobytes(out, &g);
  CHECK_MEM(out, want, 32, "2 * (1/2) = 1");
}
