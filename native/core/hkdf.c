/* HKDF (RFC 5869 §2.2, §2.3). */
#include <string.h>

#include "ct.h"
#include "kdf.h"

int ts_hkdf_extract(ts_hash_alg alg, const uint8_t *salt, size_t saltlen, const uint8_t *ikm,
                    size_t ikmlen, uint8_t *prk) {
  return ts_hmac(alg, salt, saltlen, ikm, ikmlen, prk);
}

int ts_hkdf_expand(ts_hash_alg alg, const uint8_t *prk, size_t prklen, const uint8_t *info,
                   size_t infolen, uint8_t *out, size_t len) {
  size_t hlen = ts_hash_len(alg);
  ts_hmac_ctx key, c;
  uint8_t t[TS_HASH_MAX_LEN];
  if (!hlen || len > 255 * hlen) return 0;
  if (!ts_hmac_init(&key, alg, prk, prklen)) return 0;
  /* T(i) = HMAC-Hash(PRK, T(i-1) | info | i), T(0) empty. The keyed state is computed once. */
  for (size_t done = 0, i = 1; done < len; i++) {
    uint8_t ctr = (uint8_t)i;
    c = key;
    if (i > 1) ts_hmac_update(&c, t, hlen);
    ts_hmac_update(&c, info, infolen);
    ts_hmac_update(&c, &ctr, 1);
    ts_hmac_final(&c, t);
    size_t n = len - done < hlen ? len - done : hlen;
    memcpy(out + done, t, n);
    done += n;
  }
  ts_wipe(&key, sizeof key);
  ts_wipe(t, sizeof t);
  return 1;
}
