/* Throughput of the NIST-curve operations in CPU time (comparable with `openssl speed ecdhp256
 * ecdsap256 ...`, which also divides by user CPU time), for the dispatched and the portable
 * implementation. Build against a core build:
 *   gcc -O2 -Inative/core bench/ec_bench.c build-core/libtscore.a -o /tmp/ec_bench -lpthread */
#include <stdio.h>
#include <time.h>

#include "cpu.h"
#include "dispatch.h"
#include "ec_nist.h"

static double cpu_now(void) {
  struct timespec t;
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
  return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

int main(void) {
  static const char *names[3] = {"P-256", "P-384", "P-521"};
  for (int set = 0; set < 2; set++) {
    ts_dispatch_select(set ? 0 : ts_cpu());
    for (int c = 0; c < 3; c++) {
      size_t fl = ts_ec_scalar_len((ts_ec_curve)c), pl = 1 + 2 * fl, dl = fl > 48 ? 64 : fl;
      uint8_t a[66], pa[133], b[66], pb[133], s[66], h[66] = {1}, rs[132];
      ts_ec_keygen((ts_ec_curve)c, a, pa);
      ts_ec_keygen((ts_ec_curve)c, b, pb);
      double r[3];
      for (int op = 0; op < 3; op++) {
        int n = 0;
        double t0 = cpu_now(), t;
        do {
          for (int i = 0; i < 20; i++) {
            if (op == 0) ts_ecdh((ts_ec_curve)c, a, pb, pl, s);
            else if (op == 1) ts_ecdsa_sign((ts_ec_curve)c, a, h, dl, rs);
            else ts_ecdsa_verify((ts_ec_curve)c, pa, pl, h, dl, rs);
          }
          n += 20;
          t = cpu_now() - t0;
        } while (t < 1.0);
        r[op] = n / t;
      }
      printf("%-9s %s  ecdh %8.0f/s  sign %8.0f/s  verify %8.0f/s\n", set ? "portable" : "dispatched",
             names[c], r[0], r[1], r[2]);
    }
  }
  return 0;
}
