/**
 * TESTS ONLY: an X509Crypto backed by node:crypto (OpenSSL), used as an oracle until the
 * native core is wired to src/x509/crypto.ts.
 */
import * as nc from 'node:crypto';
import type { X509Crypto } from '../../src/x509/crypto';
import type { SignatureAlgorithm } from '../../src/x509/algorithm';
import { CURVES, CurveName, SubjectPublicKeyInfo } from '../../src/x509/publicKey';
import type { EcPrivateKey, PrivateKey } from '../../src/x509/keys';
import { DerWriter } from '../../src/x509/der';
import { OID } from '../../src/x509/oids';

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

const b64u = (b: Uint8Array): string => Buffer.from(b).toString('base64url');
const fromB64u = (s: string): Uint8Array => Buffer.from(s, 'base64url');
const JWK_CURVE: Record<CurveName, string> = { 'P-256': 'P-256', 'P-384': 'P-384', 'P-521': 'P-521' };
const big = (v: bigint): string => {
  let h = v.toString(16);
  if (h.length % 2) h = `0${h}`;
  return b64u(Buffer.from(h, 'hex'));
};

/** A node KeyObject for one of our parsed private keys (PKCS#8 for OKP keys, JWK otherwise). */
function privateKeyObject(k: PrivateKey): nc.KeyObject {
  if (k.type === 'ec') {
    const point = k.publicPoint ?? new Uint8Array(0);
    const n = (point.length - 1) / 2;
    return nc.createPrivateKey({ format: 'jwk', key: { kty: 'EC', crv: JWK_CURVE[k.curve], d: b64u(k.d), x: b64u(point.subarray(1, 1 + n)), y: b64u(point.subarray(1 + n)) } });
  }
  if (k.type === 'rsa' || k.type === 'rsa-pss') {
    return nc.createPrivateKey({ format: 'jwk', key: { kty: 'RSA', n: big(k.n), e: big(k.e), d: big(k.d), p: big(k.p), q: big(k.q), dp: big(k.dp), dq: big(k.dq), qi: big(k.qinv) } });
  }
  const okp = k as Extract<PrivateKey, { privateKey: Uint8Array }>;
  const oid = okp.type === 'ed25519' ? OID.ed25519 : k.type === 'ed448' ? OID.ed448 : k.type === 'x25519' ? OID.x25519 : OID.x448;
  const w = new DerWriter();
  w.sequence((s) => {
    s.integer(0);
    s.sequence((a) => a.oid(oid));
    s.octetString(new DerWriter().octetString(okp.privateKey).finish());
  });
  return nc.createPrivateKey({ format: 'der', type: 'pkcs8', key: Buffer.from(w.finish()) });
}

function sign(alg: SignatureAlgorithm, k: PrivateKey, data: Uint8Array): Uint8Array {
  const key = privateKeyObject(k);
  switch (alg.kind) {
    case 'rsa-pkcs1':
      return nc.sign(alg.hash, data, { key, padding: nc.constants.RSA_PKCS1_PADDING });
    case 'rsa-pss':
      return nc.sign(alg.pss.hash, data, { key, padding: nc.constants.RSA_PKCS1_PSS_PADDING, saltLength: alg.pss.saltLength });
    case 'ecdsa':
      return nc.sign(alg.hash, data, { key, dsaEncoding: 'der' });
    case 'ed25519':
    case 'ed448':
      return nc.sign(null, data, key);
    default:
      throw new Error(`cannot sign with ${alg.kind}`);
  }
}

function generateEcKey(curve: CurveName): EcPrivateKey {
  const { privateKey } = nc.generateKeyPairSync('ec', { namedCurve: curve });
  const jwk = privateKey.export({ format: 'jwk' });
  const info = [...CURVES.entries()].find(([, c]) => c.name === curve)!;
  const pad = (b: Uint8Array): Uint8Array => Buffer.concat([Buffer.alloc(info[1].bytes - b.length), b]);
  const publicPoint = Buffer.concat([Buffer.of(4), pad(fromB64u(jwk.x!)), pad(fromB64u(jwk.y!))]);
  return { type: 'ec', curve, curveOid: info[0], d: pad(fromB64u(jwk.d!)), publicPoint, bits: info[1].bits };
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
  sign,
  generateEcKey,
};
