/**
 * SubjectPublicKeyInfo (RFC 5280 4.1.2.7) for the key types we serve and verify:
 * RSA (RFC 3279 2.3.1), RSA-PSS (RFC 4055 1.2), EC on named curves (RFC 5480 2),
 * Ed25519/Ed448 and X25519/X448 (RFC 8410 4).
 */
import { DerError, DerReader, Tag, TagClass, bytesToUnsignedBigInt } from './der';
import { AlgorithmIdentifier, PssParams, decodePssParams, hasNullOrAbsentParams, readAlgorithmIdentifier } from './algorithm';
import { OID, shortName } from './oids';

export type CurveName = 'P-256' | 'P-384' | 'P-521';

export const CURVES: ReadonlyMap<string, { name: CurveName; sn: string; bytes: number; bits: number }> = new Map([
  [OID.prime256v1, { name: 'P-256' as CurveName, sn: 'prime256v1', bytes: 32, bits: 256 }],
  [OID.secp384r1, { name: 'P-384' as CurveName, sn: 'secp384r1', bytes: 48, bits: 384 }],
  [OID.secp521r1, { name: 'P-521' as CurveName, sn: 'secp521r1', bytes: 66, bits: 521 }],
]);

export type PublicKey =
  | { readonly type: 'rsa'; readonly n: bigint; readonly e: bigint; readonly bits: number; readonly nBytes: Uint8Array }
  | { readonly type: 'rsa-pss'; readonly n: bigint; readonly e: bigint; readonly bits: number; readonly nBytes: Uint8Array; readonly pss?: PssParams }
  | { readonly type: 'ec'; readonly curve: CurveName; readonly curveOid: string; readonly point: Uint8Array; readonly bits: number }
  | { readonly type: 'ed25519' | 'ed448' | 'x25519' | 'x448'; readonly key: Uint8Array; readonly bits: number }
  /** A key type we do not use (DSA, other curves…): kept so the certificate still parses. */
  | { readonly type: 'unknown'; readonly oid: string; readonly bits: number };

export interface SubjectPublicKeyInfo {
  readonly algorithm: AlgorithmIdentifier;
  readonly key: PublicKey;
  /** The subjectPublicKey BIT STRING content (without the unused-bits octet). */
  readonly keyBytes: Uint8Array;
  readonly der: Uint8Array;
}

/** RSAPublicKey ::= SEQUENCE { modulus INTEGER, publicExponent INTEGER } (RFC 8017 A.1.1). */
export function decodeRsaPublicKey(der: Uint8Array): { n: bigint; e: bigint; bits: number; nBytes: Uint8Array } {
  const r = new DerReader(der);
  const s = r.readSequence('RSAPublicKey');
  const nRaw = s.readIntegerBytes();
  const e = s.readInteger();
  s.expectEnd('RSAPublicKey');
  r.expectEnd('RSAPublicKey');
  if ((nRaw[0] & 0x80) !== 0) throw new DerError('negative RSA modulus');
  if (e <= 1n) throw new DerError('invalid RSA public exponent');
  const nBytes = nRaw[0] === 0 ? nRaw.subarray(1) : nRaw;
  const n = bytesToUnsignedBigInt(nBytes);
  return { n, e, bits: n.toString(2).length, nBytes };
}

/** RFC 5480 2.1.1: ECParameters ::= CHOICE { namedCurve OID, ... }; only named curves. */
export function decodeNamedCurve(alg: AlgorithmIdentifier): { curve: CurveName; curveOid: string; bytes: number; bits: number } {
  const p = alg.params;
  if (p === undefined || p.tagClass !== TagClass.universal || p.tagNumber !== Tag.OID) {
    throw new DerError('EC key parameters must be a named curve (RFC 5480 2.1.1)');
  }
  const curveOid = new DerReader(p.raw).readOid();
  const c = CURVES.get(curveOid);
  if (c === undefined) throw new DerError(`unsupported curve ${shortName(curveOid)}`);
  return { curve: c.name, curveOid, bytes: c.bytes, bits: c.bits };
}

/** SEC 1 2.3.3 point encodings: uncompressed 04||X||Y or compressed 02/03||X. */
export function checkEcPoint(point: Uint8Array, fieldBytes: number): void {
  const ok =
    (point[0] === 0x04 && point.length === 1 + 2 * fieldBytes) ||
    ((point[0] === 0x02 || point[0] === 0x03) && point.length === 1 + fieldBytes);
  if (!ok) throw new DerError(`invalid EC point encoding (${point.length} bytes, first 0x${(point[0] ?? 0).toString(16)})`);
}

const OKP: ReadonlyMap<string, { type: 'ed25519' | 'ed448' | 'x25519' | 'x448'; len: number; bits: number }> = new Map([
  [OID.ed25519, { type: 'ed25519' as const, len: 32, bits: 256 }],
  [OID.ed448, { type: 'ed448' as const, len: 57, bits: 456 }],
  [OID.x25519, { type: 'x25519' as const, len: 32, bits: 253 }],
  [OID.x448, { type: 'x448' as const, len: 56, bits: 448 }],
]);

/** Interprets the key bits for an algorithm (shared by SPKI and private-key parsing). */
export function decodePublicKey(alg: AlgorithmIdentifier, keyBytes: Uint8Array): PublicKey {
  if (alg.oid === OID.rsaEncryption) {
    // RFC 3279 2.3.1: parameters NULL.
    if (!hasNullOrAbsentParams(alg)) throw new DerError('rsaEncryption parameters must be NULL');
    return { type: 'rsa', ...decodeRsaPublicKey(keyBytes) };
  }
  if (alg.oid === OID.rsassaPss) {
    // RFC 4055 1.2: parameters absent (any use) or RSASSA-PSS-params (restricted).
    const pss = alg.params === undefined ? undefined : decodePssParams(alg.params, new DerReader(alg.params.raw));
    return { type: 'rsa-pss', ...decodeRsaPublicKey(keyBytes), pss };
  }
  if (alg.oid === OID.ecPublicKey) {
    const p = alg.params;
    if (p !== undefined && p.tagNumber === Tag.OID && p.tagClass === TagClass.universal && !CURVES.has(new DerReader(p.raw).readOid())) {
      return { type: 'unknown', oid: alg.oid, bits: 0 };
    }
    const c = decodeNamedCurve(alg);
    checkEcPoint(keyBytes, c.bytes);
    return { type: 'ec', curve: c.curve, curveOid: c.curveOid, point: keyBytes, bits: c.bits };
  }
  const okp = OKP.get(alg.oid);
  if (okp !== undefined) {
    // RFC 8410 3: parameters MUST be absent.
    if (alg.params !== undefined) throw new DerError(`${shortName(alg.oid)} parameters must be absent`);
    if (keyBytes.length !== okp.len) throw new DerError(`${shortName(alg.oid)} public key must be ${okp.len} bytes`);
    return { type: okp.type, key: keyBytes, bits: okp.bits };
  }
  return { type: 'unknown', oid: alg.oid, bits: 0 };
}

export function readSubjectPublicKeyInfo(r: DerReader): SubjectPublicKeyInfo {
  const el = r.expect(TagClass.universal, Tag.SEQUENCE, true, 'SubjectPublicKeyInfo');
  const s = r.enter(el);
  const algorithm = readAlgorithmIdentifier(s);
  const bits = s.readBitString();
  s.expectEnd('SubjectPublicKeyInfo');
  if (bits.unusedBits !== 0) throw new DerError('subjectPublicKey has unused bits', el.offset);
  return { algorithm, key: decodePublicKey(algorithm, bits.bytes), keyBytes: bits.bytes, der: el.raw };
}

export function parseSubjectPublicKeyInfo(der: Uint8Array): SubjectPublicKeyInfo {
  const r = new DerReader(der);
  const spki = readSubjectPublicKeyInfo(r);
  r.expectEnd('SubjectPublicKeyInfo');
  return spki;
}
