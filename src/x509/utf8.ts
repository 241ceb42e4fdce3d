/**
 * UTF-8 decoding and encoding with the limits openssl applies (RFC 3629: at most four
 * octets, no overlong forms). Used to validate and print name values byte for byte.
 */

/** UTF8_getc: one code point, or a negative error. Overlong forms are rejected. */
export function utf8Getc(b: Uint8Array, p: number): [number, number] {
  const n = b.length - p;
  const c = b[p];
  const cont = (i: number): boolean => (b[p + i] & 0xc0) === 0x80;
  if ((c & 0x80) === 0) return [c, 1];
  if ((c & 0xe0) === 0xc0) {
    if (n < 2 || !cont(1)) return [-1, 0];
    const v = ((c & 0x1f) << 6) | (b[p + 1] & 0x3f);
    return v < 0x80 ? [-1, 0] : [v, 2];
  }
  if ((c & 0xf0) === 0xe0) {
    if (n < 3 || !cont(1) || !cont(2)) return [-1, 0];
    const v = ((c & 0x0f) << 12) | ((b[p + 1] & 0x3f) << 6) | (b[p + 2] & 0x3f);
    return v < 0x800 ? [-1, 0] : [v, 3];
  }
  if ((c & 0xf8) === 0xf0) {
    if (n < 4 || !cont(1) || !cont(2) || !cont(3)) return [-1, 0];
    const v = ((c & 0x07) << 18) | ((b[p + 1] & 0x3f) << 12) | ((b[p + 2] & 0x3f) << 6) | (b[p + 3] & 0x3f);
    return v < 0x10000 ? [-1, 0] : [v, 4];
  }
  return [-1, 0];
}

/** UTF8_putc: the UTF-8 octets of a code point (none when it cannot be encoded). */
export function utf8Putc(c: number): number[] {
  if (c < 0x80) return [c];
  if (c < 0x800) return [0xc0 | (c >> 6), 0x80 | (c & 0x3f)];
  if (c < 0x10000) return [0xe0 | (c >> 12), 0x80 | ((c >> 6) & 0x3f), 0x80 | (c & 0x3f)];
  if (c < 0x110000) return [0xf0 | (c >> 18), 0x80 | ((c >> 12) & 0x3f), 0x80 | ((c >> 6) & 0x3f), 0x80 | (c & 0x3f)];
  return [];
}

