/* AES, GHASH, GCM, CCM, CBC: FIPS 197 C.1-C.3, the GCM test cases of the SP 800-38D
 * submission (McGrew-Viega 1-6, 13-16), RFC 3610 packet vectors 1-2, SP 800-38C C.1-C.2,
 * SP 800-38A F.2 and every implementation cross-checked with the portable one on random data
 * at many lengths. ct_aes runs every secret-handling function with secrets marked for
 * valgrind. */
#include <stdlib.h>

#include "aes.h"
#include "gcm.h"
#include "ghash.h"
#include "test.h"

#define MAXB 2100

static const char *P64 =
    "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a721c3c0c95956809532fcf0e2449a6"
    "b525b16aedf5aa0de657ba637b391aafd255";

TS_TEST(aes_fips197) {
  static const char *want[3] = {"69c4e0d86a7b0430d8cdb78070b4c55a", "dda97ca4864cdfe06eaf70a0ec0d7191",
                                "8ea2b7ca516745bfeafc49904b496089"};
  uint8_t key[32], pt[16], w[16], out[16];
  for (int i = 0; i < 32; i++) key[i] = (uint8_t)i;
  ts_unhex("00112233445566778899aabbccddeeff", pt, 16);
  for (int v = 0; v < 3; v++) {
    ts_aes_key k;
    CHECK(ts_aes_init(&k, key, 16 + 8 * (size_t)v, 1));
    ts_unhex(want[v], w, 16);
    ts_aes_encrypt(&k, pt, out, 1);
    CHECK_MEM(out, w, 16, want[v]);
    ts_aes_decrypt(&k, w, out, 1);
    CHECK_MEM(out, pt, 16, "decrypt");
    ts_aes_wipe(&k);
  }
  ts_aes_key k;
  CHECK(!ts_aes_init(&k, key, 20, 0));
}

static void check_gcm(const char *key, const char *iv, const char *pt, const char *aad,
                      const char *ct, const char *tag) {
  uint8_t K[32], N[64], P[64], A[32], C[64], T[16], out[64], t[16];
  size_t kl = ts_unhex(key, K, 32), nl = ts_unhex(iv, N, 64), pl = ts_unhex(pt, P, 64),
         al = ts_unhex(aad, A, 32);
  ts_unhex(ct, C, 64);
  ts_unhex(tag, T, 16);
  ts_gcm_key g;
  CHECK(ts_gcm_init(&g, K, kl));
  CHECK(ts_gcm_seal(&g, N, nl, A, al, P, pl, out, t, 16));
  CHECK_MEM(out, C, pl, "gcm ciphertext");
  CHECK_MEM(t, T, 16, "gcm tag");
  CHECK(ts_gcm_open(&g, N, nl, A, al, C, pl, T, 16, out));
  CHECK_MEM(out, P, pl, "gcm open");
  T[3] ^= 0x10;
  memset(out, 0xAA, sizeof out);
  CHECK(!ts_gcm_open(&g, N, nl, A, al, C, pl, T, 16, out));
  for (size_t i = 0; i < pl; i++) CHECK(out[i] == 0);
  ts_gcm_wipe(&g);
}

TS_TEST(gcm_sp800_38d) {
  const char *K = "feffe9928665731c6d6a8f9467308308";
  const char *KK = "feffe9928665731c6d6a8f9467308308feffe9928665731c6d6a8f9467308308";
  const char *A = "feedfacedeadbeeffeedfacedeadbeefabaddad2";
  char p60[121];
  memcpy(p60, P64, 120);
  p60[120] = 0;
  check_gcm("00000000000000000000000000000000", "000000000000000000000000", "", "", "",
            "58e2fccefa7e3061367f1d57a4e7455a");
  check_gcm("00000000000000000000000000000000", "000000000000000000000000",
            "00000000000000000000000000000000", "", "0388dace60b6a392f328c2b971b2fe78",
            "ab6e47d42cec13bdf53a67b21257bddf");
  check_gcm(K, "cafebabefacedbaddecaf888", P64, "",
            "42831ec2217774244b7221b784d0d49ce3aa212f2c02a4e035c17e2329aca12e21d514b25466931c7d8f6a5aa"
            "c84aa051ba30b396a0aac973d58e091473f5985",
            "4d5c2af327cd64a62cf35abd2ba6fab4");
  check_gcm(K, "cafebabefacedbaddecaf888", p60, A,
            "42831ec2217774244b7221b784d0d49ce3aa212f2c02a4e035c17e2329aca12e21d514b25466931c7d8f6a5aa"
            "c84aa051ba30b396a0aac973d58e091",
            "5bc94fbc3221a5db94fae95ae7121a47");
  check_gcm(K, "cafebabefacedbad", p60, A,
            "61353b4c2806934a777ff51fa22a4755699b2a714fcdc6f83766e5f97b6c742373806900e49f24b22b09754"
            "4d4896b424989b5e1ebac0f07c23f4598",
            "3612d2e79e3b0785561be14aaca2fccb");
  check_gcm(K,
            "9313225df88406e555909c5aff5269aa6a7a9538534f7da1e4c303d2a318a728c3c0c95156809539fcf0e24"
            "29a6b525416aedbf5a0de6a57a637b39b",
            p60, A,
            "8ce24998625615b603a033aca13fb894be9112a5c3a211a8ba262a3cca7e2ca701e4a9a4fba43c90ccdcb28"
            "1d48c7c6fd62875d2aca417034c34aee5",
            "619cc5aefffe0bfa462af43c1699d050");
  check_gcm("0000000000000000000000000000000000000000000000000000000000000000",
            "000000000000000000000000", "", "", "", "530f8afbc74536b9a963b4f1c4cb738b");
  check_gcm("0000000000000000000000000000000000000000000000000000000000000000",
            "000000000000000000000000", "00000000000000000000000000000000", "",
            "cea7403d4d606b6e074ec5d3baf39d18", "d0d1c8a799996bf0265b98b5d48ab919");
  check_gcm(KK, "cafebabefacedbaddecaf888", P64, "",
            "522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa8cb08e48590dbb3da7b08b1"
            "056828838c5f61e6393ba7a0abcc9f662898015ad",
            "b094dac5d93471bdec1a502270e3cc6c");
  check_gcm(KK, "cafebabefacedbaddecaf888", p60, A,
            "522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa8cb08e48590dbb3da7b08b1"
            "056828838c5f61e6393ba7a0abcc9f662",
            "76fc6ece0f4e1768cddf8853bb2d551b");
  /* invalid parameters */
  ts_gcm_key g;
  uint8_t k[16] = {0}, n[12] = {0}, t[16], buf[16] = {0};
  CHECK(ts_gcm_init(&g, k, 16));
  CHECK(!ts_gcm_seal(&g, n, 0, NULL, 0, buf, 16, buf, t, 16));
  CHECK(!ts_gcm_seal(&g, n, 12, NULL, 0, buf, 16, buf, t, 17));
}

static void check_ccm(const char *key, const char *nonce, const char *aad, const char *pt,
                      const char *ctt, size_t taglen) {
  uint8_t K[32], N[16], A[32], P[64], CT[96], out[64], t[16];
  size_t kl = ts_unhex(key, K, 32), nl = ts_unhex(nonce, N, 16), al = ts_unhex(aad, A, 32),
         pl = ts_unhex(pt, P, 64);
  ts_unhex(ctt, CT, 96);
  ts_ccm_key c;
  CHECK(ts_ccm_init(&c, K, kl));
  CHECK(ts_ccm_seal(&c, N, nl, A, al, P, pl, out, t, taglen));
  CHECK_MEM(out, CT, pl, "ccm ciphertext");
  CHECK_MEM(t, CT + pl, taglen, "ccm tag");
  CHECK(ts_ccm_open(&c, N, nl, A, al, CT, pl, CT + pl, taglen, out));
  CHECK_MEM(out, P, pl, "ccm open");
  CT[pl] ^= 1;
  CHECK(!ts_ccm_open(&c, N, nl, A, al, CT, pl, CT + pl, taglen, out));
  for (size_t i = 0; i < pl; i++) CHECK(out[i] == 0);
  ts_ccm_wipe(&c);
}

TS_TEST(ccm_rfc3610_sp800_38c) {
  check_ccm("c0c1c2c3c4c5c6c7c8c9cacbcccdcecf", "00000003020100a0a1a2a3a4a5", "0001020304050607",
            "08090a0b0c0d0e0f101112131415161718191a1b1c1d1e",
            "588c979a61c663d2f066d0c2c0f989806d5f6b61dac38417e8d12cfdf926e0", 8);
  check_ccm("c0c1c2c3c4c5c6c7c8c9cacbcccdcecf", "00000004030201a0a1a2a3a4a5", "0001020304050607",
            "08090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f",
            "72c91a36e135f8cf291ca894085c87e3cc15c439c9e43a3ba091d56e10400916", 8);
  check_ccm("404142434445464748494a4b4c4d4e4f", "10111213141516", "0001020304050607", "20212223",
            "7162015b4dac255d", 4);
  check_ccm("404142434445464748494a4b4c4d4e4f", "1011121314151617",
            "000102030405060708090a0b0c0d0e0f", "202122232425262728292a2b2c2d2e2f",
            "d2a1f0e051ea5f62081a7792073d593d1fc64fbfaccd", 6);
  ts_ccm_key c;
  uint8_t k[16] = {0}, n[16] = {0}, t[16], buf[16] = {0};
  CHECK(ts_ccm_init(&c, k, 16));
  CHECK(!ts_ccm_seal(&c, n, 6, NULL, 0, buf, 16, buf, t, 16));
  CHECK(!ts_ccm_seal(&c, n, 14, NULL, 0, buf, 16, buf, t, 16));
  CHECK(!ts_ccm_seal(&c, n, 12, NULL, 0, buf, 16, buf, t, 5));
}

TS_TEST(cbc_sp800_38a) {
  uint8_t K[16], iv[16], P[64], C[64], out[64];
  ts_unhex("2b7e151628aed2a6abf7158809cf4f3c", K, 16);
  ts_unhex("6bc1bee22e409f96e93d7e117393172aae2d8a571e03ac9c9eb76fac45af8e5130c81c46a35ce411e5fbc1191a0a52eff69f2445df4f9b17ad2b417be66c3710", P, 64);
  ts_unhex("7649abac8119b246cee98e9b12e9197d5086cb9b507219ee95db113a917678b273bed6b8e3c1743b7116e69e222295163ff1caa1681fac09120eca307586e1a7", C, 64);
  ts_aes_key k;
  CHECK(ts_aes_init(&k, K, 16, 1));
  for (int i = 0; i < 16; i++) iv[i] = (uint8_t)i;
  k.impl->cbc_encrypt(&k, iv, P, out, 4);
  CHECK_MEM(out, C, 64, "cbc encrypt");
  CHECK_MEM(iv, C + 48, 16, "cbc chained iv");
  for (int i = 0; i < 16; i++) iv[i] = (uint8_t)i;
  k.impl->cbc_decrypt(&k, iv, C, out, 4);
  CHECK_MEM(out, P, 64, "cbc decrypt");
  /* PKCS#7 */
  uint8_t buf[32];
  size_t n;
  memset(buf, 0, 32);
  buf[31] = 1;
  CHECK(ts_pkcs7_unpad(buf, 32, 16, &n) && n == 31);
  memset(buf + 16, 16, 16);
  CHECK(ts_pkcs7_unpad(buf, 32, 16, &n) && n == 16);
  buf[20] = 15;
  CHECK(!ts_pkcs7_unpad(buf, 32, 16, &n) && n == 0);
  buf[31] = 0;
  CHECK(!ts_pkcs7_unpad(buf, 32, 16, &n));
  buf[31] = 17;
  CHECK(!ts_pkcs7_unpad(buf, 32, 16, &n));
  memset(buf + 16, 3, 16);
  buf[28] = 4;
  CHECK(ts_pkcs7_unpad(buf, 32, 16, &n) && n == 29);
  buf[29] = 4;
  CHECK(!ts_pkcs7_unpad(buf, 32, 16, &n));
}

/* Every AES implementation this CPU runs equals the portable one, in every mode. */
TS_TEST(aes_cross_check) {
  static uint8_t in[MAXB], a[MAXB], b[MAXB];
  uint64_t seed = 7;
  const ts_aes_impl *impls[4];
  int ni = 0;
  impls[ni++] = ts_aes_default;
#if defined(__x86_64__)
  if (ts_aes_default != &ts_aes_x86ni && ts_aes_default != &ts_aes_ct) impls[ni++] = &ts_aes_x86ni;
#endif
  for (size_t kl = 16; kl <= 32; kl += 8) {
    uint8_t key[32], iv0[16];
    ts_test_bytes(&seed, key, kl);
    ts_test_bytes(&seed, iv0, 16);
    iv0[12] = iv0[13] = iv0[14] = 0xff; /* the counter wraps within 32 bits */
    iv0[15] = 0xf0;
    ts_aes_key ref, k;
    CHECK(ts_aes_init_impl(&ref, &ts_aes_ct, key, kl, 1));
    for (int x = 0; x < ni; x++) {
      CHECK(ts_aes_init_impl(&k, impls[x], key, kl, 1));
      for (size_t nb = 0; nb <= MAXB / 16; nb += (nb < 40 ? 1 : 37)) {
        ts_test_bytes(&seed, in, nb * 16);
        uint8_t c1[16], c2[16];
        ref.impl->encrypt(&ref, in, a, nb);
        k.impl->encrypt(&k, in, b, nb);
        CHECK_MEM(a, b, nb * 16, "ecb encrypt");
        ref.impl->decrypt(&ref, in, a, nb);
        k.impl->decrypt(&k, in, b, nb);
        CHECK_MEM(a, b, nb * 16, "ecb decrypt");
        memcpy(c1, iv0, 16);
        memcpy(c2, iv0, 16);
        ref.impl->ctr32(&ref, c1, in, a, nb);
        memcpy(b, in, nb * 16);
        k.impl->ctr32(&k, c2, b, b, nb); /* in place */
        CHECK_MEM(a, b, nb * 16, "ctr32");
        CHECK_MEM(c1, c2, 16, "ctr32 counter");
        memcpy(c1, iv0, 16);
        memcpy(c2, iv0, 16);
        ref.impl->cbc_encrypt(&ref, c1, in, a, nb);
        k.impl->cbc_encrypt(&k, c2, in, b, nb);
        CHECK_MEM(a, b, nb * 16, "cbc encrypt");
        CHECK_MEM(c1, c2, 16, "cbc iv");
        memcpy(c1, iv0, 16);
        memcpy(c2, iv0, 16);
        ref.impl->cbc_decrypt(&ref, c1, in, a, nb);
        memcpy(b, in, nb * 16);
        k.impl->cbc_decrypt(&k, c2, b, b, nb);
        CHECK_MEM(a, b, nb * 16, "cbc decrypt");
        CHECK_MEM(c1, c2, 16, "cbc decrypt iv");
        memcpy(c1, iv0, 16);
        memcpy(c2, iv0, 16);
        ref.impl->cbcmac(&ref, c1, in, nb);
        k.impl->cbcmac(&k, c2, in, nb);
        CHECK_MEM(c1, c2, 16, "cbcmac");
        /* decrypt(encrypt(x)) == x */
        k.impl->encrypt(&k, in, b, nb);
        k.impl->decrypt(&k, b, b, nb);
        CHECK_MEM(b, in, nb * 16, "round trip");
      }
    }
  }
}

/* GHASH implementations agree at every length, including the 8-block aggregation edges. */
TS_TEST(ghash_cross_check) {
  static uint8_t in[MAXB];
  uint64_t seed = 99;
  for (int round = 0; round < 20; round++) {
    uint8_t h[16], y1[16], y2[16];
    ts_test_bytes(&seed, h, 16);
    if (round == 0) memset(h, 0xff, 16);
    if (round == 1) memset(h, 0, 16), h[0] = 0x80; /* H = 1 */
    ts_ghash_key g1, g2;
    ts_ghash_init(&g1, &ts_ghash_ct, h);
    ts_ghash_init(&g2, NULL, h);
    for (size_t nb = 0; nb < MAXB / 16; nb += (nb < 40 ? 1 : 41)) {
      ts_test_bytes(&seed, in, nb * 16);
      ts_test_bytes(&seed, y1, 16);
      memcpy(y2, y1, 16);
      g1.impl->update(&g1, y1, in, nb);
      g2.impl->update(&g2, y2, in, nb);
      CHECK_MEM(y1, y2, 16, "ghash");
    }
    if (round == 1) {
      /* H = 1: GHASH of one block X from y = 0 is X itself. */
      uint8_t x[16], y[16] = {0};
      ts_test_bytes(&seed, x, 16);
      g2.impl->update(&g2, y, x, 1);
      CHECK_MEM(y, x, 16, "ghash identity");
    }
  }
}

/* GCM and CCM with the dispatched implementations equal the portable ones: random keys,
 * nonces, AAD and lengths, in place and not. */
TS_TEST(aead_cross_check) {
  static uint8_t pt[MAXB], c1[MAXB], c2[MAXB], back[MAXB];
  uint64_t seed = 1234;
  const ts_aes_impl *saved_aes = ts_aes_default;
  const ts_ghash_impl *saved_gh = ts_ghash_default;
  const ts_gcm_fused *saved_f = ts_gcm_fused_default;
  /* The dispatched set, and on a VAES machine also the 128-bit AES-NI fused loop and the
   * unfused AES-NI + PCLMUL pair. */
  struct {
    const ts_aes_impl *aes;
    const ts_ghash_impl *gh;
    const ts_gcm_fused *f;
  } cfg[3] = {{saved_aes, saved_gh, saved_f}};
  int ncfg = 1;
#if defined(__x86_64__)
  if (saved_f == &ts_gcm_vaes) {
    cfg[ncfg].aes = &ts_aes_x86ni, cfg[ncfg].gh = &ts_ghash_pclmul, cfg[ncfg++].f = &ts_gcm_x86ni;
    cfg[ncfg].aes = &ts_aes_x86ni, cfg[ncfg].gh = &ts_ghash_pclmul, cfg[ncfg++].f = NULL;
  }
#endif
  for (int ci = 0; ci < ncfg; ci++)
  for (size_t len = 0; len < MAXB; len += (len < 300 ? 1 : 97)) {
    saved_aes = cfg[ci].aes;
    saved_gh = cfg[ci].gh;
    saved_f = cfg[ci].f;
    uint8_t key[32], nonce[40], aad[50], t1[16], t2[16];
    size_t kl = 16 + 8 * (len % 3), nl = (len % 7 == 3) ? 1 + len % 40 : 12, al = len % 51 % 50;
    ts_test_bytes(&seed, key, kl);
    ts_test_bytes(&seed, nonce, sizeof nonce);
    ts_test_bytes(&seed, aad, al);
    ts_test_bytes(&seed, pt, len);
    ts_gcm_key gr, gd;
    ts_aes_default = &ts_aes_ct;
    ts_ghash_default = &ts_ghash_ct;
    ts_gcm_fused_default = NULL;
    CHECK(ts_gcm_init(&gr, key, kl));
    ts_aes_default = saved_aes;
    ts_ghash_default = saved_gh;
    ts_gcm_fused_default = saved_f;
    CHECK(ts_gcm_init(&gd, key, kl));
    CHECK(ts_gcm_seal(&gr, nonce, nl, aad, al, pt, len, c1, t1, 16));
    memcpy(c2, pt, len);
    CHECK(ts_gcm_seal(&gd, nonce, nl, aad, al, c2, len, c2, t2, 16));
    CHECK_MEM(c1, c2, len, "gcm ct");
    CHECK_MEM(t1, t2, 16, "gcm tag");
    CHECK(ts_gcm_open(&gd, nonce, nl, aad, al, c2, len, t2, 16, c2));
    CHECK_MEM(c2, pt, len, "gcm open in place");
    CHECK(ts_gcm_open(&gr, nonce, nl, aad, al, c1, len, t1, 16, back));
    CHECK_MEM(back, pt, len, "gcm open");
    if (len) {
      c1[len / 2] ^= 4;
      CHECK(!ts_gcm_open(&gd, nonce, nl, aad, al, c1, len, t1, 16, back));
    }
    /* CCM */
    size_t cn = 7 + len % 7, tl = 4 + 2 * (len % 7);
    ts_ccm_key cr, cd;
    ts_aes_default = &ts_aes_ct;
    CHECK(ts_ccm_init(&cr, key, kl));
    ts_aes_default = saved_aes;
    CHECK(ts_ccm_init(&cd, key, kl));
    CHECK(ts_ccm_seal(&cr, nonce, cn, aad, al, pt, len, c1, t1, tl));
    memcpy(c2, pt, len);
    CHECK(ts_ccm_seal(&cd, nonce, cn, aad, al, c2, len, c2, t2, tl));
    CHECK_MEM(c1, c2, len, "ccm ct");
    CHECK_MEM(t1, t2, tl, "ccm tag");
    CHECK(ts_ccm_open(&cd, nonce, cn, aad, al, c2, len, t2, tl, c2));
    CHECK_MEM(c2, pt, len, "ccm open");
    t1[0] ^= 1;
    CHECK(!ts_ccm_open(&cr, nonce, cn, aad, al, c1, len, t1, tl, back));
  }
  ts_aes_default = cfg[0].aes;
  ts_ghash_default = cfg[0].gh;
  ts_gcm_fused_default = cfg[0].f;
}

/* Run under valgrind with -DTS_VALGRIND_CT=ON: keys, plaintexts and tags are marked secret,
 * so any branch or address depending on them is reported. */
TS_TEST(ct_aes) {
  uint8_t key[32], pt[300], ct[300], tag[16], out[300], nonce[12], aad[20], iv[16];
  uint64_t seed = 5;
  ts_test_bytes(&seed, key, 32);
  ts_test_bytes(&seed, pt, sizeof pt);
  ts_test_bytes(&seed, nonce, 12);
  ts_test_bytes(&seed, aad, 20);
  for (size_t kl = 16; kl <= 32; kl += 8) {
    ts_secret(key, kl);
    ts_secret(pt, sizeof pt);
    ts_aes_key k;
    ts_aes_init(&k, key, kl, 1);
    ts_aes_encrypt(&k, pt, ct, 18);
    ts_aes_decrypt(&k, ct, out, 18);
    memset(iv, 0, 16);
    k.impl->cbc_encrypt(&k, iv, pt, ct, 18);
    memset(iv, 0, 16);
    k.impl->cbc_decrypt(&k, iv, ct, out, 18);
    memset(iv, 0, 16);
    k.impl->cbcmac(&k, iv, pt, 18);
    ts_aes_ctr32(&k, iv, pt, ct, 18);
    /* PKCS#7 check on secret plaintext */
    size_t n;
    memset(out + 280, 20, 20);
    ts_secret(out, 288);
    int ok = ts_pkcs7_unpad(out, 288, 16, &n);
    ts_declassify(&ok, sizeof ok);
    ts_declassify(&n, sizeof n);
    ts_aes_wipe(&k);

    ts_gcm_key g;
    ts_gcm_init(&g, key, kl);
    ts_gcm_seal(&g, nonce, 12, aad, 20, pt, 300, ct, tag, 16);
    /* a non-96-bit nonce: J0 and every counter block derive from the secret H */
    ts_gcm_seal(&g, aad, 17, nonce, 12, pt, 300, ct, tag, 16);
    ts_gcm_seal(&g, nonce, 12, aad, 20, pt, 77, ct, tag, 16);
    ts_declassify(ct, sizeof ct);
    ts_secret(tag, 16); /* the tag comparison must not leak where it differs */
    ok = ts_gcm_open(&g, nonce, 12, aad, 20, ct, 77, tag, 16, out);
    ts_declassify(&ok, sizeof ok);
    CHECK(ok == 1);
    tag[5] ^= 1;
    ok = ts_gcm_open(&g, nonce, 12, aad, 20, ct, 300, tag, 16, out);
    ts_declassify(&ok, sizeof ok);
    CHECK(ok == 0);
    ts_gcm_wipe(&g);

    ts_ccm_key c;
    ts_ccm_init(&c, key, kl);
    ts_ccm_seal(&c, nonce, 12, aad, 20, pt, 100, ct, tag, 16);
    ts_declassify(ct, sizeof ct);
    ok = ts_ccm_open(&c, nonce, 12, aad, 20, ct, 100, tag, 16, out);
    ts_declassify(&ok, sizeof ok);
    CHECK(ok == 1);
    ts_ccm_wipe(&c);
    ts_declassify(key, sizeof key);
    ts_declassify(pt, sizeof pt);
    ts_declassify(out, sizeof out);
  }
  /* GHASH alone */
  uint8_t h[16], y[16] = {0};
  ts_test_bytes(&seed, h, 16);
  ts_secret(h, 16);
  ts_secret(pt, sizeof pt);
  ts_ghash_key gk;
  ts_ghash_init(&gk, NULL, h);
  ts_ghash_update_padded(&gk, y, pt, 300);
  ts_declassify(pt, sizeof pt);
}

/* The fused loops and CTR wrap the 32-bit counter like inc32 (SP 800-38D 6.2). */
TS_TEST(gcm_fused_counter_wrap) {
  static uint8_t in[64 * 16], a[64 * 16], b[64 * 16];
  uint64_t seed = 77;
  uint8_t key[16], ctr0[16];
  ts_test_bytes(&seed, key, 16);
  ts_test_bytes(&seed, in, sizeof in);
  ts_test_bytes(&seed, ctr0, 12);
  ts_gcm_key g, ref;
  CHECK(ts_gcm_init(&g, key, 16));
  const ts_aes_impl *sa = ts_aes_default;
  const ts_ghash_impl *sg = ts_ghash_default;
  const ts_gcm_fused *sf = ts_gcm_fused_default;
  ts_aes_default = &ts_aes_ct;
  ts_ghash_default = &ts_ghash_ct;
  ts_gcm_fused_default = NULL;
  CHECK(ts_gcm_init(&ref, key, 16));
  ts_aes_default = sa;
  ts_ghash_default = sg;
  ts_gcm_fused_default = sf;
  for (uint32_t start = 0xFFFFFFF0u; start != 0x10u; start += 5) {
    uint8_t c1[16], c2[16], y1[16] = {0}, y2[16] = {0};
    memcpy(c1, ctr0, 12);
    c1[12] = (uint8_t)(start >> 24), c1[13] = (uint8_t)(start >> 16), c1[14] = (uint8_t)(start >> 8), c1[15] = (uint8_t)start;
    memcpy(c2, c1, 16);
    /* reference: CTR then GHASH of the ciphertext */
    ref.aes.impl->ctr32(&ref.aes, c1, in, a, 64);
    ref.gh.impl->update(&ref.gh, y1, a, 64);
    size_t done = g.fused ? g.fused->seal(&g, c2, y2, in, b, 64) : 0;
    if (done < 64) {
      g.aes.impl->ctr32(&g.aes, c2, in + 16 * done, b + 16 * done, 64 - done);
      g.gh.impl->update(&g.gh, y2, b + 16 * done, 64 - done);
    }
    CHECK_MEM(a, b, sizeof a, "fused seal across the wrap");
    CHECK_MEM(y1, y2, 16, "fused ghash across the wrap");
    CHECK_MEM(c1, c2, 16, "counter after the wrap");
    if (start > 0xFFFFFFFAu) break;
  }
}
