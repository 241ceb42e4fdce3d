/* AES-GCM (NIST SP 800-38D) and AES-CCM (NIST SP 800-38C, RFC 3610). A key object holds the
 * expanded AES key and, for GCM, the GHASH key (powers of H); set up once, used for many
 * messages, wiped with ts_gcm_wipe / ts_ccm_wipe. */
#ifndef TS_GCM_H
#define TS_GCM_H

#include <stddef.h>
#include <stdint.h>

#include "aes.h"
#include "ghash.h"

typedef struct ts_gcm_key ts_gcm_key;

/* A fused CTR+GHASH loop over whole blocks: processes a prefix of the nblocks blocks and
 * returns how many it did (the portable path finishes the rest). */
typedef size_t ts_gcm_blocks_fn(const ts_gcm_key *g, uint8_t ctr[16], uint8_t y[16],
                                const uint8_t *in, uint8_t *out, size_t nblocks);

typedef struct {
  const char *name;
  const ts_aes_impl *aes;     /* the pair of implementations it was written for */
  const ts_ghash_impl *ghash;
  ts_gcm_blocks_fn *seal, *open;
} ts_gcm_fused;

struct ts_gcm_key {
  ts_aes_key aes;
  ts_ghash_key gh;
  const ts_gcm_fused *fused; /* NULL: separate CTR and GHASH passes */
};

#if defined(__x86_64__)
extern const ts_gcm_fused ts_gcm_x86ni;
extern const ts_gcm_fused ts_gcm_vaes;
#endif
/* Fused loop offered to new keys (NULL for none); chosen by dispatch.c. */
extern const ts_gcm_fused *ts_gcm_fused_default;

#define TS_GCM_MAX_LEN ((((uint64_t)1) << 36) - 32) /* SP 800-38D 5.2.1.1 */

/* Returns 1, or 0 for a key that is not 16, 24 or 32 bytes. This is constant-time. */
int ts_gcm_init(ts_gcm_key *g, const uint8_t *key, size_t keylen);
void ts_gcm_wipe(ts_gcm_key *g);

/* Encrypts len bytes of pt into ct and writes a taglen-byte tag (1..16). Any nonce length
 * from 1 byte works (12 is the fast, recommended one). Returns 1, or 0 for an empty nonce, a
 * bad tag length or a message over the SP 800-38D limit. pt and ct may be the same buffer.
 * This is constant-time. */
int ts_gcm_seal(const ts_gcm_key *g, const uint8_t *nonce, size_t noncelen, const uint8_t *aad,
                size_t aadlen, const uint8_t *pt, size_t len, uint8_t *ct, uint8_t *tag,
                size_t taglen);

/* Decrypts and checks the tag (compared in constant time). Returns 1; or 0, with all len
 * bytes of pt zeroed, when the tag does not match or the parameters are invalid. */
int ts_gcm_open(const ts_gcm_key *g, const uint8_t *nonce, size_t noncelen, const uint8_t *aad,
                size_t aadlen, const uint8_t *ct, size_t len, const uint8_t *tag, size_t taglen,
                uint8_t *pt);

/* ---- CCM ---------------------------------------------------------------------------------- */
typedef struct {
  ts_aes_key aes;
} ts_ccm_key;

int ts_ccm_init(ts_ccm_key *c, const uint8_t *key, size_t keylen);
void ts_ccm_wipe(ts_ccm_key *c);
/* Nonce 7..13 bytes, tag 4, 6, 8, 10, 12, 14 or 16 bytes; the message must fit the length
 * field of 15 - noncelen bytes. Returns 1, or 0 for invalid parameters. This is
 * constant-time. */
int ts_ccm_seal(const ts_ccm_key *c, const uint8_t *nonce, size_t noncelen, const uint8_t *aad,
                size_t aadlen, const uint8_t *pt, size_t len, uint8_t *ct, uint8_t *tag,
                size_t taglen);
/* Returns 1; or 0, with pt zeroed, on a tag mismatch or invalid parameters. */
int ts_ccm_open(const ts_ccm_key *c, const uint8_t *nonce, size_t noncelen, const uint8_t *aad,
                size_t aadlen, const uint8_t *ct, size_t len, const uint8_t *tag, size_t taglen,
                uint8_t *pt);

#endif
