// ML-KEM-768 (FIPS 203) and the SHA-3 family (FIPS 202) from the native core.
import { native } from './native';

export interface MlKem768KeyPair {
  /** dk = dk_PKE || ek || H(ek) || z, 2400 bytes (FIPS 203 §7.1) */
  decapsulationKey: Buffer;
  /** ek, 1184 bytes */
  encapsulationKey: Buffer;
}

export interface MlKem768Encapsulation {
  /** 1088 bytes */
  ciphertext: Buffer;
  /** 32 bytes */
  sharedSecret: Buffer;
}

/**
 * A new ML-KEM-768 key pair. With `seed` (64 bytes, d || z) the derivation is deterministic
 * (ML-KEM.KeyGen_internal, for tests); otherwise the seeds come from the kernel CSPRNG.
 */
export function mlkem768GenerateKey(seed?: Uint8Array): MlKem768KeyPair {
  return native.mlkem768GenerateKey(seed) as MlKem768KeyPair;
}

/**
 * Encapsulates to an encapsulation key. Throws RangeError unless it is 1184 bytes and Error when
 * it fails the FIPS 203 §7.2 modulus check. `message` (32 bytes, the m of
 * ML-KEM.Encaps_internal) makes it deterministic, for tests only.
 */
export function mlkem768Encapsulate(encapsulationKey: Uint8Array, message?: Uint8Array): MlKem768Encapsulation {
  return native.mlkem768Encapsulate(encapsulationKey, message) as MlKem768Encapsulation;
}

/**
 * The shared secret for a ciphertext (1088 bytes). A ciphertext that was not produced for this
 * key gives the implicit-rejection secret J(z || c), never an error. The key is the 2400-byte
 * decapsulation key (Error if it fails the §7.3 hash check) or the 64-byte seed d || z.
 */
export function mlkem768Decapsulate(decapsulationKey: Uint8Array, ciphertext: Uint8Array): Buffer {
  return native.mlkem768Decapsulate(decapsulationKey, ciphertext) as Buffer;
}

export function sha3_256(data: Uint8Array): Buffer {
  return native.sha3_256(data) as Buffer;
}

export function sha3_512(data: Uint8Array): Buffer {
  return native.sha3_512(data) as Buffer;
}

/** SHAKE128 of data, outLen bytes. */
export function shake128(data: Uint8Array, outLen: number): Buffer {
  return native.shake128(data, outLen) as Buffer;
}

/** SHAKE256 of data, outLen bytes. */
export function shake256(data: Uint8Array, outLen: number): Buffer {
  return native.shake256(data, outLen) as Buffer;
}
