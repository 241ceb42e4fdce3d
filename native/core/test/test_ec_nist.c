/* NIST P-256/384/521: RFC 6979 Appendix A.2.5-A.2.7 known answers (deterministic nonces, with
 * the hedge off), public keys from private keys, small multiples of G, compressed points, ECDH
 * agreement, DER round trips, rejection of bad points and keys, and a constant-time test. */
#include "ec_nist.h"
#include "hash.h"
#include "test.h"

typedef struct {
  ts_ec_curve curve;
  const char *x, *ux, *uy;
} rfc_key;

static const rfc_key KEYS[3] = {
    {TS_EC_P256, "c9afa9d845ba75166b5c215767b1d6934e50c3db36e89b127b8a622b120f6721",
     "60fed4ba255a9d31c961eb74c6356d68c049b8923b61fa6ce669622e60f29fb6",
     "7903fe1008b8bc99a41ae9e95628bc64f2f1b20c2d7e9f5177a3c294d4462299"},
    {TS_EC_P384,
     "6b9d3dad2e1b8c1c05b19875b6659f4de23c3b667bf297ba9aa47740787137d896d5724e4c70a825f872c9ea60d2edf5",
     "ec3a4e415b4e19a4568618029f427fa5da9a8bc4ae92e02e06aae5286b300c64def8f0ea9055866064a254515480bc13",
     "8015d9b72d7d57244ea8ef9ac0c621896708a59367f9dfb9f54ca84b3f1c9db1288b231c3ae0d4fe7344fd2533264720"},
    {TS_EC_P521,
     "00fad06daa62ba3b25d2fb40133da757205de67f5bb0018fee8c86e1b68c7e75caa896eb32f1f47c70855836a6d16fcc1466f6d8fbec67db89ec0c08b0e996b83538",
     "01894550d0785932e00eaa23b694f213f8c3121f86dc97a04e5a7167db4e5bcd371123d46e45db6b5d5370a7f20fb633155d38ffa16d2bd761dcac474b9a2f5023a4",
     "00493101c962cd4d2fddf782285e64584139c2f91b47f87ff82354d6630f746a28a0db25741b5b34a828008b22acc23f924faafbd4d33f81ea66956dfeaa2bfdfcf5"},
};

typedef struct {
  ts_ec_curve curve;
  ts_hash_alg hash;
  const char *msg, *r, *s;
} rfc_sig;

static const rfc_sig SIGS[] = {
    {TS_EC_P256, TS_HASH_SHA256, "sample", "efd48b2aacb6a8fd1140dd9cd45e81d69d2c877b56aaf991c34d0ea84eaf3716",
     "f7cb1c942d657c41d436c7a1b6e29f65f3e900dbb9aff4064dc4ab2f843acda8"},
    {TS_EC_P256, TS_HASH_SHA256, "test", "f1abb023518351cd71d881567b1ea663ed3efcf6c5132b354f28d3b0b7d38367",
     "019f4113742a2b14bd25926b49c649155f267e60d3814b4c0cc84250e46f0083"},
    {TS_EC_P256, TS_HASH_SHA512, "sample", "8496a60b5e9b47c825488827e0495b0e3fa109ec4568fd3f8d1097678eb97f00",
     "2362ab1adbe2b8adf9cb9edab740ea6049c028114f2460f96554f61fae3302fe"},
    {TS_EC_P384, TS_HASH_SHA384, "sample",
     "94edbb92a5ecb8aad4736e56c691916b3f88140666ce9fa73d64c4ea95ad133c81a648152e44acf96e36dd1e80fabe46",
     "99ef4aeb15f178cea1fe40db2603138f130e740a19624526203b6351d0a3a94fa329c145786e679e7b82c71a38628ac8"},
    {TS_EC_P384, TS_HASH_SHA384, "test",
     "8203b63d3c853e8d77227fb377bcf7b7b772e97892a80f36ab775d509d7a5feb0542a7f0812998da8f1dd3ca3cf023db",
     "ddd0760448d42d8a43af45af836fce4de8be06b485e9b61b827c2f13173923e06a739f040649a667bf3b828246baa5a5"},
    {TS_EC_P384, TS_HASH_SHA256, "sample",
     "21b13d1e013c7fa1392d03c5f99af8b30c570c6f98d4ea8e354b63a21d3daa33bde1e888e63355d92fa2b3c36d8fb2cd",
     "f3aa443fb107745bf4bd77cb3891674632068a10ca67e3d45db2266fa7d1feebefdc63eccd1ac42ec0cb8668a4fa0ab0"},
    {TS_EC_P384, TS_HASH_SHA512, "sample",
     "ed0959d5880ab2d869ae7f6c2915c6d60f96507f9cb3e047c0046861da4a799cfe30f35cc900056d7c99cd7882433709",
     "512c8cceee3890a84058ce1e22dbc2198f42323ce8aca9135329f03c068e5112dc7cc3ef3446defceb01a45c2667fdd5"},
    {TS_EC_P521, TS_HASH_SHA512, "sample",
     "00c328fafcbd79dd77850370c46325d987cb525569fb63c5d3bc53950e6d4c5f174e25a1ee9017b5d450606add152b534931d7d4e8455cc91f9b15bf05ec36e377fa",
     "00617cce7cf5064806c467f678d3b4080d6f1cc50af26ca209417308281b68af282623eaa63e5b5c0723d8b8c37ff0777b1a20f8ccb1dccc43997f1ee0e44da4a67a"},
    {TS_EC_P521, TS_HASH_SHA384, "sample",
     "01ea842a0e17d2de4f92c15315c63ddf72685c18195c2bb95e572b9c5136ca4b4b576ad712a52be9730627d16054ba40cc0b8d3ff035b12ae75168397f5d50c67451",
     "01f21a3cee066e1961025fb048bd5fe2b7924d0cd797babe0a83b66f1e35eeaf5fde143fa85dc394a7dee766523393784484bdf3e00114a1c857cde1aa203db65d61"},
    {TS_EC_P521, TS_HASH_SHA256, "sample",
     "01511bb4d675114fe266fc4372b87682baecc01d3cc62cf2303c92b3526012659d16876e25c7c1e57648f23b73564d67f61c6f14d527d54972810421e7d87589e1a7",
     "004a171143a83163d6df460aaf61522695f207a58b95c0644d87e52aa1a347916e4f7a72930b1bc06dbe22ce3f58264afd23704cbb63b29b931f7de6c9d949a7ecfc"},
};

static const rfc_key *key_of(ts_ec_curve c) { return &KEYS[c]; }

static void load_pub(const rfc_key *k, uint8_t *pub) {
  size_t fl = ts_ec_scalar_len(k->curve);
  pub[0] = 4;
  ts_unhex(k->ux, pub + 1, fl);
  ts_unhex(k->uy, pub + 1 + fl, fl);
}

TS_TEST(ec_rfc6979_public_keys) {
  for (int i = 0; i < 3; i++) {
    const rfc_key *k = &KEYS[i];
    uint8_t x[66], want[133], got[133];
    size_t fl = ts_ec_scalar_len(k->curve);
    ts_unhex(k->x, x, fl);
    load_pub(k, want);
    CHECK(ts_ec_public_key(k->curve, x, got) == TS_EC_OK);
    CHECK_MEM(got, want, 1 + 2 * fl, "public key");
    CHECK(ts_ec_point_check(k->curve, want, 1 + 2 * fl) == 1);
  }
}

TS_TEST(ec_rfc6979_signatures) {
  for (size_t i = 0; i < sizeof SIGS / sizeof SIGS[0]; i++) {
    const rfc_sig *v = &SIGS[i];
    const rfc_key *k = key_of(v->curve);
    size_t fl = ts_ec_scalar_len(v->curve);
    uint8_t x[66], pub[133], h[64], want[132], got[132], der[TS_EC_MAX_DER], back[132];
    ts_unhex(k->x, x, fl);
    load_pub(k, pub);
    ts_hash(v->hash, v->msg, strlen(v->msg), h);
    size_t hl = ts_hash_len(v->hash);
    ts_unhex(v->r, want, fl);
    ts_unhex(v->s, want + fl, fl);
    CHECK(ts_ecdsa_sign_ex(v->curve, x, h, hl, NULL, 0, got) == TS_EC_OK);
    CHECK_MEM(got, want, 2 * fl, v->r);
    CHECK(ts_ecdsa_verify(v->curve, pub, 1 + 2 * fl, h, hl, want) == 1);
    /* hedged signatures differ from the deterministic one but verify */
    CHECK(ts_ecdsa_sign(v->curve, x, h, hl, got) == TS_EC_OK);
    CHECK(memcmp(got, want, 2 * fl) != 0);
    CHECK(ts_ecdsa_verify(v->curve, pub, 1 + 2 * fl, h, hl, got) == 1);
    /* DER round trip; a flipped digest bit or signature bit fails */
    size_t dl = ts_ecdsa_der_encode(v->curve, want, der);
    CHECK(dl <= TS_EC_MAX_DER);
    CHECK(ts_ecdsa_der_decode(v->curve, der, dl, back) == 1);
    CHECK_MEM(back, want, 2 * fl, "der round trip");
    CHECK(ts_ecdsa_der_decode(v->curve, der, dl - 1, back) == 0);
    h[0] ^= 1;
    CHECK(ts_ecdsa_verify(v->curve, pub, 1 + 2 * fl, h, hl, want) == 0);
    h[0] ^= 1;
    want[2 * fl - 1] ^= 1;
    CHECK(ts_ecdsa_verify(v->curve, pub, 1 + 2 * fl, h, hl, want) == 0);
  }
}

/* 1*G = G, 2*G, (n-1)*G = -G through both the fixed-base and the variable-base paths. */
TS_TEST(ec_small_multiples) {
  static const struct {
    ts_ec_curve c;
    const char *n1, *g2x, *g2y;
  } V[] = {
      {TS_EC_P256, "ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632550",
       "7cf27b188d034f7e8a52380304b51ac3c08969e277f21b35a60b48fc47669978",
       "07775510db8ed040293d9ac69f7430dbba7dade63ce982299e04b79d227873d1"},
      {TS_EC_P384,
       "ffffffffffffffffffffffffffffffffffffffffffffffffc7634d81f4372ddf581a0db248b0a77aecec196accc52972",
       "08d999057ba3d2d969260045c55b97f089025959a6f434d651d207d19fb96e9e4fe0e86ebe0e64f85b96a9c75295df61",
       "8e80f1fa5b1b3cedb7bfe8dffd6dba74b275d875bc6cc43e904e505f256ab4255ffd43e94d39e22d61501e700a940e80"},
      {TS_EC_P521,
       "01fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffa51868783bf2f966b7fcc0148f709a5d03bb5c9b8899c47aebb6fb71e91386408",
       NULL, NULL},
  };
  for (size_t i = 0; i < 3; i++) {
    ts_ec_curve c = V[i].c;
    size_t fl = ts_ec_scalar_len(c), pl = 1 + 2 * fl;
    uint8_t k[66], g[133], t[133], u[133];
    memset(k, 0, fl);
    k[fl - 1] = 1;
    CHECK(ts_ec_public_key(c, k, g) == TS_EC_OK);
    CHECK(ts_ec_scalar_mult(c, k, g, pl, t) == TS_EC_OK);
    CHECK_MEM(t, g, pl, "1*G");
    k[fl - 1] = 2;
    CHECK(ts_ec_public_key(c, k, t) == TS_EC_OK);
    CHECK(ts_ec_scalar_mult(c, k, g, pl, u) == TS_EC_OK);
    CHECK_MEM(t, u, pl, "2*G both ways");
    if (V[i].g2x) {
      uint8_t want[133];
      want[0] = 4;
      ts_unhex(V[i].g2x, want + 1, fl);
      ts_unhex(V[i].g2y, want + 1 + fl, fl);
      CHECK_MEM(t, want, pl, "2*G");
    }
    ts_unhex(V[i].n1, k, fl);
    CHECK(ts_ec_public_key(c, k, t) == TS_EC_OK);
    CHECK(ts_ec_scalar_mult(c, k, g, pl, u) == TS_EC_OK);
    CHECK_MEM(t, u, pl, "(n-1)*G both ways");
    CHECK_MEM(t + 1, g + 1, fl, "(n-1)*G has G's x");
    CHECK(memcmp(t + 1 + fl, g + 1 + fl, fl) != 0);
    /* n and 0 are not private keys */
    k[fl - 1]++;
    CHECK(ts_ec_public_key(c, k, t) == TS_EC_ERR_KEY);
    memset(k, 0, fl);
    CHECK(ts_ec_public_key(c, k, t) == TS_EC_ERR_KEY);
  }
}

TS_TEST(ec_ecdh_and_compressed_points) {
  uint64_t seed = 7;
  for (int c = 0; c < 3; c++) {
    size_t fl = ts_ec_scalar_len((ts_ec_curve)c), pl = 1 + 2 * fl;
    for (int it = 0; it < 8; it++) {
      uint8_t a[66], b[66], pa[133], pb[133], s1[66], s2[66], s3[66], comp[67];
      CHECK(ts_ec_keygen((ts_ec_curve)c, a, pa) == TS_EC_OK);
      ts_test_bytes(&seed, b, fl);
      if (c == TS_EC_P521) b[0] &= 1;
      b[0] &= 0x7f; /* below n */
      CHECK(ts_ec_public_key((ts_ec_curve)c, b, pb) == TS_EC_OK);
      CHECK(ts_ecdh((ts_ec_curve)c, a, pb, pl, s1) == TS_EC_OK);
      CHECK(ts_ecdh((ts_ec_curve)c, b, pa, pl, s2) == TS_EC_OK);
      CHECK_MEM(s1, s2, fl, "ecdh agreement");
      comp[0] = (uint8_t)(2 | (pb[pl - 1] & 1));
      memcpy(comp + 1, pb + 1, fl);
      CHECK(ts_ec_point_check((ts_ec_curve)c, comp, 1 + fl) == 1);
      CHECK(ts_ecdh((ts_ec_curve)c, a, comp, 1 + fl, s3) == TS_EC_OK);
      CHECK_MEM(s1, s3, fl, "ecdh with a compressed point");
      /* the other parity is -P: same x for ECDH, different point */
      comp[0] ^= 1;
      CHECK(ts_ecdh((ts_ec_curve)c, a, comp, 1 + fl, s3) == TS_EC_OK);
      CHECK_MEM(s1, s3, fl, "ecdh with -P");
      /* off-curve, truncated, infinity and wrong prefixes are rejected */
      pb[pl - 1] ^= 1;
      CHECK(ts_ecdh((ts_ec_curve)c, a, pb, pl, s3) == TS_EC_ERR_POINT);
      pb[pl - 1] ^= 1;
      CHECK(ts_ecdh((ts_ec_curve)c, a, pb, pl - 1, s3) == TS_EC_ERR_POINT);
      pb[0] = 6;
      CHECK(ts_ecdh((ts_ec_curve)c, a, pb, pl, s3) == TS_EC_ERR_POINT);
      uint8_t zero = 0;
      CHECK(ts_ecdh((ts_ec_curve)c, a, &zero, 1, s3) == TS_EC_ERR_POINT);
      memset(pb, 0, pl);
      pb[0] = 4;
      CHECK(ts_ecdh((ts_ec_curve)c, a, pb, pl, s3) == TS_EC_ERR_POINT);
    }
  }
}

/* x = p is not a coordinate; a compressed x with no square root is rejected. */
TS_TEST(ec_point_edges) {
  uint8_t pt[65];
  pt[0] = 4;
  ts_unhex("ffffffff00000001000000000000000000000000ffffffffffffffffffffffff", pt + 1, 32);
  memset(pt + 33, 0, 32);
  CHECK(ts_ec_point_check(TS_EC_P256, pt, 65) == 0);
  int rejected = 0;
  for (int i = 1; i < 20; i++) {
    uint8_t c[33] = {2};
    c[32] = (uint8_t)i;
    rejected += ts_ec_point_check(TS_EC_P256, c, 33) == 0;
  }
  CHECK(rejected > 0 && rejected < 19); /* about half of all x have no point */
}

TS_TEST(ec_der_strict) {
  uint8_t rs[64];
  static const char *bad[] = {
      "3006020101020101" "00",              /* trailing byte */
      "300702020001020101",                 /* non-minimal integer */
      "3006020181020101",                   /* negative */
      "30810602010102010" "1",              /* long-form length below 128 */
      "3006020001020101",                   /* r: empty... (length 0) */
      "31060201010201 01",
  };
  uint8_t buf[80];
  size_t n = ts_unhex("3006020101020101", buf, sizeof buf);
  CHECK(ts_ecdsa_der_decode(TS_EC_P256, buf, n, rs) == 1);
  for (size_t i = 0; i < 5; i++) {
    n = ts_unhex(bad[i], buf, sizeof buf);
    CHECK(ts_ecdsa_der_decode(TS_EC_P256, buf, n, rs) == 0);
  }
  /* a 33-byte integer that is not a leading zero is too long for P-256 */
  n = ts_unhex("3026022101" "00000000000000000000000000000000000000000000000000000000000000" "020101", buf, sizeof buf);
  CHECK(ts_ecdsa_der_decode(TS_EC_P256, buf, n, rs) == 0);
}

#if defined(TS_VALGRIND_CT)
static void declassify(const void *p, size_t n) { ts_declassify(p, n); }
#endif

/* Under valgrind (-DTS_VALGRIND_CT=ON): private keys are marked secret through key generation
 * from a fixed key, ECDH and ECDSA signing (nonce derivation, k*G, the inversion of k). */
TS_TEST(ct_nistec) {
#if defined(TS_VALGRIND_CT)
  ts_ec_declassify_hook = declassify;
#endif
  uint64_t seed = 99;
  for (int c = 0; c < 3; c++) {
    size_t fl = ts_ec_scalar_len((ts_ec_curve)c), pl = 1 + 2 * fl;
    uint8_t a[66], pb[133], pub[133], s[66], h[66], rs[132];
    const rfc_key *k = key_of((ts_ec_curve)c);
    load_pub(k, pb);
    ts_test_bytes(&seed, a, fl);
    a[0] &= c == TS_EC_P521 ? 1 : 0x7f;
    ts_test_bytes(&seed, h, sizeof h);
    ts_secret(a, fl);
    CHECK(ts_ec_public_key((ts_ec_curve)c, a, pub) == TS_EC_OK);
    ts_declassify(pub, pl);
    CHECK(ts_ecdh((ts_ec_curve)c, a, pb, pl, s) == TS_EC_OK);
    ts_declassify(s, fl);
    CHECK(ts_ecdsa_sign_ex((ts_ec_curve)c, a, h, 32, NULL, 0, rs) == TS_EC_OK);
    CHECK(ts_ecdsa_sign((ts_ec_curve)c, a, h, fl, rs) == TS_EC_OK);
    ts_declassify(rs, 2 * fl);
    ts_declassify(a, fl);
  }
  ts_ec_declassify_hook = NULL;
}
