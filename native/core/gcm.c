/* GCM (NIST SP 800-38D 7.1, 7.2) over the AES and GHASH implementations bound to the key.
 * Every function here is constant-time: lengths are public, contents never steer a branch. */
#include <string.h>

#include "ct.h"
#include "gcm.h"

int ts_gcm_init(ts_gcm_key *g, const uint8_t *key, size_t keylen) {
  memset(g, 0, sizeof *g);
  if (!ts_aes_init(&g->aes, key, keylen, 0)) return 0;
  uint8_t h[16] = {0};
  ts_aes_encrypt(&g->aes, h, h, 1); /* H = E_K(0^128) */
  ts_ghash_init(&g->gh, NULL, h);
  ts_aes_zero(h, sizeof h);
  const ts_gcm_fused *f = ts_gcm_fused_default;
  g->fused = (f && f->aes == g->aes.impl && f->ghash == g->gh.impl) ? f : NULL;
  return 1;
}

void ts_gcm_wipe(ts_gcm_key *g) { ts_aes_zero(g, sizeof *g); }

static void put64be(uint8_t *p, uint64_t v) {
  for (int i = 0; i < 8; i++) p[i] = (uint8_t)(v >> (56 - 8 * i));
}

/* J0 (7.1 step 2): IV || 0^31 || 1 for 96-bit IVs, else GHASH(IV padded || 0^64 || [len]64). */
static void make_j0(const ts_gcm_key *g, const uint8_t *nonce, size_t n, uint8_t j0[16]) {
  if (n == 12) {
    memcpy(j0, nonce, 12);
    j0[12] = j0[13] = j0[14] = 0;
    j0[15] = 1;
    return;
  }
  uint8_t lens[16] = {0};
  memset(j0, 0, 16);
  ts_ghash_update_padded(&g->gh, j0, nonce, n);
  put64be(lens + 8, (uint64_t)n * 8);
  g->gh.impl->update(&g->gh, j0, lens, 1);
}

/* CTR over len bytes and GHASH over the ciphertext (seal: the output; open: the input). */
static void gcm_crypt(const ts_gcm_key *g, uint8_t ctr[16], uint8_t y[16], const uint8_t *in,
                      uint8_t *out, size_t len, int seal) {
  size_t nb = len / 16;
  if (g->fused && nb) {
    size_t done = (seal ? g->fused->seal : g->fused->open)(g, ctr, y, in, out, nb);
    in += 16 * done;
    out += 16 * done;
    nb -= done;
    len -= 16 * done;
  }
  /* Chunks small enough to stay in L1 between the two passes. */
  while (nb) {
    size_t m = nb < 256 ? nb : 256;
    if (!seal) g->gh.impl->update(&g->gh, y, in, m);
    ts_aes_ctr32(&g->aes, ctr, in, out, m);
    if (seal) g->gh.impl->update(&g->gh, y, out, m);
    in += 16 * m;
    out += 16 * m;
    nb -= m;
    len -= 16 * m;
  }
  if (len) {
    uint8_t buf[16] = {0};
    memcpy(buf, in, len);
    if (!seal) g->gh.impl->update(&g->gh, y, buf, 1);
    ts_aes_ctr32(&g->aes, ctr, buf, buf, 1);
    memset(buf + len, 0, 16 - len);
    if (seal) g->gh.impl->update(&g->gh, y, buf, 1);
    memcpy(out, buf, len);
    ts_aes_zero(buf, sizeof buf);
  }
}

static int gcm_run(const ts_gcm_key *g, const uint8_t *nonce, size_t noncelen,
                   const uint8_t *aad, size_t aadlen, const uint8_t *in, size_t len,
                   uint8_t *out, uint8_t full_tag[16], int seal) {
  if (noncelen == 0 || (uint64_t)len > TS_GCM_MAX_LEN) return 0;
  uint8_t j0[16], ctr[16], y[16] = {0}, lens[16];
  make_j0(g, nonce, noncelen, j0);
  ts_ghash_update_padded(&g->gh, y, aad, aadlen);
  memcpy(ctr, j0, 16);
  ts_aes_inc32(ctr, 1);
  gcm_crypt(g, ctr, y, in, out, len, seal);
  put64be(lens, (uint64_t)aadlen * 8);
  put64be(lens + 8, (uint64_t)len * 8);
  g->gh.impl->update(&g->gh, y, lens, 1);
  ts_aes_encrypt(&g->aes, j0, j0, 1);
  for (int i = 0; i < 16; i++) full_tag[i] = j0[i] ^ y[i];
  ts_aes_zero(j0, sizeof j0);
  ts_aes_zero(y, sizeof y);
  ts_aes_zero(ctr, sizeof ctr);
  return 1;
}

int ts_gcm_seal(const ts_gcm_key *g, const uint8_t *nonce, size_t noncelen, const uint8_t *aad,
                size_t aadlen, const uint8_t *pt, size_t len, uint8_t *ct, uint8_t *tag,
                size_t taglen) {
  uint8_t t[16];
  if (taglen < 1 || taglen > 16) return 0;
  if (!gcm_run(g, nonce, noncelen, aad, aadlen, pt, len, ct, t, 1)) return 0;
  memcpy(tag, t, taglen);
  ts_aes_zero(t, sizeof t);
  return 1;
}

int ts_gcm_open(const ts_gcm_key *g, const uint8_t *nonce, size_t noncelen, const uint8_t *aad,
                size_t aadlen, const uint8_t *ct, size_t len, const uint8_t *tag, size_t taglen,
                uint8_t *pt) {
  uint8_t t[16];
  uint32_t ok = 0;
  if (taglen >= 1 && taglen <= 16 && gcm_run(g, nonce, noncelen, aad, aadlen, ct, len, pt, t, 0))
    ok = ts_ct_memeq(t, tag, taglen);
  ts_aes_zero(t, sizeof t);
  /* Release nothing on failure: zero the output whatever it holds. */
  uint8_t m = (uint8_t)ts_ct_mask32(ok);
  for (size_t i = 0; i < len; i++) pt[i] &= m;
  return (int)ok;
}
