/* The TLS 1.3 key schedule's building blocks (RFC 8446 §7.1). */
#include <string.h>

#include "ct.h"
#include "kdf.h"

int ts_tls13_expand_label(ts_hash_alg alg, const uint8_t *secret, size_t secretlen,
                          const uint8_t *label, size_t labellen, const uint8_t *context,
                          size_t contextlen, uint8_t *out, size_t len) {
  /* struct { uint16 length; opaque label<7..255>; opaque context<0..255>; } HkdfLabel; */
  static const char prefix[6] = {'t', 'l', 's', '1', '3', ' '};
  uint8_t info[2 + 1 + 6 + TS_TLS13_MAX_LABEL + 1 + TS_TLS13_MAX_CONTEXT];
  size_t n = 0;
  if (labellen > TS_TLS13_MAX_LABEL || contextlen > TS_TLS13_MAX_CONTEXT || len > 0xffff)
    return 0;
  info[n++] = (uint8_t)(len >> 8);
  info[n++] = (uint8_t)len;
  info[n++] = (uint8_t)(sizeof prefix + labellen);
  memcpy(info + n, prefix, sizeof prefix);
  n += sizeof prefix;
  if (labellen) memcpy(info + n, label, labellen);
  n += labellen;
  info[n++] = (uint8_t)contextlen;
  if (contextlen) memcpy(info + n, context, contextlen);
  n += contextlen;
  return ts_hkdf_expand(alg, secret, secretlen, info, n, out, len);
}

int ts_tls13_derive_secret(ts_hash_alg alg, const uint8_t *secret, size_t secretlen,
                           const uint8_t *label, size_t labellen, const uint8_t *thash,
                           size_t thashlen, uint8_t *out) {
  size_t hlen = ts_hash_len(alg);
  if (!hlen || thashlen != hlen) return 0;
  return ts_tls13_expand_label(alg, secret, secretlen, label, labellen, thash, thashlen, out, hlen);
}
