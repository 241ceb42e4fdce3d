/* Randomness straight from the kernel: no user-space state to fork, rewind or leak. */
#include "random.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/syscall.h>
#include <unistd.h>

#if defined(SYS_getrandom)
static long sys_getrandom(void *buf, size_t n) { return syscall(SYS_getrandom, buf, n, 0); }
#else
static long sys_getrandom(void *buf, size_t n) {
  (void)buf;
  (void)n;
  errno = ENOSYS;
  return -1;
}
#endif

static int from_urandom(uint8_t *out, size_t n) {
  int fd = open("/dev/urandom", O_RDONLY | O_CLOEXEC);
  if (fd < 0) return 0;
  while (n) {
    ssize_t r = read(fd, out, n);
    if (r < 0 && errno == EINTR) continue;
    if (r <= 0) {
      close(fd);
      return 0;
    }
    out += r;
    n -= (size_t)r;
  }
  close(fd);
  return 1;
}

int ts_random_bytes(uint8_t *out, size_t n) {
  while (n) {
    /* getrandom returns at most 32 MiB per call and may be interrupted. */
    long r = sys_getrandom(out, n > (1u << 20) ? (1u << 20) : n);
    if (r < 0) {
      if (errno == EINTR) continue;
      if (errno == ENOSYS) return from_urandom(out, n);
      return 0;
    }
    out += r;
    n -= (size_t)r;
  }
  return 1;
}
