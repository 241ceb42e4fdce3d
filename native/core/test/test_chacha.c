/* ChaCha20, Poly1305 and ChaCha20-Poly1305: the RFC 8439 examples (§2.3.2, §2.4.2, §2.5.2,
 * §2.8.2) and every Appendix A vector; every implementation this CPU can run cross-checked on
 * pseudo-random data at each length 0..600 and some large ones; and the constant-time check
 * (ct_chacha: run it under valgrind with a -DTS_VALGRIND_CT=ON build). */
#include <stdlib.h>

#include "chacha20.h"
#include "chacha20poly1305.h"
#include "cpu.h"
#include "poly1305.h"
#include "test.h"

static const char SUNSCREEN[] = "Ladies and Gentlemen of the class of '99: If I could offer you only one tip for the future, sunscreen would be it.";
static const char IETF[] = "Any submission to the IETF intended by the Contributor for publication as all or part of an IETF Internet-Draft or RFC and any statement made within the context of an IETF activity is considered an \"IETF Contribution\". Such statements include oral statements in IETF sessions, as well as written and electronic communications made at any time or place, which are addressed to";
static const char JABBERWOCKY[] = "'Twas brillig, and the slithy toves\nDid gyre and gimble in the wabe:\nAll mimsy were the borogoves,\nAnd the mome raths outgrabe.";

/* Every ChaCha20 implementation the selected feature set may run (the dispatched set runs
 * them all; the portable set only the generic one). */
typedef struct {
  const char *name;
  ts_chacha20_xor_fn *fn;
} chacha_impl;

static size_t chacha_impls(chacha_impl *out) {
  size_t n = 0;
  uint32_t f = ts_cpu();
  out[n++] = (chacha_impl){"generic", ts_chacha20_xor_generic};
#if defined(__x86_64__)
  if (f & TS_CPU_SSSE3) out[n++] = (chacha_impl){"ssse3", ts_chacha20_xor_ssse3};
  if ((f & TS_CPU_SSSE3) && (f & TS_CPU_AVX2)) out[n++] = (chacha_impl){"avx2", ts_chacha20_xor_avx2};
#elif defined(__aarch64__)
  if (f & TS_CPU_NEON) out[n++] = (chacha_impl){"neon", ts_chacha20_xor_neon};
#endif
  (void)f;
  return n;
}

typedef struct {
  const char *name;
  ts_poly1305_blocks_fn *fn;
} poly_impl;

static size_t poly_impls(poly_impl *out) {
  size_t n = 0;
  out[n++] = (poly_impl){"generic", ts_poly1305_blocks_generic};
#if defined(__x86_64__)
  if (ts_cpu() & TS_CPU_AVX2) out[n++] = (poly_impl){"avx2", ts_poly1305_blocks_avx2};
#endif
  return n;
}

static void check_chacha(const char *keyhex, const char *noncehex, uint32_t counter, const uint8_t *pt,
                         size_t len, const char *cthex) {
  uint8_t key[32], nonce[12], want[512], got[512];
  ts_unhex(keyhex, key, 32);
  ts_unhex(noncehex, nonce, 12);
  CHECK(ts_unhex(cthex, want, sizeof want) == len);
  chacha_impl impls[4];
  size_t ni = chacha_impls(impls);
  uint32_t k[8], n[3];
  ts_chacha20_load_key(k, key);
  ts_chacha20_load_nonce(n, nonce);
  for (size_t i = 0; i < ni; i++) {
    memset(got, 0xaa, sizeof got);
    impls[i].fn(got, pt, len, k, counter, n);
    CHECK_MEM(got, want, len, impls[i].name);
    CHECK(got[len] == 0xaa); /* nothing written past the end */
  }
  ts_chacha20(got, pt, len, key, counter, nonce); /* the dispatched one, byte key */
  CHECK_MEM(got, want, len, cthex);
}

static const uint8_t ZEROS[512];

TS_TEST(chacha20_rfc8439) {
  /* §2.3.2: the block function, directly and as keystream. */
  const char *k0_1f = "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f";
  const char *blk = "10f1e7e4d13b5915500fdd1fa32071c4c7d1f4c733c068030422aa9ac3d46c4e"
                    "d2826446079faa0914c2d705d98b02a2b5129cd1de164eb9cbd083e8a2503c4e";
  uint8_t key[32], nonce[12], got[64], want[64];
  uint32_t k[8], n[3];
  ts_unhex(k0_1f, key, 32);
  ts_unhex("000000090000004a00000000", nonce, 12);
  ts_chacha20_load_key(k, key);
  ts_chacha20_load_nonce(n, nonce);
  ts_chacha20_block(got, k, 1, n);
  ts_unhex(blk, want, 64);
  CHECK_MEM(got, want, 64, "2.3.2 block");
  check_chacha(k0_1f, "000000090000004a00000000", 1, ZEROS, 64, blk);
  /* §2.4.2 */
  check_chacha(k0_1f, "000000000000004a00000000", 1, (const uint8_t *)SUNSCREEN, strlen(SUNSCREEN),
               "6e2e359a2568f98041ba0728dd0d6981e97e7aec1d4360c20a27afccfd9fae0b"
               "f91b65c5524733ab8f593dabcd62b3571639d624e65152ab8f530c359f0861d8"
               "07ca0dbf500d6a6156a38e088a22b65e52bc514d16ccf806818ce91ab7793736"
               "5af90bbf74a35be6b40b8eedf2785e42874d");
}

TS_TEST(chacha20_rfc8439_appendix_a) {
  const char *zk = "0000000000000000000000000000000000000000000000000000000000000000";
  const char *k1 = "0000000000000000000000000000000000000000000000000000000000000001";
  const char *kj = "1c9240a5eb55d38af333888604f6b5f0473917c1402b80099dca5cbc207075c0";
  const char *n0 = "000000000000000000000000", *n2 = "000000000000000000000002";
  /* A.1: the block function. */
  check_chacha(zk, n0, 0, ZEROS, 64,
               "76b8e0ada0f13d90405d6ae55386bd28bdd219b8a08ded1aa836efcc8b770dc7"
               "da41597c5157488d7724e03fb8d84a376a43b8f41518a11cc387b669b2ee6586");
  check_chacha(zk, n0, 1, ZEROS, 64,
               "9f07e7be5551387a98ba977c732d080dcb0f29a048e3656912c6533e32ee7aed"
               "29b721769ce64e43d57133b074d839d531ed1f28510afb45ace10a1f4b794d6f");
  check_chacha(k1, n0, 1, ZEROS, 64,
               "3aeb5224ecf849929b9d828db1ced4dd832025e8018b8160b82284f3c949aa5a"
               "8eca00bbb4a73bdad192b5c42f73f2fd4e273644c8b36125a64addeb006c13a0");
  check_chacha("00ff000000000000000000000000000000000000000000000000000000000000", n0, 2, ZEROS, 64,
               "72d54dfbf12ec44b362692df94137f328fea8da73990265ec1bbbea1ae9af0ca"
               "13b25aa26cb4a648cb9b9d1be65b2c0924a66c54d545ec1b7374f4872e99f096");
  check_chacha(zk, n2, 0, ZEROS, 64,
               "c2c64d378cd536374ae204b9ef933fcd1a8b2288b3dfa49672ab765b54ee27c7"
               "8a970e0e955c14f3a88e741b97c286f75f8fc299e8148362fa198a39531bed6d");
  /* A.2: encryption. */
  check_chacha(zk, n0, 0, ZEROS, 64,
               "76b8e0ada0f13d90405d6ae55386bd28bdd219b8a08ded1aa836efcc8b770dc7"
               "da41597c5157488d7724e03fb8d84a376a43b8f41518a11cc387b669b2ee6586");
  check_chacha(k1, n2, 1, (const uint8_t *)IETF, strlen(IETF),
               "a3fbf07df3fa2fde4f376ca23e82737041605d9f4f4f57bd8cff2c1d4b7955ec"
               "2a97948bd3722915c8f3d337f7d370050e9e96d647b7c39f56e031ca5eb6250d"
               "4042e02785ececfa4b4bb5e8ead0440e20b6e8db09d881a7c6132f420e527950"
               "42bdfa7773d8a9051447b3291ce1411c680465552aa6c405b7764d5e87bea85a"
               "d00f8449ed8f72d0d662ab052691ca66424bc86d2df80ea41f43abf937d3259d"
               "c4b2d0dfb48a6c9139ddd7f76966e928e635553ba76c5c879d7b35d49eb2e62b"
               "0871cdac638939e25e8a1e0ef9d5280fa8ca328b351c3c765989cbcf3daa8b6c"
               "cc3aaf9f3979c92b3720fc88dc95ed84a1be059c6499b9fda236e7e818b04b0b"
               "c39c1e876b193bfe5569753f88128cc08aaa9b63d1a16f80ef2554d7189c411f"
               "5869ca52c5b83fa36ff216b9c1d30062bebcfd2dc5bce0911934fda79a86f6e6"
               "98ced759c3ff9b6477338f3da4f9cd8514ea9982ccafb341b2384dd902f3d1ab"
               "7ac61dd29c6f21ba5b862f3730e37cfdc4fd806c22f221");
  check_chacha(kj, n2, 42, (const uint8_t *)JABBERWOCKY, strlen(JABBERWOCKY),
               "62e6347f95ed87a45ffae7426f27a1df5fb69110044c0d73118effa95b01e5cf"
               "166d3df2d721caf9b21e5fb14c616871fd84c54f9d65b283196c7fe4f60553eb"
               "f39c6402c42234e32a356b3e764312a61a5532055716ead6962568f87d3f3f77"
               "04c6a8d1bcd1bf4d50d6154b6da731b187b58dfd728afa36757a797ac188d1");
  /* A.4: Poly1305 key generation is block 0, first 32 bytes. */
  check_chacha(zk, n0, 0, ZEROS, 32, "76b8e0ada0f13d90405d6ae55386bd28bdd219b8a08ded1aa836efcc8b770dc7");
  check_chacha(k1, n2, 0, ZEROS, 32, "ecfa254f845f647473d3cb140da9e87606cb33066c447b87bc2666dde3fbb739");
  check_chacha(kj, n2, 0, ZEROS, 32, "965e3bc6f9ec7ed9560808f4d229f94b137ff275ca9b3fcbdd59deaad23310ae");
}

/* Poly1305 one-shot with each blocks implementation, and streamed at every split point. */
static void check_poly(const char *keyhex, const uint8_t *msg, size_t len, const char *taghex) {
  uint8_t key[32], want[16], got[16];
  ts_unhex(keyhex, key, 32);
  ts_unhex(taghex, want, 16);
  poly_impl impls[4];
  size_t ni = poly_impls(impls);
  ts_poly1305_blocks_fn *saved = ts_poly1305_blocks;
  for (size_t i = 0; i < ni; i++) {
    ts_poly1305_blocks = impls[i].fn;
    ts_poly1305(got, key, msg, len);
    CHECK_MEM(got, want, 16, impls[i].name);
    for (size_t split = 0; split <= len; split += 1 + split / 8) {
      ts_poly1305_ctx c;
      ts_poly1305_init(&c, key);
      ts_poly1305_update(&c, msg, split);
      ts_poly1305_update(&c, msg + split, len - split);
      ts_poly1305_final(&c, got);
      CHECK_MEM(got, want, 16, "split");
    }
  }
  ts_poly1305_blocks = saved;
}

static void check_poly_hex(const char *keyhex, const char *msghex, const char *taghex) {
  uint8_t msg[128];
  size_t len = ts_unhex(msghex, msg, sizeof msg);
  check_poly(keyhex, msg, len, taghex);
}

TS_TEST(poly1305_rfc8439) {
  check_poly("85d6be7857556d337f4452fe42d506a80103808afb0db2fd4abff6af4149f51b",
             (const uint8_t *)"Cryptographic Forum Research Group", 34, "a8061dc1305136c6c22b8baf0c0127a9");
  /* Appendix A.3 */
  check_poly("0000000000000000000000000000000000000000000000000000000000000000", ZEROS, 64,
             "00000000000000000000000000000000");
  check_poly("0000000000000000000000000000000036e5f6b5c5e06070f0efca96227a863e", (const uint8_t *)IETF,
             strlen(IETF), "36e5f6b5c5e06070f0efca96227a863e");
  check_poly("36e5f6b5c5e06070f0efca96227a863e00000000000000000000000000000000", (const uint8_t *)IETF,
             strlen(IETF), "f3477e7cd95417af89a6b8794c310cf0");
  check_poly("1c9240a5eb55d38af333888604f6b5f0473917c1402b80099dca5cbc207075c0", (const uint8_t *)JABBERWOCKY,
             strlen(JABBERWOCKY), "4541669a7eaaee61e708dc7cbcc5eb62");
  const char *r2 = "0200000000000000000000000000000000000000000000000000000000000000";
  const char *r1 = "0100000000000000000000000000000000000000000000000000000000000000";
  const char *r10 = "0100000000000000040000000000000000000000000000000000000000000000";
  check_poly_hex(r2, "ffffffffffffffffffffffffffffffff", "03000000000000000000000000000000");
  check_poly_hex("02000000000000000000000000000000ffffffffffffffffffffffffffffffff",
                 "02000000000000000000000000000000", "03000000000000000000000000000000");
  check_poly_hex(r1,
                 "fffffffffffffffffffffffffffffffff0ffffffffffffffffffffffffffffff"
                 "11000000000000000000000000000000",
                 "05000000000000000000000000000000");
  check_poly_hex(r1,
                 "fffffffffffffffffffffffffffffffffbfefefefefefefefefefefefefefefe"
                 "01010101010101010101010101010101",
                 "00000000000000000000000000000000");
  check_poly_hex(r2, "fdffffffffffffffffffffffffffffff", "faffffffffffffffffffffffffffffff");
  check_poly_hex(r10,
                 "e33594d7505e43b900000000000000003394d7505e4379cd0100000000000000"
                 "0000000000000000000000000000000001000000000000000000000000000000",
                 "14000000000000005500000000000000");
  check_poly_hex(r10,
                 "e33594d7505e43b900000000000000003394d7505e4379cd0100000000000000"
                 "00000000000000000000000000000000",
                 "13000000000000000000000000000000");
}

static void check_aead(const char *keyhex, const char *noncehex, const char *aadhex, const uint8_t *pt,
                       size_t len, const char *cthex, const char *taghex) {
  uint8_t key[32], nonce[12], aad[64], want[512], wtag[16], got[512 + 16], back[512];
  ts_unhex(keyhex, key, 32);
  ts_unhex(noncehex, nonce, 12);
  size_t aadlen = ts_unhex(aadhex, aad, sizeof aad);
  CHECK(ts_unhex(cthex, want, sizeof want) == len);
  ts_unhex(taghex, wtag, 16);
  ts_chacha20poly1305_ctx c;
  ts_chacha20poly1305_init(&c, key);
  CHECK(ts_chacha20poly1305_seal(&c, nonce, aad, aadlen, pt, len, got, got + len) == 1);
  CHECK_MEM(got, want, len, "seal ciphertext");
  CHECK_MEM(got + len, wtag, 16, "seal tag");
  CHECK(ts_chacha20poly1305_open(&c, nonce, aad, aadlen, want, len, wtag, back) == 1);
  CHECK_MEM(back, pt, len, "open");
  /* In place both ways. */
  memcpy(got, pt, len);
  ts_chacha20poly1305_seal(&c, nonce, aad, aadlen, got, len, got, got + len);
  CHECK_MEM(got, want, len, "seal in place");
  CHECK(ts_chacha20poly1305_open(&c, nonce, aad, aadlen, got, len, got + len, got) == 1);
  CHECK_MEM(got, pt, len, "open in place");
  /* Any flipped bit in the ciphertext, tag or aad fails, and releases nothing. */
  for (size_t bit = 0; bit < 8 * (len + 16 + aadlen); bit += 7) {
    memcpy(got, want, len);
    memcpy(got + len, wtag, 16);
    memcpy(got + len + 16, aad, aadlen);
    got[bit / 8] ^= (uint8_t)(1u << (bit % 8));
    memset(back, 0x55, len);
    CHECK(ts_chacha20poly1305_open(&c, nonce, got + len + 16, aadlen, got, len, got + len, back) == 0);
    CHECK_MEM(back, ZEROS, len, "no plaintext on failure");
  }
  ts_chacha20poly1305_wipe(&c);
}

TS_TEST(aead_rfc8439) {
  /* §2.8.2 */
  check_aead("808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9f", "070000004041424344454647",
             "50515253c0c1c2c3c4c5c6c7", (const uint8_t *)SUNSCREEN, strlen(SUNSCREEN),
             "d31a8d34648e60db7b86afbc53ef7ec2a4aded51296e08fea9e2b5a736ee62d6"
             "3dbea45e8ca9671282fafb69da92728b1a71de0a9e060b2905d6a5b67ecd3b36"
             "92ddbd7f2d778b8c9803aee328091b58fab324e4fad675945585808b4831d7bc"
             "3ff4def08e4b7a9de576d26586cec64b6116",
             "1ae10b594f09e26a7e902ecbd0600691");
  /* A.5: decrypt, then re-encrypting what came out must give the ciphertext back. */
  const char *ct5 =
      "64a0861575861af460f062c79be643bd5e805cfd345cf389f108670ac76c8cb2"
      "4c6cfc18755d43eea09ee94e382d26b0bdb7b73c321b0100d4f03b7f355894cf"
      "332f830e710b97ce98c8a84abd0b948114ad176e008d33bd60f982b1ff37c855"
      "9797a06ef4f0ef61c186324e2b3506383606907b6a7c02b0f9f6157b53c867e4"
      "b9166c767b804d46a59b5216cde7a4e99040c5a40433225ee282a1b0a06c523e"
      "af4534d7f83fa1155b0047718cbc546a0d072b04b3564eea1b422273f548271a"
      "0bb2316053fa76991955ebd63159434ecebb4e466dae5a1073a6727627097a10"
      "49e617d91d361094fa68f0ff77987130305beaba2eda04df997b714d6c6f2c29"
      "a6ad5cb4022b02709b";
  uint8_t key[32], nonce[12], aad[12], ct[300], tag[16], pt[300];
  ts_unhex("1c9240a5eb55d38af333888604f6b5f0473917c1402b80099dca5cbc207075c0", key, 32);
  ts_unhex("000000000102030405060708", nonce, 12);
  ts_unhex("f33388860000000000004e91", aad, 12);
  size_t len = ts_unhex(ct5, ct, sizeof ct);
  ts_unhex("eead9d67890cbb22392336fea1851f38", tag, 16);
  ts_chacha20poly1305_ctx c;
  ts_chacha20poly1305_init(&c, key);
  CHECK(ts_chacha20poly1305_open(&c, nonce, aad, 12, ct, len, tag, pt) == 1);
  CHECK(len == 265 && memcmp(pt, "Internet-Drafts are draft documents valid for a maximum of six months", 69) == 0);
  check_aead("1c9240a5eb55d38af333888604f6b5f0473917c1402b80099dca5cbc207075c0", "000000000102030405060708",
             "f33388860000000000004e91", pt, len, ct5, "eead9d67890cbb22392336fea1851f38");
}

/* Every ChaCha20 implementation against the portable one on the same random input, at every
 * length 0..600 and some large ones, with random counters and counters about to wrap. */
TS_TEST(chacha20_cross_check) {
  enum { MAX = 70000 };
  uint8_t *in = malloc(MAX), *want = malloc(MAX + 1), *got = malloc(MAX + 1);
  uint64_t seed = 7;
  chacha_impl impls[4];
  size_t ni = chacha_impls(impls);
  static const size_t large[] = {1024, 4096, 4096 + 17, 16384, 16384 + 511, 65536 + 3, MAX};
  for (size_t t = 0; t < 601 + sizeof large / sizeof large[0]; t++) {
    size_t len = t <= 600 ? t : large[t - 601];
    uint8_t kb[32 + 12 + 4];
    uint32_t k[8], n[3], counter;
    ts_test_bytes(&seed, kb, sizeof kb);
    ts_test_bytes(&seed, in, len);
    ts_chacha20_load_key(k, kb);
    ts_chacha20_load_nonce(n, kb + 32);
    memcpy(&counter, kb + 44, 4);
    if (t % 5 == 0) counter = 0xfffffffdu; /* wraps mod 2^32 inside the message */
    ts_chacha20_xor_generic(want, in, len, k, counter, n);
    for (size_t i = 1; i < ni; i++) {
      got[len] = 0x5a;
      impls[i].fn(got, in, len, k, counter, n);
      CHECK_MEM(got, want, len, impls[i].name);
      CHECK(got[len] == 0x5a);
      memcpy(got, in, len); /* in place */
      impls[i].fn(got, got, len, k, counter, n);
      CHECK_MEM(got, want, len, impls[i].name);
    }
    /* Split into pieces at block boundaries gives the same stream. */
    if (len > 192) {
      size_t cut = 64 * (1 + len / 192);
      ts_chacha20_xor(got, in, cut, k, counter, n);
      ts_chacha20_xor(got + cut, in + cut, len - cut, k, counter + (uint32_t)(cut / 64), n);
      CHECK_MEM(got, want, len, "split");
    }
  }
  free(in);
  free(want);
  free(got);
}

/* Poly1305 blocks implementations against the portable one, and the AEAD: seal then open. */
TS_TEST(poly1305_cross_check) {
  enum { MAX = 70000 };
  uint8_t *msg = malloc(MAX), *buf = malloc(MAX + 16), *back = malloc(MAX);
  uint64_t seed = 11;
  poly_impl impls[4];
  size_t ni = poly_impls(impls);
  static const size_t large[] = {1024, 4096 + 17, 16384, 65536 + 3, MAX};
  ts_poly1305_blocks_fn *saved = ts_poly1305_blocks;
  for (size_t t = 0; t < 601 + sizeof large / sizeof large[0]; t++) {
    size_t len = t <= 600 ? t : large[t - 601];
    uint8_t key[32], want[16], got[16], nonce[12], aad[40];
    ts_test_bytes(&seed, key, 32);
    if (t % 7 == 0) memset(key, 0xff, 16); /* r at its clamped maximum */
    ts_test_bytes(&seed, msg, len);
    if (t % 3 == 0) memset(msg, 0xff, len); /* carries everywhere */
    ts_poly1305_blocks = ts_poly1305_blocks_generic;
    ts_poly1305(want, key, msg, len);
    for (size_t i = 1; i < ni; i++) {
      ts_poly1305_blocks = impls[i].fn;
      ts_poly1305(got, key, msg, len);
      CHECK_MEM(got, want, 16, impls[i].name);
      /* Odd split: the buffered path then the bulk path. */
      ts_poly1305_ctx c;
      ts_poly1305_init(&c, key);
      ts_poly1305_update(&c, msg, len / 3);
      ts_poly1305_update(&c, msg + len / 3, len - len / 3);
      ts_poly1305_final(&c, got);
      CHECK_MEM(got, want, 16, "split");
    }
    ts_poly1305_blocks = saved;
    ts_test_bytes(&seed, nonce, 12);
    ts_test_bytes(&seed, aad, sizeof aad);
    size_t aadlen = t % (sizeof aad + 1);
    ts_chacha20poly1305_ctx c;
    ts_chacha20poly1305_init(&c, key);
    CHECK(ts_chacha20poly1305_seal(&c, nonce, aad, aadlen, msg, len, buf, buf + len) == 1);
    CHECK(ts_chacha20poly1305_open(&c, nonce, aad, aadlen, buf, len, buf + len, back) == 1);
    CHECK_MEM(back, msg, len, "aead round trip");
  }
  ts_poly1305_blocks = saved;
  free(msg);
  free(buf);
  free(back);
}

/* Constant time: key, plaintext and tag are secret; under valgrind any branch or index on them
 * is reported. Every implementation of each piece runs here. */
TS_TEST(ct_chacha) {
  static const size_t lens[] = {0, 1, 15, 16, 63, 64, 65, 200, 255, 256, 257, 511, 512, 513, 1000, 2048 + 33};
  uint8_t key[32], nonce[12], aad[21], pt[2100], ct[2100 + 16], back[2100], tag[16];
  uint64_t seed = 99;
  chacha_impl ci[4];
  poly_impl pi[4];
  size_t nci = chacha_impls(ci), npi = poly_impls(pi);
  ts_chacha20_xor_fn *saved_c = ts_chacha20_xor;
  ts_poly1305_blocks_fn *saved_p = ts_poly1305_blocks;
  for (size_t l = 0; l < sizeof lens / sizeof lens[0]; l++) {
    size_t len = lens[l];
    for (size_t i = 0; i < nci; i++) {
      for (size_t j = 0; j < npi; j++) {
        ts_chacha20_xor = ci[i].fn;
        ts_poly1305_blocks = pi[j].fn;
        ts_test_bytes(&seed, key, 32);
        ts_test_bytes(&seed, nonce, 12);
        ts_test_bytes(&seed, aad, sizeof aad);
        ts_test_bytes(&seed, pt, len);
        ts_secret(key, 32);
        ts_secret(pt, len);
        ts_chacha20poly1305_ctx c;
        ts_chacha20poly1305_init(&c, key);
        ts_chacha20poly1305_seal(&c, nonce, aad, sizeof aad, pt, len, ct, ct + len);
        /* The ciphertext goes on the wire; the tag we then treat as a secret input to open. */
        ts_declassify(ct, len);
        ts_secret(ct + len, 16);
        int ok = ts_chacha20poly1305_open(&c, nonce, aad, sizeof aad, ct, len, ct + len, back);
        ts_declassify(&ok, sizeof ok);
        CHECK(ok == 1);
        CHECK_MEM(back, pt, len, "ct round trip");
        ct[len] ^= 1; /* a bad tag takes the same path */
        ok = ts_chacha20poly1305_open(&c, nonce, aad, sizeof aad, ct, len, ct + len, back);
        ts_declassify(&ok, sizeof ok);
        CHECK(ok == 0);
        /* Raw Poly1305 with a secret key and message, streamed unevenly. */
        ts_poly1305_ctx p;
        ts_poly1305_init(&p, key);
        ts_poly1305_update(&p, pt, len / 2);
        ts_poly1305_update(&p, pt + len / 2, len - len / 2);
        ts_poly1305_final(&p, tag);
        ts_declassify(tag, 16);
        ts_chacha20poly1305_wipe(&c);
        ts_declassify(key, 32);
        ts_declassify(pt, len);
      }
    }
  }
  ts_chacha20_xor = saved_c;
  ts_poly1305_blocks = saved_p;
}
