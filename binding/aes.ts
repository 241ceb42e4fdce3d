// AEADs (AES-GCM, AES-CCM; ChaCha20-Poly1305 routed to its own native functions), CBC ciphers
// (AES, 3DES) and the raw AES block, from the native core. Keys for createAead stay native.
import { native } from './native';

export type AesAeadAlgorithm =
  | 'aes-128-gcm'
  | 'aes-192-gcm'
  | 'aes-256-gcm'
  | 'aes-128-ccm'
  | 'aes-192-ccm'
  | 'aes-256-ccm'
  | 'aes-128-ccm8'
  | 'aes-192-ccm8'
  | 'aes-256-ccm8';
export type AeadAlgorithm = AesAeadAlgorithm | 'chacha20-poly1305';
export type CipherAlgorithm = 'aes-128-cbc' | 'aes-192-cbc' | 'aes-256-cbc' | 'des-ede3-cbc';

export interface AeadOptions {
  /**
   * Tag length in bytes. Default: 16 (8 for the *-ccm8 names). GCM allows 4, 8 and 12..16
   * (NIST SP 800-38D 5.2.1.2), CCM even lengths 4..16. Not supported for chacha20-poly1305.
   */
  tagLength?: number;
}

/** A key set up once for many messages (the TLS record layer keeps one per direction). */
export interface Aead {
  readonly algorithm: AeadAlgorithm;
  /** Tag length in bytes. */
  readonly tagLength: number;
  /** ciphertext || tag */
  seal(nonce: Uint8Array, aad: Uint8Array, plaintext: Uint8Array): Buffer;
  /** The plaintext, or null when authentication fails (no plaintext is ever released then). */
  open(nonce: Uint8Array, aad: Uint8Array, ciphertextAndTag: Uint8Array): Buffer | null;
  /** seal into a caller's buffer of exactly plaintext.length + tagLength bytes (reusable). */
  sealInto(out: Uint8Array, nonce: Uint8Array, aad: Uint8Array, plaintext: Uint8Array): void;
  /**
   * open into a caller's buffer of exactly ciphertextAndTag.length - tagLength bytes: true, or
   * false with out zeroed when authentication fails.
   */
  openInto(out: Uint8Array, nonce: Uint8Array, aad: Uint8Array, ciphertextAndTag: Uint8Array): boolean;
  /** Wipes the native key now rather than at garbage collection; later calls throw. */
  dispose(): void;
}

const CHACHA = 'chacha20-poly1305';

function defaultTagLength(alg: string): number {
  return typeof alg === 'string' && alg.endsWith('ccm8') ? 8 : 16;
}

/** Byte length of a view; anything else is passed through for the native type check. */
function byteLength(v: unknown): number {
  return ArrayBuffer.isView(v) ? v.byteLength : 0;
}

function chachaFn(name: 'chacha20Poly1305Seal' | 'chacha20Poly1305Open'): (...args: unknown[]) => unknown {
  const fn = native[name];
  if (typeof fn !== 'function') throw new Error(`chacha20-poly1305 is not available in this build (native.${name} is missing)`);
  return fn;
}

function checkChachaOptions(options?: AeadOptions): void {
  if (options?.tagLength !== undefined && options.tagLength !== 16)
    throw new RangeError('chacha20-poly1305 supports only a 16-byte tag');
}

/** Encrypts and authenticates: returns ciphertext || tag. Throws RangeError on bad sizes. */
export function aeadSeal(
  alg: AeadAlgorithm,
  key: Uint8Array,
  nonce: Uint8Array,
  aad: Uint8Array,
  plaintext: Uint8Array,
  options?: AeadOptions,
): Buffer {
  if (alg === CHACHA) {
    checkChachaOptions(options);
    return chachaFn('chacha20Poly1305Seal')(key, nonce, aad, plaintext) as Buffer;
  }
  const out = Buffer.allocUnsafe(byteLength(plaintext) + (options?.tagLength ?? defaultTagLength(alg)));
  native.aeadSealInto(alg, key, options?.tagLength, out, nonce, aad, plaintext);
  return out;
}

/** Authenticates and decrypts ciphertext || tag: the plaintext, or null if the tag fails. */
export function aeadOpen(
  alg: AeadAlgorithm,
  key: Uint8Array,
  nonce: Uint8Array,
  aad: Uint8Array,
  ciphertextAndTag: Uint8Array,
  options?: AeadOptions,
): Buffer | null {
  if (alg === CHACHA) {
    checkChachaOptions(options);
    return chachaFn('chacha20Poly1305Open')(key, nonce, aad, ciphertextAndTag) as Buffer | null;
  }
  const tagLength = options?.tagLength ?? defaultTagLength(alg);
  const n = byteLength(ciphertextAndTag);
  if (n < tagLength) {
    // too short to hold a tag: cannot authenticate (the call still checks the other arguments)
    native.aeadOpen(alg, key, nonce, aad, ciphertextAndTag, options?.tagLength);
    return null;
  }
  const out = Buffer.allocUnsafe(n - tagLength);
  return native.aeadOpenInto(alg, key, options?.tagLength, out, nonce, aad, ciphertextAndTag) ? out : null;
}

/** A keyed AEAD: the expanded key (and GHASH powers) are computed once and kept natively. */
export function createAead(alg: AeadAlgorithm, key: Uint8Array, options?: AeadOptions): Aead {
  if (alg === CHACHA) {
    checkChachaOptions(options);
    const sealFn = chachaFn('chacha20Poly1305Seal');
    const openFn = chachaFn('chacha20Poly1305Open');
    if (!(key instanceof Uint8Array) || key.length !== 32) throw new RangeError('chacha20-poly1305 needs a 32-byte key');
    let k: Buffer | null = Buffer.from(key);
    const live = (): Buffer => {
      if (!k) throw new Error('The AEAD context has been disposed');
      return k;
    };
    return {
      algorithm: alg,
      tagLength: 16,
      seal: (nonce, aad, pt) => sealFn(live(), nonce, aad, pt) as Buffer,
      open: (nonce, aad, ct) => openFn(live(), nonce, aad, ct) as Buffer | null,
      sealInto: (out, nonce, aad, pt) => {
        const r = sealFn(live(), nonce, aad, pt) as Buffer;
        if (out.length !== r.length) throw new RangeError(`The "out" argument must be ${r.length} bytes`);
        out.set(r);
      },
      openInto: (out, nonce, aad, ct) => {
        const r = openFn(live(), nonce, aad, ct) as Buffer | null;
        if (out.length !== Math.max(0, ct.length - 16)) throw new RangeError(`The "out" argument must be ${ct.length - 16} bytes`);
        if (r) out.set(r);
        else out.fill(0);
        return r !== null;
      },
      dispose: () => {
        if (k) k.fill(0);
        k = null;
      },
    };
  }
  const ctx = native.aeadCreate(alg, key, options?.tagLength);
  const sealInto = native.aeadCtxSealInto;
  const openInto = native.aeadCtxOpenInto;
  const tagLength = options?.tagLength ?? (alg.endsWith('ccm8') ? 8 : 16);
  // Output buffers come from Buffer.allocUnsafe (pooled below 4 KiB, never zero-filled): cheaper
  // than a native allocation per record. The core overwrites every byte, or zeroes them when
  // authentication fails, so nothing stale or forged escapes.
  return {
    algorithm: alg,
    tagLength,
    seal: (nonce, aad, pt) => {
      const out = Buffer.allocUnsafe(byteLength(pt) + tagLength);
      sealInto(ctx, out, nonce, aad, pt);
      return out;
    },
    open: (nonce, aad, ct) => {
      const n = byteLength(ct);
      if (n < tagLength) return null; // too short to hold a tag: cannot authenticate
      const out = Buffer.allocUnsafe(n - tagLength);
      return openInto(ctx, out, nonce, aad, ct) ? out : null;
    },
    sealInto: (out, nonce, aad, pt) => {
      sealInto(ctx, out, nonce, aad, pt);
    },
    openInto: (out, nonce, aad, ct) => openInto(ctx, out, nonce, aad, ct) as boolean,
    dispose: () => {
      native.aeadCtxDispose(ctx);
    },
  };
}

export interface CipherOptions {
  /** PKCS#7 padding (default true). Without it the data must be whole blocks. */
  padding?: boolean;
}

/** CBC encryption (PKCS#7 padding unless padding: false). */
export function cipherEncrypt(alg: CipherAlgorithm, key: Uint8Array, iv: Uint8Array, data: Uint8Array, options?: CipherOptions): Buffer {
  return native.cipherEncrypt(alg, key, iv, data, options?.padding ?? true) as Buffer;
}

/** CBC decryption; throws an Error on bad PKCS#7 padding (checked in constant time). */
export function cipherDecrypt(alg: CipherAlgorithm, key: Uint8Array, iv: Uint8Array, data: Uint8Array, options?: CipherOptions): Buffer {
  return native.cipherDecrypt(alg, key, iv, data, options?.padding ?? true) as Buffer;
}

/** AES on whole 16-byte blocks (ECB), for constructions that need the bare block cipher. */
export function aesEncryptBlock(key: Uint8Array, block: Uint8Array): Buffer {
  return native.aesEncryptBlock(key, block) as Buffer;
}

/** The inverse of aesEncryptBlock. */
export function aesDecryptBlock(key: Uint8Array, block: Uint8Array): Buffer {
  return native.aesDecryptBlock(key, block) as Buffer;
}
