// X448 (RFC 7748) and Ed448 (RFC 8032 §5.2) from the native core. Raw bytes: 56-byte X448 keys,
// 57-byte Ed448 seeds and public keys, 114-byte signatures, contexts of at most 255 bytes.
// Wrong sizes throw RangeError, values that are not bytes throw TypeError.
import { native } from './native';
import { randomBytes } from './random';

/** X448(privateKey, peerPublic): the shared secret. Throws when it is all zero (small-order
 * peer key, RFC 7748 §6.2). */
export function x448(privateKey: Uint8Array, peerPublic: Uint8Array): Buffer {
  return native.x448(privateKey, peerPublic) as Buffer;
}

/** X448(privateKey, 5): the public key. */
export function x448PublicKey(privateKey: Uint8Array): Buffer {
  return native.x448PublicKey(privateKey) as Buffer;
}

/** A fresh key pair from the kernel CSPRNG. */
export function x448GenerateKey(): { privateKey: Buffer; publicKey: Buffer } {
  const privateKey = randomBytes(56);
  return { privateKey, publicKey: x448PublicKey(privateKey) };
}

/** The public key of a 57-byte seed (the RFC 8032 private key). */
export function ed448PublicKey(seed: Uint8Array): Buffer {
  return native.ed448PublicKey(seed) as Buffer;
}

/** The 114-byte Ed448 signature of message under seed, with an optional context (empty by
 * default). */
export function ed448Sign(seed: Uint8Array, message: Uint8Array, context?: Uint8Array): Buffer {
  return native.ed448Sign(seed, message, context) as Buffer;
}

/** Strict verification (S < L, canonical encodings, no small-order key or R). */
export function ed448Verify(publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array, context?: Uint8Array): boolean {
  return native.ed448Verify(publicKey, message, signature, context) as boolean;
}
