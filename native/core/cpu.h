/* CPU features, detected once. The only reader of these bits is dispatch.c. */
#ifndef TS_CPU_H
#define TS_CPU_H

#include <stdint.h>

enum {
  /* x86_64 */
  TS_CPU_SSSE3 = 1u << 0,
  TS_CPU_SSE41 = 1u << 1,
  TS_CPU_AESNI = 1u << 2,
  TS_CPU_PCLMUL = 1u << 3,
  TS_CPU_AVX2 = 1u << 4,
  TS_CPU_VAES = 1u << 5,
  TS_CPU_VPCLMUL = 1u << 6,
  TS_CPU_SHANI = 1u << 7,
  TS_CPU_BMI2 = 1u << 8,
  TS_CPU_ADX = 1u << 9,
  TS_CPU_AVX512 = 1u << 10, /* F + VL + BW, with OS support for the zmm state */
  /* aarch64 */
  TS_CPU_NEON = 1u << 16,
  TS_CPU_ARM_AES = 1u << 17,
  TS_CPU_ARM_PMULL = 1u << 18,
  TS_CPU_ARM_SHA2 = 1u << 19,
  TS_CPU_ARM_SHA512 = 1u << 20,
  TS_CPU_ARM_SHA3 = 1u << 21
};

/* Features of this CPU as detected (not masked by TS_S_SERVER_CPU). */
uint32_t ts_cpu_detected(void);

/* Features the dispatcher may use: the detected ones, or none when the environment
 * variable TS_S_SERVER_CPU=generic asks for the portable implementations. */
uint32_t ts_cpu(void);

/* Name of a feature bit ("aesni", "pmull", ...), or NULL. */
const char *ts_cpu_feature_name(uint32_t bit);

#endif
