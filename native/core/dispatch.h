/* The one place that picks an implementation for each primitive from the CPU's features. */
#ifndef TS_DISPATCH_H
#define TS_DISPATCH_H

#include <stddef.h>
#include <stdint.h>

/* Select implementations from ts_cpu() (which honours TS_S_SERVER_CPU=generic). Idempotent. */
void ts_dispatch_init(void);

/* Re-select using only the given feature bits (0 = the portable implementations). Not for use
 * while another thread is inside the core. */
void ts_dispatch_select(uint32_t features);

/* The feature bits the current selection was made with. */
uint32_t ts_dispatch_features(void);

/* Which implementation each primitive uses: fills up to max pairs, returns the count. */
size_t ts_dispatch_report(const char **primitive, const char **impl, size_t max);

#endif
