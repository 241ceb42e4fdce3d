/**
 * X.509 certificate parsing (RFC 5280 4.1). The raw TBSCertificate bytes are kept for
 * signature verification, which is done elsewhere through crypto.ts.
 *
 *   Certificate ::= SEQUENCE { tbsCertificate, signatureAlgorithm, signatureValue BIT STRING }
 */
import { BitString, DerError, DerReader, Tag, TagClass } from './der';
import { AlgorithmIdentifier, readAlgorithmIdentifier } from './algorithm';
import { Name, readName } from './name';
import { SubjectPublicKeyInfo, readSubjectPublicKeyInfo } from './publicKey';
import { Extension, hasDuplicateExtensions, readExtensions } from './extensions';
import { PemBlock, looksLikePem, parsePem } from './pem';

export interface Certificate {
  /** 0 for v1, 1 for v2, 2 for v3 (the encoded INTEGER, as RFC 5280 4.1.2.1 defines it). */
  readonly version: number;
  readonly serialNumber: bigint;
  /** The serial's content octets (openssl prints these in hex). */
  readonly serialBytes: Uint8Array;
  readonly tbsSignature: AlgorithmIdentifier;
  readonly issuer: Name;
  /** Invalid Date (NaN) when the encoded time is not in RFC 5280 form (see DerReader.readTimeLenient). */
  readonly notBefore: Date;
  readonly notAfter: Date;
  readonly subject: Name;
  readonly publicKeyInfo: SubjectPublicKeyInfo;
  readonly issuerUniqueId?: BitString;
  readonly subjectUniqueId?: BitString;
  readonly extensions: readonly Extension[];
  readonly duplicateExtensions: boolean;
  readonly signatureAlgorithm: AlgorithmIdentifier;
  readonly signature: BitString;
  /** The exact TBSCertificate encoding that was signed. */
  readonly tbs: Uint8Array;
  readonly der: Uint8Array;
}

/** RFC 5280 4.1.2.1: version [0] EXPLICIT Version DEFAULT v1. */
function readVersion(r: DerReader): number {
  const v = r.optionalExplicit(0);
  if (v === undefined) return 0;
  const n = v.readSmallInteger();
  v.expectEnd('version');
  // DER omits DEFAULT v1 (X.690 11.5), but openssl loads an explicit v1; so do we.
  if (n < 0 || n > 2) throw new DerError(`unknown certificate version ${n}`, r.offset);
  return n;
}

function readUniqueId(r: DerReader, n: number): BitString | undefined {
  const el = r.optionalImplicit(n, false);
  if (el === undefined) return undefined;
  const c = el.content;
  if (c.length === 0 || c[0] > 7) throw new DerError('invalid unique identifier BIT STRING', el.offset);
  return { unusedBits: c[0], bytes: c.subarray(1) };
}

function readTbs(r: DerReader): Omit<Certificate, 'signatureAlgorithm' | 'signature' | 'der' | 'tbs'> {
  const version = readVersion(r);
  const serialBytes = r.peek()?.content ?? new Uint8Array(0);
  const serialNumber = r.readInteger();
  const tbsSignature = readAlgorithmIdentifier(r, 'signature');
  const issuer = readName(r);
  const validity = r.readSequence('Validity');
  const notBefore = validity.readTimeLenient();
  const notAfter = validity.readTimeLenient();
  validity.expectEnd('Validity');
  const subject = readName(r);
  const publicKeyInfo = readSubjectPublicKeyInfo(r);
  // RFC 5280 4.1.2.8/4.1.2.9 allow unique identifiers only in v2/v3 and extensions only
  // in v3, but openssl loads such certificates and leaves the check to verification
  // (X509_V_ERR_EXTENSIONS_REQUIRE_VERSION_3 under -x509_strict); so do we.
  const issuerUniqueId = readUniqueId(r, 1);
  const subjectUniqueId = readUniqueId(r, 2);
  const extReader = r.optionalExplicit(3);
  let extensions: Extension[] = [];
  if (extReader) {
    extensions = readExtensions(extReader);
    extReader.expectEnd('extensions');
  }
  r.expectEnd('TBSCertificate');
  return {
    version, serialNumber, serialBytes, tbsSignature, issuer, notBefore, notAfter, subject, publicKeyInfo,
    issuerUniqueId, subjectUniqueId, extensions, duplicateExtensions: hasDuplicateExtensions(extensions),
  };
}

/** Parses one DER-encoded certificate. */
export function parseCertificate(der: Uint8Array): Certificate {
  const top = new DerReader(der);
  const el = top.expect(TagClass.universal, Tag.SEQUENCE, true, 'Certificate');
  top.expectEnd('Certificate');
  const c = top.enter(el);
  const tbsEl = c.expect(TagClass.universal, Tag.SEQUENCE, true, 'TBSCertificate');
  const tbs = readTbs(c.enter(tbsEl));
  const signatureAlgorithm = readAlgorithmIdentifier(c, 'signatureAlgorithm');
  const signature = c.readBitString();
  c.expectEnd('Certificate');
  return { ...tbs, signatureAlgorithm, signature, tbs: tbsEl.raw, der: el.raw };
}

/** PEM labels openssl accepts for a certificate (PEM_read_bio_X509 and _AUX). */
export const CERTIFICATE_LABELS = ['CERTIFICATE', 'X509 CERTIFICATE', 'TRUSTED CERTIFICATE'];

/**
 * Every certificate in a file: all certificate blocks of a PEM file (other blocks, such as
 * keys or DH parameters, are skipped), or one DER certificate.
 */
export function loadCertificates(input: Uint8Array | string): Certificate[] {
  if (!looksLikePem(input)) {
    if (typeof input === 'string') throw new DerError('no certificate found');
    return [parseCertificate(input)];
  }
  const blocks = parsePem(input).filter((b) => CERTIFICATE_LABELS.includes(b.label));
  if (blocks.length === 0) throw new DerError('no certificate found in PEM input');
  return blocks.map(certificateFromPem);
}

/** A TRUSTED CERTIFICATE block carries trust settings after the certificate: they are ignored here. */
export function certificateFromPem(block: PemBlock): Certificate {
  if (block.label !== 'TRUSTED CERTIFICATE') return parseCertificate(block.der);
  const r = new DerReader(block.der);
  const first = r.next();
  return parseCertificate(first.raw);
}
