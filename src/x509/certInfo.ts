/**
 * What verification needs to know about one certificate, computed once per certificate
 * (OpenSSL's cached "ex_flags"): decoded constraints, self-issued/self-signed, CA type,
 * the key's security bits and the signature's.
 */
import type { Certificate } from './certificate';
import { Extension, BasicConstraints, KeyUsageBit, AuthorityKeyIdentifier, NameConstraints, PolicyInformation, PolicyMapping, PolicyConstraints, findExtension } from './extensions';
import type { GeneralName } from './generalName';
import { OID } from './oids';
import { namesEqual } from './nameCanon';
import { SignatureAlgorithm, signatureAlgorithm } from './algorithm';
import { VErr } from './verifyErrors';

/** Extensions OpenSSL handles, so that a critical one is not "unhandled" (X509_supported_extension). */
const SUPPORTED_CRITICAL: ReadonlySet<string> = new Set([
  '2.16.840.1.113730.1.1', // nsCertType
  OID.keyUsage, OID.subjectAltName, OID.basicConstraints, OID.certificatePolicies, OID.crlDistributionPoints,
  OID.extendedKeyUsage, '1.3.6.1.5.5.7.1.7', '1.3.6.1.5.5.7.1.8', // sbgp-ipAddrBlock, sbgp-autonomousSysNum
  OID.policyConstraints, '1.3.6.1.5.5.7.1.14', // proxyCertInfo
  OID.nameConstraints, OID.policyMappings, OID.inhibitAnyPolicy,
]);

export interface CertInfo {
  readonly cert: Certificate;
  readonly bc?: BasicConstraints;
  readonly bcCritical: boolean;
  /** Key usage bits, undefined when the extension is absent. */
  readonly ku?: ReadonlySet<KeyUsageBit>;
  readonly eku?: readonly string[];
  readonly ski?: Uint8Array;
  readonly skiCritical: boolean;
  readonly akid?: AuthorityKeyIdentifier;
  readonly akidCritical: boolean;
  readonly san?: readonly GeneralName[];
  readonly sanCritical: boolean;
  readonly nc?: NameConstraints;
  readonly policies?: readonly PolicyInformation[];
  readonly policyMappings?: readonly PolicyMapping[];
  readonly policyConstraints?: PolicyConstraints;
  readonly inhibitAnyPolicy?: number;
  /** A critical extension OpenSSL does not process. */
  readonly unhandledCritical: boolean;
  /** A known extension failed to decode, or one appears twice (EXFLAG_INVALID). */
  readonly invalid: boolean;
  /** A policy extension failed to decode (EXFLAG_INVALID_POLICY). */
  readonly invalidPolicy: boolean;
  /** pathLenConstraint, or -1. */
  readonly pathLen: number;
  readonly selfIssued: boolean;
  readonly selfSigned: boolean;
  /** X509_check_ca: 0 not a CA, 1 basicConstraints CA, 3 v1 self-signed root, 4 keyUsage keyCertSign only. */
  readonly caType: number;
  readonly sigAlg?: SignatureAlgorithm;
}

const cache = new WeakMap<Certificate, CertInfo>();

function ext(exts: readonly Extension[], oid: string): Extension | undefined {
  return exts.find((e) => e.oid === oid);
}

/** X509_check_akid: does `akid` (of a certificate) point at `issuer`? */
export function checkAkid(issuer: Certificate, akid: AuthorityKeyIdentifier | undefined): number {
  if (akid === undefined) return VErr.OK;
  const ski = findExtension(issuer.extensions, 'subjectKeyIdentifier');
  if (akid.keyIdentifier && ski && Buffer.compare(akid.keyIdentifier, ski) !== 0) return VErr.AKID_SKID_MISMATCH;
  if (akid.authorityCertSerialNumber !== undefined && akid.authorityCertSerialNumber !== issuer.serialNumber) return VErr.AKID_ISSUER_SERIAL_MISMATCH;
  if (akid.authorityCertIssuer) {
    const dn = akid.authorityCertIssuer.find((g) => g.type === 'directoryName');
    if (dn && dn.type === 'directoryName' && !namesEqual(dn.name, issuer.issuer)) return VErr.AKID_ISSUER_SERIAL_MISMATCH;
  }
  return VErr.OK;
}

/** The key type a signature algorithm needs (check_sig_alg_match). */
function sigMatchesKey(alg: SignatureAlgorithm | undefined, issuer: Certificate): boolean {
  if (alg === undefined) return false;
  const k = issuer.publicKeyInfo.key.type;
  switch (alg.kind) {
    case 'rsa-pkcs1': return k === 'rsa';
    case 'rsa-pss': return k === 'rsa' || k === 'rsa-pss';
    case 'ecdsa': return k === 'ec';
    case 'ed25519': return k === 'ed25519';
    case 'ed448': return k === 'ed448';
    default: return k === 'unknown';
  }
}

/**
 * ossl_x509_likely_issued: names match, the authority key identifier points at `issuer`,
 * and the signature algorithm fits the issuer's key. Returns an error number or 0.
 */
export function likelyIssued(issuer: Certificate, subject: Certificate): number {
  if (!namesEqual(issuer.subject, subject.issuer)) return VErr.SUBJECT_ISSUER_MISMATCH;
  const r = checkAkid(issuer, certInfo(subject).akid);
  if (r !== VErr.OK) return r;
  return sigMatchesKey(certInfo(subject).sigAlg, issuer) ? VErr.OK : VErr.SIGNATURE_ALGORITHM_MISMATCH;
}

export function certInfo(cert: Certificate): CertInfo {
  const hit = cache.get(cert);
  if (hit) return hit;
  const e = cert.extensions;
  const bcExt = ext(e, OID.basicConstraints);
  const bc = findExtension(e, 'basicConstraints');
  const kuList = findExtension(e, 'keyUsage');
  // A pathLenConstraint on a non-CA does not make the certificate invalid in OpenSSL 3.0:
  // only -x509_strict reports it (80, 81).
  const invalid = cert.duplicateExtensions || e.some((x) => x.error !== undefined);
  const policyOids = [OID.certificatePolicies, OID.policyMappings, OID.policyConstraints, OID.inhibitAnyPolicy];
  const invalidPolicy = e.some((x) => policyOids.includes(x.oid as never) && x.error !== undefined);
  let sigAlg: SignatureAlgorithm | undefined;
  try {
    sigAlg = signatureAlgorithm(cert.signatureAlgorithm);
  } catch {
    sigAlg = undefined;
  }
  const selfIssued = namesEqual(cert.subject, cert.issuer);
  const akid = findExtension(e, 'authorityKeyIdentifier');
  const partial = { cert, akid, sigAlg } as const;
  const selfSigned = selfIssued && checkAkid(cert, akid) === VErr.OK && sigMatchesKey(sigAlg, cert);
  const ku = kuList ? new Set(kuList) : undefined;
  let caType = 0;
  if (ku && !ku.has('keyCertSign')) caType = 0;
  else if (bcExt && bc) caType = bc.ca ? 1 : 0;
  else if (cert.version === 0 && selfSigned) caType = 3;
  else if (ku) caType = 4;
  const info: CertInfo = {
    ...partial,
    bc,
    bcCritical: bcExt?.critical ?? false,
    ku,
    eku: findExtension(e, 'extendedKeyUsage'),
    ski: findExtension(e, 'subjectKeyIdentifier'),
    skiCritical: ext(e, OID.subjectKeyIdentifier)?.critical ?? false,
    akidCritical: ext(e, OID.authorityKeyIdentifier)?.critical ?? false,
    san: findExtension(e, 'subjectAltName'),
    sanCritical: ext(e, OID.subjectAltName)?.critical ?? false,
    nc: findExtension(e, 'nameConstraints'),
    policies: findExtension(e, 'certificatePolicies'),
    policyMappings: findExtension(e, 'policyMappings'),
    policyConstraints: findExtension(e, 'policyConstraints'),
    inhibitAnyPolicy: findExtension(e, 'inhibitAnyPolicy'),
    unhandledCritical: e.some((x) => x.critical && !SUPPORTED_CRITICAL.has(x.oid)),
    invalid,
    invalidPolicy,
    pathLen: bc?.pathLen ?? -1,
    selfIssued,
    selfSigned,
    caType,
  };
  cache.set(cert, info);
  return info;
}

/** BN_security_bits for an RSA modulus (NIST SP 800-57 table, as OpenSSL applies it). */
export function rsaSecurityBits(bits: number): number {
  if (bits >= 15360) return 256;
  if (bits >= 7680) return 192;
  if (bits >= 3072) return 128;
  if (bits >= 2048) return 112;
  if (bits >= 1024) return 80;
  return 0;
}

/** EVP_PKEY_get_security_bits of a certificate's key. */
export function keySecurityBits(cert: Certificate): number {
  const k = cert.publicKeyInfo.key;
  switch (k.type) {
    case 'rsa':
    case 'rsa-pss':
      return rsaSecurityBits(k.bits);
    case 'ec':
      return k.bits >= 512 ? 256 : k.bits >> 1;
    case 'ed25519':
    case 'x25519':
      return 128;
    case 'ed448':
    case 'x448':
      return 224;
    default:
      return 0;
  }
}

const HASH_BITS: Record<string, number> = { md5: 39, sha1: 63, sha224: 112, sha256: 128, sha384: 192, sha512: 256 };

/** Security bits of a certificate's signature (X509_get_signature_info): SHA-1 counts 63, MD5 39. */
export function signatureSecurityBits(cert: Certificate): number {
  const a = certInfo(cert).sigAlg;
  if (a === undefined) return 0;
  switch (a.kind) {
    case 'rsa-pkcs1':
    case 'ecdsa':
      return HASH_BITS[a.hash] ?? 0;
    case 'rsa-pss':
      return HASH_BITS[a.pss.hash] ?? 0;
    case 'ed25519':
      return 128;
    case 'ed448':
      return 224;
    default:
      return 0;
  }
}

/** Minimum security bits per security level 1..5 (SSL_CTX_set_security_level). */
export const LEVEL_BITS = [0, 80, 112, 128, 192, 256] as const;
