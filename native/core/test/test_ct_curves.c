/* Constant-time check of X25519, Ed25519, X448 and Ed448 with the private keys and seeds marked
 * secret: under valgrind memcheck (built with -DTS_VALGRIND_CT=ON) any branch or memory index
 * that depends on them is reported. Run: valgrind --error-exitcode=1 ./core_test ct_curves */
#include "ed25519.h"
#include "ed448.h"
#include "test.h"
#include "x25519.h"
#include "x448.h"

static void ct_448(void);

TS_TEST(ct_curves) {
  uint64_t rng = 2024;
  for (int round = 0; round < 2; round++) {
    uint8_t k[32], u[32], out[32];
    ts_test_bytes(&rng, k, 32);
    ts_test_bytes(&rng, u, 32);
    /* X25519: the scalar is secret; so is the peer's u as far as timing goes. */
    ts_secret(k, 32);
    ts_secret(u, 32);
    int ok = ts_x25519(out, k, u);
    ts_declassify(&ok, sizeof ok);
    CHECK(ok == 1);
    ts_x25519_base(out, k);
    ts_declassify(out, 32);
    ts_declassify(k, 32);

    /* Ed25519: the seed is secret; the public key and the signature are declassified. */
    uint8_t seed[32], pub[32], sig[64], msg[50];
    ts_test_bytes(&rng, seed, 32);
    ts_test_bytes(&rng, msg, sizeof msg);
    ts_secret(seed, 32);
    ts_ed25519_public_key(pub, seed);
    ts_declassify(pub, 32);
    ts_ed25519_sign(sig, seed, pub, msg, sizeof msg);
    ts_declassify(sig, 64);
    ts_ed25519_sign(sig, seed, NULL, msg, sizeof msg);
    ts_declassify(sig, 64);
    ts_declassify(seed, 32);
    CHECK(ts_ed25519_verify(pub, msg, sizeof msg, sig) == 1);
  }
  ct_448();
}


static void ct_448(void) {
  uint64_t rng = 448;
  for (int round = 0; round < 2; round++) {
    uint8_t k[56], u[56], out[56];
    ts_test_bytes(&rng, k, 56);
    ts_test_bytes(&rng, u, 56);
    ts_secret(k, 56);
    ts_secret(u, 56);
    int ok = ts_x448(out, k, u);
    ts_declassify(&ok, sizeof ok);
    CHECK(ok == 1);
    ts_x448_base(out, k);
    ts_declassify(out, 56);
    ts_declassify(k, 56);

    uint8_t seed[57], pub[57], sig[114], msg[50], ctx[5] = {1, 2, 3, 4, 5};
    ts_test_bytes(&rng, seed, 57);
    ts_test_bytes(&rng, msg, sizeof msg);
    ts_secret(seed, 57);
    ts_ed448_public_key(pub, seed);
    ts_declassify(pub, 57);
    ts_ed448_sign(sig, seed, pub, ctx, sizeof ctx, msg, sizeof msg);
    ts_declassify(sig, 114);
    ts_ed448_sign(sig, seed, NULL, ctx, sizeof ctx, msg, sizeof msg);
    ts_declassify(sig, 114);
    ts_declassify(seed, 57);
    CHECK(ts_ed448_verify(pub, ctx, sizeof ctx, msg, sizeof msg, sig) == 1);
  }
}
