/* ML-KEM-768: known answers from the Wycheproof/FIPS 203 vectors (the "official round 3
 * seeds" keys, their encapsulation, a bit-flipped ciphertext that takes the implicit-rejection
 * path), round trips, the §7.2 and §7.3 input checks, and constant time. */
#include "keccak.h"
#include "mlkem.h"
#include "test.h"

#if defined(TS_VALGRIND_CT)
/* The core calls this on values that are public by definition (rho, the dk hash check). */
void ts_mlkem_public_hook(const void *p, size_t n) { VALGRIND_MAKE_MEM_DEFINED(p, n); }
#endif

static void check_sha3(const uint8_t *p, size_t n, const char *hex, const char *what) {
  uint8_t got[32], want[32];
  ts_sha3_256(got, p, n);
  ts_unhex(hex, want, sizeof want);
  CHECK_MEM(got, want, 32, what);
}

static void check_hex(const uint8_t *p, size_t n, const char *hex, const char *what) {
  uint8_t want[64];
  CHECK(ts_unhex(hex, want, sizeof want) == n);
  CHECK_MEM(p, want, n, what);
}

/* Wycheproof mlkem_768_keygen_seed_test.json tcId 1 and 2 (seed = d || z); the expected ek and
 * dk are given by their SHA3-256. Then mlkem_768_encaps_test.json tcId 14 and 15 (the same
 * keys) and mlkem_768_test.json tcId 2 (decapsulation of tcId 14's ciphertext). */
TS_TEST(mlkem768_known_answers) {
  static const struct {
    const char *seed, *ek_sha3, *dk_sha3, *m, *ct_sha3, *k;
  } v[2] = {
      {"7c9935a0b07694aa0c6d10e4db6b1add2fd81a25ccb148032dcd739936737f2d"
       "8626ed79d451140800e03b59b956f8210e556067407d13dc90fa9e8b872bfb8f",
       "f57262661358cde8d3ebf990e5fd1d5b896c992ccfaadb5256b68bbf5943b132",
       "7deef44965b03d76de543ad6ef9e74a2772fa5a9fa0e761120dac767cf0152ef",
       "147c03f7a5bebba406c8fae1874d7f13c80efe79a3a9a874cc09fe76f6997615",
       "6e777e2cf8054659136a971d9e70252f301226930c19c470ee0688163a63c15b",
       "e7184a0975ee3470878d2d159ec83129c8aec253d4ee17b4810311d198cd0368"},
      {"d60b93492a1d8c1c7ba6fc0b733137f3406cee8110a93f170e7a78658af326d9"
       "003271531cf27285b8721ed5cb46853043b346a66cba6cf765f1b0eaa40bf672",
       "7b00751eb9b1253231213f8a14f06f0fe1b7a4fdb7d1cfe44c161e577e5e8f0a",
       "3a8c009e8e648ac572d5592e4a92907fae0c1767be41c544b59dc3ffe61f7ded",
       "cde797df8ce67231f6c5d15811843e01eb2ab84c7490931240822adbddd72046",
       "bce1bf3450f574130b9561ee11565fa41d599d05d2136f10ad2c013eb5d13ca9",
       NULL},
  };
  for (int i = 0; i < 2; i++) {
    uint8_t seed[64], m[32], ek[TS_MLKEM768_EK_LEN], dk[TS_MLKEM768_DK_LEN];
    uint8_t ct[TS_MLKEM768_CT_LEN], k[32], k2[32];
    ts_unhex(v[i].seed, seed, sizeof seed);
    ts_unhex(v[i].m, m, sizeof m);
    ts_mlkem768_keygen_derand(seed, seed + 32, ek, dk);
    check_sha3(ek, sizeof ek, v[i].ek_sha3, "keygen ek");
    check_sha3(dk, sizeof dk, v[i].dk_sha3, "keygen dk");
    CHECK(ts_mlkem768_ek_check(ek));
    CHECK(ts_mlkem768_dk_check(dk));
    CHECK(ts_mlkem768_encaps_derand(ek, m, ct, k) == 1);
    check_sha3(ct, sizeof ct, v[i].ct_sha3, "encaps ciphertext");
    if (v[i].k) check_hex(k, 32, v[i].k, "encaps K");
    CHECK(ts_mlkem768_decaps(dk, ct, k2) == 1);
    CHECK_MEM(k2, k, 32, "decaps K");
  }
}

/* mlkem_768_test.json tcId 152: a bit-flipped ciphertext; the expected K is J(z || c). */
TS_TEST(mlkem768_implicit_rejection_known_answer) {
  static const char *seed_hex =
      "b48adb659aa166819721b61fa815b332ff5603e8b6733ac4c0dfc24a77aef376"
      "91376ac7486036995c3088f66641357cbb4b78df57965db17ba4a4c561da976b";
  static const char *ct_hex =
    "2c3950af249007129e7d7af3f435503bacf70f70936005d594d520a5a326f30908696a20c2a5c16597496d4338dc321f"
    "4a8244226a22545eaa4389c7a9f651d5ae287ac7be48acebf87e9c8a2b947faff342b025712891544a274be1d2b7d4c4"
    "27d0d5c49ca25e02668e5ba06ea55b689a91951f6c99c1378a1e6cffd7d9f49680621ae85c9a8b5a547e6d8884262b22"
    "98d92b31fd61499198ffb031d488507bfd494e582af632d0a237cd9e9d5d079b7068298845ce47a097277b4253acc239"
    "d2dc1c708cbdb694158973494512e8f7ea9650086c58e5a6071bbdec04ca9a6613e3b9c433cdff0d441d2df4392bfbee"
    "0fa3e8fe153cc45c1489c031561cc228f104e5797bd4125f4cf2f2753dee2e1cbb279bcc85da4536d6e9af384ed1e14e"
    "95c71dc3b32396330972206c2f96a74f85c97a639a7103e7c221de65821c2d3f88b48664eb1deb0a321703c3bbaca3f5"
    "0d2b05d3f2b4ef379c463cb528ff2e9491cb6b9101bc4cb4b93c5f1a60212dd8ef6f8d30d642f0e505f2c9094381aabb"
    "3b3f79037eccbc136e9a2eec082b3a4a558465b877fcd847403bc173100e50e9ed47c4e6205207143d98bfd7be4a4037"
    "e36aeeb1ff96dcf257725868c0ef138cacc2fab33cad86cf6dde9d71ec843fcb7f124e956b92e2162b962123d2e6e999"
    "864fecb1d683c3d779c8fa6487f71277d3257c0c1ad29d51d0327bd3b32e55aab71cbfdb372d4621d6dd2604c5de323d"
    "a32b4705e90d2cdcc45b22fb5e960ee6ece08259bbfd8f772fc6638d7eb48ac6496f67f2cd453cca693a6673421944fc"
    "db226c2b5cbaac92dd054d2820d987e34f3caf617ed6a9ec03f35d17ce52e25b6f1999f57cb1ae69001e75652e656c02"
    "ca8ae0f06b4f99447805c4d71d6adb283696bbd566a5602808fa6036a7bd7c636ed4bf7a3a035f941b058287cd7b4002"
    "77dde91a8580222fe03b00249abc1d3f6cbb4029c63671e1cb5cc145e3d7222751579cbaac7187080e4e75ea48e3a1bd"
    "7ab51d1328565601944e5363e243e173ff70efa17293bc1f0fdf4458d67c4b0f40e129593a607126413bf4a006c7d6d3"
    "1f130f6e4c64e9ab20727f05f66fecb90513fc589a54b5589ed3d06e37188f7f42ddf7ef4b5e1b902009c2f239f9af5b"
    "2cd19013cc487aa3a3d7b23dfedaad47340bc4b11cad33c8f335a5246db8d71117722167a3908f2519894d457fc762f0"
    "d435d550ac97e394be75a647b676648b3e8defef1a951974492ee5ad6a813ef642963b86c3c866c6d331b9e2c400552a"
    "8540b01c5f9a58f506cfc7181c91e4308854e839433dbfe89be00cad46f477c75fd95cdc0ada28dd6530ad75aa0ed65d"
    "af029339cca77505c7b65de647d316c630837f0e5ab6bd4d9c4497f91311fb412445f7120cbfc2bf7f8001dd7e456280"
    "dfb8b0122195761a7d1f8a927ecb6e2b090fccd33e6c49a56f6e80048f8e7b09a3a3d50db70a561f4aab2d730cf7864d"
    "e24a2ce926b0c359a2145cbcb44db12ebde465521aa34269d5ca81a918f556e2";
  uint8_t seed[64], ek[TS_MLKEM768_EK_LEN], dk[TS_MLKEM768_DK_LEN], ct[TS_MLKEM768_CT_LEN], k[32];
  ts_unhex(seed_hex, seed, sizeof seed);
  CHECK(ts_unhex(ct_hex, ct, sizeof ct) == sizeof ct);
  ts_mlkem768_keygen_derand(seed, seed + 32, ek, dk);
  CHECK(ts_mlkem768_decaps(dk, ct, k) == 1);
  check_hex(k, 32, "cefc2442a375c0a9468db9b9ffd5c5a08f178a187a943a6875afd9cc20ffcead", "K-bar");
}

/* Random keys: decapsulation recovers the encapsulated secret; a modified ciphertext gives
 * J(z || c') instead, deterministically. */
TS_TEST(mlkem768_round_trips) {
  uint64_t seed = 2024;
  for (int iter = 0; iter < 20; iter++) {
    uint8_t dz[64], m[32], ek[TS_MLKEM768_EK_LEN], dk[TS_MLKEM768_DK_LEN];
    uint8_t ct[TS_MLKEM768_CT_LEN], k[32], k2[32], kbar[32], jin[32 + TS_MLKEM768_CT_LEN];
    ts_test_bytes(&seed, dz, sizeof dz);
    ts_test_bytes(&seed, m, sizeof m);
    ts_mlkem768_keygen_derand(dz, dz + 32, ek, dk);
    CHECK(ts_mlkem768_encaps_derand(ek, m, ct, k) == 1);
    CHECK(ts_mlkem768_decaps(dk, ct, k2) == 1);
    CHECK_MEM(k2, k, 32, "round trip");
    size_t pos = (size_t)(iter * 97) % sizeof ct;
    ct[pos] ^= (uint8_t)(1u << (iter & 7));
    CHECK(ts_mlkem768_decaps(dk, ct, k2) == 1);
    memcpy(jin, dz + 32, 32);
    memcpy(jin + 32, ct, sizeof ct);
    ts_shake256(kbar, 32, jin, sizeof jin);
    CHECK_MEM(k2, kbar, 32, "implicit rejection");
    CHECK(memcmp(k2, k, 32) != 0);
  }
  /* The randomised entry points. */
  uint8_t ek[TS_MLKEM768_EK_LEN], dk[TS_MLKEM768_DK_LEN], ct[TS_MLKEM768_CT_LEN], k[32], k2[32];
  CHECK(ts_mlkem768_keygen(ek, dk) == 1);
  CHECK(ts_mlkem768_encaps(ek, ct, k) == 1);
  CHECK(ts_mlkem768_decaps(dk, ct, k2) == 1);
  CHECK_MEM(k2, k, 32, "random round trip");
}

/* §7.2: a coefficient equal to q (or 4095) fails the modulus check, q - 1 passes; §7.3: a dk
 * whose embedded ek does not hash to the stored H(ek) is refused. */
TS_TEST(mlkem768_input_checks) {
  uint8_t dz[64] = {1, 2, 3}, m[32] = {4}, ek[TS_MLKEM768_EK_LEN], dk[TS_MLKEM768_DK_LEN];
  uint8_t ct[TS_MLKEM768_CT_LEN], k[32];
  ts_mlkem768_keygen_derand(dz, dz + 32, ek, dk);
  static const size_t where[3] = {0, 1, 767}; /* of the 768 coefficients */
  for (int w = 0; w < 3; w++) {
    for (unsigned val = 3328; val <= 4095; val += (val < 3330 ? 1 : 765)) {
      uint8_t bad[TS_MLKEM768_EK_LEN];
      memcpy(bad, ek, sizeof bad);
      size_t p = where[w] / 2 * 3; /* coefficient where[w] lives in bytes p..p+2 */
      if (where[w] % 2 == 0) {
        bad[p] = (uint8_t)val;
        bad[p + 1] = (uint8_t)((bad[p + 1] & 0xf0) | (val >> 8));
      } else {
        bad[p + 1] = (uint8_t)((bad[p + 1] & 0x0f) | ((val & 0x0f) << 4));
        bad[p + 2] = (uint8_t)(val >> 4);
      }
      int want = val < 3329;
      CHECK(ts_mlkem768_ek_check(bad) == want);
      memset(ct, 0xaa, sizeof ct);
      CHECK(ts_mlkem768_encaps_derand(bad, m, ct, k) == want);
    }
  }
  uint8_t bad[TS_MLKEM768_DK_LEN];
  static const size_t flips[3] = {1152, 1152 + 1183, 1152 + 1184 + 31};
  for (int f = 0; f < 3; f++) {
    memcpy(bad, dk, sizeof bad);
    bad[flips[f]] ^= 0x10;
    CHECK(ts_mlkem768_dk_check(bad) == 0);
    CHECK(ts_mlkem768_decaps(bad, ct, k) == 0);
  }
  /* dk_pke and z are not covered by the hash: changing them is not detected there. */
  memcpy(bad, dk, sizeof bad);
  bad[0] ^= 1;
  bad[TS_MLKEM768_DK_LEN - 1] ^= 1;
  CHECK(ts_mlkem768_dk_check(bad) == 1);
}

/* Constant time: d, z, m and the whole decapsulation key are secret through key generation,
 * encapsulation, and decapsulation of a valid and of a rejected ciphertext. Only ek, the
 * ciphertext (public outputs) and the shared secrets (at the end) are declassified. */
TS_TEST(ct_mlkem) {
  uint8_t dz[64], m[32], ek[TS_MLKEM768_EK_LEN], dk[TS_MLKEM768_DK_LEN];
  uint8_t ct[TS_MLKEM768_CT_LEN], k[32], k2[32], k3[32];
  uint64_t seed = 77;
  ts_test_bytes(&seed, dz, sizeof dz);
  ts_test_bytes(&seed, m, sizeof m);
  ts_secret(dz, sizeof dz);
  ts_secret(m, sizeof m);
  ts_mlkem768_keygen_derand(dz, dz + 32, ek, dk);
  ts_declassify(ek, sizeof ek);
  CHECK(ts_mlkem768_encaps_derand(ek, m, ct, k) == 1);
  ts_declassify(ct, sizeof ct);
  ts_secret(dk, sizeof dk);
  CHECK(ts_mlkem768_decaps(dk, ct, k2) == 1);
  ct[5] ^= 1;
  CHECK(ts_mlkem768_decaps(dk, ct, k3) == 1);
  ts_declassify(k, sizeof k);
  ts_declassify(k2, sizeof k2);
  ts_declassify(k3, sizeof k3);
  CHECK(memcmp(k, k2, 32) == 0);
  CHECK(memcmp(k, k3, 32) != 0);
}

/* The dispatched NTTs are bit-identical to the portable ones over their whole input range
 * (|c| < q), including the extremes. */
TS_TEST(mlkem_ntt_matches_generic) {
  uint64_t seed = 4242;
  for (int iter = 0; iter < 200; iter++) {
    int16_t a[256], b[256];
    uint8_t r[512];
    ts_test_bytes(&seed, r, sizeof r);
    for (int i = 0; i < 256; i++) {
      uint16_t x = (uint16_t)(r[2 * i] | r[2 * i + 1] << 8);
      a[i] = (int16_t)((int)(x % 6657) - 3328); /* -(q-1) .. q-1 */
      if (iter == 0) a[i] = (int16_t)(i & 1 ? 3328 : -3328);
    }
    memcpy(b, a, sizeof a);
    ts_mlkem_ntt(a);
    ts_mlkem_ntt_generic(b);
    CHECK(memcmp(a, b, sizeof a) == 0);
    for (int i = 0; i < 256; i++) a[i] = b[i] = (int16_t)((int)((r[i] * 131u + (unsigned)i * 977u) % 6657) - 3328);
    ts_mlkem_invntt(a);
    ts_mlkem_invntt_generic(b);
    CHECK(memcmp(a, b, sizeof a) == 0);
  }
  /* The pair is the identity up to the factor 2^16 that invntt folds in. */
  int16_t f[256], g[256];
  for (int i = 0; i < 256; i++) f[i] = g[i] = (int16_t)(i * 13 % 3329 - 1664);
  ts_mlkem_ntt(g);
  for (int i = 0; i < 256; i++) g[i] = (int16_t)(g[i] % 3329); /* |g| < q for invntt */
  ts_mlkem_invntt(g);
  for (int i = 0; i < 256; i++) {
    int want = (int)((int64_t)f[i] * 65536 % 3329), got = g[i] % 3329;
    CHECK(((want - got) % 3329 + 3329) % 3329 == 0);
  }
}
