// TLS record protection from the native core: one native call seals or opens a whole record;
// keys, IVs and the sequence number stay in native memory (wiped on dispose() or collection).
import { native } from './native';

export type RecordVersion = 'tls1.3' | 'tls1.2' | 'tls1.1' | 'tls1.0';
export type RecordAeadCipher =
  | 'aes-128-gcm'
  | 'aes-256-gcm'
  | 'chacha20-poly1305'
  | 'aes-128-ccm'
  | 'aes-128-ccm8'
  | 'aes-256-ccm'
  | 'aes-256-ccm8';
export type RecordCbcCipher =
  | 'aes-128-cbc-sha'
  | 'aes-256-cbc-sha'
  | 'aes-128-cbc-sha256'
  | 'aes-256-cbc-sha256'
  | 'aes-256-cbc-sha384'
  | 'des-ede3-cbc-sha';
export type RecordCipher = RecordAeadCipher | RecordCbcCipher;

export interface RecordProtectionOptions {
  version: RecordVersion;
  cipher: RecordCipher;
  /** The write key of the direction. */
  key: Uint8Array;
  /**
   * TLS 1.3 and ChaCha20-Poly1305: the 12-byte static IV. TLS 1.2 GCM/CCM: the 4-byte salt
   * (RFC 5288 §3). TLS 1.0 CBC: the initial IV from the key block (block size). TLS 1.1+ CBC:
   * none (an explicit IV is sent in each record).
   */
  iv?: Uint8Array;
  /** CBC suites: the HMAC key (20, 32 or 48 bytes). */
  macKey?: Uint8Array;
  /** CBC suites: encrypt-then-MAC (RFC 7366) as negotiated. */
  encryptThenMac?: boolean;
  /** Restrict the object to sealing or to opening (default: both allowed). */
  direction?: 'seal' | 'open';
  /** The first record's sequence number (default 0). */
  sequence?: bigint;
}

export interface OpenedRecord {
  /** The content type: TLS 1.3's inner type, otherwise the record header's. */
  readonly type: number;
  readonly content: Buffer;
}

/** A record that authenticated but breaks a protocol rule, or a sequence number at its end. */
export class RecordError extends Error {
  constructor(
    message: string,
    /** The TLS alert to send (record_overflow 22, unexpected_message 10, internal_error 80). */
    readonly alert: number,
    readonly code: string,
  ) {
    super(message);
    this.name = 'RecordError';
  }
}

export interface RecordProtection {
  readonly version: RecordVersion;
  readonly cipher: RecordCipher;
  /**
   * Protects content (at most 2^14 bytes) of the given content type into a whole record,
   * header included, and advances the sequence number. padding: TLS 1.3 zero padding bytes
   * (content + padding <= 2^14); CBC: extra padding, a multiple of the block size, the padding
   * total at most 256; must be 0 for TLS 1.2 AEADs. RangeError for sizes out of range.
   */
  seal(type: number, content: Uint8Array, padding?: number): Buffer;
  /**
   * Opens a whole record (header included, its length field matching): the content type and
   * content; null when it does not authenticate (bad tag, bad MAC or bad CBC padding, all one
   * result: send bad_record_mac). A failed open leaves the sequence number where it was, so a
   * skipped record (rejected 0-RTT data, RFC 8446 §4.2.10) needs no rewind. Throws RecordError
   * for record_overflow and (TLS 1.3) an inner plaintext with no content type.
   */
  open(record: Uint8Array): OpenedRecord | null;
  /** The next record's sequence number. */
  readonly sequence: bigint;
  /** Wipes the keys now; later calls throw. */
  dispose(): void;
}

// Core ids (record.h, hash.h).
const VERSIONS: Record<RecordVersion, number> = { 'tls1.0': 0x0301, 'tls1.1': 0x0302, 'tls1.2': 0x0303, 'tls1.3': 0x0304 };
const SHA1 = 2;
const SHA256 = 4;
const SHA384 = 5;

interface CipherInfo {
  bulk: number;
  keyLen: number;
  mac: number;
  macLen: number;
  block: number; // CBC block size, 0 for AEADs
}

const CIPHERS: Record<RecordCipher, CipherInfo> = {
  'aes-128-gcm': { bulk: 1, keyLen: 16, mac: 0, macLen: 0, block: 0 },
  'aes-256-gcm': { bulk: 2, keyLen: 32, mac: 0, macLen: 0, block: 0 },
  'chacha20-poly1305': { bulk: 3, keyLen: 32, mac: 0, macLen: 0, block: 0 },
  'aes-128-ccm': { bulk: 4, keyLen: 16, mac: 0, macLen: 0, block: 0 },
  'aes-256-ccm': { bulk: 5, keyLen: 32, mac: 0, macLen: 0, block: 0 },
  'aes-128-ccm8': { bulk: 6, keyLen: 16, mac: 0, macLen: 0, block: 0 },
  'aes-256-ccm8': { bulk: 7, keyLen: 32, mac: 0, macLen: 0, block: 0 },
  'aes-128-cbc-sha': { bulk: 8, keyLen: 16, mac: SHA1, macLen: 20, block: 16 },
  'aes-256-cbc-sha': { bulk: 9, keyLen: 32, mac: SHA1, macLen: 20, block: 16 },
  'aes-128-cbc-sha256': { bulk: 8, keyLen: 16, mac: SHA256, macLen: 32, block: 16 },
  'aes-256-cbc-sha256': { bulk: 9, keyLen: 32, mac: SHA256, macLen: 32, block: 16 },
  'aes-256-cbc-sha384': { bulk: 9, keyLen: 32, mac: SHA384, macLen: 48, block: 16 },
  'des-ede3-cbc-sha': { bulk: 10, keyLen: 24, mac: SHA1, macLen: 20, block: 8 },
};

// Result codes (record.h).
const OK = 0;
const BAD_MAC = -1;
const OVERFLOW = -2;
const NO_TYPE = -3;
const SEQ = -4;
const BAD_ARG = -5;

const EMPTY = Buffer.alloc(0);

function ivLength(version: RecordVersion, cipher: RecordCipher, info: CipherInfo): number {
  if (info.block) return version === 'tls1.0' ? info.block : 0;
  if (version === 'tls1.2' && cipher !== 'chacha20-poly1305') return 4;
  return 12;
}

function checkOptions(o: RecordProtectionOptions): CipherInfo {
  if (typeof o !== 'object' || o === null) throw new TypeError('The options argument must be an object');
  if (!Object.prototype.hasOwnProperty.call(VERSIONS, o.version)) throw new RangeError(`Unsupported record version: ${String(o.version)}`);
  if (!Object.prototype.hasOwnProperty.call(CIPHERS, o.cipher)) throw new RangeError(`Unsupported record cipher: ${String(o.cipher)}`);
  const info = CIPHERS[o.cipher];
  const v = o.version;
  if (info.block) {
    if (v === 'tls1.3') throw new RangeError(`${o.cipher} is not a TLS 1.3 cipher`);
    if (info.mac !== SHA1 && v !== 'tls1.2') throw new RangeError(`${o.cipher} needs TLS 1.2`);
  } else {
    if (v === 'tls1.0' || v === 'tls1.1') throw new RangeError(`${o.cipher} needs TLS 1.2 or 1.3`);
    if (v === 'tls1.3' && o.cipher.startsWith('aes-256-ccm')) throw new RangeError(`${o.cipher} is not a TLS 1.3 cipher`);
    if (o.encryptThenMac) throw new RangeError('encryptThenMac applies to CBC ciphers only');
    if (o.macKey !== undefined && o.macKey.length !== 0) throw new RangeError(`${o.cipher} takes no MAC key`);
  }
  const bytes = (x: unknown, name: string): void => {
    if (!(x instanceof Uint8Array)) throw new TypeError(`The "${name}" option must be a Buffer or Uint8Array`);
  };
  bytes(o.key, 'key');
  if (o.key.length !== info.keyLen) throw new RangeError(`${o.cipher} needs a ${info.keyLen}-byte key, got ${o.key.length}`);
  const ivLen = ivLength(v, o.cipher, info);
  const iv = o.iv ?? EMPTY;
  bytes(iv, 'iv');
  if (iv.length !== ivLen) throw new RangeError(`${o.cipher} in ${v} needs a ${ivLen}-byte IV, got ${iv.length}`);
  if (info.block) {
    bytes(o.macKey, 'macKey');
    if (o.macKey!.length !== info.macLen) throw new RangeError(`${o.cipher} needs a ${info.macLen}-byte MAC key, got ${o.macKey!.length}`);
  }
  if (o.direction !== undefined && o.direction !== 'seal' && o.direction !== 'open') throw new RangeError(`Bad direction: ${String(o.direction)}`);
  if (o.sequence !== undefined && (typeof o.sequence !== 'bigint' || o.sequence < 0n || o.sequence > 0xffffffffffffffffn))
    throw new RangeError('sequence must be a bigint from 0 to 2^64 - 1');
  return info;
}

function fail(code: number, what: string): never {
  switch (code) {
    case OVERFLOW:
      throw new RecordError(`${what}: record_overflow`, 22, 'ERR_TLS_RECORD_OVERFLOW');
    case NO_TYPE:
      throw new RecordError(`${what}: protected record with no content type`, 10, 'ERR_TLS_RECORD_NO_TYPE');
    case SEQ:
      throw new RecordError(`${what}: sequence number exhausted`, 80, 'ERR_TLS_SEQUENCE_EXHAUSTED');
    case BAD_ARG:
      throw new RangeError(`${what}: record length or size out of range`);
    default:
      throw new Error(`${what}: failed (${code})`);
  }
}

/** Sets up one direction's record protection for a TLS version and cipher suite. */
export function createRecordProtection(options: RecordProtectionOptions): RecordProtection {
  const info = checkOptions(options);
  const { version, cipher, direction } = options;
  const state = new Int32Array(3);
  const ctx = native.recordCreate(
    VERSIONS[version],
    info.bulk,
    info.mac,
    options.encryptThenMac === true,
    options.key,
    options.iv ?? EMPTY,
    options.macKey ?? EMPTY,
    state,
    options.sequence ?? 0n,
  );
  const sealFn = native.recordSeal;
  const openFn = native.recordOpen;
  return {
    version,
    cipher,
    seal(type: number, content: Uint8Array, padding = 0): Buffer {
      if (direction === 'open') throw new Error('This record protection only opens');
      const out = sealFn(ctx, type, content, padding) as Buffer | null;
      if (out === null) fail(state[0], 'seal');
      return out;
    },
    open(record: Uint8Array): OpenedRecord | null {
      if (direction === 'seal') throw new Error('This record protection only seals');
      const out = openFn(ctx, record) as Buffer | null;
      if (out === null) {
        if (state[0] === BAD_MAC) return null;
        fail(state[0], 'open');
      }
      const len = state[2];
      return { type: state[1], content: len === out.length ? out : out.subarray(0, len) };
    },
    get sequence(): bigint {
      return native.recordSequence(ctx) as bigint;
    },
    dispose(): void {
      native.recordDispose(ctx);
    },
  };
}

export const RECORD_RESULT = { OK, BAD_MAC, OVERFLOW, NO_TYPE, SEQ, BAD_ARG } as const;
