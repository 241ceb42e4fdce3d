/* GHASH (NIST SP 800-38D 6.4): Y = (Y ^ X_i) * H over GF(2^128). The running value y is kept
 * in the standard byte form between calls, so any implementation can continue another's work.
 * The precomputed key (powers of H, in the implementation's own layout) is filled by the
 * implementation chosen when the key is set up. */
#ifndef TS_GHASH_H
#define TS_GHASH_H

#include <stddef.h>
#include <stdint.h>

#define TS_GHASH_POWERS 16

typedef struct ts_ghash_impl ts_ghash_impl;

typedef struct {
  /* hp[i] = H^(i+1) in the implementation's representation; hk[i] Karatsuba helpers. */
  uint64_t hp[TS_GHASH_POWERS][2] __attribute__((aligned(32)));
  uint64_t hk[TS_GHASH_POWERS][2] __attribute__((aligned(32)));
  /* The same in descending order (hr[i] = H^(16-i)), for 256-bit loads of power pairs. */
  uint64_t hr[TS_GHASH_POWERS][2] __attribute__((aligned(32)));
  uint64_t hkr[TS_GHASH_POWERS][2] __attribute__((aligned(32)));
  const ts_ghash_impl *impl;
} ts_ghash_key;

struct ts_ghash_impl {
  const char *name;
  void (*init)(ts_ghash_key *g, const uint8_t h[16]);
  /* Absorbs nblocks whole 16-byte blocks into y. */
  void (*update)(const ts_ghash_key *g, uint8_t y[16], const uint8_t *in, size_t nblocks);
};

extern const ts_ghash_impl ts_ghash_ct;
#if defined(__x86_64__)
extern const ts_ghash_impl ts_ghash_pclmul;
#elif defined(__aarch64__)
extern const ts_ghash_impl ts_ghash_armv8;
#endif
/* The implementation new keys get; chosen by dispatch.c. */
extern const ts_ghash_impl *ts_ghash_default;

/* Sets up the key for the given implementation (or the default when impl is NULL). This is
 * constant-time. */
void ts_ghash_init(ts_ghash_key *g, const ts_ghash_impl *impl, const uint8_t h[16]);

/* Absorbs len bytes; a final partial block is zero-padded (as GCM pads A and C). This is
 * constant-time. */
void ts_ghash_update_padded(const ts_ghash_key *g, uint8_t y[16], const uint8_t *in, size_t len);

#endif
