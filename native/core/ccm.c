/* CCM (NIST SP 800-38C, RFC 3610): CBC-MAC over B0 || encoded AAD || payload, then CTR with
 * counter blocks (q-1) || N || [i]_q. The counter field never wraps within the lengths CCM
 * allows, so the 32-bit CTR of the AES implementations serves. Every function here is
 * constant-time. */
#include <string.h>

#include "ct.h"
#include "gcm.h"

int ts_ccm_init(ts_ccm_key *c, const uint8_t *key, size_t keylen) {
  memset(c, 0, sizeof *c);
  return ts_aes_init(&c->aes, key, keylen, 0);
}

void ts_ccm_wipe(ts_ccm_key *c) { ts_aes_zero(c, sizeof *c); }

/* CBC-MAC over a byte stream, zero-padding at the end of each field. */
typedef struct {
  uint8_t y[16], buf[16];
  size_t n;
} mac_state;

static void mac_update(const ts_aes_key *k, mac_state *m, const uint8_t *p, size_t len) {
  if (m->n) {
    size_t take = 16 - m->n < len ? 16 - m->n : len;
    memcpy(m->buf + m->n, p, take);
    m->n += take;
    p += take;
    len -= take;
    if (m->n < 16) return;
    k->impl->cbcmac(k, m->y, m->buf, 1);
    m->n = 0;
  }
  if (len >= 16) {
    k->impl->cbcmac(k, m->y, p, len / 16);
    p += len & ~(size_t)15;
    len &= 15;
  }
  memcpy(m->buf, p, len);
  m->n = len;
}

static void mac_pad(const ts_aes_key *k, mac_state *m) {
  if (m->n) {
    memset(m->buf + m->n, 0, 16 - m->n);
    k->impl->cbcmac(k, m->y, m->buf, 1);
    m->n = 0;
  }
}

static int ccm_params_ok(size_t noncelen, size_t len, size_t taglen) {
  if (noncelen < 7 || noncelen > 13) return 0;
  if (taglen < 4 || taglen > 16 || (taglen & 1)) return 0;
  size_t q = 15 - noncelen;
  if (q < 8 && (uint64_t)len >> (8 * q)) return 0;
  return 1;
}

/* Runs CCM; tag_out gets the full encrypted MAC (taglen bytes are used). */
static void ccm_run(const ts_ccm_key *c, const uint8_t *nonce, size_t noncelen,
                    const uint8_t *aad, size_t aadlen, const uint8_t *in, size_t len,
                    uint8_t *out, size_t taglen, uint8_t tag_out[16], int seal) {
  const ts_aes_key *k = &c->aes;
  size_t q = 15 - noncelen;
  mac_state m;
  memset(&m, 0, sizeof m);
  /* B0 (SP 800-38C A.2.1) */
  uint8_t b0[16];
  b0[0] = (uint8_t)((aadlen ? 0x40 : 0) | (((taglen - 2) / 2) << 3) | (q - 1));
  memcpy(b0 + 1, nonce, noncelen);
  for (size_t i = 0; i < q; i++) b0[15 - i] = (uint8_t)((uint64_t)len >> (8 * i));
  mac_update(k, &m, b0, 16);
  /* AAD with its length encoding (A.2.2) */
  if (aadlen) {
    uint8_t enc[10];
    size_t el;
    uint64_t a = aadlen;
    if (a < 0xFF00) {
      enc[0] = (uint8_t)(a >> 8);
      enc[1] = (uint8_t)a;
      el = 2;
    } else if (a <= 0xFFFFFFFFu) {
      enc[0] = 0xFF;
      enc[1] = 0xFE;
      for (int i = 0; i < 4; i++) enc[2 + i] = (uint8_t)(a >> (24 - 8 * i));
      el = 6;
    } else {
      enc[0] = 0xFF;
      enc[1] = 0xFF;
      for (int i = 0; i < 8; i++) enc[2 + i] = (uint8_t)(a >> (56 - 8 * i));
      el = 10;
    }
    mac_update(k, &m, enc, el);
    mac_update(k, &m, aad, aadlen);
    mac_pad(k, &m);
  }
  /* Counter blocks: A_i = (q-1) || N || [i]_q */
  uint8_t ctr[16] = {0}, s0[16];
  ctr[0] = (uint8_t)(q - 1);
  memcpy(ctr + 1, nonce, noncelen);
  memcpy(s0, ctr, 16);
  k->impl->encrypt(k, s0, s0, 1);
  ctr[15] = 1;
  /* Payload, in chunks so MAC and CTR share the cache and in-place works both ways. */
  uint8_t chunk[512];
  while (len) {
    size_t n = len < sizeof chunk ? len : sizeof chunk;
    size_t nb = (n + 15) / 16;
    memset(chunk, 0, nb * 16);
    memcpy(chunk, in, n);
    if (seal) mac_update(k, &m, chunk, n);
    k->impl->ctr32(k, ctr, chunk, chunk, nb);
    if (!seal) {
      memset(chunk + n, 0, nb * 16 - n);
      mac_update(k, &m, chunk, n);
    }
    memcpy(out, chunk, n);
    in += n;
    out += n;
    len -= n;
  }
  mac_pad(k, &m);
  for (int i = 0; i < 16; i++) tag_out[i] = m.y[i] ^ s0[i];
  ts_aes_zero(chunk, sizeof chunk);
  ts_aes_zero(&m, sizeof m);
  ts_aes_zero(s0, sizeof s0);
  ts_aes_zero(ctr, sizeof ctr);
}

int ts_ccm_seal(const ts_ccm_key *c, const uint8_t *nonce, size_t noncelen, const uint8_t *aad,
                size_t aadlen, const uint8_t *pt, size_t len, uint8_t *ct, uint8_t *tag,
                size_t taglen) {
  if (!ccm_params_ok(noncelen, len, taglen)) return 0;
  uint8_t t[16];
  ccm_run(c, nonce, noncelen, aad, aadlen, pt, len, ct, taglen, t, 1);
  memcpy(tag, t, taglen);
  ts_aes_zero(t, sizeof t);
  return 1;
}

int ts_ccm_open(const ts_ccm_key *c, const uint8_t *nonce, size_t noncelen, const uint8_t *aad,
                size_t aadlen, const uint8_t *ct, size_t len, const uint8_t *tag, size_t taglen,
                uint8_t *pt) {
  uint32_t ok = 0;
  if (ccm_params_ok(noncelen, len, taglen)) {
    uint8_t t[16];
    ccm_run(c, nonce, noncelen, aad, aadlen, ct, len, pt, taglen, t, 0);
    ok = ts_ct_memeq(t, tag, taglen);
    ts_aes_zero(t, sizeof t);
  }
  uint8_t m = (uint8_t)ts_ct_mask32(ok);
  for (size_t i = 0; i < len; i++) pt[i] &= m;
  return (int)ok;
}
