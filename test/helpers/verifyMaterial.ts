/**
 * A small PKI made with `openssl ca` for the verification tests: roots, intermediates
 * and leaves with chosen extensions, validity dates, key types and digests, and CRLs.
 * Nothing is hand-edited except where a test says so (a flipped signature byte).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { TempDir, openssl } from './x509Material';

export type PkiKeyType = 'p256' | 'p384' | 'rsa2048' | 'rsa1024' | 'rsa-pss' | 'ed25519' | 'ed448';

const GENPKEY: Record<PkiKeyType, string[]> = {
  p256: ['-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256'],
  p384: ['-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-384'],
  rsa2048: ['-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:2048'],
  rsa1024: ['-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:1024'],
  'rsa-pss': ['-algorithm', 'RSA-PSS', '-pkeyopt', 'rsa_keygen_bits:2048'],
  ed25519: ['-algorithm', 'ED25519'],
  ed448: ['-algorithm', 'ED448'],
};

export interface Issued {
  readonly name: string;
  readonly key: string;
  readonly cert: string;
  readonly dir: string;
}

export interface IssueOptions {
  /** Extension lines for the certificate (openssl x509v3_config syntax). */
  readonly ext?: readonly string[];
  readonly subj?: string;
  readonly start?: string;
  readonly end?: string;
  readonly keyType?: PkiKeyType;
  /** Digest for the signature (ignored for EdDSA issuers). */
  readonly md?: string;
  /** Reuse an existing key file. */
  readonly key?: string;
  /** A v1 certificate (no extensions at all). */
  readonly v1?: boolean;
}

export const CA_EXT = ['basicConstraints=critical,CA:TRUE', 'keyUsage=critical,keyCertSign,cRLSign', 'subjectKeyIdentifier=hash', 'authorityKeyIdentifier=keyid:always'];
export const LEAF_EXT = ['basicConstraints=CA:FALSE', 'keyUsage=critical,digitalSignature', 'extendedKeyUsage=clientAuth', 'subjectKeyIdentifier=hash', 'authorityKeyIdentifier=keyid:always'];

export class Pki {
  private serial = 0x1000;
  constructor(readonly t: TempDir) {}

  private caDir(name: string): string {
    const dir = this.t.file(`ca-${name}`);
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'index.txt'), '');
    writeFileSync(path.join(dir, 'crlnumber'), '01\n');
    return dir;
  }

  private config(dir: string, ext: readonly string[], md: string, crlExt: readonly string[] = []): string {
    const f = path.join(dir, `ca-${this.serial}.cnf`);
    writeFileSync(f, `
[ca]
default_ca = d
[d]
database = ${dir}/index.txt
new_certs_dir = ${dir}
serial = ${dir}/serial
crlnumber = ${dir}/crlnumber
default_md = ${md}
default_days = 30
default_crl_days = 7
policy = pol
unique_subject = no
email_in_dn = yes
crl_extensions = crl_ext
[pol]
commonName = optional
[crl_ext]
authorityKeyIdentifier = keyid:always
${crlExt.join('\n')}
[ext]
${ext.join('\n')}
[req]
distinguished_name = dn
[dn]
`);
    return f;
  }

  key(name: string, type: PkiKeyType = 'p256'): string {
    const f = this.t.file(`${name}.key`);
    openssl(['genpkey', ...GENPKEY[type], '-out', f]);
    return f;
  }

  /** Issues a certificate; `issuer` undefined makes it self-signed. */
  issue(name: string, issuer: Issued | undefined, o: IssueOptions = {}): Issued {
    const key = o.key ?? this.key(name, o.keyType);
    const csr = this.t.file(`${name}.csr`);
    const subj = o.subj ?? `/CN=${name}`;
    openssl(['req', '-new', '-key', key, '-subj', subj, '-out', csr, '-config', this.config(this.t.dir, [], 'sha256')]);
    const dir = this.caDir(name);
    const signer = issuer ?? { name, key, cert: '', dir };
    const md = o.md ?? 'sha256';
    writeFileSync(path.join(signer.dir, 'serial'), `${(this.serial++).toString(16).padStart(4, '0')}\n`);
    const conf = this.config(signer.dir, o.ext ?? [], md);
    const out = this.t.file(`${name}.pem`);
    const args = ['ca', '-batch', '-notext', '-preserveDN', '-config', conf, ...(o.v1 ? [] : ['-extensions', 'ext']), '-in', csr, '-out', out, '-keyfile', signer.key, '-subj', subj];
    if (issuer) args.push('-cert', issuer.cert);
    else args.push('-selfsign');
    args.push('-startdate', o.start ?? '20200101000000Z', '-enddate', o.end ?? '20491231000000Z');
    openssl(args);
    return { name, key, cert: out, dir };
  }

  /** Revokes a certificate in its issuer's database (before gencrl). */
  revoke(issuer: Issued, cert: Issued): void {
    const conf = this.config(issuer.dir, [], 'sha256');
    openssl(['ca', '-config', conf, '-revoke', cert.cert, '-keyfile', issuer.key, '-cert', issuer.cert]);
  }

  /** A CRL from `issuer` with the revocations recorded so far. */
  crl(issuer: Issued, file: string, o: { last?: string; next?: string; md?: string; ext?: readonly string[] } = {}): string {
    const conf = this.config(issuer.dir, [], o.md ?? 'sha256', o.ext);
    const out = this.t.file(file);
    const args = ['ca', '-gencrl', '-config', conf, '-keyfile', issuer.key, '-cert', issuer.cert, '-out', out];
    if (o.last) args.push('-crl_lastupdate', o.last);
    if (o.next) args.push('-crl_nextupdate', o.next);
    openssl(args);
    return out;
  }

  /** Sets the next CRL number of an issuer (hex). */
  setCrlNumber(issuer: Issued, n: number): void {
    writeFileSync(path.join(issuer.dir, 'crlnumber'), `${n.toString(16).padStart(2, '0')}\n`);
  }

  /** Concatenates PEM files into one. */
  bundle(file: string, ...parts: Issued[]): string {
    return this.t.write(file, parts.map((p) => readFileSync(p.cert, 'latin1')).join(''));
  }
}
