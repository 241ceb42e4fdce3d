/**
 * AlgorithmIdentifier (RFC 5280 4.1.1.2) and the signature algorithms a certificate may
 * use: PKCS#1 v1.5 and PSS (RFC 4055, RFC 8017 A.2.3), ECDSA (RFC 5758 3.2), EdDSA (RFC 8410).
 */
import { DerElement, DerError, DerReader, Tag, TagClass, isTag } from './der';
import { OID, shortName } from './oids';

export interface AlgorithmIdentifier {
  readonly oid: string;
  /** The parameters element, if present (NULL included). */
  readonly params?: DerElement;
  readonly der: Uint8Array;
}

export function readAlgorithmIdentifier(r: DerReader, what = 'AlgorithmIdentifier'): AlgorithmIdentifier {
  const el = r.expect(TagClass.universal, Tag.SEQUENCE, true, what);
  const s = r.enter(el);
  const oid = s.readOid();
  const params = s.hasMore() ? s.readAny() : undefined;
  s.expectEnd(what);
  return { oid, params, der: el.raw };
}

export function hasNullOrAbsentParams(a: AlgorithmIdentifier): boolean {
  return a.params === undefined || (isTag(a.params, TagClass.universal, Tag.NULL, false) && a.params.content.length === 0);
}

export type HashName = 'md5' | 'sha1' | 'sha224' | 'sha256' | 'sha384' | 'sha512';

const HASH_BY_OID: ReadonlyMap<string, HashName> = new Map([
  ['1.2.840.113549.2.5', 'md5'],
  [OID.sha1, 'sha1'],
  [OID.sha224, 'sha224'],
  [OID.sha256, 'sha256'],
  [OID.sha384, 'sha384'],
  [OID.sha512, 'sha512'],
]);

export function hashFromOid(oid: string): HashName | undefined {
  return HASH_BY_OID.get(oid);
}

/** RSASSA-PSS-params with their DEFAULTs applied (RFC 8017 A.2.3). */
export interface PssParams {
  readonly hash: HashName;
  readonly mgf1Hash: HashName;
  readonly saltLength: number;
  readonly trailerField: number;
}

export const PSS_DEFAULTS: PssParams = { hash: 'sha1', mgf1Hash: 'sha1', saltLength: 20, trailerField: 1 };

function readHashAlgorithm(r: DerReader): HashName {
  const a = readAlgorithmIdentifier(r, 'HashAlgorithm');
  const h = hashFromOid(a.oid);
  if (h === undefined) throw new DerError(`unsupported PSS hash ${shortName(a.oid)}`, r.offset);
  // RFC 4055 2.1: the parameters are NULL or absent.
  if (!hasNullOrAbsentParams(a)) throw new DerError('hash algorithm parameters must be NULL or absent', r.offset);
  return h;
}

/** Decodes RSASSA-PSS-params from the parameters element. */
export function decodePssParams(el: DerElement, parent: DerReader): PssParams {
  const r = parent.enter(el);
  let { hash, mgf1Hash, saltLength, trailerField } = PSS_DEFAULTS;
  const h = r.optionalExplicit(0);
  if (h) {
    hash = readHashAlgorithm(h);
    h.expectEnd('hashAlgorithm');
  }
  const m = r.optionalExplicit(1);
  if (m) {
    const mgf = readAlgorithmIdentifier(m, 'MaskGenAlgorithm');
    m.expectEnd('maskGenAlgorithm');
    if (mgf.oid !== OID.mgf1 || mgf.params === undefined) throw new DerError(`unsupported mask generation function ${shortName(mgf.oid)}`, el.offset);
    const inner = new DerReader(mgf.params.raw);
    mgf1Hash = readHashAlgorithm(inner);
    inner.expectEnd('MGF1 parameters');
  }
  const s = r.optionalExplicit(2);
  if (s) {
    saltLength = s.readSmallInteger();
    s.expectEnd('saltLength');
    if (saltLength < 0) throw new DerError('negative PSS salt length', el.offset);
  }
  const t = r.optionalExplicit(3);
  if (t) {
    trailerField = t.readSmallInteger();
    t.expectEnd('trailerField');
    // RFC 8017 A.2.3: trailerField must be 1 (0xBC).
    if (trailerField !== 1) throw new DerError(`unsupported PSS trailer field ${trailerField}`, el.offset);
  }
  r.expectEnd('RSASSA-PSS-params');
  return { hash, mgf1Hash, saltLength, trailerField };
}

export type SignatureAlgorithm =
  | { readonly kind: 'rsa-pkcs1'; readonly hash: HashName }
  | { readonly kind: 'rsa-pss'; readonly pss: PssParams }
  | { readonly kind: 'ecdsa'; readonly hash: HashName }
  | { readonly kind: 'ed25519' }
  | { readonly kind: 'ed448' }
  | { readonly kind: 'unknown'; readonly oid: string };

const RSA_PKCS1: ReadonlyMap<string, HashName> = new Map([
  ['1.2.840.113549.1.1.4', 'md5'],
  ['1.2.840.113549.1.1.5', 'sha1'],
  ['1.2.840.113549.1.1.14', 'sha224'],
  ['1.2.840.113549.1.1.11', 'sha256'],
  ['1.2.840.113549.1.1.12', 'sha384'],
  ['1.2.840.113549.1.1.13', 'sha512'],
]);

const ECDSA: ReadonlyMap<string, HashName> = new Map([
  ['1.2.840.10045.4.1', 'sha1'],
  ['1.2.840.10045.4.3.1', 'sha224'],
  ['1.2.840.10045.4.3.2', 'sha256'],
  ['1.2.840.10045.4.3.3', 'sha384'],
  ['1.2.840.10045.4.3.4', 'sha512'],
]);

/** Interprets a signature AlgorithmIdentifier; malformed parameters are an error. */
export function signatureAlgorithm(a: AlgorithmIdentifier): SignatureAlgorithm {
  const rsa = RSA_PKCS1.get(a.oid);
  if (rsa !== undefined) {
    // RFC 4055 5: parameters are NULL (absent is tolerated, as openssl does).
    if (!hasNullOrAbsentParams(a)) throw new DerError('RSA signature parameters must be NULL');
    return { kind: 'rsa-pkcs1', hash: rsa };
  }
  const ec = ECDSA.get(a.oid);
  if (ec !== undefined) {
    // RFC 5758 3.2: parameters are absent.
    if (a.params !== undefined) throw new DerError('ECDSA signature parameters must be absent');
    return { kind: 'ecdsa', hash: ec };
  }
  if (a.oid === OID.rsassaPss) {
    if (a.params === undefined) throw new DerError('RSASSA-PSS signature without parameters');
    return { kind: 'rsa-pss', pss: decodePssParams(a.params, new DerReader(a.params.raw)) };
  }
  if (a.oid === OID.ed25519 || a.oid === OID.ed448) {
    // RFC 8410 3: parameters MUST be absent.
    if (a.params !== undefined) throw new DerError('EdDSA parameters must be absent');
    return { kind: a.oid === OID.ed25519 ? 'ed25519' : 'ed448' };
  }
  return { kind: 'unknown', oid: a.oid };
}
