// The production X509Crypto: every operation on our native core (binding/).
import * as core from '../../binding';
import type { HashName, SignatureAlgorithm } from './algorithm';
import type { CbcCipher, X509Crypto } from './crypto';
import type { EcPrivateKey, PrivateKey } from './keys';
import { CURVES, type CurveName } from './publicKey';
import type { SubjectPublicKeyInfo } from './publicKey';

function bigintBytes(v: bigint): Buffer {
  let hex = v.toString(16);
  if (hex.length % 2) hex = `0${hex}`;
  return Buffer.from(hex, 'hex');
}

type RsaHash = 'sha1' | 'sha224' | 'sha256' | 'sha384' | 'sha512';

function rsaHash(h: HashName): RsaHash | undefined {
  return h === 'md5' ? undefined : h;
}

/** Verifies a certificate, CRL or handshake signature with the key of a certificate. */
export function verifySignature(alg: SignatureAlgorithm, spki: SubjectPublicKeyInfo, data: Uint8Array, signature: Uint8Array): boolean {
  const key = spki.key;
  try {
    switch (alg.kind) {
      case 'rsa-pkcs1': {
        const h = rsaHash(alg.hash);
        if (!h || (key.type !== 'rsa' && key.type !== 'rsa-pss')) return false;
        return core.rsaVerifyPkcs1({ n: Buffer.from(key.nBytes), e: bigintBytes(key.e) }, h, core.hash(h, data), signature);
      }
      case 'rsa-pss': {
        const h = rsaHash(alg.pss.hash);
        const mgf = rsaHash(alg.pss.mgf1Hash);
        if (!h || !mgf || (key.type !== 'rsa' && key.type !== 'rsa-pss')) return false;
        return core.rsaVerifyPss({ n: Buffer.from(key.nBytes), e: bigintBytes(key.e) }, h, core.hash(h, data), signature, alg.pss.saltLength, mgf);
      }
      case 'ecdsa': {
        if (key.type !== 'ec') return false;
        return core.ecdsaVerify(key.curve, Buffer.from(key.point), core.hash(alg.hash, data), signature);
      }
      case 'ed25519':
        return key.type === 'ed25519' && core.ed25519Verify(Buffer.from(key.key), data, signature);
      case 'ed448':
        return key.type === 'ed448' && core.ed448Verify(Buffer.from(key.key), data, signature);
      default:
        return false;
    }
  } catch {
    // Malformed keys or signatures (wrong sizes, points off the curve) simply fail to verify.
    return false;
  }
}

/** Signs with a private key (used for the embedded default certificate). */
function sign(alg: SignatureAlgorithm, key: PrivateKey, data: Uint8Array): Uint8Array {
  if (alg.kind === 'ecdsa' && key.type === 'ec') return core.ecdsaSign(key.curve, Buffer.from(key.d), core.hash(alg.hash, data));
  if (alg.kind === 'ed25519' && key.type === 'ed25519') return core.ed25519Sign(Buffer.from(key.privateKey), data);
  if (alg.kind === 'ed448' && key.type === 'ed448') return core.ed448Sign(Buffer.from(key.privateKey), data);
  throw new Error(`cannot sign with ${alg.kind} and a ${key.type} key`);
}

function generateEcKey(curve: CurveName): EcPrivateKey {
  const k = core.ecdhGenerateKey(curve);
  const info = [...CURVES.entries()].find(([, c]) => c.name === curve)!;
  return { type: 'ec', curve, curveOid: info[0], d: k.privateKey, publicPoint: k.publicKey, bits: info[1].bits };
}

export const nativeX509Crypto: X509Crypto = {
  sign,
  generateEcKey,
  hash: (alg, data) => core.hash(alg, data),
  pbkdf2: (prf, password, salt, iterations, keyLength) => core.pbkdf2(prf, password, salt, iterations, keyLength),
  cbcDecrypt: (cipher: CbcCipher, key, iv, data) => core.cipherDecrypt(cipher, key, iv, data, { padding: false }),
  verify: verifySignature,
};
