/**
 * Certificate revocation lists (RFC 5280 5.1).
 *
 *   CertificateList ::= SEQUENCE { tbsCertList, signatureAlgorithm, signatureValue BIT STRING }
 */
import { BitString, DerError, DerReader, Tag, TagClass } from './der';
import { AlgorithmIdentifier, readAlgorithmIdentifier } from './algorithm';
import { Name, readName } from './name';
import { Extension, hasDuplicateExtensions, readExtensions } from './extensions';
import { looksLikePem, parsePem } from './pem';

export interface RevokedCertificate {
  readonly serialNumber: bigint;
  readonly revocationDate: Date;
  readonly extensions: readonly Extension[];
}

export interface Crl {
  /** 0 for v1 (version absent), 1 for v2. */
  readonly version: number;
  readonly tbsSignature: AlgorithmIdentifier;
  readonly issuer: Name;
  /** Invalid Date (NaN) when not in RFC 5280 form; verification reports it. */
  readonly thisUpdate: Date;
  readonly nextUpdate?: Date;
  readonly revoked: readonly RevokedCertificate[];
  readonly extensions: readonly Extension[];
  readonly duplicateExtensions: boolean;
  readonly signatureAlgorithm: AlgorithmIdentifier;
  readonly signature: BitString;
  readonly tbs: Uint8Array;
  readonly der: Uint8Array;
}

function isTime(r: DerReader): boolean {
  return r.peekIs(TagClass.universal, Tag.UTCTime, false) || r.peekIs(TagClass.universal, Tag.GeneralizedTime, false);
}

function readRevoked(r: DerReader, version: number): RevokedCertificate[] {
  if (!r.peekIs(TagClass.universal, Tag.SEQUENCE, true)) return [];
  const list = r.readSequence('revokedCertificates');
  const out: RevokedCertificate[] = [];
  while (list.hasMore()) {
    const e = list.readSequence('revokedCertificate');
    const serialNumber = e.readInteger();
    const revocationDate = e.readTime();
    const extensions = e.hasMore() ? readExtensions(e) : [];
    e.expectEnd('revokedCertificate');
    // RFC 5280 5.1.2.6: entry extensions only in v2 CRLs.
    if (extensions.length > 0 && version !== 1) throw new DerError('CRL entry extensions in a v1 CRL', e.offset);
    out.push({ serialNumber, revocationDate, extensions });
  }
  return out;
}

export function parseCrl(der: Uint8Array): Crl {
  const top = new DerReader(der);
  const el = top.expect(TagClass.universal, Tag.SEQUENCE, true, 'CertificateList');
  top.expectEnd('CertificateList');
  const c = top.enter(el);
  const tbsEl = c.expect(TagClass.universal, Tag.SEQUENCE, true, 'TBSCertList');
  const t = c.enter(tbsEl);
  // RFC 5280 5.1.2.1: version OPTIONAL, and if present MUST be v2.
  let version = 0;
  if (t.peekIs(TagClass.universal, Tag.INTEGER, false)) {
    version = t.readSmallInteger();
    if (version !== 1) throw new DerError(`unsupported CRL version ${version}`, t.offset);
  }
  const tbsSignature = readAlgorithmIdentifier(t, 'signature');
  const issuer = readName(t);
  const thisUpdate = t.readTimeLenient();
  const nextUpdate = isTime(t) ? t.readTimeLenient() : undefined;
  const revoked = readRevoked(t, version);
  const extReader = t.optionalExplicit(0);
  let extensions: Extension[] = [];
  if (extReader) {
    if (version !== 1) throw new DerError('CRL extensions in a v1 CRL', t.offset);
    extensions = readExtensions(extReader);
    extReader.expectEnd('crlExtensions');
  }
  t.expectEnd('TBSCertList');
  const signatureAlgorithm = readAlgorithmIdentifier(c, 'signatureAlgorithm');
  const signature = c.readBitString();
  c.expectEnd('CertificateList');
  return {
    version, tbsSignature, issuer, thisUpdate, nextUpdate, revoked, extensions,
    duplicateExtensions: hasDuplicateExtensions(extensions), signatureAlgorithm, signature, tbs: tbsEl.raw, der: el.raw,
  };
}

/** Every CRL in a PEM file (`X509 CRL` blocks), or one DER CRL. */
export function loadCrls(input: Uint8Array | string): Crl[] {
  if (!looksLikePem(input)) {
    if (typeof input === 'string') throw new DerError('no CRL found');
    return [parseCrl(input)];
  }
  const blocks = parsePem(input).filter((b) => b.label === 'X509 CRL');
  if (blocks.length === 0) throw new DerError('no CRL found in PEM input');
  return blocks.map((b) => parseCrl(b.der));
}
