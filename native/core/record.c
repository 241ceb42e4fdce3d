/* TLS record protection over the AEAD, CBC and HMAC primitives (see record.h for the RFCs).
 * Every decision that depends on a decrypted byte (the TLS 1.3 content type, CBC padding and
 * MAC) is made with masks; the functions branch only on lengths, the cipher and the version. */
#include "record.h"

#include <string.h>

#include "ct.h"
#include "random.h"

static void put_u64be(uint8_t *p, uint64_t v) {
  for (int i = 7; i >= 0; i--) {
    p[i] = (uint8_t)v;
    v >>= 8;
  }
}

static int is_gcm(unsigned bulk) { return bulk == TS_RECORD_AES_128_GCM || bulk == TS_RECORD_AES_256_GCM; }
static int is_ccm(unsigned bulk) { return bulk >= TS_RECORD_AES_128_CCM && bulk <= TS_RECORD_AES_256_CCM8; }
static int is_cbc(unsigned bulk) { return bulk >= TS_RECORD_AES_128_CBC && bulk <= TS_RECORD_DES_EDE3_CBC; }

size_t ts_record_key_len(ts_record_bulk bulk) {
  switch (bulk) {
    case TS_RECORD_AES_128_GCM:
    case TS_RECORD_AES_128_CCM:
    case TS_RECORD_AES_128_CCM8:
    case TS_RECORD_AES_128_CBC:
      return 16;
    case TS_RECORD_AES_256_GCM:
    case TS_RECORD_AES_256_CCM:
    case TS_RECORD_AES_256_CCM8:
    case TS_RECORD_AES_256_CBC:
    case TS_RECORD_CHACHA20_POLY1305:
      return 32;
    case TS_RECORD_DES_EDE3_CBC:
      return 24;
  }
  return 0;
}

size_t ts_record_iv_len(ts_record_bulk bulk, unsigned version) {
  if (is_cbc(bulk)) {
    /* TLS 1.0 chains the IV from the key block; 1.1+ send one per record. */
    if (version != TS_RECORD_TLS10) return 0;
    return bulk == TS_RECORD_DES_EDE3_CBC ? 8 : 16;
  }
  /* RFC 5288 §3 / RFC 6655 §3: a 4-byte implicit salt; RFC 7905 and RFC 8446: 12 bytes. */
  if (version == TS_RECORD_TLS12 && bulk != TS_RECORD_CHACHA20_POLY1305) return 4;
  return 12;
}

void ts_record_wipe(ts_record_ctx *c) { ts_wipe(c, sizeof *c); }

static size_t hash_buflen(const ts_hash_ctx *h) {
  switch (h->alg) {
    case TS_HASH_SHA1: return h->u.sha1.buflen;
    case TS_HASH_SHA256: return h->u.sha256.buflen;
    case TS_HASH_SHA384: return h->u.sha512.buflen;
    default: return 1;
  }
}

int ts_record_init(ts_record_ctx *c, unsigned version, ts_record_bulk bulk, ts_hash_alg mac,
                   int etm, const uint8_t *key, size_t keylen, const uint8_t *iv, size_t ivlen,
                   const uint8_t *mackey, size_t mackeylen) {
  memset(c, 0, sizeof *c);
  if (version < TS_RECORD_TLS10 || version > TS_RECORD_TLS13) return TS_RECORD_BAD_ARG;
  size_t kl = ts_record_key_len(bulk);
  if (!kl || keylen != kl || ivlen != ts_record_iv_len(bulk, version) || ivlen > sizeof c->iv)
    return TS_RECORD_BAD_ARG;
  c->version = (uint16_t)version;
  c->bulk = (uint8_t)bulk;
  if (is_cbc(bulk)) {
    /* CBC suites are TLS 1.0-1.2; the SHA-2 MACs came with TLS 1.2 (RFC 5246, RFC 5289). */
    if (version == TS_RECORD_TLS13) return TS_RECORD_BAD_ARG;
    if (mac != TS_HASH_SHA1 && !(version == TS_RECORD_TLS12 && (mac == TS_HASH_SHA256 || mac == TS_HASH_SHA384)))
      return TS_RECORD_BAD_ARG;
    if (mackeylen != ts_hash_len(mac)) return TS_RECORD_BAD_ARG;
    c->kind = TS_RECORD_KIND_CBC;
    c->mac = mac;
    c->maclen = (uint8_t)ts_hash_len(mac);
    c->etm = etm ? 1 : 0;
    c->block = bulk == TS_RECORD_DES_EDE3_CBC ? 8 : 16;
    c->explicit_len = version >= TS_RECORD_TLS11 ? c->block : 0;
    ts_hmac_ctx h;
    if (!ts_hmac_init(&h, mac, mackey, mackeylen)) return TS_RECORD_BAD_ARG;
    c->mac_inner = h.inner;
    c->mac_outer = h.outer;
    ts_wipe(&h, sizeof h);
    /* The constant-time MAC check starts from the raw state after the ipad block. */
    if (hash_buflen(&c->mac_inner) != 0) {
      ts_record_wipe(c);
      return TS_RECORD_BAD_ARG;
    }
    if (bulk == TS_RECORD_DES_EDE3_CBC)
      ts_des3_init(&c->k.des, key);
    else if (!ts_aes_init(&c->k.aes, key, keylen, 1))
      return TS_RECORD_BAD_ARG;
  } else {
    /* AEADs: TLS 1.2 (RFC 5288, 6655, 7905) and 1.3; CCM with a 256-bit key only in 1.2. */
    if (version < TS_RECORD_TLS12 || mac != TS_HASH_NONE || etm || mackeylen) return TS_RECORD_BAD_ARG;
    if (version == TS_RECORD_TLS13 && (bulk == TS_RECORD_AES_256_CCM || bulk == TS_RECORD_AES_256_CCM8))
      return TS_RECORD_BAD_ARG;
    c->kind = version == TS_RECORD_TLS13 ? TS_RECORD_KIND_AEAD13 : TS_RECORD_KIND_AEAD12;
    c->taglen = (bulk == TS_RECORD_AES_128_CCM8 || bulk == TS_RECORD_AES_256_CCM8) ? 8 : 16;
    c->explicit_len = (c->kind == TS_RECORD_KIND_AEAD12 && bulk != TS_RECORD_CHACHA20_POLY1305) ? 8 : 0;
    if (is_gcm(bulk)) {
      if (!ts_gcm_init(&c->k.gcm, key, keylen)) return TS_RECORD_BAD_ARG;
    } else if (is_ccm(bulk)) {
      if (!ts_ccm_init(&c->k.ccm, key, keylen)) return TS_RECORD_BAD_ARG;
    } else {
      ts_chacha20poly1305_init(&c->k.chacha, key);
    }
  }
  if (ivlen) memcpy(c->iv, iv, ivlen);
  c->ivlen = (uint8_t)ivlen;
  return TS_RECORD_OK;
}

/* ---- AEAD ------------------------------------------------------------------------------------ */

static int aead_seal(const ts_record_ctx *c, const uint8_t nonce[12], const uint8_t *aad,
                     size_t aadlen, const uint8_t *pt, size_t len, uint8_t *out, uint8_t *tag) {
  if (is_gcm(c->bulk)) return ts_gcm_seal(&c->k.gcm, nonce, 12, aad, aadlen, pt, len, out, tag, 16);
  if (is_ccm(c->bulk)) return ts_ccm_seal(&c->k.ccm, nonce, 12, aad, aadlen, pt, len, out, tag, c->taglen);
  return ts_chacha20poly1305_seal(&c->k.chacha, nonce, aad, aadlen, pt, len, out, tag);
}

/* 1 or 0 (out zeroed), without a branch on the result. */
static uint32_t aead_open(const ts_record_ctx *c, const uint8_t nonce[12], const uint8_t *aad,
                          size_t aadlen, const uint8_t *ct, size_t len, const uint8_t *tag, uint8_t *out) {
  int r;
  if (is_gcm(c->bulk))
    r = ts_gcm_open(&c->k.gcm, nonce, 12, aad, aadlen, ct, len, tag, 16, out);
  else if (is_ccm(c->bulk))
    r = ts_ccm_open(&c->k.ccm, nonce, 12, aad, aadlen, ct, len, tag, c->taglen, out);
  else
    r = ts_chacha20poly1305_open(&c->k.chacha, nonce, aad, aadlen, ct, len, tag, out);
  return (uint32_t)r & 1u;
}

/* RFC 8446 §5.3 / RFC 7905 §2: the sequence number, left-padded, XORed into the 12-byte IV. */
static void xor_nonce(const ts_record_ctx *c, uint64_t seq, uint8_t nonce[12]) {
  uint8_t s[8];
  put_u64be(s, seq);
  memcpy(nonce, c->iv, 12);
  for (int i = 0; i < 8; i++) nonce[4 + i] ^= s[i];
}

/* RFC 5246 §6.2.3.3: additional_data = seq_num || type || version || length. */
static void aad12(uint8_t aad[13], uint64_t seq, uint8_t type, const uint8_t version[2], size_t len) {
  put_u64be(aad, seq);
  aad[8] = type;
  aad[9] = version[0];
  aad[10] = version[1];
  aad[11] = (uint8_t)(len >> 8);
  aad[12] = (uint8_t)len;
}

static void put_header(uint8_t *out, uint8_t type, unsigned version, size_t len) {
  out[0] = type;
  out[1] = (uint8_t)(version >> 8);
  out[2] = (uint8_t)version;
  out[3] = (uint8_t)(len >> 8);
  out[4] = (uint8_t)len;
}

/* ---- HMAC for CBC suites --------------------------------------------------------------------- */

/* HMAC(seq || type || version || length || a || b) with the prekeyed states. */
static void hmac_record(const ts_record_ctx *c, const uint8_t hdr[13], const uint8_t *a, size_t alen,
                        uint8_t *mac) {
  ts_hash_ctx h = c->mac_inner;
  uint8_t ih[TS_HASH_MAX_LEN];
  ts_hash_update(&h, hdr, 13);
  ts_hash_update(&h, a, alen);
  ts_hash_final(&h, ih);
  h = c->mac_outer;
  ts_hash_update(&h, ih, c->maclen);
  ts_hash_final(&h, mac);
  ts_wipe(ih, sizeof ih);
}

typedef union {
  uint32_t w[16];
  uint64_t d[8];
} hstate;

static size_t mac_block(ts_hash_alg a) { return a == TS_HASH_SHA384 ? 128 : 64; }

static void hblocks(ts_hash_alg a, hstate *s, const uint8_t *p, size_t n) {
  if (!n) return;
  if (a == TS_HASH_SHA1)
    ts_sha1_blocks(s->w, p, n);
  else if (a == TS_HASH_SHA256)
    ts_sha256_blocks(s->w, p, n);
  else
    ts_sha512_blocks(s->d, p, n);
}

static void hstate_load(const ts_hash_ctx *h, hstate *s) {
  memset(s, 0, sizeof *s);
  if (h->alg == TS_HASH_SHA1)
    memcpy(s->w, h->u.sha1.h, sizeof h->u.sha1.h);
  else if (h->alg == TS_HASH_SHA256)
    memcpy(s->w, h->u.sha256.h, sizeof h->u.sha256.h);
  else
    memcpy(s->d, h->u.sha512.h, sizeof h->u.sha512.h);
}

static void hstate_out(ts_hash_alg a, const hstate *s, uint8_t *out) {
  if (a == TS_HASH_SHA384) {
    for (int i = 0; i < 6; i++) put_u64be(out + 8 * i, s->d[i]);
    return;
  }
  int n = a == TS_HASH_SHA1 ? 5 : 8;
  for (int i = 0; i < n; i++) {
    out[4 * i] = (uint8_t)(s->w[i] >> 24);
    out[4 * i + 1] = (uint8_t)(s->w[i] >> 16);
    out[4 * i + 2] = (uint8_t)(s->w[i] >> 8);
    out[4 * i + 3] = (uint8_t)s->w[i];
  }
}

/* The byte at index k of the MAC input hdr[0..13) || data[0..datalen). */
static inline uint8_t mac_input_byte(const uint8_t hdr[13], const uint8_t *data, size_t datalen, size_t k) {
  if (k < 13) return hdr[k];
  k -= 13;
  return k < datalen ? data[k] : 0;
}

/* HMAC over hdr || data[0..n) where n is secret, in [nmin, nmax] (public bounds, nmax <=
 * datalen). Lucky Thirteen (AlFardan and Paterson, 2013) measured the number of SHA
 * compressions the MAC check took, which gave away the padding length; here the blocks that
 * could hold the end of the message are all built with masks and compressed, and the state
 * after the block that holds the length is kept with a masked copy. hdr[11..13) carries n too.
 * This is constant-time in n and in the contents. */
static void hmac_record_ct(const ts_record_ctx *c, const uint8_t hdr[13], const uint8_t *data,
                           size_t datalen, size_t n, size_t nmin, size_t nmax, uint8_t *mac) {
  const ts_hash_alg a = c->mac;
  const size_t B = mac_block(a);
  const unsigned shift = B == 128 ? 7 : 6;
  const size_t F = a == TS_HASH_SHA384 ? 16 : 8; /* length field bytes */
  hstate st, res;
  uint8_t blk[128];
  hstate_load(&c->mac_inner, &st);
  /* Message length m = 13 + n bytes; it ends in block (m + F) / B (0-based, after ipad). */
  const size_t m = 13 + n, mmin = 13 + nmin, mmax = 13 + nmax;
  const size_t jfinal = (m + F) >> shift; /* secret */
  const size_t jfirst = mmin >> shift, jlast = (mmax + F) >> shift;
  /* Blocks wholly before the shortest possible end are plain data: hash them directly. */
  if (jfirst) {
    for (size_t t = 0; t < B; t++) blk[t] = mac_input_byte(hdr, data, datalen, t);
    hblocks(a, &st, blk, 1);
    hblocks(a, &st, data + B - 13, jfirst - 1);
  }
  /* The bit length of the inner message, ipad block included, big-endian in the last 8 bytes. */
  uint8_t bits[8];
  put_u64be(bits, (uint64_t)(B + m) * 8);
  memset(&res, 0, sizeof res);
  for (size_t j = jfirst; j <= jlast; j++) {
    const uint32_t is_final = (uint32_t)ts_ct_eq64(j, jfinal);
    const uint8_t fm = (uint8_t)ts_ct_mask32(is_final);
    for (size_t t = 0; t < B; t++) {
      const size_t k = j * B + t;
      const uint8_t v = mac_input_byte(hdr, data, datalen, k);
      const uint8_t is_data = (uint8_t)ts_ct_mask64(((uint64_t)k - (uint64_t)m) >> 63); /* k < m */
      const uint8_t is_end = (uint8_t)ts_ct_mask64(ts_ct_eq64(k, m));
      uint8_t byte = (uint8_t)((v & is_data) | (0x80 & is_end));
      if (t >= B - 8) byte |= (uint8_t)(bits[t - (B - 8)] & fm);
      blk[t] = byte;
    }
    hblocks(a, &st, blk, 1);
    const uint64_t sm = ts_ct_mask64(is_final);
    for (int i = 0; i < 8; i++) res.d[i] |= st.d[i] & sm;
  }
  uint8_t ih[TS_HASH_MAX_LEN];
  hstate_out(a, &res, ih);
  ts_hash_ctx h = c->mac_outer;
  ts_hash_update(&h, ih, c->maclen);
  ts_hash_final(&h, mac);
  ts_wipe(ih, sizeof ih);
  ts_wipe(blk, sizeof blk);
  ts_wipe(&st, sizeof st);
  ts_wipe(&res, sizeof res);
}

/* Copies the maclen bytes at buf[start..start+maclen) into mac, where start is secret in
 * [lo, hi] and start + maclen <= buflen. Each byte of the scan window goes to a slot fixed by
 * its public index (a rotation of the MAC by (start - lo) mod maclen), which is then undone by
 * rotations of 1, 2, 4, ... selected with masks. This is constant-time in start. */
static void extract_mac_ct(const uint8_t *buf, size_t buflen, size_t start, size_t lo,
                           size_t maclen, uint8_t *mac) {
  uint8_t rot[TS_HASH_MAX_LEN], tmp[TS_HASH_MAX_LEN];
  memset(rot, 0, sizeof rot);
  size_t slot = 0;
  uint64_t r = 0;
  const uint64_t end = (uint64_t)start + maclen;
  for (size_t i = lo; i < buflen; i++) {
    const uint64_t ge = 1 ^ (((uint64_t)i - (uint64_t)start) >> 63);
    const uint64_t lt = ((uint64_t)i - end) >> 63;
    rot[slot] |= buf[i] & (uint8_t)ts_ct_mask64(ge & lt);
    r |= slot & ts_ct_mask64(ts_ct_eq64(i, start));
    if (++slot == maclen) slot = 0;
  }
  /* Now mac[t] = rot[(t + r) mod maclen]: rotate left by r, one bit of r at a time. */
  for (unsigned bit = 0; ((size_t)1 << bit) < maclen; bit++) {
    const size_t s = (size_t)1 << bit;
    const uint8_t m = (uint8_t)ts_ct_mask64((r >> bit) & 1);
    for (size_t t = 0; t < maclen; t++) tmp[t] = rot[(t + s) % maclen];
    for (size_t t = 0; t < maclen; t++) rot[t] ^= m & (rot[t] ^ tmp[t]);
  }
  memcpy(mac, rot, maclen);
  ts_wipe(rot, sizeof rot);
  ts_wipe(tmp, sizeof tmp);
}

static void cbc_encrypt(ts_record_ctx *c, uint8_t *iv, uint8_t *buf, size_t len) {
  if (c->bulk == TS_RECORD_DES_EDE3_CBC)
    ts_des3_cbc_encrypt(&c->k.des, iv, buf, buf, len / 8);
  else
    c->k.aes.impl->cbc_encrypt(&c->k.aes, iv, buf, buf, len / 16);
}

static void cbc_decrypt(ts_record_ctx *c, uint8_t *iv, const uint8_t *in, uint8_t *out, size_t len) {
  if (c->bulk == TS_RECORD_DES_EDE3_CBC)
    ts_des3_cbc_decrypt(&c->k.des, iv, in, out, len / 8);
  else
    c->k.aes.impl->cbc_decrypt(&c->k.aes, iv, in, out, len / 16);
}

/* Checks the CBC padding at the end of buf[0..len): the last byte p, and the p bytes before it
 * all equal to p (TLS 1.0 requires this too, unlike SSL 3.0), with p + 1 + reserve <= len.
 * Scans the last min(256, len) bytes whatever p is. Returns 1 or 0 and *plen = len - p - 1
 * (len - 1 when the check fails). This is constant-time. */
static uint32_t check_padding_ct(const uint8_t *buf, size_t len, size_t reserve, size_t *plen) {
  const uint32_t p = buf[len - 1];
  uint32_t good = (uint32_t)(((uint64_t)len - (uint64_t)p - 1 - (uint64_t)reserve) >> 63) ^ 1u; /* p+1+reserve <= len */
  const size_t from = len > 256 ? len - 256 : 0;
  for (size_t i = from; i < len - 1; i++) {
    const uint32_t d = (uint32_t)(len - 1 - i); /* distance from the padding length byte */
    const uint32_t in_pad = 1u ^ ts_ct_lt32(p, d); /* d <= p */
    good &= (1u ^ in_pad) | ts_ct_eq32(buf[i], p);
  }
  good = ts_ct_barrier32(good);
  *plen = len - 1 - (size_t)(p & ts_ct_mask32(good));
  return good;
}

/* ---- seal ------------------------------------------------------------------------------------ */

size_t ts_record_sealed_len(const ts_record_ctx *c, size_t len, size_t padding) {
  if (len > TS_RECORD_MAX_PLAINTEXT || padding > TS_RECORD_MAX_PLAINTEXT) return 0;
  switch (c->kind) {
    case TS_RECORD_KIND_AEAD13:
      /* RFC 8446 §5.4: the whole TLSInnerPlaintext is at most 2^14 + 1 bytes. */
      if (len + padding > TS_RECORD_MAX_PLAINTEXT) return 0;
      return TS_RECORD_HEADER_LEN + len + 1 + padding + c->taglen;
    case TS_RECORD_KIND_AEAD12:
      if (padding) return 0;
      return TS_RECORD_HEADER_LEN + c->explicit_len + len + c->taglen;
    case TS_RECORD_KIND_CBC: {
      const size_t b = c->block;
      if (padding % b) return 0;
      /* MAC-then-encrypt pads content || MAC; encrypt-then-MAC pads the content alone. */
      const size_t base = len + 1 + (c->etm ? 0 : c->maclen);
      const size_t pad = (b - base % b) % b + padding; /* padding_length byte value */
      if (pad > 255) return 0;
      return TS_RECORD_HEADER_LEN + c->explicit_len + len + 1 + c->maclen + pad;
    }
  }
  return 0;
}

int ts_record_seal(ts_record_ctx *c, uint8_t type, const uint8_t *content, size_t len,
                   size_t padding, const uint8_t *explicit_iv, uint8_t *out, size_t outcap,
                   size_t *outlen) {
  *outlen = 0;
  const size_t total = ts_record_sealed_len(c, len, padding);
  if (!total || outcap < total) return TS_RECORD_BAD_ARG;
  if (c->seq == UINT64_MAX) return TS_RECORD_SEQ; /* RFC 8446 §5.3, RFC 5246 §6.1: never wrap */
  const size_t fl = total - TS_RECORD_HEADER_LEN;
  uint8_t *frag = out + TS_RECORD_HEADER_LEN;
  uint8_t nonce[12], aad[13];
  switch (c->kind) {
    case TS_RECORD_KIND_AEAD13: {
      /* RFC 8446 §5.2: opaque_type application_data, legacy_record_version 0x0303. */
      put_header(out, 23, TS_RECORD_TLS12, fl);
      const size_t inner = len + 1 + padding;
      if (len) memcpy(frag, content, len);
      frag[len] = type;
      memset(frag + len + 1, 0, padding);
      xor_nonce(c, c->seq, nonce);
      if (!aead_seal(c, nonce, out, TS_RECORD_HEADER_LEN, frag, inner, frag, frag + inner)) return TS_RECORD_BAD_ARG;
      break;
    }
    case TS_RECORD_KIND_AEAD12: {
      put_header(out, type, c->version, fl);
      aad12(aad, c->seq, type, out + 1, len);
      if (c->explicit_len) {
        /* RFC 5288 §3: the explicit nonce must never repeat under a key; the sequence number
         * is the natural choice. */
        memcpy(nonce, c->iv, 4);
        put_u64be(nonce + 4, c->seq);
        memcpy(frag, nonce + 4, 8);
      } else {
        xor_nonce(c, c->seq, nonce);
      }
      uint8_t *ct = frag + c->explicit_len;
      if (len) memcpy(ct, content, len);
      if (!aead_seal(c, nonce, aad, 13, ct, len, ct, ct + len)) return TS_RECORD_BAD_ARG;
      break;
    }
    case TS_RECORD_KIND_CBC: {
      const size_t b = c->block, m = c->maclen;
      put_header(out, type, c->version, fl);
      uint8_t iv[16];
      if (c->explicit_len) {
        if (explicit_iv)
          memcpy(iv, explicit_iv, b);
        else if (!ts_random_bytes(iv, b))
          return TS_RECORD_RANDOM;
        memcpy(frag, iv, b);
      } else {
        memcpy(iv, c->iv, b);
      }
      uint8_t *body = frag + c->explicit_len;
      const size_t bodylen = fl - c->explicit_len;
      const size_t padlen = bodylen - len - m; /* pad bytes including the length byte */
      if (len) memcpy(body, content, len);
      if (!c->etm) {
        /* RFC 5246 §6.2.3.1: MAC over seq || type || version || length || content. */
        aad12(aad, c->seq, type, out + 1, len);
        hmac_record(c, aad, content, len, body + len);
        memset(body + len + m, (int)(padlen - 1), padlen);
        cbc_encrypt(c, iv, body, bodylen);
      } else {
        /* RFC 7366 §3: encrypt content || padding, then MAC the fragment as sent. */
        memset(body + len, (int)(padlen - 1), padlen);
        cbc_encrypt(c, iv, body, bodylen - m);
        aad12(aad, c->seq, type, out + 1, fl - m);
        hmac_record(c, aad, frag, fl - m, frag + fl - m);
      }
      /* TLS 1.0: the next record's IV is this record's last ciphertext block. */
      if (!c->explicit_len) memcpy(c->iv, iv, b);
      ts_wipe(iv, sizeof iv);
      break;
    }
    default:
      return TS_RECORD_BAD_ARG;
  }
  c->seq++;
  *outlen = total;
  return TS_RECORD_OK;
}

/* ---- open ------------------------------------------------------------------------------------ */

/* Finds the last non-zero byte of buf[0..len) (RFC 8446 §5.4): *type is that byte (0 if none)
 * and *pos its index (0 if none). Reads every byte, 64 at a time: the last chunk holding a
 * non-zero byte is kept with a masked copy (no index depends on the contents), then searched
 * the same way. This is constant-time in the contents, so the padding length stays hidden
 * until the caller releases the content. */
static uint32_t last_nonzero_ct(const uint8_t *buf, size_t len, uint8_t *type, size_t *pos) {
  uint64_t keep[8] = {0}, at = 0, any = 0;
  const size_t nchunks = (len + 63) / 64;
  for (size_t ch = 0; ch < nchunks; ch++) {
    uint64_t w[8] = {0};
    if (ch * 64 + 64 <= len)
      memcpy(w, buf + ch * 64, 64);
    else
      memcpy(w, buf + ch * 64, len - ch * 64);
    uint64_t o = 0;
    for (int k = 0; k < 8; k++) o |= w[k];
    const uint64_t nz = ts_ct_nonzero64(o);
    const uint64_t m = ts_ct_mask64(nz);
    for (int k = 0; k < 8; k++) keep[k] ^= m & (keep[k] ^ w[k]);
    at ^= m & (at ^ (uint64_t)ch);
    any |= nz;
  }
  uint8_t b[64];
  memcpy(b, keep, 64);
  uint32_t t = 0, idx = 0;
  for (uint32_t i = 0; i < 64; i++) {
    const uint32_t m = ts_ct_mask32(ts_ct_nonzero32(b[i]));
    t ^= m & (t ^ b[i]);
    idx ^= m & (idx ^ i);
  }
  ts_wipe(keep, sizeof keep);
  *type = (uint8_t)t;
  *pos = (size_t)(at * 64 + idx) & (size_t)ts_ct_mask64(any);
  return (uint32_t)any;
}

static int open13(ts_record_ctx *c, const uint8_t *rec, size_t fl, uint8_t *out, uint8_t *type, size_t *len) {
  const uint8_t *frag = rec + TS_RECORD_HEADER_LEN;
  if (fl > TS_RECORD_MAX_CIPHERTEXT13) return TS_RECORD_OVERFLOW;
  if (fl < (size_t)c->taglen + 1) return TS_RECORD_BAD_MAC; /* no room for a tag and a type */
  const size_t inner = fl - c->taglen;
  if (inner > TS_RECORD_MAX_INNER13) return TS_RECORD_OVERFLOW;
  uint8_t nonce[12];
  xor_nonce(c, c->seq, nonce);
  const uint32_t ok = aead_open(c, nonce, rec, TS_RECORD_HEADER_LEN, frag, inner, frag + inner, out);
  uint8_t t;
  size_t pos;
  const uint32_t any = last_nonzero_ct(out, inner, &t, &pos); /* all zeros when !ok */
  const uint32_t good = ok & any;
  c->seq += good;
  *type = t;
  *len = pos;
  return (int)ts_ct_select32(ok, ts_ct_select32(any, (uint32_t)TS_RECORD_OK, (uint32_t)TS_RECORD_NO_TYPE),
                             (uint32_t)TS_RECORD_BAD_MAC);
}

static int open12_aead(ts_record_ctx *c, const uint8_t *rec, size_t fl, uint8_t *out, uint8_t *type, size_t *len) {
  const uint8_t *frag = rec + TS_RECORD_HEADER_LEN;
  if (fl > TS_RECORD_MAX_CIPHERTEXT12) return TS_RECORD_OVERFLOW;
  if (fl < (size_t)c->explicit_len + c->taglen) return TS_RECORD_BAD_MAC;
  const size_t plen = fl - c->explicit_len - c->taglen;
  uint8_t nonce[12], aad[13];
  if (c->explicit_len) {
    memcpy(nonce, c->iv, 4);
    memcpy(nonce + 4, frag, 8);
  } else {
    xor_nonce(c, c->seq, nonce);
  }
  aad12(aad, c->seq, rec[0], rec + 1, plen);
  const uint8_t *ct = frag + c->explicit_len;
  const uint32_t ok = aead_open(c, nonce, aad, 13, ct, plen, ct + plen, out);
  /* RFC 5246 §6.2.3: a plaintext over 2^14 bytes is record_overflow (length is public). */
  const uint32_t over = plen > TS_RECORD_MAX_PLAINTEXT;
  if (over) memset(out, 0, plen);
  const uint32_t good = ok & (over ^ 1u);
  c->seq += good;
  *type = rec[0];
  *len = plen & (size_t)ts_ct_mask64(good);
  return (int)ts_ct_select32(ok, over ? (uint32_t)TS_RECORD_OVERFLOW : (uint32_t)TS_RECORD_OK,
                             (uint32_t)TS_RECORD_BAD_MAC);
}

static int open_cbc(ts_record_ctx *c, const uint8_t *rec, size_t fl, uint8_t *out, uint8_t *type, size_t *len) {
  const uint8_t *frag = rec + TS_RECORD_HEADER_LEN;
  const size_t b = c->block, m = c->maclen, ex = c->explicit_len;
  if (fl > TS_RECORD_MAX_CIPHERTEXT12) return TS_RECORD_OVERFLOW;
  /* Public shape checks: whole blocks, room for the MAC and one padding byte. They depend only
   * on the record length, so failing them early tells an attacker nothing new. */
  size_t L; /* bytes of CBC ciphertext */
  if (c->etm) {
    if (fl < ex + m) return TS_RECORD_BAD_MAC;
    L = fl - ex - m;
    if (L < b || L % b) return TS_RECORD_BAD_MAC;
  } else {
    if (fl < ex) return TS_RECORD_BAD_MAC;
    L = fl - ex;
    if (L % b || L < ((m + 1 + b - 1) / b) * b) return TS_RECORD_BAD_MAC;
  }
  uint8_t iv[16], next_iv[16], hdr[13], mac[TS_HASH_MAX_LEN], got[TS_HASH_MAX_LEN];
  if (ex)
    memcpy(iv, frag, b);
  else
    memcpy(iv, c->iv, b);
  const uint8_t *ct = frag + ex;
  memcpy(next_iv, ct + L - b, b);
  uint32_t good;
  size_t plen;
  if (c->etm) {
    /* RFC 7366 §3: check the MAC over the fragment as received before using its contents. The
     * decryption and padding check below still run either way, so the time does not depend on
     * which check failed. */
    aad12(hdr, c->seq, rec[0], rec + 1, fl - m);
    hmac_record(c, hdr, frag, fl - m, mac);
    good = ts_ct_memeq(mac, frag + fl - m, m);
    cbc_decrypt(c, iv, ct, out, L);
    good &= check_padding_ct(out, L, 0, &plen);
  } else {
    /* RFC 5246 §6.2.3.2 with the Lucky Thirteen countermeasures (see hmac_record_ct). */
    cbc_decrypt(c, iv, ct, out, L);
    size_t dlen; /* content + MAC */
    good = check_padding_ct(out, L, m, &dlen);
    /* When the padding is bad dlen is L - 1, which still leaves room for a MAC. */
    plen = dlen - m;
    const size_t pmax = L - 1 - m;
    const size_t pmin = pmax > 255 ? pmax - 255 : 0;
    aad12(hdr, c->seq, rec[0], rec + 1, 0);
    hdr[11] = (uint8_t)(plen >> 8);
    hdr[12] = (uint8_t)plen;
    hmac_record_ct(c, hdr, out, L, plen, pmin, pmax, mac);
    extract_mac_ct(out, L, plen, pmin, m, got);
    good &= ts_ct_memeq(mac, got, m);
  }
  /* One failure path: bad padding and a bad MAC give the same result and release nothing. */
  const uint32_t over = (uint32_t)(((uint64_t)TS_RECORD_MAX_PLAINTEXT - (uint64_t)plen) >> 63); /* plen > 2^14 */
  const uint8_t keep = (uint8_t)ts_ct_mask32(good & (over ^ 1u));
  for (size_t i = 0; i < L; i++) out[i] &= keep;
  const uint32_t ok = good & (over ^ 1u);
  c->seq += ok;
  if (!ex) ts_ct_ccopy(ok, c->iv, next_iv, b);
  *type = rec[0];
  *len = plen & (size_t)ts_ct_mask64(ok);
  ts_wipe(mac, sizeof mac);
  ts_wipe(got, sizeof got);
  ts_wipe(hdr, sizeof hdr);
  return (int)ts_ct_select32(good, ts_ct_select32(over, (uint32_t)TS_RECORD_OVERFLOW, (uint32_t)TS_RECORD_OK),
                             (uint32_t)TS_RECORD_BAD_MAC);
}

int ts_record_open(ts_record_ctx *c, const uint8_t *rec, size_t reclen, uint8_t *out,
                   size_t outcap, uint8_t *type, size_t *len) {
  *type = 0;
  *len = 0;
  if (reclen < TS_RECORD_HEADER_LEN) return TS_RECORD_BAD_ARG;
  const size_t fl = reclen - TS_RECORD_HEADER_LEN;
  if (((size_t)rec[3] << 8 | rec[4]) != fl || outcap < fl) return TS_RECORD_BAD_ARG;
  if (c->seq == UINT64_MAX) return TS_RECORD_SEQ;
  switch (c->kind) {
    case TS_RECORD_KIND_AEAD13: return open13(c, rec, fl, out, type, len);
    case TS_RECORD_KIND_AEAD12: return open12_aead(c, rec, fl, out, type, len);
    case TS_RECORD_KIND_CBC: return open_cbc(c, rec, fl, out, type, len);
  }
  return TS_RECORD_BAD_ARG;
}
