/**
 * Trust stores: the subject-name hash against `openssl x509 -hash` (crafted names and
 * every certificate of the system's hashed directory), `openssl rehash` directories used
 * through -CApath, -CAstore URIs, the default locations, and lazy loading.
 */
import test from 'ava';
import { existsSync, mkdirSync, readFileSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import { execFileSync, spawnSync } from 'node:child_process';
import { T, TempDir, encodeRawName, genKey, openssl, selfSigned, withSubject, Atv } from '../helpers/x509Material';
import { CA_EXT, LEAF_EXT, Pki } from '../helpers/verifyMaterial';
import { NODE_CRYPTO_ORACLE } from '../helpers/nodeCryptoOracle';
import { setX509Crypto } from '../../src/x509/crypto';
import { loadCertificates } from '../../src/x509/certificate';
import { nameHashHex, namesEqual } from '../../src/x509/nameCanon';
import { parseName } from '../../src/x509/name';
import { CertStore, buildTrustStore, defaultLocations } from '../../src/x509/trustStore';
import { verifyCertificate } from '../../src/x509/verify';
import { encodePem } from '../../src/x509/pem';

const t = new TempDir();
let baseDer: Uint8Array;

test.before(() => {
  setX509Crypto(NODE_CRYPTO_ORACLE);
  const key = genKey(t, 'p256');
  baseDer = loadCertificates(readFileSync(selfSigned(t, key, 'base', { extensions: false })))[0].der;
});

test.after.always(() => t.remove());

const CN = '2.5.4.3';
const O = '2.5.4.10';
const OU = '2.5.4.11';
const EMAIL = '1.2.840.113549.1.9.1';
const DC = '0.9.2342.19200300.100.1.25';
const utf8 = (s: string): Atv => ({ oid: CN, tag: T.UTF8String, value: s });
const bmp = (s: string): Uint8Array => Buffer.from(Array.from(s).flatMap((c) => [c.charCodeAt(0) >> 8, c.charCodeAt(0) & 0xff]));
const univ = (s: string): Uint8Array => Buffer.from(Array.from(s).flatMap((c) => {
  const v = c.codePointAt(0)!;
  return [(v >>> 24) & 0xff, (v >>> 16) & 0xff, (v >>> 8) & 0xff, v & 0xff];
}));

const NAMES: Array<[string, Atv[][]]> = [
  ['plain', [[utf8('Test Root')]]],
  ['upper case', [[utf8('TEST ROOT')]]],
  ['leading, trailing and inner spaces', [[utf8('   Test    Root  ')]]],
  ['tabs and newlines', [[utf8('\tTest\n\r Root\f')]]],
  ['UTF-8 accents', [[utf8('Éric Ça Été')]]],
  ['UTF-8 CJK', [[utf8('日本 認証局')]]],
  ['PrintableString', [[{ oid: CN, tag: T.PrintableString, value: 'Mixed Case Name' }]]],
  ['IA5String email', [[{ oid: EMAIL, tag: T.IA5String, value: 'Admin@Example.COM' }]]],
  ['T61String latin1', [[{ oid: O, tag: T.T61String, value: Buffer.from([0x43, 0x61, 0xe9, 0x20, 0x20, 0x41]) }]]],
  ['BMPString', [[{ oid: CN, tag: T.BMPString, value: bmp('Bmp  Name') }]]],
  ['UniversalString', [[{ oid: CN, tag: T.UniversalString, value: univ('Univ 😀 Name') }]]],
  ['NumericString (not canonicalised)', [[{ oid: '2.5.4.5', tag: 18, value: '0123 456' }]]],
  ['several RDNs', [[{ oid: '2.5.4.6', tag: T.PrintableString, value: 'FR' }], [{ oid: O, tag: T.UTF8String, value: 'Org' }], [{ oid: OU, tag: T.UTF8String, value: 'Unit' }], [utf8('Name')]]],
  ['multi-valued RDN, unsorted', [[utf8('zzz'), { oid: O, tag: T.UTF8String, value: 'AAA' }]]],
  ['multi-valued RDN, other order', [[{ oid: O, tag: T.UTF8String, value: 'AAA' }, utf8('zzz')]]],
  ['domain components', [[{ oid: DC, tag: T.IA5String, value: 'COM' }], [{ oid: DC, tag: T.IA5String, value: 'Example' }], [utf8('host')]]],
  ['unknown attribute', [[{ oid: '1.2.3.4.5', tag: T.UTF8String, value: ' Odd  Value ' }]]],
  ['empty value', [[utf8('')]]],
  ['only spaces', [[utf8('    ')]]],
  ['empty name', []],
];

for (const [title, rdns] of NAMES) {
  test(`subject hash matches openssl x509 -hash: ${title}`, (t2) => {
    const nameDer = encodeRawName(rdns);
    const cert = withSubject(baseDer, nameDer);
    const file = t.write(`hash-${title.replace(/\W+/g, '_')}.pem`, encodePem('CERTIFICATE', cert));
    const expected = openssl(['x509', '-in', file, '-noout', '-hash']).toString().trim();
    t2.is(nameHashHex(parseName(nameDer)), expected);
  });
}

test('names equal as X509_NAME_cmp: case, spaces and string type do not matter', (t2) => {
  const a = parseName(encodeRawName([[utf8('Test  Root')]]));
  const b = parseName(encodeRawName([[{ oid: CN, tag: T.PrintableString, value: ' test root ' }]]));
  const c = parseName(encodeRawName([[utf8('Test Root 2')]]));
  t2.true(namesEqual(a, b));
  t2.false(namesEqual(a, c));
});

test('every certificate of the system hashed directory is found under its file name', (t2) => {
  const dir = defaultLocations({}).dir[0];
  const files = existsSync(dir) ? readdirSync(dir).filter((f) => /^[0-9a-f]{8}\.\d+$/.test(f)) : [];
  t2.true(files.length > 10, `no hashed certificates in ${dir}`);
  for (const f of files) {
    const cert = loadCertificates(readFileSync(path.join(dir, f)))[0];
    t2.is(nameHashHex(cert.subject), f.slice(0, 8), f);
  }
});

test('openssl rehash directories: -CApath finds the issuer, lazily, and agrees with openssl verify', (t2) => {
  const pki = new Pki(t);
  const root = pki.issue('hroot', undefined, { ext: CA_EXT, subj: '/O=Hash Test/CN=Hash  Root' });
  const other = pki.issue('hother', undefined, { ext: CA_EXT });
  const int = pki.issue('hint', root, { ext: CA_EXT });
  const leaf = pki.issue('hleaf', int, { ext: LEAF_EXT });
  pki.revoke(int, leaf);
  const crl = pki.crl(int, 'hint.crl.pem');
  const dir = t.file('capath');
  mkdirSync(dir);
  for (const f of [root.cert, other.cert, int.cert, crl]) execFileSync('cp', [f, dir]);
  openssl(['rehash', dir]);
  t2.true(readdirSync(dir).some((f) => /\.r0$/.test(f)), 'rehash wrote the CRL link');

  const store = new CertStore();
  store.addDirectory(dir);
  t2.deepEqual(store.loadedCertificates(), []);
  const leafCert = loadCertificates(readFileSync(leaf.cert))[0];
  const r = verifyCertificate(leafCert, { trusted: store });
  t2.true(r.ok, JSON.stringify(r.events.filter((e) => e.ok === 0).map((e) => [e.error, e.depth])));
  const expectedChain = [leaf, int, root].map((i) => Buffer.from(loadCertificates(readFileSync(i.cert))[0].der).toString('hex'));
  t2.deepEqual(r.chain.map((c) => Buffer.from(c.der).toString('hex')), expectedChain);
  // Only the hashes looked up were read: the unrelated root was not.
  t2.is(store.loadedCertificates().length, 2);
  t2.notThrows(() => openssl(['verify', '-no-CAfile', '-no-CAstore', '-CApath', dir, leaf.cert]));

  // The CRL in the directory is found by the issuer's hash, as openssl does with -crl_check.
  const rc = verifyCertificate(leafCert, { trusted: store, crlCheck: true });
  t2.false(rc.ok);
  t2.deepEqual([rc.error, rc.errorDepth], [23, 0]);
  const e = t2.throws(() => execFileSync('openssl', ['verify', '-no-CAfile', '-no-CAstore', '-CApath', dir, '-crl_check', leaf.cert], { stdio: ['ignore', 'pipe', 'pipe'] }));
  t2.regex(String((e as unknown as { stderr: Buffer }).stderr), /error 23 at 0 depth lookup/);
});

test('-CAstore: file: URIs and plain paths; -CAfile; defaults from SSL_CERT_FILE/SSL_CERT_DIR', (t2) => {
  const pki = new Pki(t);
  const root = pki.issue('sroot', undefined, { ext: CA_EXT });
  const leaf = pki.issue('sleaf', root, { ext: LEAF_EXT });
  const leafCert = loadCertificates(readFileSync(leaf.cert))[0];
  for (const uri of [`file://${root.cert}`, `file:${root.cert}`, root.cert]) {
    const s = new CertStore();
    s.addStore(uri);
    t2.true(verifyCertificate(leafCert, { trusted: s }).ok, uri);
  }
  t2.true(verifyCertificate(leafCert, { trusted: buildTrustStore({ CAfile: root.cert }) }).ok);
  // A directory given to -CAstore is searched by subject hash, as openssl's file: loader
  // does: without `openssl rehash` the root is not found (by either).
  const sdir = t.file('castore-dir');
  mkdirSync(sdir);
  execFileSync('cp', [root.cert, sdir]);
  const viaStore = (): boolean => verifyCertificate(leafCert, { trusted: buildTrustStore({ CAstore: sdir }) }).ok;
  const viaOpenssl = (): boolean => spawnSync('openssl', ['verify', '-no-CAfile', '-no-CApath', '-CAstore', sdir, leaf.cert]).status === 0;
  t2.false(viaStore());
  t2.false(viaOpenssl());
  openssl(['rehash', sdir]);
  t2.true(viaStore());
  t2.true(viaOpenssl());
  // Defaults: nothing given, so SSL_CERT_FILE is used; -no-CAfile turns it off.
  const env = { SSL_CERT_FILE: root.cert, SSL_CERT_DIR: t.file('nonexistent'), SSL_CERT_URI: t.file('nonexistent2') };
  t2.true(verifyCertificate(leafCert, { trusted: buildTrustStore({}, env) }).ok);
  const r = verifyCertificate(leafCert, { trusted: buildTrustStore({ noCAfile: true }, env) });
  t2.deepEqual([r.ok, r.error], [false, 20]);
  // A given -CAfile that cannot be read fails at once, as openssl refuses to start.
  t2.throws(() => buildTrustStore({ CAfile: t.file('missing.pem') }));
});
