// Names as OpenSSL prints them in the connection summary.
import { GROUP_NAME } from '../tls/constants';

/** SSL_get_shared_sigalgs-style names: "ECDSA+SHA256", "RSA-PSS+SHA256", "rsa_pss_pss_sha256", "ed25519". */
export function sigalgName(scheme: number): string {
  const hashByte = scheme >> 8;
  const sig = scheme & 0xff;
  const hashName: Record<number, string> = { 1: 'MD5', 2: 'SHA1', 3: 'SHA224', 4: 'SHA256', 5: 'SHA384', 6: 'SHA512' };
  switch (scheme) {
    case 0x0804: return 'RSA-PSS+SHA256';
    case 0x0805: return 'RSA-PSS+SHA384';
    case 0x0806: return 'RSA-PSS+SHA512';
    case 0x0807: return 'ed25519';
    case 0x0808: return 'ed448';
    case 0x0809: return 'rsa_pss_pss_sha256';
    case 0x080a: return 'rsa_pss_pss_sha384';
    case 0x080b: return 'rsa_pss_pss_sha512';
    case 0x081a: return 'ECDSA+SHA256';
    case 0x081b: return 'ECDSA+SHA384';
    case 0x081c: return 'ECDSA+SHA512';
    default:
      break;
  }
  const sigName: Record<number, string> = { 1: 'RSA', 2: 'DSA', 3: 'ECDSA' };
  if (hashName[hashByte] && sigName[sig]) return `${sigName[sig]}+${hashName[hashByte]}`;
  return `0x${scheme.toString(16).padStart(4, '0')}`;
}

export function groupName(id: number): string {
  return GROUP_NAME[id] ?? `0x${id.toString(16).padStart(4, '0')}`;
}
