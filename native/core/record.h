/* TLS record protection: one call seals or opens a whole record, with the keys, IVs and the
 * sequence number held in a caller-owned context (no allocation in the core).
 *
 *  - TLS 1.3 (RFC 8446 §5.2-5.4): AEAD over TLSInnerPlaintext = content || type || zeros, nonce =
 *    static IV XOR the 64-bit sequence number, AAD = the 5-byte record header.
 *  - TLS 1.2 AEAD: AES-GCM (RFC 5288) and AES-CCM (RFC 6655) with nonce = 4-byte salt || 8-byte
 *    explicit nonce sent in the record (we send the sequence number); ChaCha20-Poly1305
 *    (RFC 7905) with nonce = IV XOR sequence number and no explicit part. AAD = seq || type ||
 *    version || plaintext length (RFC 5246 §6.2.3.3).
 *  - TLS 1.0-1.2 CBC (RFC 5246 §6.2.3.2, RFC 2246 §6.2.3.2): HMAC-SHA1/SHA256/SHA384 over seq ||
 *    type || version || length || content, then padding and CBC; TLS 1.0 chains the IV from the
 *    previous record, TLS 1.1+ sends an explicit IV. Or encrypt-then-MAC (RFC 7366).
 *
 * Opening never advances the sequence number (nor the TLS 1.0 IV chain) unless it succeeds:
 * a record that fails to authenticate leaves the context as it was (RFC 8446 §4.2.10: a server
 * skipping rejected 0-RTT data must not count the skipped records).
 *
 * The MAC-then-encrypt CBC check is constant-time in the padding and the plaintext (no Lucky
 * Thirteen signal): the inner hash runs over a fixed number of compression blocks fixed by the
 * record length alone, the padding is checked with masks over the largest possible padding,
 * the MAC is taken out with a rotation whose amount is applied with masks, and there is one
 * failure result for bad padding and a bad MAC. */
#ifndef TS_RECORD_H
#define TS_RECORD_H

#include <stddef.h>
#include <stdint.h>

#include "aes.h"
#include "chacha20poly1305.h"
#include "des.h"
#include "gcm.h"
#include "hash.h"

#define TS_RECORD_HEADER_LEN 5
#define TS_RECORD_MAX_PLAINTEXT 16384u                   /* 2^14 */
#define TS_RECORD_MAX_CIPHERTEXT13 (16384u + 256u)       /* RFC 8446 §5.2 */
#define TS_RECORD_MAX_INNER13 (16384u + 1u)              /* RFC 8446 §5.4 */
#define TS_RECORD_MAX_CIPHERTEXT12 (16384u + 2048u)      /* RFC 5246 §6.2.3 */

#define TS_RECORD_TLS10 0x0301
#define TS_RECORD_TLS11 0x0302
#define TS_RECORD_TLS12 0x0303
#define TS_RECORD_TLS13 0x0304

typedef enum {
  TS_RECORD_AES_128_GCM = 1,
  TS_RECORD_AES_256_GCM = 2,
  TS_RECORD_CHACHA20_POLY1305 = 3,
  TS_RECORD_AES_128_CCM = 4,
  TS_RECORD_AES_256_CCM = 5,
  TS_RECORD_AES_128_CCM8 = 6,
  TS_RECORD_AES_256_CCM8 = 7,
  TS_RECORD_AES_128_CBC = 8,
  TS_RECORD_AES_256_CBC = 9,
  TS_RECORD_DES_EDE3_CBC = 10
} ts_record_bulk;

/* Results. Open maps them to alerts: BAD_MAC -> bad_record_mac, OVERFLOW -> record_overflow,
 * NO_TYPE -> unexpected_message; the others are caller errors or internal_error. */
#define TS_RECORD_OK 0
#define TS_RECORD_BAD_MAC (-1)    /* authentication, padding or too short to hold a MAC/tag */
#define TS_RECORD_OVERFLOW (-2)   /* ciphertext or plaintext over the protocol's limit */
#define TS_RECORD_NO_TYPE (-3)    /* TLS 1.3 inner plaintext is all zeros */
#define TS_RECORD_SEQ (-4)        /* the sequence number would wrap */
#define TS_RECORD_BAD_ARG (-5)    /* sizes, buffer capacity, header length field */
#define TS_RECORD_RANDOM (-6)     /* no randomness for an explicit CBC IV */

enum { TS_RECORD_KIND_AEAD13 = 1, TS_RECORD_KIND_AEAD12 = 2, TS_RECORD_KIND_CBC = 3 };

typedef struct {
  uint16_t version;   /* 0x0301..0x0304 */
  uint8_t bulk;       /* ts_record_bulk */
  uint8_t kind;       /* TS_RECORD_KIND_* */
  uint8_t etm;        /* CBC: encrypt-then-MAC (RFC 7366) */
  uint8_t taglen;     /* AEAD tag length */
  uint8_t block;      /* CBC block size (16 or 8) */
  uint8_t maclen;     /* CBC: HMAC output length */
  uint8_t explicit_len; /* bytes of explicit nonce / IV at the start of each fragment */
  uint8_t ivlen;      /* bytes of iv[] in use */
  ts_hash_alg mac;    /* CBC: HMAC hash */
  uint64_t seq;
  /* TLS 1.3 / ChaCha: static IV (12); GCM/CCM 1.2: the salt (4); TLS 1.0 CBC: the chained IV. */
  uint8_t iv[16];
  /* HMAC key as the hash states after the ipad and opad blocks. */
  ts_hash_ctx mac_inner, mac_outer;
  union {
    ts_gcm_key gcm;
    ts_ccm_key ccm;
    ts_chacha20poly1305_ctx chacha;
    ts_aes_key aes;
    ts_des3_key des;
  } k;
} ts_record_ctx;

/* Sizes a cipher needs: key, fixed IV for this version (0 for TLS 1.1+ CBC), MAC key (0 for
 * AEADs). 0 key length means the combination is not supported. */
size_t ts_record_key_len(ts_record_bulk bulk);
size_t ts_record_iv_len(ts_record_bulk bulk, unsigned version);

/* Sets up a context; returns TS_RECORD_OK or TS_RECORD_BAD_ARG (unknown cipher, a cipher the
 * version does not allow, a wrong key / IV / MAC key size, etm on an AEAD). mac is
 * TS_HASH_NONE for AEADs, SHA1/SHA256/SHA384 for CBC. The sequence number starts at 0.
 * This is constant-time in the keys. */
int ts_record_init(ts_record_ctx *c, unsigned version, ts_record_bulk bulk, ts_hash_alg mac,
                   int etm, const uint8_t *key, size_t keylen, const uint8_t *iv, size_t ivlen,
                   const uint8_t *mackey, size_t mackeylen);
void ts_record_wipe(ts_record_ctx *c);

/* The whole record's length for len content bytes and padding (TLS 1.3: zero bytes after the
 * type; CBC: extra padding bytes, a multiple of the block, the padding total at most 256;
 * TLS 1.2 AEAD: must be 0). 0 when len or padding is not allowed. */
size_t ts_record_sealed_len(const ts_record_ctx *c, size_t len, size_t padding);

/* Seals content (len <= 2^14, not overlapping out) of the given content type into a whole
 * record at out (header included) and advances the sequence number. explicit_iv is the CBC
 * explicit IV for TLS 1.1+ (block bytes; NULL: fresh random bytes); ignored otherwise.
 * Returns TS_RECORD_OK and *outlen, or SEQ / BAD_ARG / RANDOM. This is constant-time in the
 * keys and the content. */
int ts_record_seal(ts_record_ctx *c, uint8_t type, const uint8_t *content, size_t len,
                   size_t padding, const uint8_t *explicit_iv, uint8_t *out, size_t outcap,
                   size_t *outlen);

/* Opens a whole record (header included; the header's length field must equal reclen - 5)
 * into out (outcap >= reclen - 5): on TS_RECORD_OK the content is out[0..*len) and *type its
 * content type (TLS 1.3: the inner type; otherwise the header's), and the sequence number has
 * advanced. On any other result nothing is released (out is zeroed as far as it was written)
 * and the context is unchanged. The result is computed without branching on secrets: the
 * time depends only on the record length and the public parameters, and on the result. */
int ts_record_open(ts_record_ctx *c, const uint8_t *rec, size_t reclen, uint8_t *out,
                   size_t outcap, uint8_t *type, size_t *len);

#endif
