// ChaCha20-Poly1305 (RFC 8439) from the native core: one native call per record, writing
// straight into the output Buffer. Wrong key or nonce sizes throw RangeError, wrong
// types TypeError; a ciphertext that does not authenticate gives null, never plaintext.
import { native } from './native';

/** A ChaCha20-Poly1305 key held in native memory (wiped when the object is collected). */
export interface ChaCha20Poly1305 {
  /**
   * Encrypts plaintext under the 12-byte nonce; returns ciphertext || 16-byte tag. With `out`
   * (exactly plaintext.length + 16 bytes, e.g. the body of a record being built) the result is
   * written there and `out` is returned.
   */
  seal(nonce: Uint8Array, aad: Uint8Array, plaintext: Uint8Array, out?: Uint8Array): Buffer;
  /**
   * Verifies and decrypts ciphertext || tag; null when the tag is wrong or the input is short.
   * With `out` (exactly length - 16 bytes; it may be the ciphertext itself, for decrypting in
   * place) the plaintext is written there; on failure `out` is left all zeros.
   */
  open(nonce: Uint8Array, aad: Uint8Array, ciphertextAndTag: Uint8Array, out?: Uint8Array): Buffer | null;
}

interface NativeKeyed {
  seal(nonce: Uint8Array, aad: Uint8Array, plaintext: Uint8Array, out?: Uint8Array): Buffer;
  open(nonce: Uint8Array, aad: Uint8Array, ciphertextAndTag: Uint8Array, out?: Uint8Array): Buffer | null;
}

const addon = native as unknown as {
  chacha20Poly1305Seal(key: Uint8Array, nonce: Uint8Array, aad: Uint8Array, plaintext: Uint8Array, out?: Uint8Array): Buffer;
  chacha20Poly1305Open(
    key: Uint8Array,
    nonce: Uint8Array,
    aad: Uint8Array,
    ciphertextAndTag: Uint8Array,
    out?: Uint8Array,
  ): Buffer | null;
  ChaCha20Poly1305: new (key: Uint8Array) => NativeKeyed;
  chacha20(key: Uint8Array, nonce: Uint8Array, counter: number, data: Uint8Array): Buffer;
  poly1305(key: Uint8Array, data: Uint8Array): Buffer;
};

/**
 * The output Buffer for an input of the given view plus `extra` bytes. Buffer.allocUnsafe is
 * pooled below 4 KiB and never zero-filled, which makes small records about twice as cheap as
 * a Buffer made by the addon; the addon writes every byte of it (or zeros, on failure). For
 * anything that is not a view, undefined: the addon then reports the TypeError.
 */
function outFor(data: unknown, extra: number): Buffer | undefined {
  const n = (data as ArrayBufferView | null | undefined)?.byteLength;
  return typeof n === 'number' && n + extra >= 0 ? Buffer.allocUnsafe(n + extra) : undefined;
}

/** RFC 8439 §2.8 seal with a 32-byte key and 12-byte nonce: ciphertext || tag (`out` as in
 * ChaCha20Poly1305.seal). */
export function chacha20Poly1305Seal(
  key: Uint8Array,
  nonce: Uint8Array,
  aad: Uint8Array,
  plaintext: Uint8Array,
  out?: Uint8Array,
): Buffer {
  return addon.chacha20Poly1305Seal(key, nonce, aad, plaintext, out ?? outFor(plaintext, 16));
}

/** RFC 8439 §2.8 open: the plaintext, or null when ciphertextAndTag does not authenticate
 * (`out` as in ChaCha20Poly1305.open). */
export function chacha20Poly1305Open(
  key: Uint8Array,
  nonce: Uint8Array,
  aad: Uint8Array,
  ciphertextAndTag: Uint8Array,
  out?: Uint8Array,
): Buffer | null {
  return addon.chacha20Poly1305Open(key, nonce, aad, ciphertextAndTag, out ?? outFor(ciphertextAndTag, -16));
}

class KeyedChaCha20Poly1305 implements ChaCha20Poly1305 {
  readonly #key: NativeKeyed;

  constructor(key: Uint8Array) {
    this.#key = new addon.ChaCha20Poly1305(key);
  }

  seal(nonce: Uint8Array, aad: Uint8Array, plaintext: Uint8Array, out?: Uint8Array): Buffer {
    return this.#key.seal(nonce, aad, plaintext, out ?? outFor(plaintext, 16));
  }

  open(nonce: Uint8Array, aad: Uint8Array, ciphertextAndTag: Uint8Array, out?: Uint8Array): Buffer | null {
    return this.#key.open(nonce, aad, ciphertextAndTag, out ?? outFor(ciphertextAndTag, -16));
  }
}

/** A keyed ChaCha20-Poly1305 context: the key is expanded once and kept natively. */
export function createChaCha20Poly1305(key: Uint8Array): ChaCha20Poly1305 {
  return new KeyedChaCha20Poly1305(key);
}

/** Raw ChaCha20 (RFC 8439 §2.4): data XOR the keystream from block `counter` (0..2^32-1). */
export const chacha20: (key: Uint8Array, nonce: Uint8Array, counter: number, data: Uint8Array) => Buffer = addon.chacha20;

/** Raw Poly1305 (RFC 8439 §2.5) with a 32-byte one-time key. */
export const poly1305: (key: Uint8Array, data: Uint8Array) => Buffer = addon.poly1305;
