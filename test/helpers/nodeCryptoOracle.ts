/**
 * TESTS ONLY: an X509Crypto backed by node:crypto (OpenSSL), used as an oracle until the
 * native core is wired to src/x509/crypto.ts.
 */
import * as nc from 'node:crypto';
import type { X509Crypto } from '../../src/x509/crypto';
import type { SignatureAlgorithm } from '../../src/x509/algorithm';
import type { SubjectPublicKeyInfo } from '../../src/x509/publicKey';

function publicKey(spki: SubjectPublicKeyInfo): nc.KeyObject {
  return nc.createPublicKey({ key: Buffer.from(spki.der), format: 'der', type: 'spki' });
}

function verify(alg: SignatureAlgorithm, spki: SubjectPublicKeyInfo, data: Uint8Array, sig: Uint8Array): boolean {
  const key = publicKey(spki);
  switch (alg.kind) {
    case 'rsa-pkcs1':
      return nc.verify(alg.hash, data, { key, padding: nc.constants.RSA_PKCS1_PADDING }, sig);
    case 'rsa-pss':
      return nc.verify(alg.pss.hash, data, { key, padding: nc.constants.RSA_PKCS1_PSS_PADDING, saltLength: alg.pss.saltLength }, sig);
    case 'ecdsa':
      return nc.verify(alg.hash, data, { key, dsaEncoding: 'der' }, sig);
    case 'ed25519':
    case 'ed448':
      return nc.verify(null, data, key, sig);
    default:
      return false;
  }
}

export const NODE_CRYPTO_ORACLE: X509Crypto = {
  hash: (alg, data) => nc.createHash(alg).update(data).digest(),
  pbkdf2: (prf, password, salt, iterations, keyLength) => nc.pbkdf2Sync(password, salt, iterations, keyLength, prf),
  cbcDecrypt: (cipher, key, iv, data) => {
    const d = nc.createDecipheriv(cipher, key, iv);
    d.setAutoPadding(false);
    return Buffer.concat([d.update(data), d.final()]);
  },
  verify,
};
