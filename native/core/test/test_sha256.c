/* SHA-224/256: FIPS 180-4 example vectors (NIST CSRC "Examples with Intermediate Values"),
 * and every implementation fed at every split point of messages up to 300 bytes. */
#include "sha256.h"
#include "test.h"

static void check_sha256(const void *msg, size_t len, const char *hex) {
  uint8_t want[32], got[32];
  ts_unhex(hex, want, sizeof want);
  ts_sha256(msg, len, got);
  CHECK_MEM(got, want, 32, hex);
}

TS_TEST(sha256_fips180_4) {
  check_sha256("abc", 3, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  check_sha256("", 0, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  check_sha256("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", 56,
               "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  check_sha256(
      "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
      112, "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1");
  /* One million 'a', fed in uneven pieces. */
  static uint8_t a[1000];
  memset(a, 'a', sizeof a);
  ts_sha256_ctx c;
  ts_sha256_init(&c);
  size_t left = 1000000, step = 1;
  while (left) {
    size_t n = step < left ? step : left;
    if (n > sizeof a) n = sizeof a;
    ts_sha256_update(&c, a, n);
    left -= n;
    step = step * 7 % 997 + 1;
  }
  uint8_t got[32], want[32];
  ts_sha256_final(&c, got, 32);
  ts_unhex("cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0", want, 32);
  CHECK_MEM(got, want, 32, "one million a");
}

TS_TEST(sha224_fips180_4) {
  uint8_t got[28], want[28];
  ts_sha256_ctx c;
  ts_sha224_init(&c);
  ts_sha256_update(&c, "abc", 3);
  ts_sha256_final(&c, got, 28);
  ts_unhex("23097d223405d8228642a477bda255b32aadbce4bda0b3f7e36c9da7", want, 28);
  CHECK_MEM(got, want, 28, "sha224 abc");
}

/* The dispatched compression equals the portable one, and streaming equals one-shot at
 * every split point. */
TS_TEST(sha256_split_points) {
  uint8_t msg[300];
  uint64_t seed = 42;
  ts_test_bytes(&seed, msg, sizeof msg);
  for (size_t len = 0; len <= sizeof msg; len += (len < 140 ? 1 : 13)) {
    uint8_t one[32];
    ts_sha256_blocks_fn *saved = ts_sha256_blocks;
    ts_sha256_blocks = ts_sha256_blocks_generic;
    ts_sha256(msg, len, one);
    ts_sha256_blocks = saved;
    for (size_t split = 0; split <= len; split++) {
      ts_sha256_ctx c, copy;
      uint8_t got[32];
      ts_sha256_init(&c);
      ts_sha256_update(&c, msg, split);
      copy = c; /* a copied context must continue independently */
      ts_sha256_update(&copy, msg + split, len - split);
      ts_sha256_final(&copy, got, 32);
      CHECK_MEM(got, one, 32, "split point");
    }
  }
}

/* Constant time: hashing secret data must not branch on it or index memory with it. */
TS_TEST(ct_sha256) {
  uint8_t msg[200], out[32];
  uint64_t seed = 7;
  ts_test_bytes(&seed, msg, sizeof msg);
  ts_secret(msg, sizeof msg);
  ts_sha256(msg, sizeof msg, out);
  ts_declassify(out, sizeof out);
  CHECK(out[0] == out[0]);
}
