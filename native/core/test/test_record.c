/* TLS record protection: the RFC 8448 §3 records byte for byte, round trips over every cipher
 * and version, tampering, the CBC padding/MAC checks at every padding length, sequence
 * numbers, and ct_record (run under valgrind with -DTS_VALGRIND_CT=ON). */
#include <stdlib.h>

#include "record.h"
#include "test.h"

/* RFC 8448 §3: the server's protected handshake flight (EncryptedExtensions .. Finished). */
static const char *RFC8448_SERVER_FLIGHT =
    "17030302a2d1ff334a56f5bff6594a07cc87b580233f500f45e489e7f33af35edf7869fcf40aa40aa2b8ea73f848a7ca"
    "07612ef9f945cb960b4068905123ea78b111b429ba9191cd05d2a389280f526134aadc7fc78c4b729df828b5ecf7b13b"
    "d9aefb0e57f271585b8ea9bb355c7c79020716cfb9b1183ef3ab20e37d57a6b9d7477609aee6e122a4cf51427325250c"
    "7d0e509289444c9b3a648f1d71035d2ed65b0e3cdd0cbae8bf2d0b227812cbb360987255cc744110c453baa4fcd61092"
    "8d809810e4b7ed1a8fd991f06aa6248204797e36a6a73b70a2559c09ead686945ba246ab66e5edd8044b4c6de3fcf2a8"
    "9441ac66272fd8fb330ef8190579b3684596c960bd596eea520a56a8d650f563aad27409960dca63d3e688611ea5e22f"
    "4415cf9538d51a200c27034272968a264ed6540c84838d89f72c24461aad6d26f59ecaba9acbbb317b66d902f4f292a3"
    "6ac1b639c637ce343117b659622245317b49eeda0c6258f100d7d961ffb138647e92ea330faeea6dfa31c7a84dc3bd7e"
    "1b7a6c7178af36879018e3f252107f243d243dc7339d5684c8b0378bf30244da8c87c843f5e56eb4c5e8280a2b48052c"
    "f93b16499a66db7cca71e4599426f7d461e66f99882bd89fc50800becca62d6c74116dbd2972fda1fa80f85df881edbe"
    "5a37668936b335583b599186dc5c6918a396fa48a181d6b6fa4f9d62d513afbb992f2b992f67f8afe67f76913fa388cb"
    "5630c8ca01e0c65d11c66a1e2ac4c85977b7c7a6999bbf10dc35ae69f5515614636c0b9b68c19ed2e31c0b3b66763038"
    "ebba42f3b38edc0399f3a9f23faa63978c317fc9fa66a73f60f0504de93b5b845e275592c12335ee340bbc4fddd50278"
    "4016e4b3be7ef04dda49f4b440a30cb5d2af939828fd4ae3794e44f94df5a631ede42c1719bfdabf0253fe5175be898e"
    "750edc53370d2b";
static const char *RFC8448_SERVER_FINISHED =
    "140000209b9b141d906337fbd2cbdce71df4deda4ab42c309572cb7fffee5454b78f0718";
/* The server's NewSessionTicket, application data (0..49) and close_notify records. */
static const char *RFC8448_SERVER_TICKET =
    "17030300de3a6b8f90414a97d6959c3487680de5134a2b240e6cffac116e95d41d6af8f6b580dcf3d11d63c758db289a"
    "015940252f55713e061dc13e078891a38efbcf5753ad8ef170ad3c7353d16d9da773b9ca7f2b9fa1b6c0d4a3d03f75e0"
    "9c30ba1e62972ac46f75f7b981be63439b2999ce13064615139891d5e4c5b406f16e3fc181a77ca475840025db2f0a77"
    "f81b5ab05b94c01346755f69232c86519d86cbeeac87aac347d143f9605d64f650db4d023e70e952ca49fe5137121c74"
    "bc2697687e248746d6df353005f3bce18696129c8153556b3b6c6779b37bf15985684f";
static const char *RFC8448_SERVER_DATA =
    "17030300432e937e11ef4ac740e538ad36005fc4a46932fc3225d05f82aa1b36e30efaf97d90e6dffc602dcb501a59a8"
    "fcc49c4bf2e5f0a21c0047c2abf332540dd032e167c2955d";
static const char *RFC8448_SERVER_ALERT = "1703030013b58fd67166ebf599d24720cfbe7efa7a8864a9";
/* The client's Finished, application data and close_notify. */
static const char *RFC8448_CLIENT_FINISHED_MSG =
    "14000020a8ec436d677634ae525ac1fcebe11a039ec17694fac6e98527b642f2edd5ce61";
static const char *RFC8448_CLIENT_FINISHED_REC =
    "170303003575ec4dc238cce60b298044a71e219c56cc77b0517fe9b93c7a4bfc44d87f38f80338ac98fc46deb384bd"
    "1caeacab6867d726c40546";
static const char *RFC8448_CLIENT_DATA =
    "1703030043a23f7054b62c94d0affafe8228ba55cbefacea42f914aa66bcab3f2b9819a8a5b46b395bd54a9a20441e2b"
    "62974e1f5a6292a2977014bd1e3deae63aeebb21694915e4";
static const char *RFC8448_CLIENT_ALERT = "1703030013c9872760655666b74d7ff1153efd6db6d0b0e3";

static ts_record_ctx *new_ctx(void) {
  ts_record_ctx *c = (ts_record_ctx *)malloc(sizeof *c);
  if (!c) abort();
  return c;
}

static void init13(ts_record_ctx *c, const char *key_hex, const char *iv_hex) {
  uint8_t key[16], iv[12];
  ts_unhex(key_hex, key, sizeof key);
  ts_unhex(iv_hex, iv, sizeof iv);
  CHECK(ts_record_init(c, TS_RECORD_TLS13, TS_RECORD_AES_128_GCM, TS_HASH_NONE, 0, key, 16, iv, 12, NULL, 0) ==
        TS_RECORD_OK);
}

/* Seals content and compares with the expected record. */
static void check_seal(ts_record_ctx *c, uint8_t type, const uint8_t *content, size_t len, const char *expect_hex) {
  static uint8_t expect[1024], out[1024];
  size_t n = ts_unhex(expect_hex, expect, sizeof expect), outlen;
  CHECK(ts_record_seal(c, type, content, len, 0, NULL, out, sizeof out, &outlen) == TS_RECORD_OK);
  CHECK(outlen == n);
  CHECK(memcmp(out, expect, n) == 0);
}

TS_TEST(record_rfc8448) {
  static uint8_t rec[1024], out[1024], again[1024];
  uint8_t type, counting[50];
  size_t len, n, outlen;
  for (int i = 0; i < 50; i++) counting[i] = (uint8_t)i;
  ts_record_ctx *c = new_ctx();

  /* Server handshake flight: opens to 657 bytes of handshake ending in the server Finished,
   * and sealing that content again gives the same record byte for byte. */
  init13(c, "3fce516009c21727d0f2e4e86ee403bc", "5d313eb2671276ee13000b30");
  n = ts_unhex(RFC8448_SERVER_FLIGHT, rec, sizeof rec);
  CHECK(ts_record_open(c, rec, n, out, sizeof out, &type, &len) == TS_RECORD_OK);
  CHECK(type == 22 && len == 657 && c->seq == 1);
  uint8_t fin[36];
  ts_unhex(RFC8448_SERVER_FINISHED, fin, sizeof fin);
  CHECK(memcmp(out + 657 - 36, fin, 36) == 0);
  CHECK(out[0] == 8 && out[1] == 0 && out[2] == 0 && out[3] == 0x24);
  /* The same record again is out of sequence: rejected, the sequence number unchanged. */
  CHECK(ts_record_open(c, rec, n, again, sizeof again, &type, &len) == TS_RECORD_BAD_MAC);
  CHECK(c->seq == 1 && len == 0);
  init13(c, "3fce516009c21727d0f2e4e86ee403bc", "5d313eb2671276ee13000b30");
  CHECK(ts_record_seal(c, 22, out, 657, 0, NULL, again, sizeof again, &outlen) == TS_RECORD_OK);
  CHECK(outlen == n && memcmp(again, rec, n) == 0);

  /* Server application traffic: ticket (seq 0), data (seq 1), close_notify (seq 2). */
  init13(c, "9f02283b6c9c07efc26bb9f2ac92e356", "cf782b88dd83549aadf1e984");
  n = ts_unhex(RFC8448_SERVER_TICKET, rec, sizeof rec);
  CHECK(ts_record_open(c, rec, n, out, sizeof out, &type, &len) == TS_RECORD_OK);
  CHECK(type == 22 && len == 205 && out[0] == 4);
  n = ts_unhex(RFC8448_SERVER_DATA, rec, sizeof rec);
  CHECK(ts_record_open(c, rec, n, out, sizeof out, &type, &len) == TS_RECORD_OK);
  CHECK(type == 23 && len == 50 && memcmp(out, counting, 50) == 0);
  /* Opened again at sequence 2 it fails, and a failure does not advance. */
  CHECK(ts_record_open(c, rec, n, out, sizeof out, &type, &len) == TS_RECORD_BAD_MAC);
  CHECK(c->seq == 2);
  n = ts_unhex(RFC8448_SERVER_ALERT, rec, sizeof rec);
  CHECK(ts_record_open(c, rec, n, out, sizeof out, &type, &len) == TS_RECORD_OK);
  CHECK(type == 21 && len == 2 && out[0] == 1 && out[1] == 0);

  /* Client side, sealed byte for byte. */
  uint8_t cfin[36];
  ts_unhex(RFC8448_CLIENT_FINISHED_MSG, cfin, sizeof cfin);
  init13(c, "dbfaa693d1762c5b666af5d950258d01", "5bd3c71b836e0b76bb73265f");
  check_seal(c, 22, cfin, 36, RFC8448_CLIENT_FINISHED_REC);
  init13(c, "17422dda596ed5d9acd890e3c63f5051", "5b78923dee08579033e523d9");
  check_seal(c, 23, counting, 50, RFC8448_CLIENT_DATA);
  const uint8_t close_notify[2] = {1, 0};
  check_seal(c, 21, close_notify, 2, RFC8448_CLIENT_ALERT);
  ts_record_wipe(c);
  free(c);
}

/* ---- every cipher and version ---------------------------------------------------------------- */

typedef struct {
  unsigned version;
  ts_record_bulk bulk;
  ts_hash_alg mac;
  int etm;
} config;

static const config CONFIGS[] = {
    {TS_RECORD_TLS13, TS_RECORD_AES_128_GCM, TS_HASH_NONE, 0},
    {TS_RECORD_TLS13, TS_RECORD_AES_256_GCM, TS_HASH_NONE, 0},
    {TS_RECORD_TLS13, TS_RECORD_CHACHA20_POLY1305, TS_HASH_NONE, 0},
    {TS_RECORD_TLS13, TS_RECORD_AES_128_CCM, TS_HASH_NONE, 0},
    {TS_RECORD_TLS13, TS_RECORD_AES_128_CCM8, TS_HASH_NONE, 0},
    {TS_RECORD_TLS12, TS_RECORD_AES_128_GCM, TS_HASH_NONE, 0},
    {TS_RECORD_TLS12, TS_RECORD_AES_256_GCM, TS_HASH_NONE, 0},
    {TS_RECORD_TLS12, TS_RECORD_CHACHA20_POLY1305, TS_HASH_NONE, 0},
    {TS_RECORD_TLS12, TS_RECORD_AES_128_CCM, TS_HASH_NONE, 0},
    {TS_RECORD_TLS12, TS_RECORD_AES_256_CCM8, TS_HASH_NONE, 0},
    {TS_RECORD_TLS12, TS_RECORD_AES_128_CBC, TS_HASH_SHA1, 0},
    {TS_RECORD_TLS12, TS_RECORD_AES_256_CBC, TS_HASH_SHA1, 1},
    {TS_RECORD_TLS12, TS_RECORD_AES_128_CBC, TS_HASH_SHA256, 0},
    {TS_RECORD_TLS12, TS_RECORD_AES_256_CBC, TS_HASH_SHA384, 0},
    {TS_RECORD_TLS12, TS_RECORD_AES_256_CBC, TS_HASH_SHA384, 1},
    {TS_RECORD_TLS12, TS_RECORD_DES_EDE3_CBC, TS_HASH_SHA1, 0},
    {TS_RECORD_TLS11, TS_RECORD_AES_128_CBC, TS_HASH_SHA1, 0},
    {TS_RECORD_TLS11, TS_RECORD_DES_EDE3_CBC, TS_HASH_SHA1, 1},
    {TS_RECORD_TLS10, TS_RECORD_AES_128_CBC, TS_HASH_SHA1, 0},
    {TS_RECORD_TLS10, TS_RECORD_AES_256_CBC, TS_HASH_SHA1, 1},
    {TS_RECORD_TLS10, TS_RECORD_DES_EDE3_CBC, TS_HASH_SHA1, 0},
};
#define NCONFIGS (sizeof CONFIGS / sizeof CONFIGS[0])

static void init_pair(const config *cf, ts_record_ctx *s, ts_record_ctx *o, uint64_t seed) {
  uint8_t key[32], iv[16], mk[48];
  ts_test_bytes(&seed, key, sizeof key);
  ts_test_bytes(&seed, iv, sizeof iv);
  ts_test_bytes(&seed, mk, sizeof mk);
  size_t kl = ts_record_key_len(cf->bulk), il = ts_record_iv_len(cf->bulk, cf->version);
  size_t ml = cf->mac == TS_HASH_NONE ? 0 : ts_hash_len(cf->mac);
  CHECK(ts_record_init(s, cf->version, cf->bulk, cf->mac, cf->etm, key, kl, iv, il, mk, ml) == TS_RECORD_OK);
  CHECK(ts_record_init(o, cf->version, cf->bulk, cf->mac, cf->etm, key, kl, iv, il, mk, ml) == TS_RECORD_OK);
}


TS_TEST(record_round_trips) {
  static uint8_t content[TS_RECORD_MAX_PLAINTEXT], rec[TS_RECORD_MAX_PLAINTEXT + 600], out[TS_RECORD_MAX_PLAINTEXT + 600];
  uint64_t seed = 77;
  ts_test_bytes(&seed, content, sizeof content);
  ts_record_ctx *s = new_ctx(), *o = new_ctx();
  static const size_t lens[] = {0, 1, 15, 16, 17, 63, 64, 100, 1000, 4096, 16383, 16384};
  for (size_t ci = 0; ci < NCONFIGS; ci++) {
    init_pair(&CONFIGS[ci], s, o, ci + 1);
    for (size_t li = 0; li < sizeof lens / sizeof lens[0]; li++) {
      size_t len = lens[li], pad = 0;
      if (s->kind == TS_RECORD_KIND_AEAD13 && len <= 16384 - 40) pad = 40;
      if (s->kind == TS_RECORD_KIND_CBC) pad = 2 * s->block;
      for (int p = 0; p < 2; p++) {
        size_t pd = p ? pad : 0, outlen, got;
        uint8_t type;
        if (p && !pad) continue;
        uint8_t ctype = (uint8_t)(20 + (li + p) % 4);
        CHECK(ts_record_seal(s, ctype, content, len, pd, NULL, rec, sizeof rec, &outlen) == TS_RECORD_OK);
        CHECK(outlen == ts_record_sealed_len(s, len, pd));
        CHECK(((size_t)rec[3] << 8 | rec[4]) == outlen - 5);
        CHECK(ts_record_open(o, rec, outlen, out, sizeof out, &type, &got) == TS_RECORD_OK);
        CHECK(type == ctype && got == len && memcmp(out, content, len) == 0);
      }
    }
    CHECK(s->seq == o->seq);
    /* Out-of-range sizes are refused. */
    size_t outlen;
    CHECK(ts_record_seal(s, 23, content, 16385, 0, NULL, rec, sizeof rec, &outlen) == TS_RECORD_BAD_ARG);
    CHECK(ts_record_seal(s, 23, content, 10, 0, NULL, rec, 10, &outlen) == TS_RECORD_BAD_ARG);
    if (s->kind == TS_RECORD_KIND_AEAD12) CHECK(ts_record_sealed_len(s, 10, 1) == 0);
    if (s->kind == TS_RECORD_KIND_AEAD13) CHECK(ts_record_sealed_len(s, 16384, 1) == 0);
    if (s->kind == TS_RECORD_KIND_CBC) CHECK(ts_record_sealed_len(s, 10, 1) == 0 && ts_record_sealed_len(s, 10, 256) == 0);
  }
  ts_record_wipe(s);
  ts_record_wipe(o);
  free(s);
  free(o);
}

/* Every single-bit flip and every truncation (header length fixed up) of a short record is
 * rejected as BAD_MAC, and the receiving context stays where it was. */
TS_TEST(record_tampering) {
  uint8_t content[40], rec[200], bad[200], out[200], type;
  uint64_t seed = 9;
  ts_test_bytes(&seed, content, sizeof content);
  ts_record_ctx *s = new_ctx(), *o = new_ctx();
  for (size_t ci = 0; ci < NCONFIGS; ci++) {
    init_pair(&CONFIGS[ci], s, o, 100 + ci);
    size_t n, len;
    CHECK(ts_record_seal(s, 23, content, sizeof content, 0, NULL, rec, sizeof rec, &n) == TS_RECORD_OK);
    uint8_t iv0[16];
    memcpy(iv0, o->iv, 16);
    for (size_t bit = 0; bit < n * 8; bit++) {
      if (bit / 8 >= 3 && bit / 8 < 5) continue; /* the length field: a framing error, tested below */
      memcpy(bad, rec, n);
      bad[bit / 8] ^= (uint8_t)(1u << (bit % 8));
      int r = ts_record_open(o, bad, n, out, sizeof out, &type, &len);
      /* TLS 1.3 ignores the outer type only in the sense that it is authenticated too. */
      CHECK(r == TS_RECORD_BAD_MAC);
      CHECK(o->seq == 0 && len == 0 && memcmp(o->iv, iv0, 16) == 0);
    }
    for (size_t cut = 5; cut < n; cut++) {
      memcpy(bad, rec, cut);
      bad[3] = (uint8_t)((cut - 5) >> 8);
      bad[4] = (uint8_t)(cut - 5);
      CHECK(ts_record_open(o, bad, cut, out, sizeof out, &type, &len) == TS_RECORD_BAD_MAC);
      CHECK(o->seq == 0);
    }
    /* A length field that disagrees with the record is the caller's framing error. */
    CHECK(ts_record_open(o, rec, n - 1, out, sizeof out, &type, &len) == TS_RECORD_BAD_ARG);
    CHECK(ts_record_open(o, rec, n, out, n - 6, &type, &len) == TS_RECORD_BAD_ARG);
    CHECK(ts_record_open(o, rec, n, out, sizeof out, &type, &len) == TS_RECORD_OK);
    CHECK(len == sizeof content && memcmp(out, content, len) == 0 && o->seq == 1);
  }
  ts_record_wipe(s);
  ts_record_wipe(o);
  free(s);
  free(o);
}

/* CBC MAC-then-encrypt at every padding length the record can carry, at content lengths around
 * the hash block boundaries, for each MAC: exercises every path through the constant-time
 * MAC (the final block at each position of the scanned window). */
TS_TEST(record_cbc_every_padding) {
  static uint8_t content[600], rec[1200], out[1200];
  uint64_t seed = 3;
  ts_test_bytes(&seed, content, sizeof content);
  ts_record_ctx *s = new_ctx(), *o = new_ctx();
  static const config cfs[] = {
      {TS_RECORD_TLS12, TS_RECORD_AES_128_CBC, TS_HASH_SHA1, 0},
      {TS_RECORD_TLS12, TS_RECORD_AES_128_CBC, TS_HASH_SHA256, 0},
      {TS_RECORD_TLS12, TS_RECORD_AES_256_CBC, TS_HASH_SHA384, 0},
      {TS_RECORD_TLS10, TS_RECORD_DES_EDE3_CBC, TS_HASH_SHA1, 0},
      {TS_RECORD_TLS11, TS_RECORD_AES_128_CBC, TS_HASH_SHA1, 1},
  };
  for (size_t ci = 0; ci < sizeof cfs / sizeof cfs[0]; ci++) {
    init_pair(&cfs[ci], s, o, 500 + ci);
    for (size_t len = 0; len < 300; len += (len < 140 ? 1 : 37)) {
      for (size_t pad = 0; ts_record_sealed_len(s, len, pad); pad += s->block) {
        size_t n, got;
        uint8_t type;
        CHECK(ts_record_seal(s, 23, content, len, pad, NULL, rec, sizeof rec, &n) == TS_RECORD_OK);
        CHECK(ts_record_open(o, rec, n, out, sizeof out, &type, &got) == TS_RECORD_OK);
        CHECK(got == len && memcmp(out, content, len) == 0);
      }
    }
  }
  ts_record_wipe(s);
  ts_record_wipe(o);
  free(s);
  free(o);
}

/* Builds a TLS 1.2 AES-128-CBC-SHA1 MAC-then-encrypt record by hand from a plaintext body
 * (content || MAC || padding as the test wants it), with a zero explicit IV. */
static size_t build_cbc_record(const uint8_t key[16], const uint8_t *body, size_t bodylen, uint8_t *rec) {
  ts_aes_key k;
  uint8_t iv[16] = {0};
  ts_aes_init(&k, key, 16, 0);
  rec[0] = 23;
  rec[1] = 3;
  rec[2] = 3;
  rec[3] = (uint8_t)((bodylen + 16) >> 8);
  rec[4] = (uint8_t)(bodylen + 16);
  memset(rec + 5, 0, 16);
  memcpy(rec + 21, body, bodylen);
  k.impl->cbc_encrypt(&k, iv, rec + 21, rec + 21, bodylen / 16);
  ts_aes_wipe(&k);
  return bodylen + 21;
}

/* A padding oracle needs the receiver to tell bad padding from a bad MAC; both give BAD_MAC,
 * leave the context untouched and release nothing. A hand-built record with a correct MAC and
 * correct padding opens, so the hand-built records are right. */
TS_TEST(record_cbc_padding_oracle) {
  uint8_t key[16], mk[20], content[32], body[128], rec[200], out[200], mac[20], type;
  uint64_t seed = 11;
  ts_test_bytes(&seed, key, 16);
  ts_test_bytes(&seed, mk, 20);
  ts_test_bytes(&seed, content, sizeof content);
  ts_record_ctx *o = new_ctx();
  CHECK(ts_record_init(o, TS_RECORD_TLS12, TS_RECORD_AES_128_CBC, TS_HASH_SHA1, 0, key, 16, NULL, 0, mk, 20) == TS_RECORD_OK);
  /* MAC over seq 0 || 23 || 0303 || len || content */
  uint8_t hdr[13 + 32] = {0, 0, 0, 0, 0, 0, 0, 0, 23, 3, 3, 0, 32};
  memcpy(hdr + 13, content, 32);
  ts_hmac(TS_HASH_SHA1, mk, 20, hdr, sizeof hdr, mac);
  /* content(32) || mac(20) || padding: 12 bytes of 11 -> 64 bytes */
  memcpy(body, content, 32);
  memcpy(body + 32, mac, 20);
  for (int variant = 0; variant < 5; variant++) {
    memset(body + 52, 11, 12);
    if (variant == 1) body[55] ^= 1;          /* one wrong padding byte */
    if (variant == 2) body[63] = 200;         /* padding length larger than the record */
    if (variant == 3) body[40] ^= 1;          /* wrong MAC, good padding */
    if (variant == 4) { body[63] = 3; }       /* shorter padding: the MAC lands elsewhere */
    size_t n = build_cbc_record(key, body, 64, rec), len;
    memset(out, 0xaa, sizeof out);
    int r = ts_record_open(o, rec, n, out, sizeof out, &type, &len);
    if (variant == 0) {
      CHECK(r == TS_RECORD_OK && len == 32 && memcmp(out, content, 32) == 0);
      o->seq = 0;
    } else {
      CHECK(r == TS_RECORD_BAD_MAC && len == 0 && o->seq == 0);
      uint8_t zero[64] = {0};
      CHECK(memcmp(out, zero, 64) == 0);
    }
  }
  ts_record_wipe(o);
  free(o);
}

TS_TEST(record_sequence_limit) {
  ts_record_ctx *s = new_ctx(), *o = new_ctx();
  uint8_t rec[100], out[100], type;
  size_t n, len;
  init_pair(&CONFIGS[0], s, o, 1);
  s->seq = o->seq = UINT64_MAX - 1;
  CHECK(ts_record_seal(s, 23, (const uint8_t *)"x", 1, 0, NULL, rec, sizeof rec, &n) == TS_RECORD_OK);
  CHECK(ts_record_open(o, rec, n, out, sizeof out, &type, &len) == TS_RECORD_OK);
  size_t n1 = n;
  CHECK(ts_record_seal(s, 23, (const uint8_t *)"x", 1, 0, NULL, rec, sizeof rec, &n) == TS_RECORD_SEQ);
  CHECK(ts_record_open(o, rec, n1, out, sizeof out, &type, &len) == TS_RECORD_SEQ);
  /* TLS 1.3 limits: 2^14 + 256 ciphertext, 2^14 + 1 inner plaintext, an all-zero inner. */
  init_pair(&CONFIGS[0], s, o, 2);
  static uint8_t big[16384 + 300], bigout[16384 + 300];
  memset(big, 0, sizeof big);
  big[0] = 23;
  big[1] = big[2] = 3;
  size_t fl = 16384 + 257;
  big[3] = (uint8_t)(fl >> 8);
  big[4] = (uint8_t)fl;
  CHECK(ts_record_open(o, big, fl + 5, bigout, sizeof bigout, &type, &len) == TS_RECORD_OVERFLOW);
  fl = 16384 + 2 + 16;
  big[3] = (uint8_t)(fl >> 8);
  big[4] = (uint8_t)fl;
  CHECK(ts_record_open(o, big, fl + 5, bigout, sizeof bigout, &type, &len) == TS_RECORD_OVERFLOW);
  /* content "" with 100 bytes of padding and type 0: authenticates, but has no type. */
  CHECK(ts_record_seal(s, 0, big + 5, 0, 100, NULL, big, sizeof big, &n) == TS_RECORD_OK);
  CHECK(ts_record_open(o, big, n, bigout, sizeof bigout, &type, &len) == TS_RECORD_NO_TYPE);
  CHECK(o->seq == 0);
  /* TLS 1.2 AEAD: a 2^14 + 1 byte plaintext authenticates but overflows. */
  init_pair(&CONFIGS[5], s, o, 3);
  ts_record_ctx *t = new_ctx();
  *t = *s;
  static uint8_t pt[16385];
  memset(pt, 7, sizeof pt);
  /* seal 2^14 bytes, then hand-build a 2^14 + 1 byte one with the same primitives */
  uint8_t nonce[12], aad[13];
  memcpy(nonce, t->iv, 4);
  memset(nonce + 4, 0, 8);
  memset(aad, 0, 8);
  aad[8] = 23; aad[9] = 3; aad[10] = 3; aad[11] = (uint8_t)(16385 >> 8); aad[12] = (uint8_t)16385;
  fl = 8 + 16385 + 16;
  big[0] = 23; big[1] = 3; big[2] = 3; big[3] = (uint8_t)(fl >> 8); big[4] = (uint8_t)fl;
  memset(big + 5, 0, 8);
  CHECK(ts_gcm_seal(&t->k.gcm, nonce, 12, aad, 13, pt, 16385, big + 13, big + 13 + 16385, 16));
  CHECK(ts_record_open(o, big, fl + 5, bigout, sizeof bigout, &type, &len) == TS_RECORD_OVERFLOW);
  CHECK(o->seq == 0);
  ts_record_wipe(t);
  free(t);
  ts_record_wipe(s);
  ts_record_wipe(o);
  free(s);
  free(o);
}

TS_TEST(record_init_checks) {
  ts_record_ctx *c = new_ctx();
  uint8_t k[32] = {0}, iv[16] = {0}, mk[48] = {0};
  /* AEAD in TLS 1.1, CBC in TLS 1.3, SHA-256 MAC before TLS 1.2, wrong sizes, etm on AEAD. */
  CHECK(ts_record_init(c, TS_RECORD_TLS11, TS_RECORD_AES_128_GCM, TS_HASH_NONE, 0, k, 16, iv, 4, NULL, 0) == TS_RECORD_BAD_ARG);
  CHECK(ts_record_init(c, TS_RECORD_TLS13, TS_RECORD_AES_128_CBC, TS_HASH_SHA1, 0, k, 16, iv, 0, mk, 20) == TS_RECORD_BAD_ARG);
  CHECK(ts_record_init(c, TS_RECORD_TLS11, TS_RECORD_AES_128_CBC, TS_HASH_SHA256, 0, k, 16, iv, 0, mk, 32) == TS_RECORD_BAD_ARG);
  CHECK(ts_record_init(c, TS_RECORD_TLS13, TS_RECORD_AES_128_GCM, TS_HASH_NONE, 0, k, 32, iv, 12, NULL, 0) == TS_RECORD_BAD_ARG);
  CHECK(ts_record_init(c, TS_RECORD_TLS13, TS_RECORD_AES_128_GCM, TS_HASH_NONE, 0, k, 16, iv, 4, NULL, 0) == TS_RECORD_BAD_ARG);
  CHECK(ts_record_init(c, TS_RECORD_TLS12, TS_RECORD_AES_128_GCM, TS_HASH_NONE, 1, k, 16, iv, 4, NULL, 0) == TS_RECORD_BAD_ARG);
  CHECK(ts_record_init(c, TS_RECORD_TLS12, TS_RECORD_AES_128_CBC, TS_HASH_SHA1, 0, k, 16, iv, 0, mk, 32) == TS_RECORD_BAD_ARG);
  CHECK(ts_record_init(c, TS_RECORD_TLS10, TS_RECORD_AES_128_CBC, TS_HASH_SHA1, 0, k, 16, iv, 0, mk, 20) == TS_RECORD_BAD_ARG);
  CHECK(ts_record_init(c, TS_RECORD_TLS13, TS_RECORD_AES_256_CCM, TS_HASH_NONE, 0, k, 32, iv, 12, NULL, 0) == TS_RECORD_BAD_ARG);
  CHECK(ts_record_init(c, 0x0300, TS_RECORD_AES_128_CBC, TS_HASH_SHA1, 0, k, 16, iv, 16, mk, 20) == TS_RECORD_BAD_ARG);
  CHECK(ts_record_init(c, TS_RECORD_TLS10, TS_RECORD_AES_128_CBC, TS_HASH_SHA1, 0, k, 16, iv, 16, mk, 20) == TS_RECORD_OK);
  ts_record_wipe(c);
  free(c);
}

/* Constant time: keys and contents secret. Opening good records, records with bad MACs and
 * (CBC) bad padding at several padding lengths must make no branch or index on them. Results
 * (return value, length, type, the advanced sequence number / IV) are declassified: the
 * protocol makes them public. */
static void ct_open(ts_record_ctx *o, const uint8_t *rec, size_t n, uint8_t *out, size_t cap) {
  uint8_t type;
  size_t len;
  int r = ts_record_open(o, rec, n, out, cap, &type, &len);
  ts_declassify(&r, sizeof r);
  ts_declassify(&type, 1);
  ts_declassify(&len, sizeof len);
  ts_declassify(&o->seq, sizeof o->seq);
  ts_declassify(o->iv, sizeof o->iv);
  ts_declassify(out, cap);
  (void)r;
}

TS_TEST(ct_record) {
  static uint8_t content[3000], rec[3200], bad[3200], out[3200];
  uint64_t seed = 1234;
  ts_test_bytes(&seed, content, sizeof content);
  static const config cfs[] = {
      {TS_RECORD_TLS13, TS_RECORD_AES_128_GCM, TS_HASH_NONE, 0},
      {TS_RECORD_TLS13, TS_RECORD_CHACHA20_POLY1305, TS_HASH_NONE, 0},
      {TS_RECORD_TLS13, TS_RECORD_AES_128_CCM8, TS_HASH_NONE, 0},
      {TS_RECORD_TLS12, TS_RECORD_AES_256_GCM, TS_HASH_NONE, 0},
      {TS_RECORD_TLS12, TS_RECORD_CHACHA20_POLY1305, TS_HASH_NONE, 0},
      {TS_RECORD_TLS12, TS_RECORD_AES_128_CBC, TS_HASH_SHA1, 0},
      {TS_RECORD_TLS12, TS_RECORD_AES_128_CBC, TS_HASH_SHA256, 0},
      {TS_RECORD_TLS12, TS_RECORD_AES_256_CBC, TS_HASH_SHA384, 0},
      {TS_RECORD_TLS10, TS_RECORD_DES_EDE3_CBC, TS_HASH_SHA1, 0},
      {TS_RECORD_TLS11, TS_RECORD_AES_128_CBC, TS_HASH_SHA1, 1},
  };
  ts_record_ctx *s = new_ctx(), *o = new_ctx();
  for (size_t ci = 0; ci < sizeof cfs / sizeof cfs[0]; ci++) {
    uint8_t key[32], iv[16], mk[48];
    ts_test_bytes(&seed, key, sizeof key);
    ts_test_bytes(&seed, iv, sizeof iv);
    ts_test_bytes(&seed, mk, sizeof mk);
    const config *cf = &cfs[ci];
    size_t kl = ts_record_key_len(cf->bulk), il = ts_record_iv_len(cf->bulk, cf->version);
    size_t ml = cf->mac == TS_HASH_NONE ? 0 : ts_hash_len(cf->mac);
    ts_secret(key, sizeof key);
    ts_secret(mk, sizeof mk);
    CHECK(ts_record_init(s, cf->version, cf->bulk, cf->mac, cf->etm, key, kl, iv, il, mk, ml) == TS_RECORD_OK);
    CHECK(ts_record_init(o, cf->version, cf->bulk, cf->mac, cf->etm, key, kl, iv, il, mk, ml) == TS_RECORD_OK);
    static const size_t lens[] = {0, 1, 20, 100, 1000, 2500};
    for (size_t li = 0; li < sizeof lens / sizeof lens[0]; li++) {
      size_t len = lens[li];
      size_t step = s->kind == TS_RECORD_KIND_CBC ? s->block : 37;
      for (size_t pad = 0; pad <= 5 * step && ts_record_sealed_len(s, len, pad); pad += step) {
        size_t n;
        ts_secret(content, len);
        int r = ts_record_seal(s, 23, content, len, pad, iv, rec, sizeof rec, &n);
        ts_declassify(&r, sizeof r);
        CHECK(r == TS_RECORD_OK);
        ts_declassify(rec, n); /* the record goes on the wire */
        ts_declassify(s->iv, sizeof s->iv);
        /* a bad MAC / tag: flip a bit in the last byte, then the good record */
        memcpy(bad, rec, n);
        bad[n - 1] ^= 0x40;
        ct_open(o, bad, n, out, sizeof out);
        if (o->kind == TS_RECORD_KIND_CBC) {
          /* bad padding: flip a bit in the second-to-last ciphertext block (CBC malleability
           * hits the padding length byte of the last block) */
          memcpy(bad, rec, n);
          bad[n - 1 - o->block] ^= 0x04;
          ct_open(o, bad, n, out, sizeof out);
        }
        ct_open(o, rec, n, out, sizeof out);
        CHECK(o->seq == s->seq);
      }
    }
  }
  ts_record_wipe(s);
  ts_record_wipe(o);
  free(s);
  free(o);
}
