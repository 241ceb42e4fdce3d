// NIST P-256, P-384 and P-521 from the native core: ECDH (shared secret = x coordinate) and
// ECDSA over a caller-computed digest (truncated to the order's length, FIPS 186-4 6.4), with
// nonces from RFC 6979 hedged with fresh randomness. Points are SEC 1 encoded: uncompressed
// (04||X||Y) on output, uncompressed or compressed (02/03||X) on input.
import { native } from './native';

export type NistCurve = 'P-256' | 'P-384' | 'P-521';

export interface EcKeyPair {
  /** the private scalar, big-endian, 32/48/66 bytes */
  privateKey: Buffer;
  /** the uncompressed public point, 65/97/133 bytes */
  publicKey: Buffer;
}

/** A fresh key pair. Throws RangeError for an unknown curve. */
export function ecdhGenerateKey(curve: NistCurve): EcKeyPair {
  return native.ecdhGenerateKey(curve) as EcKeyPair;
}

/** The uncompressed public point of a private key (RangeError: wrong size or not in [1, n-1]). */
export function ecdhPublicKey(curve: NistCurve, privateKey: Uint8Array): Buffer {
  return native.ecdhPublicKey(curve, privateKey) as Buffer;
}

/** x(privateKey * peerPublic); throws RangeError when the peer's point is invalid. */
export function ecdhComputeSecret(curve: NistCurve, privateKey: Uint8Array, peerPublic: Uint8Array): Buffer {
  return native.ecdhComputeSecret(curve, privateKey, peerPublic) as Buffer;
}

/** A DER-encoded ECDSA signature (SEQUENCE { INTEGER r, INTEGER s }) of a digest. */
export function ecdsaSign(curve: NistCurve, privateKey: Uint8Array, digest: Uint8Array): Buffer {
  return native.ecdsaSign(curve, privateKey, digest) as Buffer;
}

/** Verifies a strict-DER signature; a malformed public key throws RangeError. */
export function ecdsaVerify(curve: NistCurve, publicKey: Uint8Array, digest: Uint8Array, signature: Uint8Array): boolean {
  return native.ecdsaVerify(curve, publicKey, digest, signature) as boolean;
}

/** An ECDSA signature as r||s (IEEE P1363), each the curve's scalar length. */
export function ecdsaSignP1363(curve: NistCurve, privateKey: Uint8Array, digest: Uint8Array): Buffer {
  return native.ecdsaSignP1363(curve, privateKey, digest) as Buffer;
}

/** Verifies an r||s signature (a wrong length is simply invalid). */
export function ecdsaVerifyP1363(curve: NistCurve, publicKey: Uint8Array, digest: Uint8Array, signature: Uint8Array): boolean {
  return native.ecdsaVerifyP1363(curve, publicKey, digest, signature) as boolean;
}
