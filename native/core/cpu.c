/* CPU feature detection: cpuid/xgetbv on x86_64, getauxval(AT_HWCAP) on aarch64. */
#include "cpu.h"

#include <stdlib.h>
#include <string.h>

#if defined(__x86_64__)
#include <cpuid.h>

static uint64_t xgetbv0(void) {
  uint32_t eax, edx;
  __asm__ volatile("xgetbv" : "=a"(eax), "=d"(edx) : "c"(0));
  return ((uint64_t)edx << 32) | eax;
}

static uint32_t detect(void) {
  uint32_t a, b, c, d, f = 0;
  if (!__get_cpuid(1, &a, &b, &c, &d)) return 0;
  if (c & (1u << 9)) f |= TS_CPU_SSSE3;
  if (c & (1u << 19)) f |= TS_CPU_SSE41;
  if (c & (1u << 25)) f |= TS_CPU_AESNI;
  if (c & (1u << 1)) f |= TS_CPU_PCLMUL;
  /* AVX state must be enabled by the OS (OSXSAVE and XCR0 bits 1,2) before any ymm use. */
  int os_avx = (c & (1u << 27)) && (c & (1u << 28)) && ((xgetbv0() & 0x6) == 0x6);
  int os_avx512 = os_avx && ((xgetbv0() & 0xe6) == 0xe6);
  if (__get_cpuid_count(7, 0, &a, &b, &c, &d)) {
    if (os_avx && (b & (1u << 5))) f |= TS_CPU_AVX2;
    if (b & (1u << 8)) f |= TS_CPU_BMI2;
    if (b & (1u << 19)) f |= TS_CPU_ADX;
    if (b & (1u << 29)) f |= TS_CPU_SHANI;
    if (os_avx && (c & (1u << 9))) f |= TS_CPU_VAES;
    if (os_avx && (c & (1u << 10))) f |= TS_CPU_VPCLMUL;
    if (os_avx512 && (b & (1u << 16)) && (b & (1u << 30)) && (b & (1u << 31))) f |= TS_CPU_AVX512;
  }
  return f;
}
#elif defined(__aarch64__)
#include <sys/auxv.h>
#ifndef HWCAP_ASIMD
#define HWCAP_ASIMD (1 << 1)
#endif
#ifndef HWCAP_AES
#define HWCAP_AES (1 << 3)
#endif
#ifndef HWCAP_PMULL
#define HWCAP_PMULL (1 << 4)
#endif
#ifndef HWCAP_SHA2
#define HWCAP_SHA2 (1 << 6)
#endif
#ifndef HWCAP_SHA3
#define HWCAP_SHA3 (1 << 17)
#endif
#ifndef HWCAP_SHA512
#define HWCAP_SHA512 (1 << 21)
#endif

static uint32_t detect(void) {
  unsigned long h = getauxval(AT_HWCAP);
  uint32_t f = 0;
  if (h & HWCAP_ASIMD) f |= TS_CPU_NEON;
  if (h & HWCAP_AES) f |= TS_CPU_ARM_AES;
  if (h & HWCAP_PMULL) f |= TS_CPU_ARM_PMULL;
  if (h & HWCAP_SHA2) f |= TS_CPU_ARM_SHA2;
  if (h & HWCAP_SHA512) f |= TS_CPU_ARM_SHA512;
  if (h & HWCAP_SHA3) f |= TS_CPU_ARM_SHA3;
  return f;
}
#else
static uint32_t detect(void) { return 0; }
#endif

static uint32_t detected;
static int detected_done;

uint32_t ts_cpu_detected(void) {
  if (!detected_done) {
    detected = detect();
    detected_done = 1;
  }
  return detected;
}

uint32_t ts_cpu(void) {
  const char *env = getenv("TS_S_SERVER_CPU");
  if (env && strcmp(env, "generic") == 0) return 0;
  return ts_cpu_detected();
}

const char *ts_cpu_feature_name(uint32_t bit) {
  switch (bit) {
    case TS_CPU_SSSE3: return "ssse3";
    case TS_CPU_SSE41: return "sse4.1";
    case TS_CPU_AESNI: return "aesni";
    case TS_CPU_PCLMUL: return "pclmulqdq";
    case TS_CPU_AVX2: return "avx2";
    case TS_CPU_VAES: return "vaes";
    case TS_CPU_VPCLMUL: return "vpclmulqdq";
    case TS_CPU_SHANI: return "sha-ni";
    case TS_CPU_BMI2: return "bmi2";
    case TS_CPU_ADX: return "adx";
    case TS_CPU_AVX512: return "avx512";
    case TS_CPU_NEON: return "neon";
    case TS_CPU_ARM_AES: return "aes";
    case TS_CPU_ARM_PMULL: return "pmull";
    case TS_CPU_ARM_SHA2: return "sha2";
    case TS_CPU_ARM_SHA512: return "sha512";
    case TS_CPU_ARM_SHA3: return "sha3";
    default: return 0;
  }
}
