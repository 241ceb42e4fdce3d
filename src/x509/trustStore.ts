/**
 * Certificate stores: the trusted certificates (`-CAfile`, `-CApath`, `-CAstore` and the
 * system defaults) and the CRLs that verification looks up.
 *
 * OpenSSL re-reads its hashed directory on every handshake (by_dir lookups are done per
 * verification). We read each file once: a `-CAfile` bundle is parsed when the store is
 * first used, and a `-CApath` directory is consulted lazily, one subject hash at a time
 * (files `%08x.N` for certificates and `%08x.rN` for CRLs, as `openssl rehash` writes
 * them), each hash read at most once. Everything loaded is indexed by canonical subject
 * name and by subject key identifier.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { Certificate, CERTIFICATE_LABELS, certificateFromPem, parseCertificate } from './certificate';
import { Crl, parseCrl } from './crl';
import { findExtension } from './extensions';
import type { Name } from './name';
import { nameHashHex, nameKey } from './nameCanon';
import { looksLikePem, parsePem } from './pem';

/** OPENSSLDIR of this system's openssl (`openssl version -d`). */
export const DEFAULT_OPENSSLDIR = '/usr/lib/ssl';

/** The default CA file and directory, honouring SSL_CERT_FILE / SSL_CERT_DIR as openssl does. */
export function defaultLocations(env: NodeJS.ProcessEnv = process.env): { file: string; dir: string[]; store: string } {
  const file = env.SSL_CERT_FILE ?? path.join(DEFAULT_OPENSSLDIR, 'cert.pem');
  const dir = (env.SSL_CERT_DIR ?? path.join(DEFAULT_OPENSSLDIR, 'certs')).split(':').filter((d) => d !== '');
  return { file, dir, store: env.SSL_CERT_URI ?? path.join(DEFAULT_OPENSSLDIR, 'certs') };
}

export class StoreLoadError extends Error {
  override readonly name = 'StoreLoadError';
}

/** Certificates and CRLs of one file (PEM with any mix of blocks, or one DER object). */
export function readCertsAndCrls(data: Uint8Array): { certs: Certificate[]; crls: Crl[] } {
  if (looksLikePem(data)) {
    const certs: Certificate[] = [];
    const crls: Crl[] = [];
    for (const b of parsePem(data)) {
      if (CERTIFICATE_LABELS.includes(b.label)) certs.push(certificateFromPem(b));
      else if (b.label === 'X509 CRL') crls.push(parseCrl(b.der));
    }
    return { certs, crls };
  }
  try {
    return { certs: [parseCertificate(data)], crls: [] };
  } catch {
    return { certs: [], crls: [parseCrl(data)] };
  }
}

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');

export class CertStore {
  private readonly bySubject = new Map<string, Certificate[]>();
  private readonly bySki = new Map<string, Certificate[]>();
  private readonly byDer = new Set<string>();
  private readonly crlsByIssuer = new Map<string, Crl[]>();
  private readonly dirs: string[] = [];
  /** `${dir}\0${hash}` already read. */
  private readonly dirHashesRead = new Set<string>();
  private readonly pendingFiles: string[] = [];

  /** Adds a trusted certificate (duplicates are ignored). */
  addCertificate(cert: Certificate): void {
    const key = hex(cert.der);
    if (this.byDer.has(key)) return;
    this.byDer.add(key);
    const k = nameKey(cert.subject);
    this.bySubject.set(k, [...(this.bySubject.get(k) ?? []), cert]);
    const ski = findExtension(cert.extensions, 'subjectKeyIdentifier');
    if (ski) this.bySki.set(hex(ski), [...(this.bySki.get(hex(ski)) ?? []), cert]);
  }

  addCrl(crl: Crl): void {
    const k = nameKey(crl.issuer);
    const list = this.crlsByIssuer.get(k) ?? [];
    if (!list.some((c) => Buffer.compare(c.der, crl.der) === 0)) list.push(crl);
    this.crlsByIssuer.set(k, list);
  }

  /** `-CAfile`: every certificate and CRL in the file, read when the store is first searched. */
  addFile(file: string): void {
    this.pendingFiles.push(file);
  }

  /** Reads a file now (for callers that must report a bad file at startup, as openssl does). */
  loadFileNow(file: string): void {
    let data: Buffer;
    try {
      data = readFileSync(file);
    } catch (e) {
      throw new StoreLoadError(`cannot read ${file}: ${(e as Error).message}`);
    }
    const { certs, crls } = readCertsAndCrls(data);
    if (certs.length === 0 && crls.length === 0) throw new StoreLoadError(`no certificate or CRL in ${file}`);
    certs.forEach((c) => this.addCertificate(c));
    crls.forEach((c) => this.addCrl(c));
  }

  /** `-CApath`: a hashed directory, searched lazily by subject hash. */
  addDirectory(dir: string): void {
    this.dirs.push(dir);
  }

  /**
   * `-CAstore`: a `file:` URI or a path. A file is read like `-CAfile`; a directory is a
   * hashed directory like `-CApath` (the file: loader looks certificates up by name hash).
   */
  addStore(uri: string): void {
    let p = uri;
    if (/^file:/i.test(p)) {
      p = p.replace(/^file:(\/\/localhost(?=\/)|\/\/(?=\/))?/i, '');
      p = decodeURIComponent(p);
    }
    let isDir = false;
    try {
      isDir = statSync(p).isDirectory();
    } catch {
      isDir = false;
    }
    if (isDir) this.addDirectory(p);
    else this.addFile(p);
  }

  private flushFiles(): void {
    while (this.pendingFiles.length > 0) {
      const f = this.pendingFiles.shift()!;
      try {
        this.loadFileNow(f);
      } catch {
        // openssl also goes on with what it could load (a default file may be absent).
      }
    }
  }

  private readDirHash(name: Name): void {
    if (this.dirs.length === 0) return;
    const h = nameHashHex(name);
    for (const dir of this.dirs) {
      const key = `${dir}\0${h}`;
      if (this.dirHashesRead.has(key)) continue;
      this.dirHashesRead.add(key);
      for (const [suffix, isCrl] of [['', false], ['r', true]] as const) {
        for (let n = 0; ; n++) {
          let data: Buffer;
          try {
            data = readFileSync(path.join(dir, `${h}.${suffix}${n}`));
          } catch {
            break; // openssl stops at the first missing sequence number
          }
          try {
            const got = readCertsAndCrls(data);
            if (!isCrl) got.certs.forEach((c) => this.addCertificate(c));
            got.crls.forEach((c) => this.addCrl(c));
          } catch {
            // an unreadable file is skipped
          }
        }
      }
    }
  }

  /** Trusted certificates whose subject equals `name` (X509_NAME_cmp). */
  certsBySubject(name: Name): Certificate[] {
    this.flushFiles();
    this.readDirHash(name);
    return this.bySubject.get(nameKey(name)) ?? [];
  }

  /** Trusted certificates with this subject key identifier (only those already loaded). */
  certsBySki(ski: Uint8Array): Certificate[] {
    this.flushFiles();
    return this.bySki.get(hex(ski)) ?? [];
  }

  /** Whether this exact certificate is trusted. */
  contains(cert: Certificate): boolean {
    this.certsBySubject(cert.subject);
    return this.byDer.has(hex(cert.der));
  }

  /** CRLs issued by `name`. */
  crlsByIssuerName(name: Name): Crl[] {
    this.flushFiles();
    this.readDirHash(name);
    return this.crlsByIssuer.get(nameKey(name)) ?? [];
  }

  /** Every certificate loaded so far (files are read; directories only for hashes already looked up). */
  loadedCertificates(): Certificate[] {
    this.flushFiles();
    return [...this.bySubject.values()].flat();
  }

  get isEmpty(): boolean {
    return this.pendingFiles.length === 0 && this.dirs.length === 0 && this.byDer.size === 0 && this.crlsByIssuer.size === 0;
  }
}

/** The CA options of s_server (and verify). */
export interface CaOptions {
  readonly CAfile?: string;
  readonly CApath?: string;
  readonly CAstore?: string;
  readonly noCAfile?: boolean;
  readonly noCApath?: boolean;
  readonly noCAstore?: boolean;
}

/**
 * The trust store s_server builds (ctx_set_verify_locations): the given locations, or,
 * when none of -CAfile, -CApath and -CAstore is given, the system defaults except those
 * turned off by -no-CAfile, -no-CApath, -no-CAstore. A given -CAfile that cannot be read
 * is an error at startup, as in openssl.
 */
export function buildTrustStore(o: CaOptions, env: NodeJS.ProcessEnv = process.env): CertStore {
  const store = new CertStore();
  if (o.CAfile === undefined && o.CApath === undefined && o.CAstore === undefined) {
    const d = defaultLocations(env);
    if (!o.noCAfile) store.addFile(d.file);
    if (!o.noCApath) d.dir.forEach((x) => store.addDirectory(x));
    if (!o.noCAstore) store.addStore(d.store);
    return store;
  }
  if (o.CAfile !== undefined) store.loadFileNow(o.CAfile);
  if (o.CApath !== undefined) store.addDirectory(o.CApath);
  if (o.CAstore !== undefined) store.addStore(o.CAstore);
  return store;
}

/** `-chainCAfile`/`-chainCApath`, `-verifyCAfile`/`-verifyCApath`: a store of its own, or undefined. */
export function optionalStore(file?: string, dir?: string, storeUri?: string): CertStore | undefined {
  if (file === undefined && dir === undefined && storeUri === undefined) return undefined;
  const s = new CertStore();
  if (file !== undefined) s.loadFileNow(file);
  if (dir !== undefined) s.addDirectory(dir);
  if (storeUri !== undefined) s.addStore(storeUri);
  return s;
}

/** Lists a hashed directory's entries (for diagnostics and tests). */
export function hashedEntries(dir: string): string[] {
  return readdirSync(dir).filter((f) => /^[0-9a-f]{8}\.r?\d+$/.test(f)).sort();
}
