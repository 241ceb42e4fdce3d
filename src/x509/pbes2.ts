/**
 * Encrypted PKCS#8 (RFC 5208 6, RFC 5958 3): EncryptedPrivateKeyInfo with PBES2
 * (RFC 8018 6.2, A.4) using PBKDF2 (RFC 8018 5.2, A.2) and AES-CBC (RFC 3565 / NIST) or
 * DES-EDE3-CBC (RFC 8018 B.2.2). This is what `openssl pkcs8 -topk8 -v2 <cipher>` and
 * `openssl genpkey -<cipher>` write. The structure is parsed here without crypto; the
 * decryption goes through crypto.ts.
 */
import { DerError, DerReader, Tag, TagClass } from './der';
import { AlgorithmIdentifier, HashName, readAlgorithmIdentifier } from './algorithm';
import { OID, shortName } from './oids';
import { CbcCipher, x509Crypto } from './crypto';
import { removePkcs7Padding } from './padding';

export interface Pbkdf2Params {
  readonly salt: Uint8Array;
  readonly iterations: number;
  readonly keyLength?: number;
  readonly prf: HashName;
}

export interface CbcParams {
  readonly cipher: CbcCipher;
  readonly keyLength: number;
  readonly iv: Uint8Array;
}

export interface EncryptedPrivateKeyInfo {
  readonly kdf: Pbkdf2Params;
  readonly cipher: CbcParams;
  readonly encryptedData: Uint8Array;
}

export class KeyDecryptionError extends Error {
  override readonly name = 'KeyDecryptionError';
}

const PRF: ReadonlyMap<string, HashName> = new Map([
  [OID.hmacWithSHA1, 'sha1'],
  ['1.2.840.113549.2.8', 'sha224'],
  ['1.2.840.113549.2.9', 'sha256'],
  ['1.2.840.113549.2.10', 'sha384'],
  ['1.2.840.113549.2.11', 'sha512'],
]);

export const CBC_CIPHERS: ReadonlyMap<string, { cipher: CbcCipher; keyLength: number; ivLength: number }> = new Map([
  [OID.aes128cbc, { cipher: 'aes-128-cbc' as CbcCipher, keyLength: 16, ivLength: 16 }],
  [OID.aes192cbc, { cipher: 'aes-192-cbc' as CbcCipher, keyLength: 24, ivLength: 16 }],
  [OID.aes256cbc, { cipher: 'aes-256-cbc' as CbcCipher, keyLength: 32, ivLength: 16 }],
  [OID.desEde3cbc, { cipher: 'des-ede3-cbc' as CbcCipher, keyLength: 24, ivLength: 8 }],
]);

/** Reads the parameters element of an AlgorithmIdentifier as a SEQUENCE. */
function paramsReader(a: AlgorithmIdentifier, what: string): DerReader {
  if (a.params === undefined) throw new DerError(`${what} without parameters`);
  const r = new DerReader(a.params.raw);
  const s = r.readSequence(what);
  r.expectEnd(what);
  return s;
}

/** RFC 8018 A.2: PBKDF2-params. */
function readPbkdf2(a: AlgorithmIdentifier): Pbkdf2Params {
  if (a.oid !== OID.pbkdf2) throw new DerError(`unsupported key derivation function ${shortName(a.oid)}`);
  const s = paramsReader(a, 'PBKDF2-params');
  // salt CHOICE { specified OCTET STRING, otherSource AlgorithmIdentifier }: only specified is defined.
  const salt = s.readOctetString();
  const iterations = s.readSmallInteger();
  if (iterations < 1) throw new DerError('PBKDF2 iteration count must be positive');
  let keyLength: number | undefined;
  if (s.peekIs(TagClass.universal, Tag.INTEGER, false)) keyLength = s.readSmallInteger();
  let prf: HashName = 'sha1';
  if (s.hasMore()) {
    const p = readAlgorithmIdentifier(s, 'prf');
    const h = PRF.get(p.oid);
    if (h === undefined) throw new DerError(`unsupported PBKDF2 PRF ${shortName(p.oid)}`);
    prf = h;
  }
  s.expectEnd('PBKDF2-params');
  return { salt, iterations, keyLength, prf };
}

function readCipher(a: AlgorithmIdentifier): CbcParams {
  const c = CBC_CIPHERS.get(a.oid);
  if (c === undefined) throw new DerError(`unsupported PBES2 cipher ${shortName(a.oid)}`);
  if (a.params === undefined) throw new DerError(`${c.cipher} without an IV`);
  const r = new DerReader(a.params.raw);
  const iv = r.readOctetString();
  r.expectEnd('cipher IV');
  if (iv.length !== c.ivLength) throw new DerError(`${c.cipher} IV must be ${c.ivLength} bytes, got ${iv.length}`);
  return { cipher: c.cipher, keyLength: c.keyLength, iv };
}

/** Parses EncryptedPrivateKeyInfo; only PBES2 is supported (PKCS#5 v1.5 and PKCS#12 PBEs are refused). */
export function parseEncryptedPrivateKeyInfo(der: Uint8Array): EncryptedPrivateKeyInfo {
  const top = new DerReader(der);
  const s = top.readSequence('EncryptedPrivateKeyInfo');
  top.expectEnd('EncryptedPrivateKeyInfo');
  const alg = readAlgorithmIdentifier(s, 'encryptionAlgorithm');
  const encryptedData = s.readOctetString();
  s.expectEnd('EncryptedPrivateKeyInfo');
  if (alg.oid !== OID.pbes2) throw new DerError(`unsupported key encryption ${shortName(alg.oid)} (only PBES2 is supported)`);
  const p = paramsReader(alg, 'PBES2-params');
  const kdf = readPbkdf2(readAlgorithmIdentifier(p, 'keyDerivationFunc'));
  const cipher = readCipher(readAlgorithmIdentifier(p, 'encryptionScheme'));
  p.expectEnd('PBES2-params');
  if (kdf.keyLength !== undefined && kdf.keyLength !== cipher.keyLength) {
    throw new DerError(`PBKDF2 keyLength ${kdf.keyLength} does not match ${cipher.cipher}`);
  }
  return { kdf, cipher, encryptedData };
}

/** RFC 8018 6.2.2: derive the key with PBKDF2, decrypt with CBC, remove the padding. */
export function decryptPrivateKeyInfo(info: EncryptedPrivateKeyInfo, passphrase: Uint8Array): Uint8Array {
  const c = x509Crypto();
  const key = c.pbkdf2(info.kdf.prf, passphrase, info.kdf.salt, info.kdf.iterations, info.cipher.keyLength);
  const blockSize = info.cipher.iv.length;
  if (info.encryptedData.length === 0 || info.encryptedData.length % blockSize !== 0) {
    throw new KeyDecryptionError('encrypted key length is not a multiple of the cipher block size');
  }
  const plain = c.cbcDecrypt(info.cipher.cipher, key, info.cipher.iv, info.encryptedData);
  const out = removePkcs7Padding(plain, blockSize);
  if (out === undefined) throw new KeyDecryptionError('bad decrypt (wrong pass phrase?)');
  return out;
}
