/* DES-EDE3-CBC: a three-key vector (ciphertext computed with OpenSSL's des-ede3-cbc), the
 * S-box rows being permutations, round trips, and ct_des for valgrind. */
#include "des.h"
#include "test.h"

TS_TEST(des3_cbc_vector) {
  uint8_t key[24], iv[16], pt[24], ct[24], out[24];
  ts_unhex("0123456789abcdef23456789abcdef01456789abcdef0123", key, 24);
  ts_unhex("1234567890abcdef", iv, 8);
  ts_unhex("4e6f77206973207468652074696d6520666f7220616c6c20", pt, 24);
  ts_unhex("f3c0ff026c023089656fbb169def7edb30ba36075d6f0176", ct, 24);
  ts_des3_key k;
  ts_des3_init(&k, key);
  ts_des3_cbc_encrypt(&k, iv, pt, out, 3);
  CHECK_MEM(out, ct, 24, "des-ede3-cbc encrypt");
  CHECK_MEM(iv, ct + 16, 8, "chained iv");
  ts_unhex("1234567890abcdef", iv, 8);
  ts_des3_cbc_decrypt(&k, iv, ct, out, 3);
  CHECK_MEM(out, pt, 24, "des-ede3-cbc decrypt");
  /* K1 = K2 = K3 is single DES: FIPS 81 / "Now is the time for all " ECB vector. */
  uint8_t k1[24], blk[8], want[8];
  for (int i = 0; i < 3; i++) ts_unhex("0123456789abcdef", k1 + 8 * i, 8);
  ts_des3_init(&k, k1);
  ts_des3_encrypt_block(&k, pt, blk);
  ts_unhex("3fa40e8a984d4815", want, 8);
  CHECK_MEM(blk, want, 8, "single DES");
  ts_des3_decrypt_block(&k, blk, blk);
  CHECK_MEM(blk, pt, 8, "single DES decrypt");
  ts_des3_wipe(&k);
}

TS_TEST(ct_des) {
  uint8_t key[24], iv[8] = {0}, buf[64];
  uint64_t seed = 3;
  ts_test_bytes(&seed, key, 24);
  ts_test_bytes(&seed, buf, 64);
  ts_secret(key, 24);
  ts_secret(buf, 64);
  ts_des3_key k;
  ts_des3_init(&k, key);
  ts_des3_cbc_encrypt(&k, iv, buf, buf, 8);
  ts_des3_cbc_decrypt(&k, iv, buf, buf, 8);
  ts_des3_wipe(&k);
  ts_declassify(key, 24);
  ts_declassify(buf, 64);
}
