/**
 * Certificate and CRL extensions (RFC 5280 4.2 and 5.2/5.3).
 *
 * Extension ::= SEQUENCE { extnID OID, critical BOOLEAN DEFAULT FALSE, extnValue OCTET STRING }
 *
 * Every extension keeps its OID, critical flag and raw value. Known extensions are also
 * decoded; a known extension that fails to decode keeps the error instead of failing the
 * whole certificate, because openssl parses such certificates and rejects them only at
 * verification (X509_V_ERR_INVALID_EXTENSION). Unknown extensions are kept as they are:
 * verification must reject unknown critical ones (RFC 5280 4.2).
 */
import { DerError, DerReader, Tag, TagClass, decodeBoolean, decodeGeneralizedTime, integerFromContent } from './der';
import { GeneralName, readGeneralNames, readGeneralNamesContent, decodeGeneralName } from './generalName';
import { OID } from './oids';
import { NameEntry } from './name';

export interface BasicConstraints { readonly ca: boolean; readonly pathLen?: number }

/** RFC 5280 4.2.1.3 bit names, in bit order. */
export const KEY_USAGE_BITS = [
  'digitalSignature', 'nonRepudiation', 'keyEncipherment', 'dataEncipherment', 'keyAgreement',
  'keyCertSign', 'cRLSign', 'encipherOnly', 'decipherOnly',
] as const;
export type KeyUsageBit = (typeof KEY_USAGE_BITS)[number];

export interface AuthorityKeyIdentifier {
  readonly keyIdentifier?: Uint8Array;
  readonly authorityCertIssuer?: GeneralName[];
  readonly authorityCertSerialNumber?: bigint;
}

export interface GeneralSubtree { readonly base: GeneralName; readonly minimum: number; readonly maximum?: number }
export interface NameConstraints { readonly permitted?: GeneralSubtree[]; readonly excluded?: GeneralSubtree[] }

export interface PolicyQualifier {
  readonly oid: string;
  readonly cpsUri?: string;
  readonly userNotice?: { organization?: string; noticeNumbers?: bigint[]; explicitText?: string };
  readonly der: Uint8Array;
}
export interface PolicyInformation { readonly policy: string; readonly qualifiers: PolicyQualifier[] }
export interface PolicyMapping { readonly issuerDomainPolicy: string; readonly subjectDomainPolicy: string }
export interface PolicyConstraints { readonly requireExplicitPolicy?: number; readonly inhibitPolicyMapping?: number }

export type DistributionPointName =
  | { readonly type: 'fullName'; readonly names: GeneralName[] }
  | { readonly type: 'nameRelativeToCRLIssuer'; readonly rdn: NameEntry[] };

/** RFC 5280 4.2.1.13 ReasonFlags bit names. */
export const REASON_BITS = [
  'unused', 'keyCompromise', 'cACompromise', 'affiliationChanged', 'superseded', 'cessationOfOperation',
  'certificateHold', 'privilegeWithdrawn', 'aACompromise',
] as const;

export interface DistributionPoint {
  readonly name?: DistributionPointName;
  readonly reasons?: string[];
  readonly crlIssuer?: GeneralName[];
}

export interface AccessDescription { readonly method: string; readonly location: GeneralName }

export interface IssuingDistributionPoint {
  readonly name?: DistributionPointName;
  readonly onlyContainsUserCerts: boolean;
  readonly onlyContainsCACerts: boolean;
  readonly onlySomeReasons?: string[];
  readonly indirectCRL: boolean;
  readonly onlyContainsAttributeCerts: boolean;
}

export type ExtensionValue =
  | { readonly kind: 'basicConstraints'; readonly value: BasicConstraints }
  | { readonly kind: 'keyUsage'; readonly value: KeyUsageBit[] }
  | { readonly kind: 'extendedKeyUsage'; readonly value: string[] }
  | { readonly kind: 'subjectAltName' | 'issuerAltName' | 'certificateIssuer'; readonly value: GeneralName[] }
  | { readonly kind: 'subjectKeyIdentifier'; readonly value: Uint8Array }
  | { readonly kind: 'authorityKeyIdentifier'; readonly value: AuthorityKeyIdentifier }
  | { readonly kind: 'nameConstraints'; readonly value: NameConstraints }
  | { readonly kind: 'certificatePolicies'; readonly value: PolicyInformation[] }
  | { readonly kind: 'policyMappings'; readonly value: PolicyMapping[] }
  | { readonly kind: 'policyConstraints'; readonly value: PolicyConstraints }
  | { readonly kind: 'inhibitAnyPolicy'; readonly value: number }
  | { readonly kind: 'crlDistributionPoints' | 'freshestCRL'; readonly value: DistributionPoint[] }
  | { readonly kind: 'authorityInfoAccess'; readonly value: AccessDescription[] }
  | { readonly kind: 'tlsFeature'; readonly value: number[] }
  | { readonly kind: 'crlNumber' | 'deltaCRL'; readonly value: bigint }
  | { readonly kind: 'crlReason'; readonly value: number }
  | { readonly kind: 'invalidityDate'; readonly value: Date }
  | { readonly kind: 'issuingDistributionPoint'; readonly value: IssuingDistributionPoint };

export interface Extension {
  readonly oid: string;
  readonly critical: boolean;
  /** extnValue content: the DER of the extension's own value. */
  readonly value: Uint8Array;
  /** The decoded value for a known extension that decoded cleanly. */
  readonly decoded?: ExtensionValue;
  /** Why a known extension failed to decode. */
  readonly error?: string;
}

/** Runs `body` on a reader over exactly one DER element of `der` and checks nothing follows. */
function whole<T>(der: Uint8Array, what: string, body: (r: DerReader) => T): T {
  const r = new DerReader(der);
  const v = body(r);
  r.expectEnd(what);
  return v;
}

function seqOf<T>(r: DerReader, what: string, item: (s: DerReader) => T, nonEmpty = true): T[] {
  const s = r.readSequence(what);
  const out: T[] = [];
  while (s.hasMore()) out.push(item(s));
  if (nonEmpty && out.length === 0) throw new DerError(`empty ${what}`, s.offset);
  return out;
}

/** Named bits of a BIT STRING, bit 0 being the most significant bit of the first octet. */
function namedBits<T extends string>(bytes: Uint8Array, names: readonly T[]): T[] {
  const out: T[] = [];
  names.forEach((n, i) => {
    if (i >> 3 < bytes.length && bytes[i >> 3] & (0x80 >> (i & 7))) out.push(n);
  });
  return out;
}

function basicConstraints(r: DerReader): BasicConstraints {
  const s = r.readSequence('BasicConstraints');
  // X.690 11.5 says a DEFAULT value is not encoded, but openssl accepts an explicit
  // cA FALSE (common in older certificates), and so do we.
  const ca = s.readOptionalBoolean();
  const pathLen = s.hasMore() ? s.readSmallInteger() : undefined;
  s.expectEnd('BasicConstraints');
  if (pathLen !== undefined && pathLen < 0) throw new DerError('negative pathLenConstraint', s.offset);
  return { ca: ca === true, pathLen };
}

function authorityKeyIdentifier(r: DerReader): AuthorityKeyIdentifier {
  const s = r.readSequence('AuthorityKeyIdentifier');
  const kid = s.optionalImplicit(0, false);
  const issuer = s.optionalImplicit(1, true);
  const serial = s.optionalImplicit(2, false);
  s.expectEnd('AuthorityKeyIdentifier');
  return {
    keyIdentifier: kid?.content,
    authorityCertIssuer: issuer ? readGeneralNamesContent(s.enter(issuer)) : undefined,
    authorityCertSerialNumber: serial ? implicitInteger(serial.content) : undefined,
  };
}

/** The content of an [n] IMPLICIT INTEGER. */
function implicitInteger(content: Uint8Array): bigint {
  return integerFromContent(content);
}

function generalSubtrees(r: DerReader): GeneralSubtree[] {
  const out: GeneralSubtree[] = [];
  while (r.hasMore()) {
    const s = r.readSequence('GeneralSubtree');
    const base = decodeGeneralName(s.next(), s);
    const min = s.optionalImplicit(0, false);
    const max = s.optionalImplicit(1, false);
    s.expectEnd('GeneralSubtree');
    const minimum = min ? Number(implicitInteger(min.content)) : 0;
    // RFC 5280 4.2.1.10: minimum MUST be zero and maximum MUST be absent.
    out.push({ base, minimum, maximum: max ? Number(implicitInteger(max.content)) : undefined });
  }
  if (out.length === 0) throw new DerError('empty GeneralSubtrees', r.offset);
  return out;
}

function nameConstraints(r: DerReader): NameConstraints {
  const s = r.readSequence('NameConstraints');
  const p = s.optionalImplicit(0, true);
  const e = s.optionalImplicit(1, true);
  s.expectEnd('NameConstraints');
  // RFC 5280 4.2.1.10: at least one of permittedSubtrees and excludedSubtrees.
  if (!p && !e) throw new DerError('empty NameConstraints', s.offset);
  return { permitted: p ? generalSubtrees(s.enter(p)) : undefined, excluded: e ? generalSubtrees(s.enter(e)) : undefined };
}

/** DisplayText (RFC 5280 4.2.1.4): IA5String, VisibleString, BMPString or UTF8String. */
function displayText(r: DerReader): string {
  const v = r.readString();
  if (v.tag === Tag.BMPString) {
    let out = '';
    for (let i = 0; i + 1 < v.bytes.length; i += 2) out += String.fromCharCode((v.bytes[i] << 8) | v.bytes[i + 1]);
    return out;
  }
  return Buffer.from(v.bytes).toString(v.tag === Tag.UTF8String ? 'utf8' : 'latin1');
}

function policyQualifier(r: DerReader): PolicyQualifier {
  const el = r.expect(TagClass.universal, Tag.SEQUENCE, true, 'PolicyQualifierInfo');
  const s = r.enter(el);
  const oid = s.readOid();
  let q: PolicyQualifier = { oid, der: el.raw };
  if (oid === OID.qtCps) {
    const uri = s.readString();
    q = { ...q, cpsUri: Buffer.from(uri.bytes).toString('latin1') };
  } else if (oid === OID.qtUnotice) {
    const u = s.readSequence('UserNotice');
    let organization: string | undefined;
    let noticeNumbers: bigint[] | undefined;
    if (u.peekIs(TagClass.universal, Tag.SEQUENCE, true)) {
      const ref = u.readSequence('NoticeReference');
      organization = displayText(ref);
      noticeNumbers = seqOf(ref, 'noticeNumbers', (x) => x.readInteger(), false);
      ref.expectEnd('NoticeReference');
    }
    const explicitText = u.hasMore() ? displayText(u) : undefined;
    u.expectEnd('UserNotice');
    q = { ...q, userNotice: { organization, noticeNumbers, explicitText } };
  } else if (s.hasMore()) {
    s.readAny();
  }
  s.expectEnd('PolicyQualifierInfo');
  return q;
}

function certificatePolicies(r: DerReader): PolicyInformation[] {
  const policies = seqOf(r, 'CertificatePolicies', (s) => {
    const pi = s.readSequence('PolicyInformation');
    const policy = pi.readOid();
    const qualifiers = pi.hasMore() ? seqOf(pi, 'policyQualifiers', policyQualifier) : [];
    pi.expectEnd('PolicyInformation');
    return { policy, qualifiers };
  });
  // RFC 5280 4.2.1.4: a policy OID shall not appear more than once.
  const seen = new Set(policies.map((p) => p.policy));
  if (seen.size !== policies.length) throw new DerError('duplicate policy identifier in CertificatePolicies');
  return policies;
}

function policyConstraints(r: DerReader): PolicyConstraints {
  const s = r.readSequence('PolicyConstraints');
  const req = s.optionalImplicit(0, false);
  const inh = s.optionalImplicit(1, false);
  s.expectEnd('PolicyConstraints');
  // RFC 5280 4.2.1.11: the sequence MUST NOT be empty.
  if (!req && !inh) throw new DerError('empty PolicyConstraints', s.offset);
  return {
    requireExplicitPolicy: req ? Number(implicitInteger(req.content)) : undefined,
    inhibitPolicyMapping: inh ? Number(implicitInteger(inh.content)) : undefined,
  };
}

/** DistributionPointName is a CHOICE, so its [0] tag in DistributionPoint is explicit. */
function distributionPointName(r: DerReader): DistributionPointName {
  const el = r.next();
  if (el.tagClass === TagClass.context && el.tagNumber === 0 && el.constructed) {
    return { type: 'fullName', names: readGeneralNamesContent(r.enter(el)) };
  }
  if (el.tagClass === TagClass.context && el.tagNumber === 1 && el.constructed) {
    // nameRelativeToCRLIssuer [1] IMPLICIT RelativeDistinguishedName: parse as a one-RDN Name.
    const s = r.enter(el);
    const rdn: NameEntry[] = [];
    while (s.hasMore()) {
      const atv = s.readSequence('AttributeTypeAndValue');
      const oid = atv.readOid();
      const v = atv.readAny();
      atv.expectEnd('AttributeTypeAndValue');
      rdn.push({ oid, set: 0, tag: v.tagNumber, tagClass: v.tagClass, constructed: v.constructed, data: v.content, valueDer: v.raw });
    }
    return { type: 'nameRelativeToCRLIssuer', rdn };
  }
  throw new DerError('invalid DistributionPointName', el.offset);
}

function reasonFlags(bytes: Uint8Array): string[] {
  return namedBits(bytes, REASON_BITS);
}

function distributionPoints(r: DerReader): DistributionPoint[] {
  return seqOf(r, 'CRLDistributionPoints', (x) => {
    const s = x.readSequence('DistributionPoint');
    const dp = s.optionalExplicit(0);
    const name = dp ? distributionPointName(dp) : undefined;
    if (dp) dp.expectEnd('distributionPoint');
    const reasons = s.optionalImplicit(1, false);
    const issuer = s.optionalImplicit(2, true);
    s.expectEnd('DistributionPoint');
    // RFC 5280 4.2.1.13: a DistributionPoint MUST NOT consist of only the reasons field.
    if (!dp && !issuer) throw new DerError('DistributionPoint without distributionPoint or cRLIssuer', s.offset);
    return {
      name,
      reasons: reasons ? reasonFlags(reasons.content.subarray(1)) : undefined,
      crlIssuer: issuer ? readGeneralNamesContent(s.enter(issuer)) : undefined,
    };
  });
}

function issuingDistributionPoint(r: DerReader): IssuingDistributionPoint {
  const s = r.readSequence('IssuingDistributionPoint');
  const dp = s.optionalExplicit(0);
  const name = dp ? distributionPointName(dp) : undefined;
  const flag = (n: number): boolean => {
    const el = s.optionalImplicit(n, false);
    if (!el) return false;
    // [n] IMPLICIT BOOLEAN DEFAULT FALSE; an explicit FALSE is tolerated as for critical.
    return decodeBoolean(el);
  };
  const onlyContainsUserCerts = flag(1);
  const onlyContainsCACerts = flag(2);
  const some = s.optionalImplicit(3, false);
  const indirectCRL = flag(4);
  const onlyContainsAttributeCerts = flag(5);
  s.expectEnd('IssuingDistributionPoint');
  return {
    name, onlyContainsUserCerts, onlyContainsCACerts, indirectCRL, onlyContainsAttributeCerts,
    onlySomeReasons: some ? reasonFlags(some.content.subarray(1)) : undefined,
  };
}

function authorityInfoAccess(r: DerReader): AccessDescription[] {
  return seqOf(r, 'AuthorityInfoAccessSyntax', (x) => {
    const s = x.readSequence('AccessDescription');
    const method = s.readOid();
    const location = decodeGeneralName(s.next(), s);
    s.expectEnd('AccessDescription');
    return { method, location };
  });
}

type Decoder = (r: DerReader) => ExtensionValue;

const DECODERS: ReadonlyMap<string, Decoder> = new Map<string, Decoder>([
  [OID.basicConstraints, (r) => ({ kind: 'basicConstraints', value: basicConstraints(r) })],
  [OID.keyUsage, (r) => {
    const b = r.readBitString();
    return { kind: 'keyUsage', value: namedBits(b.bytes, KEY_USAGE_BITS) };
  }],
  [OID.extendedKeyUsage, (r) => ({ kind: 'extendedKeyUsage', value: seqOf(r, 'ExtKeyUsageSyntax', (s) => s.readOid()) })],
  [OID.subjectAltName, (r) => ({ kind: 'subjectAltName', value: readGeneralNames(r) })],
  [OID.issuerAltName, (r) => ({ kind: 'issuerAltName', value: readGeneralNames(r) })],
  [OID.certificateIssuer, (r) => ({ kind: 'certificateIssuer', value: readGeneralNames(r) })],
  [OID.subjectKeyIdentifier, (r) => ({ kind: 'subjectKeyIdentifier', value: r.readOctetString() })],
  [OID.authorityKeyIdentifier, (r) => ({ kind: 'authorityKeyIdentifier', value: authorityKeyIdentifier(r) })],
  [OID.nameConstraints, (r) => ({ kind: 'nameConstraints', value: nameConstraints(r) })],
  [OID.certificatePolicies, (r) => ({ kind: 'certificatePolicies', value: certificatePolicies(r) })],
  [OID.policyMappings, (r) => ({
    kind: 'policyMappings',
    value: seqOf(r, 'PolicyMappings', (x) => {
      const s = x.readSequence('PolicyMapping');
      const m = { issuerDomainPolicy: s.readOid(), subjectDomainPolicy: s.readOid() };
      s.expectEnd('PolicyMapping');
      return m;
    }),
  })],
  [OID.policyConstraints, (r) => ({ kind: 'policyConstraints', value: policyConstraints(r) })],
  [OID.inhibitAnyPolicy, (r) => ({ kind: 'inhibitAnyPolicy', value: r.readSmallInteger() })],
  [OID.crlDistributionPoints, (r) => ({ kind: 'crlDistributionPoints', value: distributionPoints(r) })],
  [OID.freshestCrl, (r) => ({ kind: 'freshestCRL', value: distributionPoints(r) })],
  [OID.authorityInfoAccess, (r) => ({ kind: 'authorityInfoAccess', value: authorityInfoAccess(r) })],
  // RFC 7633 2: Features ::= SEQUENCE OF INTEGER.
  [OID.tlsFeature, (r) => ({ kind: 'tlsFeature', value: seqOf(r, 'Features', (s) => s.readSmallInteger(), false) })],
  [OID.crlNumber, (r) => ({ kind: 'crlNumber', value: r.readInteger() })],
  [OID.deltaCrl, (r) => ({ kind: 'deltaCRL', value: r.readInteger() })],
  [OID.crlReason, (r) => ({ kind: 'crlReason', value: r.readEnumerated() })],
  [OID.invalidityDate, (r) => ({ kind: 'invalidityDate', value: decodeGeneralizedTime(r.expect(TagClass.universal, Tag.GeneralizedTime, false, 'GeneralizedTime')) })],
  [OID.issuingDistributionPoint, (r) => ({ kind: 'issuingDistributionPoint', value: issuingDistributionPoint(r) })],
]);

export function decodeExtensionValue(oid: string, value: Uint8Array): ExtensionValue | undefined {
  const d = DECODERS.get(oid);
  return d === undefined ? undefined : whole(value, oid, d);
}

function readExtension(r: DerReader): Extension {
  const s = r.readSequence('Extension');
  const oid = s.readOid();
  // critical DEFAULT FALSE: an explicit FALSE is not DER (X.690 11.5) but openssl accepts it.
  const critical = s.readOptionalBoolean();
  const value = s.readOctetString();
  s.expectEnd('Extension');
  try {
    return { oid, critical: critical === true, value, decoded: decodeExtensionValue(oid, value) };
  } catch (e) {
    if (e instanceof DerError) return { oid, critical: critical === true, value, error: e.message };
    throw e;
  }
}

/** Extensions ::= SEQUENCE SIZE (1..MAX) OF Extension. */
export function readExtensions(r: DerReader): Extension[] {
  const s = r.readSequence('Extensions');
  const out: Extension[] = [];
  while (s.hasMore()) out.push(readExtension(s));
  if (out.length === 0) throw new DerError('empty Extensions', s.offset);
  return out;
}

/** RFC 5280 4.2: "A certificate MUST NOT include more than one instance of a particular extension." */
export function hasDuplicateExtensions(exts: readonly Extension[]): boolean {
  return new Set(exts.map((e) => e.oid)).size !== exts.length;
}

/** The decoded value of the given kind, if the extension is present and valid. */
/** The value type of the extension variant whose kind includes K. */
type ValueOf<K extends ExtensionValue['kind'], E = ExtensionValue> = E extends { kind: infer KK; value: infer V } ? (K extends KK ? V : never) : never;

export function findExtension<K extends ExtensionValue['kind']>(exts: readonly Extension[], kind: K): ValueOf<K> | undefined {
  for (const e of exts) {
    if (e.decoded?.kind === kind) return e.decoded.value as ValueOf<K>;
  }
  return undefined;
}
