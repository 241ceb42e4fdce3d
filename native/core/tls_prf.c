/* The TLS PRFs: P_hash (RFC 5246 §5) and the TLS 1.0/1.1 MD5 XOR SHA-1 split (RFC 2246 §5). */
#include <string.h>

#include "ct.h"
#include "kdf.h"

/* P_hash(secret, label + seed) into out; XORed into out when xor is set (for the TLS 1.0 PRF).
 *   A(0) = label + seed, A(i) = HMAC(secret, A(i-1)),
 *   output = HMAC(secret, A(1) + label + seed) | HMAC(secret, A(2) + label + seed) | ... */
static int p_hash(ts_hash_alg alg, const uint8_t *secret, size_t secretlen, const uint8_t *label,
                  size_t labellen, const uint8_t *seed, size_t seedlen, uint8_t *out, size_t len,
                  int xor) {
  size_t hlen = ts_hash_len(alg);
  ts_hmac_ctx key, c;
  uint8_t a[TS_HASH_MAX_LEN], t[TS_HASH_MAX_LEN];
  if (!hlen || !ts_hmac_init(&key, alg, secret, secretlen)) return 0;
  c = key;
  ts_hmac_update(&c, label, labellen);
  ts_hmac_update(&c, seed, seedlen);
  ts_hmac_final(&c, a); /* A(1) */
  for (size_t done = 0; done < len;) {
    c = key;
    ts_hmac_update(&c, a, hlen);
    ts_hmac_update(&c, label, labellen);
    ts_hmac_update(&c, seed, seedlen);
    ts_hmac_final(&c, t);
    size_t n = len - done < hlen ? len - done : hlen;
    if (xor) {
      for (size_t i = 0; i < n; i++) out[done + i] ^= t[i];
    } else {
      memcpy(out + done, t, n);
    }
    done += n;
    if (done < len) {
      c = key;
      ts_hmac_update(&c, a, hlen);
      ts_hmac_final(&c, a); /* A(i+1) */
    }
  }
  ts_wipe(&key, sizeof key);
  ts_wipe(a, sizeof a);
  ts_wipe(t, sizeof t);
  return 1;
}

int ts_tls12_prf(ts_hash_alg alg, const uint8_t *secret, size_t secretlen, const uint8_t *label,
                 size_t labellen, const uint8_t *seed, size_t seedlen, uint8_t *out, size_t len) {
  return p_hash(alg, secret, secretlen, label, labellen, seed, seedlen, out, len, 0);
}

int ts_tls10_prf(const uint8_t *secret, size_t secretlen, const uint8_t *label, size_t labellen,
                 const uint8_t *seed, size_t seedlen, uint8_t *out, size_t len) {
  /* L_S1 = L_S2 = ceil(L_S / 2): with an odd length the middle byte is in both halves. */
  size_t half = (secretlen + 1) / 2;
  if (!p_hash(TS_HASH_MD5, secret, half, label, labellen, seed, seedlen, out, len, 0)) return 0;
  return p_hash(TS_HASH_SHA1, secret + (secretlen - half), half, label, labellen, seed, seedlen,
                out, len, 1);
}
