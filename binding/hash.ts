// Hashes, HMAC and incremental (copyable) hash objects from the native core.
import { native } from './native';

export type HashAlgorithm = 'md5' | 'sha1' | 'sha224' | 'sha256' | 'sha384' | 'sha512';

/** Output length in bytes of each hash. */
export const HASH_LENGTHS: Readonly<Record<HashAlgorithm, number>> = {
  md5: 16,
  sha1: 20,
  sha224: 28,
  sha256: 32,
  sha384: 48,
  sha512: 64,
};

/** The digest of data. Throws RangeError for an unknown algorithm. */
export function hash(alg: HashAlgorithm, data: Uint8Array): Buffer {
  return native.hash(alg, data) as Buffer;
}

/** HMAC (RFC 2104) of data under key. */
export function hmac(alg: HashAlgorithm, key: Uint8Array, data: Uint8Array): Buffer {
  return native.hmac(alg, key, data) as Buffer;
}

/**
 * Whether tag (1 to HashLen bytes; shorter tags are truncated MACs) equals the leading bytes of
 * HMAC(key, data). The comparison is constant-time. RangeError for an empty or overlong tag.
 */
export function hmacVerify(alg: HashAlgorithm, key: Uint8Array, data: Uint8Array, tag: Uint8Array): boolean {
  return native.hmacVerify(alg, key, data, tag) as boolean;
}

/**
 * Whether a and b are equal: same length (public) and same bytes, compared in constant time.
 * Use it wherever a MAC or Finished value computed by other means is checked.
 */
export function constantTimeEqual(a: Uint8Array, b: Uint8Array): boolean {
  return native.constantTimeEqual(a, b) as boolean;
}

/**
 * An incremental hash. copy() forks the state (a TLS transcript hash is read mid-stream);
 * after digest() the object is spent: update() and digest() then throw an Error.
 */
export interface Hash {
  update(data: Uint8Array): this;
  digest(): Buffer;
  copy(): Hash;
}

const HashClass = native.Hash as unknown as new (alg: HashAlgorithm) => Hash;

/** A new incremental hash. Throws RangeError for an unknown algorithm. */
export function createHash(alg: HashAlgorithm): Hash {
  return new HashClass(alg);
}
