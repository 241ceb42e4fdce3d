/* Implementation selection: the single place where CPU features turn into function pointers.
 * Each primitive family has one select_* function; ts_dispatch_select runs them all. */
#include "dispatch.h"

#include "bn.h"
#include "cpu.h"
#include "sha256.h"
#include "sha512.h"

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
ts_sha512_blocks_fn *ts_sha512_blocks = ts_sha512_blocks_generic;

static void select_hashes(uint32_t f) {
  (void)f;
  ts_sha512_blocks = ts_sha512_blocks_generic;
  note("sha512", "generic");
}

/* ---- AES, GHASH, AEAD modes ------------------------------------------------------------- */
static void select_aes(uint32_t f) { (void)f; }

/* ---- ChaCha20 and Poly1305 -------------------------------------------------------------- */
static void select_chacha(uint32_t f) { (void)f; }

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
static void select_ec(uint32_t f) { (void)f; }

void ts_dispatch_select(uint32_t f) {
  selected_features = f;
  select_sha2(f);
  select_hashes(f);
  select_aes(f);
  select_chacha(f);
  select_bignum(f);
  select_ec(f);
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
