// X25519 (RFC 7748) and Ed25519 (RFC 8032) from the native core. Keys and signatures are raw
// bytes: 32-byte private keys, seeds and public keys, 64-byte signatures. Wrong sizes throw
// RangeError, values that are not bytes throw TypeError.
import { native } from './native';
import { randomBytes } from './random';

/** X25519(privateKey, peerPublic): the shared secret. Throws when it is all zero (the peer sent
 * a small-order point; RFC 7748 §6.1 lets us abort, and TLS 1.3 says we must). */
export function x25519(privateKey: Uint8Array, peerPublic: Uint8Array): Buffer {
  return native.x25519(privateKey, peerPublic) as Buffer;
}

/** X25519(privateKey, 9): the public key. */
export function x25519PublicKey(privateKey: Uint8Array): Buffer {
  return native.x25519PublicKey(privateKey) as Buffer;
}

/** A fresh key pair from the kernel CSPRNG. */
export function x25519GenerateKey(): { privateKey: Buffer; publicKey: Buffer } {
  const privateKey = randomBytes(32);
  return { privateKey, publicKey: x25519PublicKey(privateKey) };
}

/** The public key of a 32-byte seed (the RFC 8032 private key). */
export function ed25519PublicKey(seed: Uint8Array): Buffer {
  return native.ed25519PublicKey(seed) as Buffer;
}

/** The 64-byte signature of message under seed. */
export function ed25519Sign(seed: Uint8Array, message: Uint8Array): Buffer {
  return native.ed25519Sign(seed, message) as Buffer;
}

/** Strict verification: S < L, canonical point encodings, no small-order key or R. */
export function ed25519Verify(publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array): boolean {
  return native.ed25519Verify(publicKey, message, signature) as boolean;
}
