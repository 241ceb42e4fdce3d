// A client's CertificateVerify (RFC 8446 §4.4.3) checked with the public key of its leaf
// certificate: TLS signature schemes mapped onto X.509 signature algorithms.
import type { SignatureAlgorithm } from '../x509/algorithm';
import { parseCertificate } from '../x509/certificate';
import { verifySignature } from '../x509/nativeCrypto';
import { SignatureScheme } from '../tls/constants';

const PSS = (hash: 'sha256' | 'sha384' | 'sha512', saltLength: number): SignatureAlgorithm => ({
  kind: 'rsa-pss',
  pss: { hash, mgf1Hash: hash, saltLength, trailerField: 1 },
});

/** TLS 1.3 schemes and the X.509 algorithm each means; ECDSA schemes also fix the curve. */
const SCHEMES: Record<number, { alg: SignatureAlgorithm; curve?: string; keyTypes: string[] }> = {
  [SignatureScheme.rsa_pss_rsae_sha256]: { alg: PSS('sha256', 32), keyTypes: ['rsa'] },
  [SignatureScheme.rsa_pss_rsae_sha384]: { alg: PSS('sha384', 48), keyTypes: ['rsa'] },
  [SignatureScheme.rsa_pss_rsae_sha512]: { alg: PSS('sha512', 64), keyTypes: ['rsa'] },
  [SignatureScheme.rsa_pss_pss_sha256]: { alg: PSS('sha256', 32), keyTypes: ['rsa-pss'] },
  [SignatureScheme.rsa_pss_pss_sha384]: { alg: PSS('sha384', 48), keyTypes: ['rsa-pss'] },
  [SignatureScheme.rsa_pss_pss_sha512]: { alg: PSS('sha512', 64), keyTypes: ['rsa-pss'] },
  [SignatureScheme.ecdsa_secp256r1_sha256]: { alg: { kind: 'ecdsa', hash: 'sha256' }, curve: 'P-256', keyTypes: ['ec'] },
  [SignatureScheme.ecdsa_secp384r1_sha384]: { alg: { kind: 'ecdsa', hash: 'sha384' }, curve: 'P-384', keyTypes: ['ec'] },
  [SignatureScheme.ecdsa_secp521r1_sha512]: { alg: { kind: 'ecdsa', hash: 'sha512' }, curve: 'P-521', keyTypes: ['ec'] },
  [SignatureScheme.ed25519]: { alg: { kind: 'ed25519' }, keyTypes: ['ed25519'] },
  [SignatureScheme.ed448]: { alg: { kind: 'ed448' }, keyTypes: ['ed448'] },
};

/** True when `signature` over `data` verifies with the leaf's key under `scheme`. */
export function verifyPeerSignature(leafDer: Buffer, scheme: number, data: Buffer, signature: Buffer): boolean {
  const s = SCHEMES[scheme];
  if (!s) return false;
  let cert;
  try {
    cert = parseCertificate(leafDer);
  } catch {
    return false;
  }
  const key = cert.publicKeyInfo.key;
  if (!s.keyTypes.includes(key.type)) return false;
  if (s.curve && (key.type !== 'ec' || key.curve !== s.curve)) return false;
  return verifySignature(s.alg, cert.publicKeyInfo, data, signature);
}
