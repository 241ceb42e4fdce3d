/**
 * Traditional ("SSLeay") encrypted PEM keys, RFC 1421 4.6.1.1 headers as openssl writes
 * them with `openssl rsa|ec -aes256 -traditional`:
 *
 *   Proc-Type: 4,ENCRYPTED
 *   DEK-Info: AES-256-CBC,<IV in hex>
 *
 * The key is EVP_BytesToKey(cipher, MD5, salt = first 8 octets of the IV, pass, count 1):
 * D_1 = MD5(pass || salt), D_i = MD5(D_{i-1} || pass || salt), key = D_1 || D_2 || ...
 */
import { PemBlock, PemError, header } from './pem';
import { CbcCipher, x509Crypto } from './crypto';
import { KeyDecryptionError } from './pbes2';
import { removePkcs7Padding } from './padding';

export interface DekInfo {
  readonly cipher: CbcCipher;
  readonly keyLength: number;
  readonly iv: Uint8Array;
}

const DEK_CIPHERS: ReadonlyMap<string, { cipher: CbcCipher; keyLength: number; ivLength: number }> = new Map([
  ['AES-128-CBC', { cipher: 'aes-128-cbc' as CbcCipher, keyLength: 16, ivLength: 16 }],
  ['AES-192-CBC', { cipher: 'aes-192-cbc' as CbcCipher, keyLength: 24, ivLength: 16 }],
  ['AES-256-CBC', { cipher: 'aes-256-cbc' as CbcCipher, keyLength: 32, ivLength: 16 }],
  ['DES-EDE3-CBC', { cipher: 'des-ede3-cbc' as CbcCipher, keyLength: 24, ivLength: 8 }],
]);

/** True when the block carries `Proc-Type: 4,ENCRYPTED`. */
export function isEncryptedPem(block: PemBlock): boolean {
  const p = header(block, 'Proc-Type');
  return p !== undefined && p.replace(/\s/g, '') === '4,ENCRYPTED';
}

/** Parses the DEK-Info header (cipher name and hex IV). */
export function parseDekInfo(block: PemBlock): DekInfo {
  const proc = header(block, 'Proc-Type');
  if (proc === undefined) throw new PemError(`PEM ${block.label}: DEK-Info without Proc-Type`);
  if (!isEncryptedPem(block)) throw new PemError(`PEM ${block.label}: unsupported Proc-Type "${proc}"`);
  const dek = header(block, 'DEK-Info');
  if (dek === undefined) throw new PemError(`PEM ${block.label}: encrypted but no DEK-Info header`);
  const comma = dek.indexOf(',');
  if (comma < 0) throw new PemError(`PEM ${block.label}: malformed DEK-Info "${dek}"`);
  const name = dek.slice(0, comma).trim().toUpperCase();
  const ivHex = dek.slice(comma + 1).trim();
  const c = DEK_CIPHERS.get(name);
  if (c === undefined) throw new PemError(`PEM ${block.label}: unsupported DEK-Info cipher "${name}"`);
  if (!/^[0-9A-Fa-f]*$/.test(ivHex) || ivHex.length !== 2 * c.ivLength) {
    throw new PemError(`PEM ${block.label}: DEK-Info IV must be ${c.ivLength} bytes of hex`);
  }
  return { cipher: c.cipher, keyLength: c.keyLength, iv: Uint8Array.from(Buffer.from(ivHex, 'hex')) };
}

/** EVP_BytesToKey with MD5 and one iteration (the only form PEM encryption uses). */
export function evpBytesToKey(passphrase: Uint8Array, salt: Uint8Array, keyLength: number): Uint8Array {
  const c = x509Crypto();
  const out = new Uint8Array(keyLength);
  let prev = new Uint8Array(0);
  for (let filled = 0; filled < keyLength; ) {
    const input = new Uint8Array(prev.length + passphrase.length + salt.length);
    input.set(prev, 0);
    input.set(passphrase, prev.length);
    input.set(salt, prev.length + passphrase.length);
    prev = Uint8Array.from(c.hash('md5', input));
    const n = Math.min(prev.length, keyLength - filled);
    out.set(prev.subarray(0, n), filled);
    filled += n;
  }
  return out;
}

/** Decrypts the DER body of a traditional encrypted PEM block. */
export function decryptPemBlock(block: PemBlock, passphrase: Uint8Array): Uint8Array {
  const dek = parseDekInfo(block);
  const blockSize = dek.iv.length;
  if (block.der.length === 0 || block.der.length % blockSize !== 0) {
    throw new KeyDecryptionError('encrypted PEM body is not a multiple of the cipher block size');
  }
  const key = evpBytesToKey(passphrase, dek.iv.subarray(0, 8), dek.keyLength);
  const plain = x509Crypto().cbcDecrypt(dek.cipher, key, dek.iv, block.der);
  const out = removePkcs7Padding(plain, blockSize);
  if (out === undefined) throw new KeyDecryptionError('bad decrypt (wrong pass phrase?)');
  return out;
}
