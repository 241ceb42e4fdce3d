// The record layer (RFC 8446 §5): framing of the byte stream into records, and TLS 1.3 record
// protection with per-direction keys, IVs and sequence numbers.
import { TlsError } from './alert';
import { AlertDescription, ContentType } from './constants';
import { AeadName, OpenedRecord, RecordError, RecordProtection, recordProtection13 } from './primitives';

/** RFC 8446 §5.1: a TLSPlaintext fragment is at most 2^14 bytes. */
export const MAX_PLAINTEXT = 1 << 14;
/** RFC 8446 §5.2: a TLSCiphertext fragment is at most 2^14 + 256 bytes. */
export const MAX_CIPHERTEXT = MAX_PLAINTEXT + 256;

export interface TlsRecord {
  readonly type: number;
  readonly version: number;
  readonly fragment: Buffer;
  /** The 5-byte header, which is the AAD of a protected record (RFC 8446 §5.2). */
  readonly header: Buffer;
}

/** Splits the incoming byte stream into records; bounds every length a client controls. */
export class RecordFramer {
  private chunks: Buffer[] = [];
  private buffered = 0;

  push(data: Buffer): void {
    if (data.length === 0) return;
    this.chunks.push(data);
    this.buffered += data.length;
  }

  get pending(): number {
    return this.buffered;
  }

  /** The next whole record, or undefined until more bytes arrive. */
  next(): TlsRecord | undefined {
    if (this.buffered < 5) return undefined;
    const head = this.peek(5);
    const type = head[0];
    const version = (head[1] << 8) | head[2];
    const length = (head[3] << 8) | head[4];
    // A first byte that is no TLS content type is not TLS at all (an HTTP request, SSLv2...).
    if (type < ContentType.change_cipher_spec || type > ContentType.heartbeat) {
      throw new TlsError(AlertDescription.unexpected_message, `record with unknown content type ${type}`);
    }
    if ((version >> 8) !== 3) throw new TlsError(AlertDescription.protocol_version, `record with version 0x${version.toString(16)}`);
    if (length > MAX_CIPHERTEXT) throw new TlsError(AlertDescription.record_overflow, `record of ${length} bytes`);
    if (this.buffered < 5 + length) return undefined;
    const whole = this.take(5 + length);
    return { type, version, fragment: whole.subarray(5), header: whole.subarray(0, 5) };
  }

  private peek(n: number): Buffer {
    if (this.chunks[0].length >= n) return this.chunks[0].subarray(0, n);
    this.chunks = [Buffer.concat(this.chunks)];
    return this.chunks[0].subarray(0, n);
  }

  private take(n: number): Buffer {
    if (this.chunks[0].length < n) this.chunks = [Buffer.concat(this.chunks)];
    const first = this.chunks[0];
    const out = first.subarray(0, n);
    if (first.length === n) this.chunks.shift();
    else this.chunks[0] = first.subarray(n);
    this.buffered -= n;
    return out;
  }
}

/** One direction's TLS 1.3 protection state: key, static IV and sequence number, held natively. */
export class Protection13 {
  private readonly rp: RecordProtection;

  constructor(
    aeadName: AeadName,
    key: Buffer,
    iv: Buffer,
    readonly tagLen: number,
  ) {
    this.rp = recordProtection13(aeadName, key, iv);
  }

  /**
   * Undoes the sequence step of a record that was skipped (rejected 0-RTT data). A record that
   * fails to authenticate no longer advances the sequence number (the native open leaves the
   * state as it was), so there is nothing left to undo; kept for the driver's call.
   */
  rewindSequence(): void {}

  /** Protects content of `type` into a whole TLSCiphertext record, with `pad` zero bytes. */
  seal(type: number, content: Uint8Array, pad = 0): Buffer {
    try {
      return this.rp.seal(type, content, pad);
    } catch (err) {
      throw asTlsError(err);
    }
  }

  /** Opens a protected record; returns the real content type and content. */
  open(record: TlsRecord): { type: number; content: Buffer } {
    if (record.fragment.length < this.tagLen + 1) throw new TlsError(AlertDescription.bad_record_mac, 'protected record too short');
    // The framer hands out header and fragment as adjacent views of one buffer: pass it whole.
    const { header, fragment } = record;
    const whole =
      header.buffer === fragment.buffer && header.byteOffset + header.length === fragment.byteOffset
        ? Buffer.from(header.buffer, header.byteOffset, header.length + fragment.length)
        : Buffer.concat([header, fragment]);
    let opened: OpenedRecord | null;
    try {
      opened = this.rp.open(whole);
    } catch (err) {
      // RFC 8446 §5.4: an all-zero inner plaintext is unexpected_message; over 2^14 + 1 bytes
      // (which the framer's limit already excludes) record_overflow.
      throw asTlsError(err);
    }
    if (!opened) throw new TlsError(AlertDescription.bad_record_mac, 'record authentication failed');
    return opened;
  }
}

function asTlsError(err: unknown): unknown {
  if (err instanceof RecordError) return new TlsError(err.alert as AlertDescription, err.message);
  return err;
}

/** Writes plaintext records (before keys exist), fragmenting to maxFragment. */
export function plaintextRecords(type: number, content: Uint8Array, maxFragment = MAX_PLAINTEXT, version = 0x0303): Buffer[] {
  const out: Buffer[] = [];
  for (let off = 0; off < content.length || (off === 0 && content.length === 0); off += maxFragment) {
    const part = content.subarray(off, Math.min(content.length, off + maxFragment));
    const rec = Buffer.allocUnsafe(5 + part.length);
    rec[0] = type;
    rec[1] = version >> 8;
    rec[2] = version & 0xff;
    rec.writeUInt16BE(part.length, 3);
    rec.set(part, 5);
    out.push(rec);
    if (content.length === 0) break;
  }
  return out;
}

/** Reassembles handshake messages from the fragments of handshake records (RFC 8446 §5.1). */
export class HandshakeReassembler {
  private buf: Buffer = Buffer.alloc(0);

  constructor(private readonly maxMessage: number) {}

  push(fragment: Buffer): void {
    this.buf = this.buf.length ? Buffer.concat([this.buf, fragment]) : fragment;
  }

  /** True while part of a message is buffered: keys must not change then (RFC 8446 §5.1). */
  get partial(): boolean {
    return this.buf.length > 0;
  }

  /** The next whole message (type, body and its raw bytes for the transcript). */
  next(): { type: number; body: Buffer; raw: Buffer } | undefined {
    if (this.buf.length < 4) return undefined;
    const len = (this.buf[1] << 16) | (this.buf[2] << 8) | this.buf[3];
    if (len > this.maxMessage) throw new TlsError(AlertDescription.illegal_parameter, `handshake message of ${len} bytes is too long`);
    if (this.buf.length < 4 + len) return undefined;
    const raw = this.buf.subarray(0, 4 + len);
    this.buf = this.buf.subarray(4 + len);
    return { type: raw[0], body: raw.subarray(4), raw };
  }
}
