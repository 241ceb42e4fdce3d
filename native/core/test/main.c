/* Runs every registered test under each implementation set and reports the counts. */
#include <stdlib.h>

#include "cpu.h"
#include "dispatch.h"
#include "test.h"

#define TS_MAX_TESTS 512

static struct {
  const char *name;
  ts_test_fn *fn;
} tests[TS_MAX_TESTS];
static int ntests;
int ts_test_failures;

void ts_test_register(const char *name, ts_test_fn *fn) {
  if (ntests == TS_MAX_TESTS) {
    fprintf(stderr, "core_test: too many tests\n");
    exit(2);
  }
  tests[ntests].name = name;
  tests[ntests].fn = fn;
  ntests++;
}

void ts_test_fail(const char *file, int line, const char *what) {
  fprintf(stdout, "    %s:%d: check failed: %s\n", file, line, what);
  ts_test_failures++;
}

size_t ts_unhex(const char *hex, uint8_t *out, size_t cap) {
  size_t n = strlen(hex);
  if (n % 2 || n / 2 > cap) {
    fprintf(stderr, "core_test: bad hex vector\n");
    exit(2);
  }
  for (size_t i = 0; i < n / 2; i++) {
    unsigned v;
    if (sscanf(hex + 2 * i, "%2x", &v) != 1) {
      fprintf(stderr, "core_test: bad hex vector\n");
      exit(2);
    }
    out[i] = (uint8_t)v;
  }
  return n / 2;
}

void ts_test_bytes(uint64_t *seed, uint8_t *out, size_t n) {
  uint64_t x = *seed ? *seed : 0x9e3779b97f4a7c15ULL;
  for (size_t i = 0; i < n; i++) {
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    out[i] = (uint8_t)(x >> 24);
  }
  *seed = x;
}

static void print_selection(const char *label) {
  const char *prim[64], *impl[64];
  size_t n = ts_dispatch_report(prim, impl, 64);
  printf("# %s:", label);
  for (size_t i = 0; i < n; i++) printf(" %s=%s", prim[i], impl[i]);
  printf("\n");
}

/* A test runs when no pattern is given, when its name equals the pattern, or when the pattern
 * ends in '*' and the name starts with the rest. */
static int selected(const char *pattern, const char *name) {
  if (!pattern) return 1;
  size_t n = strlen(pattern);
  if (n && pattern[n - 1] == '*') return strncmp(pattern, name, n - 1) == 0;
  return strcmp(pattern, name) == 0;
}

int main(int argc, char **argv) {
  if (argc > 1 && strcmp(argv[1], "--list") == 0) {
    for (int i = 0; i < ntests; i++) printf("%s\n", tests[i].name);
    return 0;
  }
  const char *only = argc > 1 ? argv[1] : NULL;
  int passed = 0, failed = 0;
  /* The portable set always; the dispatched set too when it differs. */
  uint32_t sets[2] = {ts_cpu(), 0};
  int nsets = sets[0] ? 2 : 1;
  for (int s = 0; s < nsets; s++) {
    ts_dispatch_select(sets[s]);
    const char *label = sets[s] ? "dispatched" : "portable";
    print_selection(label);
    for (int i = 0; i < ntests; i++) {
      if (!selected(only, tests[i].name)) continue;
      ts_test_failures = 0;
      tests[i].fn();
      if (ts_test_failures) {
        printf("not ok %s [%s]\n", tests[i].name, label);
        failed++;
      } else {
        printf("ok %s [%s]\n", tests[i].name, label);
        passed++;
      }
    }
  }
  printf("core_test: %d passed, %d failed\n", passed, failed);
  return failed ? 1 : 0;
}
