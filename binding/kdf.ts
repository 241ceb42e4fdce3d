// Key derivation from the native core: HKDF (RFC 5869), the TLS 1.3 key schedule's
// HKDF-Expand-Label and Derive-Secret (RFC 8446 §7.1), the TLS PRFs (RFC 5246 §5, RFC 2246 §5)
// and PBKDF2 (RFC 8018). Bad types throw TypeError; bad sizes RangeError.
import type { HashAlgorithm } from './hash';
import { native } from './native';

/** The hash of the TLS 1.2 PRF, or 'md5-sha1' for the TLS 1.0/1.1 PRF. */
export type TlsPrfAlgorithm = 'sha256' | 'sha384' | 'md5-sha1';

/** PRK = HMAC-Hash(salt, IKM); HashLen bytes. */
export function hkdfExtract(alg: HashAlgorithm, salt: Uint8Array, ikm: Uint8Array): Buffer {
  return native.hkdfExtract(alg, salt, ikm) as Buffer;
}

/** OKM of `length` bytes; RangeError when length > 255 * HashLen. */
export function hkdfExpand(alg: HashAlgorithm, prk: Uint8Array, info: Uint8Array, length: number): Buffer {
  return native.hkdfExpand(alg, prk, info, length) as Buffer;
}

/**
 * HKDF-Expand-Label(secret, label, context, length). The label is given without the "tls13 "
 * prefix (at most 249 bytes); the context is at most 255 bytes.
 */
export function hkdfExpandLabel(
  alg: HashAlgorithm,
  secret: Uint8Array,
  label: string | Uint8Array,
  context: Uint8Array,
  length: number,
): Buffer {
  return native.hkdfExpandLabel(alg, secret, label, context, length) as Buffer;
}

/** Derive-Secret(secret, label, messages) given Transcript-Hash(messages) (HashLen bytes). */
export function deriveSecret(
  alg: HashAlgorithm,
  secret: Uint8Array,
  label: string | Uint8Array,
  transcriptHash: Uint8Array,
): Buffer {
  return native.deriveSecret(alg, secret, label, transcriptHash) as Buffer;
}

/** PRF(secret, label, seed) of `length` bytes (label at most 256 bytes). */
export function tlsPrf(
  alg: TlsPrfAlgorithm,
  secret: Uint8Array,
  label: string | Uint8Array,
  seed: Uint8Array,
  length: number,
): Buffer {
  return native.tlsPrf(alg, secret, label, seed, length) as Buffer;
}

/** PBKDF2 with HMAC-<alg>; iterations >= 1. */
export function pbkdf2(
  alg: HashAlgorithm,
  password: Uint8Array,
  salt: Uint8Array,
  iterations: number,
  length: number,
): Buffer {
  return native.pbkdf2(alg, password, salt, iterations, length) as Buffer;
}
