/* PBKDF2 (RFC 8018 §5.2) with HMAC over any hash. The password is keyed into HMAC once; each
 * of the iterations copies the keyed inner and outer hash states and runs two compressions
 * (plus padding), so the cost per iteration is the same as any HMAC of a short message. */
#include <string.h>

#include "ct.h"
#include "kdf.h"

int ts_pbkdf2(ts_hash_alg alg, const uint8_t *password, size_t passwordlen, const uint8_t *salt,
              size_t saltlen, uint32_t iterations, uint8_t *out, size_t len) {
  size_t hlen = ts_hash_len(alg);
  ts_hmac_ctx key, c;
  uint8_t u[TS_HASH_MAX_LEN], t[TS_HASH_MAX_LEN];
  if (!hlen || !iterations || (uint64_t)len > (uint64_t)0xffffffffu * hlen) return 0;
  if (!ts_hmac_init(&key, alg, password, passwordlen)) return 0;
  /* T_i = U_1 ^ U_2 ^ ... ^ U_c, U_1 = PRF(P, S || INT(i)), U_j = PRF(P, U_{j-1}). */
  size_t done = 0;
  for (uint32_t i = 1; done < len; i++) {
    uint8_t be[4] = {(uint8_t)(i >> 24), (uint8_t)(i >> 16), (uint8_t)(i >> 8), (uint8_t)i};
    c = key;
    ts_hmac_update(&c, salt, saltlen);
    ts_hmac_update(&c, be, 4);
    ts_hmac_final(&c, u);
    memcpy(t, u, hlen);
    for (uint32_t j = 1; j < iterations; j++) {
      c = key;
      ts_hmac_update(&c, u, hlen);
      ts_hmac_final(&c, u);
      for (size_t k = 0; k < hlen; k++) t[k] ^= u[k];
    }
    size_t n = len - done < hlen ? len - done : hlen;
    memcpy(out + done, t, n);
    done += n;
  }
  ts_wipe(&key, sizeof key);
  ts_wipe(&c, sizeof c);
  ts_wipe(u, sizeof u);
  ts_wipe(t, sizeof t);
  return 1;
}
