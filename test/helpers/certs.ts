// Test certificates, generated with the openssl CLI into a temporary directory (never
// hand-edited files): RSA-2048, RSA-PSS, ECDSA P-256/P-384 and Ed25519 servers.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export type CertKind = 'rsa2048' | 'rsa-pss' | 'p256' | 'p384' | 'p521' | 'ed25519' | 'ed448';

const KEYGEN: Record<CertKind, string[]> = {
  rsa2048: ['-newkey', 'rsa:2048'],
  'rsa-pss': ['-newkey', 'rsa-pss', '-pkeyopt', 'rsa_keygen_bits:2048'],
  p256: ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256'],
  p384: ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-384'],
  p521: ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-521'],
  ed25519: ['-newkey', 'ed25519'],
  ed448: ['-newkey', 'ed448'],
};

export interface CertFiles {
  readonly dir: string;
  readonly cert: string;
  readonly key: string;
}

/** Generates a self-signed certificate for CN=localhost of the given kind. */
export function makeCert(kind: CertKind, dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ts-s-server-certs-'))): CertFiles {
  const cert = path.join(dir, `${kind}.crt`);
  const key = path.join(dir, `${kind}.key`);
  execFileSync('openssl', ['req', '-x509', ...KEYGEN[kind], '-nodes', '-keyout', key, '-out', cert, '-subj', '/CN=localhost', '-days', '30', '-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1'], { stdio: 'pipe' });
  return { dir, cert, key };
}
