/**
 * Private keys in the forms openssl writes:
 *  - PKCS#1 RSAPrivateKey (RFC 8017 A.1.2), PEM "RSA PRIVATE KEY";
 *  - SEC1 ECPrivateKey (RFC 5915 3), PEM "EC PRIVATE KEY";
 *  - PKCS#8 PrivateKeyInfo / OneAsymmetricKey (RFC 5208 5, RFC 5958 2), PEM "PRIVATE KEY",
 *    for RSA, RSA-PSS, EC, Ed25519, Ed448, X25519, X448 (RFC 8410 7);
 *  - encrypted PKCS#8 (pbes2.ts), PEM "ENCRYPTED PRIVATE KEY";
 *  - traditional encrypted PEM (pemEncryption.ts).
 * PEM or DER input; for DER every structure is tried in turn, as openssl's decoders do.
 */
import { DerError, DerReader, bytesToUnsignedBigInt } from './der';
import { AlgorithmIdentifier, PssParams, decodePssParams, hasNullOrAbsentParams, readAlgorithmIdentifier } from './algorithm';
import { CurveName, checkEcPoint, decodeNamedCurve } from './publicKey';
import { OID, shortName } from './oids';
import { PemBlock, looksLikePem, parsePem } from './pem';
import { decryptPrivateKeyInfo, parseEncryptedPrivateKeyInfo } from './pbes2';
import { decryptPemBlock, isEncryptedPem } from './pemEncryption';

export interface RsaPrivateKey {
  readonly type: 'rsa' | 'rsa-pss';
  readonly n: bigint;
  readonly e: bigint;
  readonly d: bigint;
  readonly p: bigint;
  readonly q: bigint;
  readonly dp: bigint;
  readonly dq: bigint;
  readonly qinv: bigint;
  readonly bits: number;
  /** RSA-PSS key restrictions from the PKCS#8 algorithm parameters (RFC 4055 3.1). */
  readonly pss?: PssParams;
}

export interface EcPrivateKey {
  readonly type: 'ec';
  readonly curve: CurveName;
  readonly curveOid: string;
  /** The private scalar, left-padded to the field size. */
  readonly d: Uint8Array;
  readonly publicPoint?: Uint8Array;
  readonly bits: number;
}

export interface OkpPrivateKey {
  readonly type: 'ed25519' | 'ed448' | 'x25519' | 'x448';
  readonly privateKey: Uint8Array;
  readonly publicKey?: Uint8Array;
  readonly bits: number;
}

export type PrivateKey = RsaPrivateKey | EcPrivateKey | OkpPrivateKey;

/** Raised when a key is encrypted and no pass phrase was supplied. */
export class PassphraseRequiredError extends Error {
  override readonly name = 'PassphraseRequiredError';
}

function positive(r: DerReader, what: string): bigint {
  const v = r.readInteger();
  if (v <= 0n) throw new DerError(`RSA ${what} must be positive`, r.offset);
  return v;
}

/** RFC 8017 A.1.2 RSAPrivateKey; only two-prime keys (version 0). */
export function parseRsaPrivateKey(der: Uint8Array, type: 'rsa' | 'rsa-pss' = 'rsa', pss?: PssParams): RsaPrivateKey {
  const top = new DerReader(der);
  const s = top.readSequence('RSAPrivateKey');
  top.expectEnd('RSAPrivateKey');
  const version = s.readSmallInteger();
  if (version !== 0) throw new DerError(version === 1 ? 'multi-prime RSA keys are not supported' : `unknown RSAPrivateKey version ${version}`);
  const n = positive(s, 'modulus');
  const e = positive(s, 'publicExponent');
  const d = positive(s, 'privateExponent');
  const p = positive(s, 'prime1');
  const q = positive(s, 'prime2');
  const dp = positive(s, 'exponent1');
  const dq = positive(s, 'exponent2');
  const qinv = positive(s, 'coefficient');
  s.expectEnd('RSAPrivateKey');
  if (p * q !== n) throw new DerError('RSA private key: p * q does not equal n');
  return { type, n, e, d, p, q, dp, dq, qinv, bits: n.toString(2).length, pss };
}

function fixedLength(d: Uint8Array, bytes: number): Uint8Array {
  // RFC 5915 3: privateKey is ceiling(log2(n)/8) octets; be lenient on shorter encodings as openssl is.
  if (d.length > bytes) throw new DerError(`EC private key is ${d.length} bytes, more than the ${bytes}-byte field`);
  const out = new Uint8Array(bytes);
  out.set(d, bytes - d.length);
  return out;
}

/** RFC 5915 3 ECPrivateKey; `outer` is the curve from the PKCS#8 algorithm, if any. */
export function parseEcPrivateKey(der: Uint8Array, outer?: AlgorithmIdentifier): EcPrivateKey {
  const top = new DerReader(der);
  const s = top.readSequence('ECPrivateKey');
  top.expectEnd('ECPrivateKey');
  const version = s.readSmallInteger();
  if (version !== 1) throw new DerError(`ECPrivateKey version must be 1, got ${version}`);
  const dRaw = s.readOctetString();
  const params = s.optionalExplicit(0);
  let inner: ReturnType<typeof decodeNamedCurve> | undefined;
  if (params) {
    const el = params.readAny();
    params.expectEnd('ECPrivateKey parameters');
    inner = decodeNamedCurve({ oid: OID.ecPublicKey, params: el, der: new Uint8Array(0) });
  }
  const pub = s.optionalExplicit(1);
  let publicPoint: Uint8Array | undefined;
  if (pub) {
    const bits = pub.readBitString();
    pub.expectEnd('ECPrivateKey publicKey');
    publicPoint = bits.bytes;
  }
  s.expectEnd('ECPrivateKey');
  const outerCurve = outer ? decodeNamedCurve(outer) : undefined;
  const curve = outerCurve ?? inner;
  if (curve === undefined) throw new DerError('EC private key without curve parameters');
  if (outerCurve && inner && outerCurve.curveOid !== inner.curveOid) throw new DerError('EC private key curve does not match its algorithm');
  if (publicPoint) checkEcPoint(publicPoint, curve.bytes);
  const d = fixedLength(dRaw, curve.bytes);
  if (bytesToUnsignedBigInt(d) === 0n) throw new DerError('EC private key is zero');
  return { type: 'ec', curve: curve.curve, curveOid: curve.curveOid, d, publicPoint, bits: curve.bits };
}

const OKP: ReadonlyMap<string, { type: OkpPrivateKey['type']; len: number; pubLen: number; bits: number }> = new Map([
  [OID.ed25519, { type: 'ed25519' as const, len: 32, pubLen: 32, bits: 256 }],
  [OID.ed448, { type: 'ed448' as const, len: 57, pubLen: 57, bits: 456 }],
  [OID.x25519, { type: 'x25519' as const, len: 32, pubLen: 32, bits: 253 }],
  [OID.x448, { type: 'x448' as const, len: 56, pubLen: 56, bits: 448 }],
]);

/** RFC 5958 2 OneAsymmetricKey (v1 = PKCS#8 PrivateKeyInfo, v2 adds publicKey [1]). */
export function parsePkcs8(der: Uint8Array): PrivateKey {
  const top = new DerReader(der);
  const s = top.readSequence('PrivateKeyInfo');
  top.expectEnd('PrivateKeyInfo');
  const version = s.readSmallInteger();
  if (version !== 0 && version !== 1) throw new DerError(`unknown PrivateKeyInfo version ${version}`);
  const alg = readAlgorithmIdentifier(s, 'privateKeyAlgorithm');
  const privateKey = s.readOctetString();
  s.optionalImplicit(0, true); // attributes: ignored, as openssl does for keys
  const pubEl = s.optionalImplicit(1, false);
  s.expectEnd('PrivateKeyInfo');
  if (pubEl && version !== 1) throw new DerError('PrivateKeyInfo publicKey requires version 2 (v2 = 1)');
  if (alg.oid === OID.rsaEncryption) {
    if (!hasNullOrAbsentParams(alg)) throw new DerError('rsaEncryption parameters must be NULL');
    return parseRsaPrivateKey(privateKey);
  }
  if (alg.oid === OID.rsassaPss) {
    const pss = alg.params ? decodePssParams(alg.params, new DerReader(alg.params.raw)) : undefined;
    return parseRsaPrivateKey(privateKey, 'rsa-pss', pss);
  }
  if (alg.oid === OID.ecPublicKey) return parseEcPrivateKey(privateKey, alg);
  const okp = OKP.get(alg.oid);
  if (okp) {
    // RFC 8410 3 and 7: parameters absent; CurvePrivateKey ::= OCTET STRING inside privateKey.
    if (alg.params !== undefined) throw new DerError(`${shortName(alg.oid)} parameters must be absent`);
    const inner = new DerReader(privateKey);
    const key = inner.readOctetString();
    inner.expectEnd('CurvePrivateKey');
    if (key.length !== okp.len) throw new DerError(`${shortName(alg.oid)} private key must be ${okp.len} bytes`);
    let publicKey: Uint8Array | undefined;
    if (pubEl) {
      if (pubEl.content.length < 1 || pubEl.content[0] !== 0) throw new DerError('publicKey BIT STRING with unused bits');
      publicKey = pubEl.content.subarray(1);
      if (publicKey.length !== okp.pubLen) throw new DerError(`${shortName(alg.oid)} public key must be ${okp.pubLen} bytes`);
    }
    return { type: okp.type, privateKey: key, publicKey, bits: okp.bits };
  }
  throw new DerError(`unsupported private key algorithm ${shortName(alg.oid)}`);
}

/** A source of the pass phrase, asked only when a key turns out to be encrypted. */
export type PassphraseSource = () => Uint8Array | string;

function passBytes(source: PassphraseSource | undefined, what: string): Uint8Array {
  if (source === undefined) throw new PassphraseRequiredError(`${what} is encrypted and no pass phrase was given`);
  const p = source();
  return typeof p === 'string' ? Buffer.from(p, 'utf8') : p;
}

/** PEM labels that hold a private key, and how to read each. */
const PEM_KEY_READERS: ReadonlyMap<string, (der: Uint8Array) => PrivateKey> = new Map([
  ['PRIVATE KEY', parsePkcs8],
  ['RSA PRIVATE KEY', (d: Uint8Array) => parseRsaPrivateKey(d)],
  ['EC PRIVATE KEY', (d: Uint8Array) => parseEcPrivateKey(d)],
]);

export const PRIVATE_KEY_LABELS = [...PEM_KEY_READERS.keys(), 'ENCRYPTED PRIVATE KEY'];

/** Reads one private key PEM block, decrypting it if needed. */
export function privateKeyFromPem(block: PemBlock, passphrase?: PassphraseSource): PrivateKey {
  if (block.label === 'ENCRYPTED PRIVATE KEY') {
    const info = parseEncryptedPrivateKeyInfo(block.der);
    return parsePkcs8(decryptPrivateKeyInfo(info, passBytes(passphrase, 'private key')));
  }
  const reader = PEM_KEY_READERS.get(block.label);
  if (reader === undefined) throw new DerError(`PEM block "${block.label}" is not a private key`);
  const der = isEncryptedPem(block) ? decryptPemBlock(block, passBytes(passphrase, 'private key')) : block.der;
  return reader(der);
}

/** DER: PKCS#8, then PKCS#1, then SEC1, then encrypted PKCS#8 (like openssl's decoder chain). */
export function privateKeyFromDer(der: Uint8Array, passphrase?: PassphraseSource): PrivateKey {
  const errors: string[] = [];
  for (const [name, reader] of [['PKCS#8', parsePkcs8], ['PKCS#1', parseRsaPrivateKey], ['SEC1', parseEcPrivateKey]] as const) {
    try {
      return reader(der);
    } catch (e) {
      if (!(e instanceof DerError)) throw e;
      errors.push(`${name}: ${e.message}`);
    }
  }
  let info;
  try {
    info = parseEncryptedPrivateKeyInfo(der);
  } catch (e) {
    if (!(e instanceof DerError)) throw e;
    errors.push(`encrypted PKCS#8: ${e.message}`);
    throw new DerError(`not a private key (${errors.join('; ')})`);
  }
  return parsePkcs8(decryptPrivateKeyInfo(info, passBytes(passphrase, 'private key')));
}

/** The first private key in a PEM file (other blocks, e.g. certificates, are skipped) or a DER key. */
export function loadPrivateKey(input: Uint8Array | string, passphrase?: PassphraseSource): PrivateKey {
  if (!looksLikePem(input)) {
    if (typeof input === 'string') throw new DerError('no private key found');
    return privateKeyFromDer(input, passphrase);
  }
  const block = parsePem(input).find((b) => PRIVATE_KEY_LABELS.includes(b.label));
  if (block === undefined) throw new DerError('no private key found in PEM input');
  return privateKeyFromPem(block, passphrase);
}

