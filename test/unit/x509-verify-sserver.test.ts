/**
 * The verify callback lines and the alert, against a real `openssl s_server -verify`:
 * an `openssl s_client` presents a client chain, s_server's stderr is compared with the
 * lines sServerVerifyCallback produces for the same chain and options, and with
 * -verify_return_error the alert the client reports is the one alertForVerifyError names.
 */
import test from 'ava';
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { readFileSync } from 'node:fs';
import { TempDir } from '../helpers/x509Material';
import { CA_EXT, Issued, LEAF_EXT, Pki } from '../helpers/verifyMaterial';
import { NODE_CRYPTO_ORACLE } from '../helpers/nodeCryptoOracle';
import { setX509Crypto } from '../../src/x509/crypto';
import { loadCertificates } from '../../src/x509/certificate';
import { loadCrls } from '../../src/x509/crl';
import { CertStore } from '../../src/x509/trustStore';
import { verifyPeerChain } from '../../src/x509/verify';
import { sServerVerifyCallback, verifyCallbackLines } from '../../src/x509/verifyCallback';
import { Alert, alertForVerifyError } from '../../src/x509/verifyErrors';

const t = new TempDir();
const pki = new Pki(t);
const M: Record<string, Issued> = {};
const CRL: { file: string } = { file: '' };

test.before(() => {
  setX509Crypto(NODE_CRYPTO_ORACLE);
  M.root = pki.issue('root', undefined, { ext: CA_EXT });
  M.int = pki.issue('int', M.root, { ext: CA_EXT });
  M.server = pki.issue('server', M.root, { ext: ['basicConstraints=CA:FALSE', 'subjectAltName=DNS:localhost'] });
  M.client = pki.issue('client', M.int, { ext: LEAF_EXT, subj: '/O=Org, Inc./CN=client one' });
  M.expired = pki.issue('expired', M.int, { ext: LEAF_EXT, start: '20100101000000Z', end: '20120101000000Z' });
  M.self = pki.issue('self', undefined, { ext: LEAF_EXT });
  M.serverOnly = pki.issue('serverOnly', M.int, { ext: ['basicConstraints=CA:FALSE', 'extendedKeyUsage=serverAuth'] });
  M.intExpired = pki.issue('intExpired', M.root, { ext: CA_EXT, start: '20100101000000Z', end: '20120101000000Z' });
  M.underExpired = pki.issue('underExpired', M.intExpired, { ext: LEAF_EXT });
  M.notCa = pki.issue('notCa', M.root, { ext: ['basicConstraints=critical,CA:FALSE', 'keyUsage=critical,digitalSignature', 'subjectKeyIdentifier=hash', 'authorityKeyIdentifier=keyid:always'] });
  M.underNotCa = pki.issue('underNotCa', M.notCa, { ext: LEAF_EXT });
  M.ncInt = pki.issue('ncInt', M.root, { ext: [...CA_EXT, 'nameConstraints=critical,permitted;DNS:.example.com'] });
  M.ncBad = pki.issue('ncBad', M.ncInt, { ext: [...LEAF_EXT, 'subjectAltName=DNS:evil.org'] });
  M.revoked = pki.issue('revoked', M.int, { ext: LEAF_EXT });
  pki.revoke(M.int, M.revoked);
  CRL.file = pki.crl(M.int, 'int.crl.pem');
});

test.after.always(() => t.remove());

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      s.close(() => resolve(typeof a === 'object' && a ? a.port : 0));
    });
  });
}

interface Run {
  serverErr: string;
  clientErr: string;
}

/** One handshake: s_server with `serverArgs`, s_client presenting `client` and `chain`. */
async function handshake(serverArgs: string[], client: Issued, chain: Issued[], clientExtra: string[] = []): Promise<Run> {
  const port = await freePort();
  const server = spawn('openssl', ['s_server', '-accept', `127.0.0.1:${port}`, '-naccept', '1', '-cert', M.server.cert, '-key', M.server.key,
    '-no-CApath', '-no-CAstore', '-CAfile', M.root.cert, ...serverArgs], { stdio: ['pipe', 'pipe', 'pipe'] });
  let serverErr = '';
  let serverOut = '';
  server.stderr.on('data', (d: Buffer) => (serverErr += d.toString('latin1')));
  const exited = new Promise<void>((resolve) => server.on('exit', () => resolve()));
  try {
    await new Promise<void>((resolve, reject) => {
      server.stdout.on('data', (d: Buffer) => {
        serverOut += d.toString('latin1');
        if (serverOut.includes('ACCEPT')) resolve();
      });
      server.on('exit', () => reject(new Error(`s_server exited: ${serverErr}`)));
    });
    const chainFile = pki.bundle(`chain-${port}.pem`, ...chain);
    const clientArgs = ['s_client', '-connect', `127.0.0.1:${port}`, '-cert', client.cert, '-key', client.key, '-servername', 'localhost', ...clientExtra];
    if (chain.length > 0) clientArgs.push('-cert_chain', chainFile);
    const c = spawn('openssl', clientArgs, { stdio: ['pipe', 'pipe', 'pipe'] });
    let clientErr = '';
    let clientOut = '';
    c.stderr.on('data', (d: Buffer) => (clientErr += d.toString('latin1')));
    // Close the client's input once the handshake is over (the session is printed).
    c.stdout.on('data', (d: Buffer) => {
      clientOut += d.toString('latin1');
      if (/Verify return code|---\n/.test(clientOut)) c.stdin.end();
    });
    await new Promise<void>((resolve) => c.on('exit', () => resolve()));
    server.stdin.end();
    await exited;
    return { serverErr, clientErr };
  } finally {
    if (server.exitCode === null) server.kill();
  }
}

/** The callback's lines in s_server's stderr (everything but the banner and the error queue). */
function callbackLines(stderr: string): string[] {
  return stderr.split('\n').filter((l) => l !== '' && !l.startsWith('verify depth is') && l !== 'ERROR' && !/^verify error:[^n]/.test(l) && !l.includes(':error:') && !l.startsWith('shutting down'));
}

function ours(client: Issued, chain: Issued[], args: { depth: number; returnError?: boolean; quiet?: boolean; crl?: boolean }) {
  const store = new CertStore();
  store.loadFileNow(M.root.cert);
  const certs = [client, ...chain].map((i) => loadCertificates(readFileSync(i.cert))[0]);
  const cb = sServerVerifyCallback(args);
  const crlOpts = args.crl ? { crlCheck: true, crls: loadCrls(readFileSync(CRL.file)) } : {};
  const r = verifyPeerChain(certs, { trusted: store, authLevel: 2, ...crlOpts }, cb.callback);
  // Rendering from the recorded events gives the same lines.
  const again = verifyCallbackLines(r.events, args).map((b) => b.toString('latin1'));
  return { result: r, lines: cb.lines.map((b) => b.toString('latin1')), again };
}

const CASES: Array<{ title: string; client: string; chain: string[]; args: string[]; depth: number; returnError?: boolean; quiet?: boolean; alert?: number; crl?: boolean }> = [
  { title: 'CA:FALSE intermediate with keyUsage (79, then 32)', client: 'underNotCa', chain: ['notCa'], args: ['-verify', '2'], depth: 2 },
  { title: 'name constraint violation', client: 'ncBad', chain: ['ncInt'], args: ['-verify', '2'], depth: 2 },
  { title: 'revoked, -crl_check', client: 'revoked', chain: ['int'], args: ['-verify', '2', '-crl_check', '-CRL', '<crl>'], depth: 2, crl: true },
  { title: 'revoked, -crl_check, return error', client: 'revoked', chain: ['int'], args: ['-verify', '2', '-crl_check', '-CRL', '<crl>', '-verify_return_error'], depth: 2, crl: true, returnError: true, alert: Alert.certificate_revoked },
  { title: 'good chain', client: 'client', chain: ['int'], args: ['-verify', '2'], depth: 2 },
  { title: 'self-signed client', client: 'self', chain: [], args: ['-verify', '1'], depth: 1 },
  { title: 'expired client (notAfter repeats)', client: 'expired', chain: ['int'], args: ['-verify', '2'], depth: 2 },
  { title: 'client without its intermediate', client: 'client', chain: [], args: ['-verify', '2'], depth: 2 },
  { title: 'wrong purpose', client: 'serverOnly', chain: ['int'], args: ['-verify', '2'], depth: 2 },
  { title: 'quiet, good chain', client: 'client', chain: ['int'], args: ['-verify', '2', '-verify_quiet'], depth: 2, quiet: true },
  { title: 'quiet, expired', client: 'expired', chain: ['int'], args: ['-verify', '2', '-verify_quiet'], depth: 2, quiet: true },
  { title: 'return error, self-signed', client: 'self', chain: [], args: ['-verify', '1', '-verify_return_error'], depth: 1, returnError: true, alert: Alert.unknown_ca },
  { title: 'return error, expired', client: 'expired', chain: ['int'], args: ['-verify', '2', '-verify_return_error'], depth: 2, returnError: true, alert: Alert.certificate_expired },
  { title: 'return error, wrong purpose', client: 'serverOnly', chain: ['int'], args: ['-verify', '2', '-verify_return_error'], depth: 2, returnError: true, alert: Alert.unsupported_certificate },
  { title: 'error deeper than -verify depth', client: 'underExpired', chain: ['intExpired'], args: ['-verify', '0'], depth: 0, alert: Alert.certificate_expired },
  { title: 'error within -verify depth', client: 'underExpired', chain: ['intExpired'], args: ['-verify', '1'], depth: 1 },
];

const ALERT_TEXT: Record<number, string> = {
  [Alert.unknown_ca]: 'unknown ca', [Alert.certificate_expired]: 'certificate expired', [Alert.unsupported_certificate]: 'unsupported certificate',
  [Alert.bad_certificate]: 'bad certificate', [Alert.certificate_revoked]: 'certificate revoked', [Alert.certificate_unknown]: 'certificate unknown',
};

for (const c of CASES) {
  test.serial(`s_server verify lines: ${c.title}`, async (t) => {
    const chain = c.chain.map((n) => M[n]);
    // TLS 1.2 when an alert is expected: the server then verifies before its Finished, so
    // the client always reads the alert during the handshake.
    const run = await handshake(c.args.map((a) => (a === '<crl>' ? CRL.file : a)), M[c.client], chain, c.alert !== undefined ? ['-tls1_2'] : []);
    const mine = ours(M[c.client], chain, c);
    t.deepEqual(mine.lines, callbackLines(run.serverErr), run.serverErr);
    t.deepEqual(mine.again, mine.lines);
    if (c.alert !== undefined) {
      t.false(mine.result.ok);
      // The alert follows the verification error (X509_STORE_CTX_get_error), not the callback's record.
      t.is(alertForVerifyError(mine.result.error), c.alert);
      t.regex(run.clientErr, new RegExp(`alert ${ALERT_TEXT[c.alert]}.*SSL alert number ${c.alert}`));
    } else {
      t.true(mine.result.ok);
      t.notRegex(run.clientErr, /SSL alert number/);
    }
  });
}
