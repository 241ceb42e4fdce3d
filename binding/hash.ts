// Hashes and HMAC from the native core.
import { native } from './native';

export type HashAlgorithm = 'md5' | 'sha1' | 'sha224' | 'sha256' | 'sha384' | 'sha512';

/** The digest of data. Throws RangeError for an unknown algorithm. */
export function hash(alg: HashAlgorithm, data: Uint8Array): Buffer {
  return native.hash(alg, data) as Buffer;
}

/** HMAC (RFC 2104) of data under key. */
export function hmac(alg: HashAlgorithm, key: Uint8Array, data: Uint8Array): Buffer {
  return native.hmac(alg, key, data) as Buffer;
}
