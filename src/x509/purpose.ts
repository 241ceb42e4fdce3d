/**
 * Certificate purposes (`-purpose`, `-verify_name`): OpenSSL's X509_check_purpose, i.e.
 * extended key usage, key usage and (for CAs) basic constraints per purpose.
 */
import type { Certificate } from './certificate';
import { certInfo, CertInfo } from './certInfo';
import type { KeyUsageBit } from './extensions';

export const PURPOSES = ['sslclient', 'sslserver', 'nssslserver', 'smimesign', 'smimeencrypt', 'crlsign', 'any', 'ocsphelper', 'timestampsign'] as const;
export type Purpose = (typeof PURPOSES)[number];

/** `-verify_name` names (X509_VERIFY_PARAM_lookup) and the purpose each sets. */
export const VERIFY_NAMES: ReadonlyMap<string, Purpose | undefined> = new Map([
  ['default', undefined],
  ['pkcs7', 'smimesign'],
  ['smime_sign', 'smimesign'],
  ['ssl_client', 'sslclient'],
  ['ssl_server', 'sslserver'],
]);

const EKU = {
  serverAuth: '1.3.6.1.5.5.7.3.1',
  clientAuth: '1.3.6.1.5.5.7.3.2',
  emailProtection: '1.3.6.1.5.5.7.3.4',
  timeStamping: '1.3.6.1.5.5.7.3.8',
  ocspSigning: '1.3.6.1.5.5.7.3.9',
  nsSgc: '2.16.840.1.113730.4.1',
  msSgc: '1.3.6.1.4.1.311.10.3.3',
};

/** xku_reject: an extendedKeyUsage is present and lists none of `usages` (anyExtendedKeyUsage does not count). */
function xkuReject(i: CertInfo, usages: readonly string[]): boolean {
  return i.eku !== undefined && !i.eku.some((u) => usages.includes(u));
}

/** ku_reject: a keyUsage is present and has none of `bits`. */
function kuReject(i: CertInfo, bits: readonly KeyUsageBit[]): boolean {
  return i.ku !== undefined && !bits.some((b) => i.ku!.has(b));
}

/** check_ssl_ca / check_ca as a purpose answer: 0 no, anything else yes. */
function caAnswer(i: CertInfo): number {
  return i.caType;
}

/**
 * X509_check_purpose(x, purpose, ca): 1 (or another positive value) when the certificate
 * may be used for the purpose, 0 when not, -1 when its extensions are invalid.
 */
export function checkPurpose(cert: Certificate, purpose: Purpose, ca: boolean): number {
  const i = certInfo(cert);
  if (i.invalid) return -1;
  switch (purpose) {
    case 'sslclient':
      if (xkuReject(i, [EKU.clientAuth])) return 0;
      if (ca) return caAnswer(i);
      return kuReject(i, ['digitalSignature', 'keyAgreement']) ? 0 : 1;
    case 'sslserver':
    case 'nssslserver':
      if (xkuReject(i, [EKU.serverAuth, EKU.nsSgc, EKU.msSgc])) return 0;
      if (ca) return caAnswer(i);
      if (purpose === 'nssslserver') return kuReject(i, ['keyEncipherment']) ? 0 : 1;
      return kuReject(i, ['digitalSignature', 'keyEncipherment', 'keyAgreement']) ? 0 : 1;
    case 'smimesign':
    case 'smimeencrypt':
      if (xkuReject(i, [EKU.emailProtection])) return 0;
      if (ca) return caAnswer(i);
      if (purpose === 'smimesign') return kuReject(i, ['digitalSignature', 'nonRepudiation']) ? 0 : 1;
      return kuReject(i, ['keyEncipherment']) ? 0 : 1;
    case 'crlsign':
      if (ca) return caAnswer(i);
      return kuReject(i, ['cRLSign']) ? 0 : 1;
    case 'any':
      return 1;
    case 'ocsphelper':
      // Any certificate may sign an OCSP response: it is checked against the responder elsewhere.
      return ca ? caAnswer(i) : 1;
    case 'timestampsign': {
      if (ca) return caAnswer(i);
      // RFC 3161 2.3: exactly one EKU, timeStamping, and it must be critical.
      const ekuExt = cert.extensions.find((e) => e.oid === '2.5.29.37');
      if (!i.eku || i.eku.length !== 1 || i.eku[0] !== EKU.timeStamping || !ekuExt?.critical) return 0;
      if (i.ku && [...i.ku].some((b) => b !== 'digitalSignature' && b !== 'nonRepudiation')) return 0;
      return 1;
    }
  }
}
