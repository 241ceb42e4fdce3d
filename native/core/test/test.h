/* The core's C test program: tiny framework. Each test file registers its tests with
 * TS_TEST(name) { ... }; main.c runs every test once per implementation set (the dispatched
 * best and the portable one) and prints "core_test: N passed, N failed". */
#ifndef TS_TEST_H
#define TS_TEST_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

typedef void ts_test_fn(void);
void ts_test_register(const char *name, ts_test_fn *fn);

#define TS_TEST(name)                                                       \
  static void test_##name(void);                                            \
  __attribute__((constructor)) static void register_##name(void) {          \
    ts_test_register(#name, test_##name);                                   \
  }                                                                         \
  static void test_##name(void)

/* Failed checks in the running test; a test passes when it ends with none. */
extern int ts_test_failures;
void ts_test_fail(const char *file, int line, const char *what);

#define CHECK(cond)                                              \
  do {                                                           \
    if (!(cond)) ts_test_fail(__FILE__, __LINE__, #cond);        \
  } while (0)

#define CHECK_MEM(a, b, n, what)                                 \
  do {                                                           \
    ts_declassify((a), (n));                                     \
    ts_declassify((b), (n));                                     \
    if (memcmp((a), (b), (n)) != 0) ts_test_fail(__FILE__, __LINE__, what); \
  } while (0)

/* Decode hex into out (at most cap bytes); returns the length. Aborts on bad hex. */
size_t ts_unhex(const char *hex, uint8_t *out, size_t cap);

/* Deterministic pseudo-random bytes for tests (xorshift; not for keys). */
void ts_test_bytes(uint64_t *seed, uint8_t *out, size_t n);

/* Constant-time checking under valgrind (build with -DTS_VALGRIND_CT=ON, run under memcheck):
 * ts_secret marks memory as undefined, so any branch or memory index that depends on it is
 * reported; ts_declassify marks results public again before they are compared. */
#if defined(TS_VALGRIND_CT)
#include <valgrind/memcheck.h>
#define ts_secret(p, n) VALGRIND_MAKE_MEM_UNDEFINED((p), (n))
#define ts_declassify(p, n) VALGRIND_MAKE_MEM_DEFINED((p), (n))
#else
#define ts_secret(p, n) ((void)(p), (void)(n))
#define ts_declassify(p, n) ((void)(p), (void)(n))
#endif

#endif
