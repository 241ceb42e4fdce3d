/* ChaCha20 with SSSE3: four blocks per iteration (see chacha20_x86.h). Runs only after
 * dispatch.c has seen SSSE3. This is constant-time. */
#include "chacha20_x86.h"

void ts_chacha20_xor_ssse3(uint8_t *out, const uint8_t *in, size_t len, const uint32_t key[8],
                           uint32_t counter, const uint32_t nonce[3]) {
  ts_cc_tail4(out, in, len, key, counter, nonce);
}
