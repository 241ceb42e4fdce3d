/* Implementation selection: the single place where CPU features turn into function pointers.
 * Each primitive family has one select_* function; ts_dispatch_select runs them all. */
#include "dispatch.h"

#include "chacha20.h"
#include "bn.h"
#include "cpu.h"
#include "sha1.h"
#include "poly1305.h"
#include "keccak.h"
#include "mlkem.h"
#include "aes.h"
#include "cpu.h"
#include "gcm.h"
#include "ghash.h"
#include "ec_nist_impl.h"
#include "sha256.h"
#include "sha512.h"
#include "x25519.h"

#define TS_MAX_REPORT 64

static const char *report_primitive[TS_MAX_REPORT];
static const char *report_impl[TS_MAX_REPORT];
static size_t report_count;
static uint32_t selected_features;
static int initialised;

static void note(const char *primitive, const char *impl) {
  for (size_t i = 0; i < report_count; i++) {
    if (report_primitive[i] == primitive) {
      report_impl[i] = impl;
      return;
    }
  }
  if (report_count < TS_MAX_REPORT) {
    report_primitive[report_count] = primitive;
    report_impl[report_count] = impl;
    report_count++;
  }
}

/* ---- SHA-2 ----------------------------------------------------------------------------- */
ts_sha256_blocks_fn *ts_sha256_blocks = ts_sha256_blocks_generic;

static void select_sha2(uint32_t f) {
  ts_sha256_blocks = ts_sha256_blocks_generic;
  note("sha256", "generic");
#if defined(__x86_64__)
  if ((f & TS_CPU_SHANI) && (f & TS_CPU_SSE41) && (f & TS_CPU_SSSE3)) {
    ts_sha256_blocks = ts_sha256_blocks_shani;
    note("sha256", "sha-ni");
  }
#elif defined(__aarch64__)
  if (f & TS_CPU_ARM_SHA2) {
    ts_sha256_blocks = ts_sha256_blocks_armv8;
    note("sha256", "armv8-sha2");
  }
#endif
}

/* ---- Other hashes (MD5, SHA-1, SHA-512) --------------------------------------------------- */
/* MD5 has only the portable compression. */
ts_sha1_blocks_fn *ts_sha1_blocks = ts_sha1_blocks_generic;
ts_sha512_blocks_fn *ts_sha512_blocks = ts_sha512_blocks_generic;

static void select_hashes(uint32_t f) {
  (void)f;
  note("md5", "generic");
  ts_sha1_blocks = ts_sha1_blocks_generic;
  note("sha1", "generic");
  ts_sha512_blocks = ts_sha512_blocks_generic;
  note("sha512", "generic");
#if defined(__x86_64__)
  if ((f & TS_CPU_SHANI) && (f & TS_CPU_SSE41) && (f & TS_CPU_SSSE3)) {
    ts_sha1_blocks = ts_sha1_blocks_shani;
    note("sha1", "sha-ni");
  }
  if (f & TS_CPU_AVX2) {
    ts_sha512_blocks = ts_sha512_blocks_avx2;
    note("sha512", "avx2");
  }
#elif defined(__aarch64__)
  if (f & TS_CPU_ARM_SHA2) {
    ts_sha1_blocks = ts_sha1_blocks_armv8;
    note("sha1", "armv8-sha1");
  }
  if (f & TS_CPU_ARM_SHA512) {
    ts_sha512_blocks = ts_sha512_blocks_armv8sha512;
    note("sha512", "armv8-sha512");
  }
#endif
}

/* ---- AES, GHASH, AEAD modes ------------------------------------------------------------- */
const ts_aes_impl *ts_aes_default = &ts_aes_ct;
const ts_ghash_impl *ts_ghash_default = &ts_ghash_ct;
const ts_gcm_fused *ts_gcm_fused_default = NULL;

static void select_aes(uint32_t f) {
  (void)f;
  ts_aes_default = &ts_aes_ct;
  ts_ghash_default = &ts_ghash_ct;
  ts_gcm_fused_default = NULL;
#if defined(__x86_64__)
  if ((f & TS_CPU_AESNI) && (f & TS_CPU_SSE41) && (f & TS_CPU_SSSE3)) ts_aes_default = &ts_aes_x86ni;
  if ((f & TS_CPU_PCLMUL) && (f & TS_CPU_SSSE3)) ts_ghash_default = &ts_ghash_pclmul;
  if (ts_aes_default == &ts_aes_x86ni && ts_ghash_default == &ts_ghash_pclmul)
    ts_gcm_fused_default = &ts_gcm_x86ni;
  /* 256-bit VAES/VPCLMULQDQ, VEX-encoded (no AVX-512 instruction). Valgrind 3.19 hides these
   * CPUID bits (and cannot decode VAES), so under valgrind the AES-NI path above is chosen. */
  if (ts_gcm_fused_default && (f & TS_CPU_AVX2) && (f & TS_CPU_VAES) && (f & TS_CPU_VPCLMUL)) {
    ts_aes_default = &ts_aes_vaes;
    ts_gcm_fused_default = &ts_gcm_vaes;
  }
#elif defined(__aarch64__)
  if (f & TS_CPU_ARM_AES) ts_aes_default = &ts_aes_armv8;
  if (f & TS_CPU_ARM_PMULL) ts_ghash_default = &ts_ghash_armv8;
#endif
  note("aes", ts_aes_default->name);
  note("ghash", ts_ghash_default->name);
  note("gcm", ts_gcm_fused_default ? ts_gcm_fused_default->name : "generic");
}

/* ---- ChaCha20 and Poly1305 -------------------------------------------------------------- */
ts_chacha20_xor_fn *ts_chacha20_xor = ts_chacha20_xor_generic;
ts_poly1305_blocks_fn *ts_poly1305_blocks = ts_poly1305_blocks_generic;

static void select_chacha(uint32_t f) {
  (void)f;
  ts_chacha20_xor = ts_chacha20_xor_generic;
  ts_poly1305_blocks = ts_poly1305_blocks_generic;
  note("chacha20", "generic");
  note("poly1305", "generic");
#if defined(__x86_64__)
  /* AVX2 only: valgrind (the constant-time check) cannot run AVX-512. */
  if ((f & TS_CPU_AVX2) && (f & TS_CPU_SSSE3)) {
    ts_chacha20_xor = ts_chacha20_xor_avx2;
    note("chacha20", "avx2");
    ts_poly1305_blocks = ts_poly1305_blocks_avx2;
    note("poly1305", "avx2");
  } else if (f & TS_CPU_SSSE3) {
    ts_chacha20_xor = ts_chacha20_xor_ssse3;
    note("chacha20", "ssse3");
  }
#elif defined(__aarch64__)
  if (f & TS_CPU_NEON) {
    ts_chacha20_xor = ts_chacha20_xor_neon;
    note("chacha20", "neon");
  }
#endif
}

/* ---- Bignums (RSA, DH) ------------------------------------------------------------------ */
static void select_bignum(uint32_t f) {
  ts_bn_mont_mul_impl = ts_bn_mont_mul_generic;
  ts_bn_mont_sqr_impl = ts_bn_mont_sqr_generic;
  note("bignum", "generic");
#if defined(__x86_64__)
  if ((f & TS_CPU_BMI2) && (f & TS_CPU_ADX)) {
    ts_bn_mont_mul_impl = ts_bn_mont_mul_adx;
    ts_bn_mont_sqr_impl = ts_bn_mont_sqr_adx;
    note("bignum", "mulx-adx");
  }
#else
  (void)f;
#endif
}

/* ---- Elliptic curves, EdDSA, ML-KEM ------------------------------------------------------ */
const ts_ec_impl *ts_p256_active = &ts_p256_impl;

static void select_ec(uint32_t f) {
  (void)f;
  ts_p256_active = &ts_p256_impl;
  note("p256", "generic");
  note("p384", "generic");
  note("p521", "generic");
#if defined(__x86_64__)
  if ((f & TS_CPU_BMI2) && (f & TS_CPU_ADX)) {
    ts_p256_active = &ts_p256_adx_impl;
    note("p256", "mulx-adx");
  }
#endif
}

/* ---- Keccak (SHA-3, SHAKE) and ML-KEM ----------------------------------------------------- */
ts_keccak_f1600x4_fn *ts_keccak_f1600x4 = ts_keccak_f1600x4_generic;
ts_mlkem_ntt_fn *ts_mlkem_ntt = ts_mlkem_ntt_generic;
ts_mlkem_ntt_fn *ts_mlkem_invntt = ts_mlkem_invntt_generic;

static void select_keccak(uint32_t f) {
  note("keccak", "generic");
  ts_keccak_f1600x4 = ts_keccak_f1600x4_generic;
  note("keccak-x4", "generic");
  ts_mlkem_ntt = ts_mlkem_ntt_generic;
  ts_mlkem_invntt = ts_mlkem_invntt_generic;
  note("mlkem-ntt", "generic");
#if defined(__x86_64__)
  if (f & TS_CPU_AVX2) {
    ts_keccak_f1600x4 = ts_keccak_f1600x4_avx2;
    note("keccak-x4", "avx2");
    ts_mlkem_ntt = ts_mlkem_ntt_avx2;
    ts_mlkem_invntt = ts_mlkem_invntt_avx2;
    note("mlkem-ntt", "avx2");
  }
#else
  (void)f;
#endif
}

/* ---- X25519, Ed25519, X448, Ed448 --------------------------------------------------------- */
ts_x25519_fn *ts_x25519_impl = ts_x25519_generic;

/* One portable implementation each (radix 2^51 and 2^56 with 128-bit products). A MULX/ADX
 * 4x64-bit X25519 was tried and measured about 13% slower than the portable code on this
 * machine's CPU, so it was not kept. */
static void select_curve25519_448(uint32_t f) {
  (void)f;
  ts_x25519_impl = ts_x25519_generic;
  note("x25519", "generic");
  note("ed25519", "generic");
  note("x448", "generic");
  note("ed448", "generic");
}

void ts_dispatch_select(uint32_t f) {
  selected_features = f;
  select_sha2(f);
  select_hashes(f);
  select_aes(f);
  select_chacha(f);
  select_bignum(f);
  select_ec(f);
  select_keccak(f);
  select_curve25519_448(f);
  initialised = 1;
}

void ts_dispatch_init(void) {
  if (!initialised) ts_dispatch_select(ts_cpu());
}

uint32_t ts_dispatch_features(void) { return selected_features; }

size_t ts_dispatch_report(const char **primitive, const char **impl, size_t max) {
  size_t n = report_count < max ? report_count : max;
  for (size_t i = 0; i < n; i++) {
    primitive[i] = report_primitive[i];
    impl[i] = report_impl[i];
  }
  return n;
}
