/* The CSPRNG: the kernel's (getrandom(2), falling back to /dev/urandom). */
#ifndef TS_RANDOM_H
#define TS_RANDOM_H

#include <stddef.h>
#include <stdint.h>

/* Fills out with n random bytes; returns 1, or 0 if the kernel gave none (callers must fail
 * closed: never use the buffer then). */
int ts_random_bytes(uint8_t *out, size_t n);

#endif
