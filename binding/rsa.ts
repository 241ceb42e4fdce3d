// RSA and modular exponentiation from the native core. Numbers are big-endian Buffers
// (leading zeros allowed). Private keys live in native memory and are wiped when collected.
import { native } from './native';

/** Hashes RSA signatures are made with. */
export type RsaHashAlgorithm = 'sha1' | 'sha224' | 'sha256' | 'sha384' | 'sha512';

/** An RSA public key: modulus and public exponent. */
export interface RsaPublicKeyComponents {
  n: Uint8Array;
  e: Uint8Array;
}

/** An RSA private key with its CRT values (as in JWK: n, e, d, p, q, dp, dq, qi). */
export interface RsaPrivateKeyComponents extends RsaPublicKeyComponents {
  d: Uint8Array;
  p: Uint8Array;
  q: Uint8Array;
  dp: Uint8Array;
  dq: Uint8Array;
  qi: Uint8Array;
}

/**
 * A private key held natively. Every private operation uses CRT with blinding and checks its
 * result against the public key before returning it, so a fault cannot leak a factor. One object
 * must not be used from two threads at once (its blinding state changes with each use).
 */
export interface RsaPrivateKey {
  /** Size of the modulus in bits. */
  readonly modulusBits: number;
  /** RSASSA-PKCS1-v1_5 signature of a digest (RFC 8017 section 8.2). */
  signPkcs1(hashAlg: RsaHashAlgorithm, digest: Uint8Array): Buffer;
  /**
   * RSASSA-PSS signature of a digest (RFC 8017 section 8.1) with a random salt of saltLength
   * bytes and MGF1 over mgfHashAlg (default: hashAlg).
   */
  signPss(hashAlg: RsaHashAlgorithm, digest: Uint8Array, saltLength: number, mgfHashAlg?: RsaHashAlgorithm): Buffer;
  /**
   * The TLS 1.2 RSA key exchange (RFC 5246 section 7.4.7.1): always 48 bytes, the premaster
   * secret when the ciphertext holds a valid PKCS#1 v1.5 block of 48 bytes starting with
   * clientVersion (e.g. 0x0303), else 48 random bytes. Which case happened is not observable,
   * not even through timing: no Bleichenbacher/ROBOT oracle.
   */
  decryptPkcs1ForTls(ciphertext: Uint8Array, clientVersion: number): Buffer;
  /**
   * Plain RSAES-PKCS1-v1_5 decryption returning null on bad padding. That is a padding oracle:
   * for tests only, never on data from the network.
   */
  decryptPkcs1Raw(ciphertext: Uint8Array): Buffer | null;
}

interface NativeRsa {
  RsaPrivateKey: new (key: RsaPrivateKeyComponents) => RsaPrivateKey;
  rsaVerifyPkcs1(key: RsaPublicKeyComponents, hashAlg: string, digest: Uint8Array, sig: Uint8Array): boolean;
  rsaVerifyPss(
    key: RsaPublicKeyComponents,
    hashAlg: string,
    digest: Uint8Array,
    sig: Uint8Array,
    saltLength: number,
    mgfHashAlg?: string,
  ): boolean;
  rsaEncryptPkcs1(key: RsaPublicKeyComponents, data: Uint8Array): Buffer;
  modexp(base: Uint8Array, exponent: Uint8Array, modulus: Uint8Array): Buffer;
}

const rsa = native as unknown as NativeRsa;

/**
 * Loads a private key (modulus 512..8192 bits). Throws TypeError for a missing or non-byte
 * component and RangeError for values that do not form a valid key (n != p * q, CRT values out of
 * range, or components that fail a test operation). d is accepted but not used (CRT only).
 */
export function createRsaPrivateKey(key: RsaPrivateKeyComponents): RsaPrivateKey {
  return new rsa.RsaPrivateKey(key);
}

/** Verifies an RSASSA-PKCS1-v1_5 signature; the encoding is rebuilt and compared byte for byte. */
export function rsaVerifyPkcs1(
  key: RsaPublicKeyComponents,
  hashAlg: RsaHashAlgorithm,
  digest: Uint8Array,
  signature: Uint8Array,
): boolean {
  return rsa.rsaVerifyPkcs1(key, hashAlg, digest, signature);
}

/** Verifies an RSASSA-PSS signature with a salt of exactly saltLength bytes. */
export function rsaVerifyPss(
  key: RsaPublicKeyComponents,
  hashAlg: RsaHashAlgorithm,
  digest: Uint8Array,
  signature: Uint8Array,
  saltLength: number,
  mgfHashAlg?: RsaHashAlgorithm,
): boolean {
  return rsa.rsaVerifyPss(key, hashAlg, digest, signature, saltLength, mgfHashAlg);
}

/** RSAES-PKCS1-v1_5 encryption (random padding); for tests and clients. */
export function rsaEncryptPkcs1(key: RsaPublicKeyComponents, data: Uint8Array): Buffer {
  return rsa.rsaEncryptPkcs1(key, data);
}

/**
 * base^exponent mod modulus, as many bytes as the modulus has (without leading zeros).
 * Constant time in base and exponent (the exponent's byte length is public). Any modulus of 1 to
 * 8192 bits; an even modulus takes a slower path (a Montgomery exponentiation modulo its odd part
 * and one modulo its power of two, joined by CRT). Exponent up to 1024 bytes, base up to 4096.
 */
export function modexp(base: Uint8Array, exponent: Uint8Array, modulus: Uint8Array): Buffer {
  return rsa.modexp(base, exponent, modulus);
}
