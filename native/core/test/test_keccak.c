/* SHA-3 and SHAKE: FIPS 202 example values (NIST CSRC "Examples with Intermediate Values":
 * the empty message, "abc", and the 1600-bit message of 0xa3 bytes that spans blocks), the
 * sponge fed and squeezed at every split point, and constant time. */
#include "keccak.h"
#include "test.h"

static void check_hex(const uint8_t *got, size_t n, const char *hex, const char *what) {
  uint8_t want[512];
  size_t wn = ts_unhex(hex, want, sizeof want);
  CHECK(wn == n);
  CHECK_MEM(got, want, n, what);
}

TS_TEST(keccak_fips202_sha3) {
  uint8_t out[64];
  ts_sha3_256(out, (const uint8_t *)"", 0);
  check_hex(out, 32, "a7ffc6f8bf1ed76651c14756a061d662f580ff4de43b49fa82d80a4b80f8434a", "sha3-256 ''");
  ts_sha3_256(out, (const uint8_t *)"abc", 3);
  check_hex(out, 32, "3a985da74fe225b2045c172d6bd390bd855f086e3e9d525b46bfe24511431532", "sha3-256 abc");
  ts_sha3_512(out, (const uint8_t *)"", 0);
  check_hex(out, 64,
            "a69f73cca23a9ac5c8b567dc185a756e97c982164fe25859e0d1dcc1475c80a6"
            "15b2123af1f5f94c11e3e9402c3ac558f500199d95b6d3e301758586281dcd26",
            "sha3-512 ''");
  ts_sha3_512(out, (const uint8_t *)"abc", 3);
  check_hex(out, 64,
            "b751850b1a57168a5693cd924b6b096e08f621827444f70d884f5d0240d2712e"
            "10e116e9192af3c91a7ec57647e3934057340b4cf408d5a56592f8274eec53f0",
            "sha3-512 abc");
  uint8_t a3[200];
  memset(a3, 0xa3, sizeof a3);
  ts_sha3_256(out, a3, sizeof a3);
  check_hex(out, 32, "79f38adec5c20307a98ef76e8324afbfd46cfd81b22e3973c65fa1bd9de31787",
            "sha3-256 1600 bits");
}

TS_TEST(keccak_fips202_shake) {
  uint8_t out[500];
  ts_shake128(out, 32, (const uint8_t *)"", 0);
  check_hex(out, 32, "7f9c2ba4e88f827d616045507605853ed73b8093f6efbc88eb1a6eacfa66ef26", "shake128 ''");
  ts_shake256(out, 64, (const uint8_t *)"", 0);
  check_hex(out, 64,
            "46b9dd2b0ba88d13233b3feb743eeb243fcd52ea62b81b82b50c27646ed5762f"
            "d75dc4ddd8c0f200cb05019d67b592f6fc821c49479ab48640292eacb3b7c4be",
            "shake256 ''");
  /* The 1600-bit message, 4000 bits out (several squeezed blocks): first and last 32 bytes. */
  uint8_t a3[200];
  memset(a3, 0xa3, sizeof a3);
  ts_shake128(out, 500, a3, sizeof a3);
  check_hex(out, 32, "131ab8d2b594946b9c81333f9bb6e0ce75c3b93104fa3469d3917457385da037", "shake128 head");
  check_hex(out + 468, 32, "497a91acf699fefee206227a44c9fb359fd56ac0a9a75a743cff6862f17d7259",
            "shake128 tail");
}

/* Absorbing in two pieces and squeezing in two pieces equal the one-shot result, for every
 * split around the block boundaries of both rates. */
TS_TEST(keccak_split_points) {
  uint8_t msg[400], one[400], got[400];
  uint64_t seed = 99;
  ts_test_bytes(&seed, msg, sizeof msg);
  static const size_t rates[2] = {TS_SHAKE128_RATE, TS_SHAKE256_RATE};
  for (int r = 0; r < 2; r++) {
    for (size_t len = 0; len <= sizeof msg; len += (len < 180 ? 1 : 37)) {
      ts_keccak_ctx c;
      ts_keccak_init(&c, rates[r], TS_SHAKE_DS);
      ts_keccak_absorb(&c, msg, len);
      ts_keccak_squeeze(&c, one, sizeof one);
      for (size_t split = 0; split <= len; split += (len < 40 ? 1 : 7)) {
        ts_keccak_ctx d, copy;
        ts_keccak_init(&d, rates[r], TS_SHAKE_DS);
        ts_keccak_absorb(&d, msg, split);
        copy = d;
        ts_keccak_absorb(&copy, msg + split, len - split);
        size_t out1 = (split * 13) % sizeof got;
        ts_keccak_squeeze(&copy, got, out1);
        ts_keccak_squeeze(&copy, got + out1, sizeof got - out1);
        CHECK_MEM(got, one, sizeof got, "split point");
      }
    }
  }
  /* Many small squeezes equal one large one. */
  ts_keccak_ctx c;
  ts_shake256_init(&c);
  ts_keccak_absorb(&c, msg, 33);
  for (size_t i = 0; i < sizeof got; i += 3) ts_keccak_squeeze(&c, got + i, sizeof got - i < 3 ? sizeof got - i : 3);
  ts_shake256(one, sizeof one, msg, 33);
  CHECK_MEM(got, one, sizeof got, "small squeezes");
}

/* Constant time: absorbing and squeezing secret bytes must not branch on them. */
TS_TEST(ct_keccak) {
  uint8_t msg[300], out[300];
  uint64_t seed = 5;
  ts_test_bytes(&seed, msg, sizeof msg);
  ts_secret(msg, sizeof msg);
  ts_sha3_256(out, msg, sizeof msg);
  ts_sha3_512(out + 32, msg, 77);
  ts_shake128(out + 96, 200, msg, 250);
  ts_keccak_ctx c;
  ts_shake256_init(&c);
  ts_keccak_absorb(&c, msg, 5);
  ts_keccak_absorb(&c, msg + 5, 200);
  ts_keccak_squeeze(&c, out + 296, 1);
  ts_keccak_squeeze(&c, out + 297, 3);
  ts_declassify(out, sizeof out);
  CHECK(out[0] == out[0]);
}

/* The four-way sponge equals four single sponges, for inputs across block boundaries (the
 * dispatched run checks the AVX2 permutation, the portable run the generic one). */
TS_TEST(keccak_x4_matches_single) {
  uint8_t msg[4][400], got[4][3 * TS_SHAKE128_RATE], want[3 * TS_SHAKE128_RATE];
  uint64_t seed = 31;
  for (int j = 0; j < 4; j++) ts_test_bytes(&seed, msg[j], sizeof msg[j]);
  static const size_t rates[2] = {TS_SHAKE128_RATE, TS_SHAKE256_RATE};
  for (int r = 0; r < 2; r++) {
    for (size_t len = 0; len <= sizeof msg[0]; len += (len < 170 ? 1 : 29)) {
      ts_keccak_x4_ctx c;
      const uint8_t *const in[4] = {msg[0], msg[1], msg[2], msg[3]};
      uint8_t *const out[4] = {got[0], got[1], got[2], got[3]};
      ts_keccak_x4_absorb_once(&c, rates[r], TS_SHAKE_DS, in, len);
      ts_keccak_x4_squeeze_blocks(&c, out, 2);
      uint8_t *const out3[4] = {got[0] + 2 * rates[r], got[1] + 2 * rates[r], got[2] + 2 * rates[r],
                                got[3] + 2 * rates[r]};
      ts_keccak_x4_squeeze_blocks(&c, out3, 1);
      for (int j = 0; j < 4; j++) {
        ts_keccak_ctx one;
        ts_keccak_init(&one, rates[r], TS_SHAKE_DS);
        ts_keccak_absorb(&one, msg[j], len);
        ts_keccak_squeeze(&one, want, 3 * rates[r]);
        CHECK_MEM(got[j], want, 3 * rates[r], "x4 vs single");
      }
    }
  }
}

TS_TEST(ct_keccak_x4) {
  uint8_t msg[4][200], got[4][TS_SHAKE256_RATE];
  uint64_t seed = 8;
  for (int j = 0; j < 4; j++) ts_test_bytes(&seed, msg[j], sizeof msg[j]);
  ts_secret(msg, sizeof msg);
  ts_keccak_x4_ctx c;
  const uint8_t *const in[4] = {msg[0], msg[1], msg[2], msg[3]};
  uint8_t *const out[4] = {got[0], got[1], got[2], got[3]};
  ts_keccak_x4_absorb_once(&c, TS_SHAKE256_RATE, TS_SHAKE_DS, in, 150);
  ts_keccak_x4_squeeze_blocks(&c, out, 1);
  ts_declassify(got, sizeof got);
  CHECK(got[0][0] == got[0][0]);
}
