/**
 * Every cryptographic operation src/x509 needs, behind one small interface. The
 * production implementation will be our native core (binding/): until the lead wires it,
 * each call throws. Tests may install an implementation backed by node:crypto as an
 * oracle; production code never imports node:crypto.
 */
import type { HashName, SignatureAlgorithm } from './algorithm';
import type { CurveName, SubjectPublicKeyInfo } from './publicKey';
import type { EcPrivateKey, PrivateKey } from './keys';

export type CbcCipher = 'aes-128-cbc' | 'aes-192-cbc' | 'aes-256-cbc' | 'des-ede3-cbc';

export interface X509Crypto {
  hash(alg: HashName, data: Uint8Array): Uint8Array;
  /** PBKDF2 with HMAC-`prf` (RFC 8018 5.2). */
  pbkdf2(prf: HashName, password: Uint8Array, salt: Uint8Array, iterations: number, keyLength: number): Uint8Array;
  /**
   * Raw CBC decryption, no padding removal (`data` is a multiple of the block size).
   * PKCS#7 padding is checked by the caller (keys.ts).
   */
  cbcDecrypt(cipher: CbcCipher, key: Uint8Array, iv: Uint8Array, data: Uint8Array): Uint8Array;
  /** Verifies `signature` over `data` with the key and algorithm of a certificate. */
  verify(alg: SignatureAlgorithm, key: SubjectPublicKeyInfo, data: Uint8Array, signature: Uint8Array): boolean;
  /**
   * Signs `data` (the whole message: hashing is part of the algorithm). ECDSA signatures
   * are returned DER-encoded (Ecdsa-Sig-Value, RFC 5480 2.2), as certificates carry them.
   */
  sign(alg: SignatureAlgorithm, key: PrivateKey, data: Uint8Array): Uint8Array;
  /** A fresh EC key pair on `curve`, with its public point (uncompressed). */
  generateEcKey(curve: CurveName): EcPrivateKey;
}

export class CryptoUnavailableError extends Error {
  override readonly name = 'CryptoUnavailableError';
  constructor(op: string) {
    super(`${op}: not available yet (the native crypto core is not wired to src/x509)`);
  }
}

const UNAVAILABLE: X509Crypto = {
  hash: () => {
    throw new CryptoUnavailableError('hash');
  },
  pbkdf2: () => {
    throw new CryptoUnavailableError('pbkdf2');
  },
  cbcDecrypt: () => {
    throw new CryptoUnavailableError('cbcDecrypt');
  },
  verify: () => {
    throw new CryptoUnavailableError('verify');
  },
  sign: () => {
    throw new CryptoUnavailableError('sign');
  },
  generateEcKey: () => {
    throw new CryptoUnavailableError('generateEcKey');
  },
};

let current: X509Crypto = UNAVAILABLE;

/** The implementation in use. */
export function x509Crypto(): X509Crypto {
  return current;
}

/** Installs an implementation (the binding in production, an oracle in tests); returns the previous one. */
export function setX509Crypto(impl: X509Crypto | undefined): X509Crypto {
  const prev = current;
  current = impl ?? UNAVAILABLE;
  return prev;
}
