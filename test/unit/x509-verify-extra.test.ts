/**
 * The embedded default certificate, -build_chain, -crl_download, -policy_print output,
 * verifyClientChain and option parsing.
 */
import test from 'ava';
import { createServer, Server } from 'node:http';
import { execFile, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { TempDir, openssl } from '../helpers/x509Material';
import { CA_EXT, LEAF_EXT, Pki } from '../helpers/verifyMaterial';
import { NODE_CRYPTO_ORACLE } from '../helpers/nodeCryptoOracle';
import { setX509Crypto } from '../../src/x509/crypto';
import { loadCertificates } from '../../src/x509/certificate';
import { CertStore } from '../../src/x509/trustStore';
import { OPENSSL_VERIFY_APP_CALLBACK, verifyCertificate } from '../../src/x509/verify';
import { generateDefaultCertificate, useDefaultCertificate } from '../../src/x509/defaultCert';
import { buildServerChain } from '../../src/x509/buildChain';
import { crlDownloadUri, downloadCrls } from '../../src/x509/crlDownload';
import { policyLines } from '../../src/x509/policy';
import { longName } from '../../src/x509/oids';
import { parseVerifyArgs, VerifyArgError } from '../../src/x509/verifyArgs';
import { verifyClientChain } from '../../src/x509/clientVerify';
import { Alert, VErr } from '../../src/x509/verifyErrors';
import { parseIpAddress } from '../../src/x509/nameCheck';
import { loadPrivateKey } from '../../src/x509/keys';

const t = new TempDir();
const pki = new Pki(t);

test.before(() => setX509Crypto(NODE_CRYPTO_ORACLE));
test.after.always(() => t.remove());

const cert = (f: string) => loadCertificates(readFileSync(f))[0];

test('default certificate: self-signed P-256 for localhost, 127.0.0.1, ::1, accepted by openssl', (t2) => {
  const d = generateDefaultCertificate();
  const cf = t.write('default.pem', d.certificatePem);
  const kf = t.write('default.key', d.keyPem);
  const text = openssl(['x509', '-in', cf, '-noout', '-text']).toString();
  t2.regex(text, /Subject: CN = localhost/);
  t2.regex(text, /ecdsa-with-SHA256/);
  t2.regex(text, /NIST CURVE: P-256/);
  t2.regex(text, /DNS:localhost, IP Address:127\.0\.0\.1, IP Address:0:0:0:0:0:0:0:1/);
  t2.regex(text, /TLS Web Server Authentication/);
  for (const v of [['-verify_hostname', 'localhost'], ['-verify_ip', '127.0.0.1'], ['-verify_ip', '::1']]) {
    t2.regex(openssl(['verify', '-no-CApath', '-no-CAstore', '-CAfile', cf, '-purpose', 'sslserver', ...v, cf]).toString(), /OK/);
  }
  // The key is the certificate's key, and both load with our own parsers.
  t2.is(openssl(['pkey', '-in', kf, '-pubout']).toString(), openssl(['x509', '-in', cf, '-noout', '-pubkey']).toString());
  t2.is(loadPrivateKey(readFileSync(kf)).type, 'ec');
  const store = new CertStore();
  store.addCertificate(d.certificate);
  t2.true(verifyCertificate(d.certificate, { trusted: store, hosts: ['localhost'], ip: parseIpAddress('::1'), purpose: 'sslserver' }).ok);
  t2.regex(d.notice, /^[^\n]+$/);
  // Two generations give different keys and serials.
  const d2 = generateDefaultCertificate();
  t2.not(d2.certificate.serialNumber, d.certificate.serialNumber);
});

test('default certificate is used only without -cert and without server.pem', (t2) => {
  t2.true(useDefaultCertificate(undefined, () => false));
  t2.false(useDefaultCertificate(undefined, (f) => f === 'server.pem'));
  t2.false(useDefaultCertificate('my.pem', () => false));
});

test('-build_chain: the chain from the chain store, root kept; a missing issuer fails as openssl does', (t2) => {
  const root = pki.issue('broot', undefined, { ext: CA_EXT });
  const int = pki.issue('bint', root, { ext: CA_EXT });
  const srv = pki.issue('bsrv', int, { ext: ['basicConstraints=CA:FALSE', 'subjectAltName=DNS:localhost'] });
  const store = new CertStore();
  store.loadFileNow(pki.bundle('bstore.pem', root, int));
  const b = buildServerChain(cert(srv.cert), store);
  t2.true(b.ok);
  t2.deepEqual(b.chain.map((c) => Buffer.from(c.der).toString('hex')), [int, root].map((i) => Buffer.from(cert(i.cert).der).toString('hex')));
  const onlyRoot = new CertStore();
  onlyRoot.loadFileNow(root.cert);
  const bad = buildServerChain(cert(srv.cert), onlyRoot);
  t2.false(bad.ok);
  t2.is(bad.error, VErr.UNABLE_TO_GET_ISSUER_CERT_LOCALLY);
  t2.deepEqual(bad.messages, ['error building certificate chain', 'Verify error:unable to get local issuer certificate']);
});

function listen(server: Server): Promise<number> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => {
    const a = server.address();
    resolve(typeof a === 'object' && a ? a.port : 0);
  }));
}

function run(args: string[]): Promise<{ code: number; stderr: string }> {
  return new Promise((resolve) => {
    execFile('openssl', args, (err, _stdout, stderr) => resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stderr }));
  });
}

test('-crl_download: CRLs fetched over http from the distribution point; same verdict as openssl', async (t2) => {
  const crlBody: { data?: Buffer } = {};
  const server = createServer((req, res) => {
    if (req.url === '/int.crl' && crlBody.data) {
      res.writeHead(200, { 'content-type': 'application/pkix-crl' });
      res.end(crlBody.data);
    } else {
      res.writeHead(404);
      res.end();
    }
  });
  const port = await listen(server);
  try {
    const root = pki.issue('droot', undefined, { ext: CA_EXT });
    const int = pki.issue('dint', root, { ext: CA_EXT });
    const cdp = `crlDistributionPoints=URI:http://127.0.0.1:${port}/int.crl`;
    const revoked = pki.issue('drevoked', int, { ext: [...LEAF_EXT, cdp] });
    const good = pki.issue('dgood', int, { ext: [...LEAF_EXT, cdp] });
    const nowhere = pki.issue('dnowhere', int, { ext: [...LEAF_EXT, `crlDistributionPoints=URI:http://127.0.0.1:${port}/missing.crl`] });
    pki.revoke(int, revoked);
    crlBody.data = openssl(['crl', '-in', pki.crl(int, 'dint.crl.pem'), '-outform', 'DER']);
    t2.is(crlDownloadUri(cert(revoked.cert)), `http://127.0.0.1:${port}/int.crl`);
    const untrusted = pki.bundle('duntrusted.pem', int);
    for (const [leaf, expected] of [[revoked, 23], [good, 0], [nowhere, 3]] as const) {
      const store = new CertStore();
      store.loadFileNow(root.cert);
      const crls = await downloadCrls([cert(leaf.cert)]);
      const r = verifyCertificate(cert(leaf.cert), { trusted: store, untrusted: [cert(int.cert)], crls, crlCheck: true }, OPENSSL_VERIFY_APP_CALLBACK);
      const theirs = await run(['verify', '-no-CApath', '-no-CAstore', '-CAfile', root.cert, '-untrusted', untrusted, '-crl_download', '-crl_check', leaf.cert]);
      t2.is(r.error, expected, leaf.name);
      t2.is(theirs.code === 0, r.ok, theirs.stderr);
      if (expected !== 0) t2.regex(theirs.stderr, new RegExp(`error ${expected} at 0 depth lookup`));
    }
  } finally {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
});

test('-policy_print: the policy sets as openssl verify prints them', (t2) => {
  const root = pki.issue('proot', undefined, { ext: CA_EXT });
  const int = pki.issue('pint', root, { ext: [...CA_EXT, 'certificatePolicies=critical,1.2.3.4,2.5.29.32.0'] });
  const leaf = pki.issue('pleaf', int, { ext: [...LEAF_EXT, 'certificatePolicies=1.2.3.4,1.2.3.7'] });
  const untrusted = pki.bundle('puntrusted.pem', int);
  for (const opts of [['-policy_print', '-policy_check'], ['-policy_print', '-explicit_policy', '-policy', '1.2.3.4'], ['-policy_print', '-policy', '1.2.3.7'], ['-policy_print', '-explicit_policy']]) {
    const store = new CertStore();
    store.loadFileNow(root.cert);
    const lines: string[] = [];
    const r = verifyCertificate(cert(leaf.cert), { ...parseVerifyArgs(opts), trusted: store, untrusted: [cert(int.cert)] }, (ok, ev) => {
      if (ok === 2 || ev.error === VErr.NO_EXPLICIT_POLICY) lines.push(...policyLines(ev.policy, (o) => (o === '2.5.29.32.0' ? 'X509v3 Any Policy' : longName(o))));
      return OPENSSL_VERIFY_APP_CALLBACK(ok, ev);
    });
    void r;
    // openssl prints the sets on stderr (after the error line when there is one).
    const theirs = spawnSync('openssl', ['verify', '-no-CApath', '-no-CAstore', '-CAfile', root.cert, '-untrusted', untrusted, ...opts, leaf.cert], { encoding: 'latin1' }).stderr;
    const expected = theirs.split('\n').filter((l) => /^(Require explicit|Authority Policies|User Policies| {2,})/.test(l));
    t2.true(lines.length >= 3);
    t2.deepEqual(lines, expected, opts.join(' '));
  }
});

test('verifyClientChain: proceed or alert, and the lines', (t2) => {
  const root = pki.issue('vroot', undefined, { ext: CA_EXT });
  const client = pki.issue('vclient', root, { ext: LEAF_EXT });
  const expired = pki.issue('vexpired', root, { ext: LEAF_EXT, start: '20100101000000Z', end: '20110101000000Z' });
  const store = new CertStore();
  store.loadFileNow(root.cert);
  const ok = verifyClientChain([cert(client.cert)], { trusted: store, securityLevel: 2, callback: { depth: 2 } });
  t2.true(ok.proceed);
  t2.is(ok.alert, undefined);
  t2.deepEqual(ok.lines.map(String), ['depth=1 CN = vroot', 'verify return:1', 'depth=0 CN = vclient', 'verify return:1']);
  const soft = verifyClientChain([cert(expired.cert)], { trusted: store, securityLevel: 2, callback: { depth: 2 } });
  t2.true(soft.proceed);
  t2.is(soft.verifyResult, VErr.CERT_HAS_EXPIRED);
  const hard = verifyClientChain([cert(expired.cert)], { trusted: store, securityLevel: 2, callback: { depth: 2, returnError: true } });
  t2.false(hard.proceed);
  t2.is(hard.alert, Alert.certificate_expired);
  t2.deepEqual(hard.lines.map(String).slice(-3), ['depth=0 CN = vexpired', 'verify error:num=10:certificate has expired', 'notAfter=Jan  1 00:00:00 2011 GMT']);
});

test('verification options: values, names and errors', (t2) => {
  const o = parseVerifyArgs(['-attime', '100', '-verify_depth', '3', '-purpose', 'sslserver', '-verify_hostname', 'a', '-verify_hostname', 'b', '-verify_ip', '::1', '-policy', '1.2.3', '-suiteB_192', '-crl_check_all', '-x509_strict']);
  t2.is(o.atTime?.getTime(), 100_000);
  t2.is(o.depth, 3);
  t2.is(o.purpose, 'sslserver');
  t2.deepEqual(o.hosts, ['a', 'b']);
  t2.is(o.ip?.length, 16);
  t2.deepEqual(o.policies, ['1.2.3']);
  t2.is(o.suiteB, '192');
  t2.true(o.crlCheckAll && o.x509Strict);
  t2.is(parseVerifyArgs(['-verify_name', 'ssl_client']).purpose, 'sslclient');
  t2.throws(() => parseVerifyArgs(['-purpose', 'nope']), { instanceOf: VerifyArgError });
  t2.throws(() => parseVerifyArgs(['-verify_ip', '1.2.3']), { instanceOf: VerifyArgError });
  t2.throws(() => parseVerifyArgs(['-verify_depth']), { instanceOf: VerifyArgError });
  t2.throws(() => parseVerifyArgs(['-bogus']), { instanceOf: VerifyArgError });
  t2.deepEqual(Array.from(parseIpAddress('1:2::8')!), [0, 1, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 8]);
  t2.is(parseIpAddress('1::2::3'), undefined);
  t2.deepEqual(Array.from(parseIpAddress('::ffff:10.0.0.1')!).slice(10), [0xff, 0xff, 10, 0, 0, 1]);
});

test('-trusted_first off: alternative chains unless -no_alt_chains', (t2) => {
  // The peer sends leaf, int, a cross-certificate of the root (same name and key, issued
  // by an old root) and the old root; only the root itself is trusted.
  const root = pki.issue('aroot', undefined, { ext: CA_EXT, subj: '/CN=aroot' });
  const oldRoot = pki.issue('aold', undefined, { ext: CA_EXT });
  const cross = pki.issue('across', oldRoot, { ext: CA_EXT, subj: '/CN=aroot', key: root.key });
  const int = pki.issue('aint', root, { ext: CA_EXT });
  const leaf = cert(pki.issue('aleaf', int, { ext: LEAF_EXT }).cert);
  const store = new CertStore();
  store.loadFileNow(root.cert);
  const base = { trusted: store, untrusted: [cert(int.cert), cert(cross.cert), cert(oldRoot.cert)] };
  const rootDer = Buffer.from(cert(root.cert).der).toString('hex');
  const top = (r: { chain: readonly { der: Uint8Array }[] }): string => Buffer.from(r.chain[r.chain.length - 1].der).toString('hex');
  // Trusted first: the store is searched before the peer's certificates.
  const tf = verifyCertificate(leaf, base);
  t2.true(tf.ok);
  t2.is(top(tf), rootDer);
  // Untrusted first: the chain through the cross-certificate ends at an untrusted root,
  // and the alternative chain to the trusted root is found.
  const alt = verifyCertificate(leaf, { ...base, trustedFirst: false });
  t2.true(alt.ok);
  t2.is(top(alt), rootDer);
  const noAlt = verifyCertificate(leaf, { ...base, trustedFirst: false, noAltChains: true });
  t2.deepEqual([noAlt.ok, noAlt.error, noAlt.errorDepth], [false, VErr.SELF_SIGNED_CERT_IN_CHAIN, 3]);
});
