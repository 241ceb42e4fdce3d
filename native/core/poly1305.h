/* Poly1305 (RFC 8439 §2.5): a one-time authenticator with a 32-byte key (r || s).
 * The accumulator is 130 bits in three 64-bit limbs; products use unsigned __int128. */
#ifndef TS_POLY1305_H
#define TS_POLY1305_H

#include <stddef.h>
#include <stdint.h>

#define TS_POLY1305_KEY_LEN 32
#define TS_POLY1305_TAG_LEN 16
#define TS_POLY1305_BLOCK 16

typedef struct {
  uint64_t r0, r1;    /* clamped r */
  uint64_t s1;        /* 5 * (r1 >> 2): folds 2^130 = 5 (mod p) into the multiply */
  uint64_t h0, h1, h2; /* accumulator, h2 holds bits 128 and up */
  uint64_t pad0, pad1; /* s */
  uint8_t buf[TS_POLY1305_BLOCK];
  size_t buflen;
  /* For the AVX2 code: r^1..r^4 and r^8 in radix 2^26 (5 limbs each), computed on first use. */
  uint32_t rpow[25];
  int rpow_ready;
} ts_poly1305_ctx;

/* This is constant-time (as are update and final). */
void ts_poly1305_init(ts_poly1305_ctx *c, const uint8_t key[TS_POLY1305_KEY_LEN]);
void ts_poly1305_update(ts_poly1305_ctx *c, const uint8_t *p, size_t len);
/* Absorbs p, then zero bytes up to the next multiple of 16 (the AEAD padding of §2.8);
 * only valid while no partial block is buffered. */
void ts_poly1305_update_padded(ts_poly1305_ctx *c, const uint8_t *p, size_t len);
/* Writes the tag and wipes the context. */
void ts_poly1305_final(ts_poly1305_ctx *c, uint8_t tag[TS_POLY1305_TAG_LEN]);
void ts_poly1305(uint8_t tag[TS_POLY1305_TAG_LEN], const uint8_t key[TS_POLY1305_KEY_LEN], const uint8_t *p,
                 size_t len);

/* Absorbs nblocks whole 16-byte blocks, each with the 2^128 bit set. One per implementation. */
typedef void ts_poly1305_blocks_fn(ts_poly1305_ctx *c, const uint8_t *p, size_t nblocks);
ts_poly1305_blocks_fn ts_poly1305_blocks_generic;
#if defined(__x86_64__)
ts_poly1305_blocks_fn ts_poly1305_blocks_avx2;
#endif
/* The implementation in use; chosen by dispatch.c. */
extern ts_poly1305_blocks_fn *ts_poly1305_blocks;

/* One block with an explicit top bit (1 for whole blocks, 0 for the padded final one). */
void ts_poly1305_block_generic(ts_poly1305_ctx *c, const uint8_t p[16], uint64_t hibit);

#endif
