/**
 * Generates X.509 test material with the openssl CLI into a temporary directory:
 * keys of every type in every form openssl writes, self-signed certificates with
 * extensions, a CRL, DH parameters, and certificates whose subject is replaced by a
 * crafted Name (for -nameopt comparisons). Nothing here is hand-edited: every file is
 * produced by `openssl` or by re-encoding an openssl certificate.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { DerReader, DerWriter, Tag, TagClass } from '../../src/x509/der';

export function openssl(args: readonly string[], input?: string | Uint8Array, env?: NodeJS.ProcessEnv): Buffer {
  return execFileSync('openssl', args, { input, env: { ...process.env, ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
}

export class TempDir {
  readonly dir = mkdtempSync(path.join(tmpdir(), 'x509-test-'));
  file(name: string): string {
    return path.join(this.dir, name);
  }
  write(name: string, data: string | Uint8Array): string {
    const f = this.file(name);
    writeFileSync(f, data);
    return f;
  }
  read(name: string): Buffer {
    return readFileSync(this.file(name));
  }
  remove(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

export type KeyType = 'rsa' | 'rsa-pss' | 'p256' | 'p384' | 'p521' | 'ed25519' | 'ed448';
export const KEY_TYPES: readonly KeyType[] = ['rsa', 'rsa-pss', 'p256', 'p384', 'p521', 'ed25519', 'ed448'];

const GENPKEY: Record<KeyType, string[]> = {
  rsa: ['-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:2048'],
  'rsa-pss': ['-algorithm', 'RSA-PSS', '-pkeyopt', 'rsa_keygen_bits:2048', '-pkeyopt', 'rsa_pss_keygen_md:sha256', '-pkeyopt', 'rsa_pss_keygen_mgf1_md:sha256', '-pkeyopt', 'rsa_pss_keygen_saltlen:32'],
  p256: ['-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256'],
  p384: ['-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-384'],
  p521: ['-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-521'],
  ed25519: ['-algorithm', 'ED25519'],
  ed448: ['-algorithm', 'ED448'],
};

/** A PKCS#8 PEM private key file for `type`; returns its path. */
export function genKey(t: TempDir, type: KeyType): string {
  const f = t.file(`${type}.key.pem`);
  openssl(['genpkey', ...GENPKEY[type], '-out', f]);
  return f;
}

const EXTENSIONS = [
  'basicConstraints=critical,CA:TRUE,pathlen:3',
  'keyUsage=critical,digitalSignature,keyCertSign,cRLSign',
  'extendedKeyUsage=serverAuth,clientAuth,1.2.3.4.5',
  'subjectAltName=DNS:localhost,DNS:*.example.com,IP:127.0.0.1,IP:::1,email:a@example.com,URI:https://example.com/x,RID:1.2.3.4,dirName:dir_sect,otherName:1.2.3.4;UTF8:hello',
  'authorityInfoAccess=OCSP;URI:http://ocsp.example.com/,caIssuers;URI:http://ca.example.com/ca.crt',
  'crlDistributionPoints=URI:http://crl.example.com/a.crl,URI:ldap://crl.example.com/b',
  'certificatePolicies=critical,1.2.3.4,@pol_sect',
  'nameConstraints=critical,permitted;DNS:example.com,permitted;IP:10.0.0.0/255.0.0.0,excluded;email:bad.example.com',
  'policyConstraints=requireExplicitPolicy:1,inhibitPolicyMapping:2',
  'inhibitAnyPolicy=4',
  'policyMappings=1.2.3.4:1.2.3.5',
  'tlsfeature=status_request',
  'issuerAltName=URI:http://issuer.example.com/',
  'authorityKeyIdentifier=keyid:always',
  '1.2.3.99.1=critical,DER:0101FF',
  '1.2.3.99.2=ASN1:UTF8String:some text',
];

const REQ_CONFIG = `
[req]
distinguished_name = dn
[dn]
[dir_sect]
C = FR
O = Dir Org
CN = dir name
[pol_sect]
policyIdentifier = 1.3.6.1.4.1.99.1
CPS.1 = "http://cps.example.com/"
userNotice.1 = @notice
[notice]
explicitText = "Explicit notice text"
organization = "Org Name"
noticeNumbers = 1, 2, 3
`;

/** A self-signed v3 certificate with every extension we parse; returns the PEM path. */
export function selfSigned(t: TempDir, keyFile: string, name: string, opts: { extensions?: boolean; subj?: string; days?: number; digest?: string } = {}): string {
  const conf = t.write('req.cnf', REQ_CONFIG);
  const out = t.file(`${name}.crt.pem`);
  const args = ['req', '-x509', '-new', '-config', conf, '-key', keyFile, '-out', out, '-days', String(opts.days ?? 30), '-subj', opts.subj ?? `/C=FR/ST=Paris/O=Test Org/CN=${name}`, '-set_serial', '0x01ff00aa55'];
  if (opts.digest) args.push(`-${opts.digest}`);
  if (opts.extensions !== false) for (const e of EXTENSIONS) args.push('-addext', e);
  openssl(args);
  return out;
}

/** A v1 certificate (no extensions). */
export function v1Certificate(t: TempDir, keyFile: string): string {
  const csr = t.file('v1.csr');
  const out = t.file('v1.crt.pem');
  openssl(['req', '-new', '-key', keyFile, '-subj', '/CN=v1 cert', '-out', csr]);
  openssl(['x509', '-req', '-in', csr, '-signkey', keyFile, '-days', '5', '-out', out]);
  return out;
}

/** A CRL signed by `keyFile`/`certFile` revoking two serials, made with `openssl ca`. */
export function makeCrl(t: TempDir, keyFile: string, certFile: string): string {
  const sub = (s: string): string => t.file(s);
  // index.txt lines: status, expiry, revocation[,reason], serial, file, subject (tab separated).
  writeFileSync(sub('index.txt'), [
    'R\t301231235959Z\t240101000000Z,keyCompromise\t1234\tunknown\t/CN=revoked one',
    'R\t301231235959Z\t240202000000Z\t0ABCDEF0\tunknown\t/CN=revoked two',
    '',
  ].join('\n'));
  writeFileSync(sub('crlnumber'), '1000\n');
  const conf = t.write('ca.cnf', `
[ca]
default_ca = CA_default
[CA_default]
database = ${sub('index.txt')}
crlnumber = ${sub('crlnumber')}
default_md = sha256
default_crl_days = 7
crl_extensions = crl_ext
[crl_ext]
authorityKeyIdentifier = keyid:always
`);
  const out = sub('crl.pem');
  openssl(['ca', '-batch', '-config', conf, '-gencrl', '-keyfile', keyFile, '-cert', certFile, '-out', out]);
  return out;
}

/** Replaces the subject Name of a certificate (signature left stale: printing does not verify it). */
export function withSubject(certDer: Uint8Array, nameDer: Uint8Array): Uint8Array {
  const top = new DerReader(certDer);
  const cert = top.readSequence();
  const tbsEl = cert.next();
  const rest: Uint8Array[] = [];
  while (cert.hasMore()) rest.push(cert.next().raw);
  const tbs = top.enter(tbsEl);
  const parts: Uint8Array[] = [];
  while (tbs.hasMore()) parts.push(tbs.next().raw);
  const subjectIndex = parts[0][0] === 0xa0 ? 5 : 4;
  parts[subjectIndex] = nameDer;
  const w = new DerWriter();
  w.sequence((c) => {
    c.sequence((t) => parts.forEach((p) => t.raw(p)));
    rest.forEach((p) => c.raw(p));
  });
  return w.finish();
}

/** Rebuilds a certificate's TBS with `edit` applied to its list of top-level fields (signature left stale). */
export function editTbs(certDer: Uint8Array, edit: (fields: Uint8Array[]) => Uint8Array[]): Uint8Array {
  const top = new DerReader(certDer);
  const cert = top.readSequence();
  const tbsEl = cert.next();
  const rest: Uint8Array[] = [];
  while (cert.hasMore()) rest.push(cert.next().raw);
  const tbs = top.enter(tbsEl);
  const fields: Uint8Array[] = [];
  while (tbs.hasMore()) fields.push(tbs.next().raw);
  const w = new DerWriter();
  w.sequence((c) => {
    c.sequence((t) => edit(fields).forEach((p) => t.raw(p)));
    rest.forEach((p) => c.raw(p));
  });
  return w.finish();
}

export interface Atv {
  oid: string;
  tag: number;
  value: string | Uint8Array;
  /** Writes the value element itself (for non-string types); overrides tag/value. */
  raw?: Uint8Array;
}

/** Encodes a Name from RDNs without sorting the SET members (the order given is kept). */
export function encodeRawName(rdns: Atv[][]): Uint8Array {
  const w = new DerWriter();
  w.sequence((s) => {
    for (const rdn of rdns) s.set((set) => rdn.forEach((a) => set.sequence((x) => (a.raw ? x.oid(a.oid).raw(a.raw) : x.oid(a.oid).string(a.tag, a.value)))));
  });
  return w.finish();
}

export const T = Tag;
export const C = TagClass;
