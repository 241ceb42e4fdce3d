// The TLS presentation language (RFC 8446 §3): a strict reader that consumes exactly its bytes
// and a writer whose length prefixes are back-patched once the body is written.
import { TlsError } from './alert';
import { AlertDescription } from './constants';

/** A strict reader over a byte slice. Every overrun is a decode_error. */
export class Reader {
  private pos = 0;

  constructor(
    private readonly buf: Uint8Array,
    private readonly what = 'message',
  ) {}

  get remaining(): number {
    return this.buf.length - this.pos;
  }

  private need(n: number): void {
    if (n > this.remaining) throw new TlsError(AlertDescription.decode_error, `${this.what}: truncated`);
  }

  u8(): number {
    this.need(1);
    return this.buf[this.pos++];
  }

  u16(): number {
    this.need(2);
    const v = (this.buf[this.pos] << 8) | this.buf[this.pos + 1];
    this.pos += 2;
    return v;
  }

  u24(): number {
    this.need(3);
    const v = (this.buf[this.pos] << 16) | (this.buf[this.pos + 1] << 8) | this.buf[this.pos + 2];
    this.pos += 3;
    return v;
  }

  u32(): number {
    this.need(4);
    const v = ((this.buf[this.pos] << 24) >>> 0) + ((this.buf[this.pos + 1] << 16) | (this.buf[this.pos + 2] << 8) | this.buf[this.pos + 3]);
    this.pos += 4;
    return v;
  }

  bytes(n: number): Uint8Array {
    this.need(n);
    const v = this.buf.subarray(this.pos, this.pos + n);
    this.pos += n;
    return v;
  }

  /** A vector with a 1-, 2- or 3-byte length prefix; min/max bound its length in bytes. */
  vec(lenBytes: 1 | 2 | 3, min = 0, max = 0xffffff): Uint8Array {
    const n = lenBytes === 1 ? this.u8() : lenBytes === 2 ? this.u16() : this.u24();
    if (n < min || n > max) throw new TlsError(AlertDescription.decode_error, `${this.what}: bad vector length ${n}`);
    return this.bytes(n);
  }

  /** A reader over a length-prefixed sub-vector, which the caller must consume exactly. */
  sub(lenBytes: 1 | 2 | 3, what: string, min = 0, max = 0xffffff): Reader {
    return new Reader(this.vec(lenBytes, min, max), what);
  }

  rest(): Uint8Array {
    return this.bytes(this.remaining);
  }

  /** Trailing bytes are an error: every structure is consumed exactly. */
  end(): void {
    if (this.remaining !== 0) throw new TlsError(AlertDescription.decode_error, `${this.what}: ${this.remaining} trailing bytes`);
  }
}

/** A growable writer with back-patched length prefixes. */
export class Writer {
  private buf = Buffer.allocUnsafe(256);
  private len = 0;

  private reserve(n: number): void {
    if (this.len + n <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.len + n) size *= 2;
    const next = Buffer.allocUnsafe(size);
    this.buf.copy(next, 0, 0, this.len);
    this.buf = next;
  }

  u8(v: number): this {
    this.reserve(1);
    this.buf[this.len++] = v & 0xff;
    return this;
  }

  u16(v: number): this {
    this.reserve(2);
    this.buf[this.len++] = (v >>> 8) & 0xff;
    this.buf[this.len++] = v & 0xff;
    return this;
  }

  u24(v: number): this {
    this.reserve(3);
    this.buf[this.len++] = (v >>> 16) & 0xff;
    this.buf[this.len++] = (v >>> 8) & 0xff;
    this.buf[this.len++] = v & 0xff;
    return this;
  }

  u32(v: number): this {
    this.reserve(4);
    this.buf.writeUInt32BE(v >>> 0, this.len);
    this.len += 4;
    return this;
  }

  bytes(b: Uint8Array): this {
    this.reserve(b.length);
    this.buf.set(b, this.len);
    this.len += b.length;
    return this;
  }

  /** Writes a length prefix of lenBytes, runs body, then patches the prefix. */
  vec(lenBytes: 1 | 2 | 3, body: (w: this) => void): this {
    this.reserve(lenBytes);
    const at = this.len;
    this.len += lenBytes;
    body(this);
    const n = this.len - at - lenBytes;
    const max = lenBytes === 1 ? 0xff : lenBytes === 2 ? 0xffff : 0xffffff;
    if (n > max) throw new RangeError(`vector of ${n} bytes does not fit a ${lenBytes}-byte length`);
    for (let i = 0; i < lenBytes; i++) this.buf[at + i] = (n >>> (8 * (lenBytes - 1 - i))) & 0xff;
    return this;
  }

  vecBytes(lenBytes: 1 | 2 | 3, b: Uint8Array): this {
    return this.vec(lenBytes, (w) => w.bytes(b));
  }

  finish(): Buffer {
    return Buffer.from(this.buf.subarray(0, this.len));
  }
}
