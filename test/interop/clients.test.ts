// Other real clients complete a TLS 1.3 handshake and fetch the -www page: gnutls-cli, curl,
// node:tls and Python's ssl module.
import test from 'ava';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as tls from 'node:tls';

import { runClient } from '../helpers/clients';
import { makeCert } from '../helpers/certs';
import { RunningServer, startServer } from '../helpers/server';

const certs = makeCert('p256');
let server: RunningServer;

test.before(async () => {
  server = await startServer(['-www', '-cert', certs.cert, '-key', certs.key]);
});

test.after.always(async () => {
  await server?.kill();
  fs.rmSync(certs.dir, { recursive: true, force: true });
});

test('node:tls fetches the page over TLS 1.3', async (t) => {
  const page = await new Promise<string>((resolve, reject) => {
    const sock = tls.connect({ host: '127.0.0.1', port: server.port, servername: 'localhost', ca: fs.readFileSync(certs.cert), minVersion: 'TLSv1.3' }, () => {
      t.is(sock.getProtocol(), 'TLSv1.3');
      sock.write('GET / HTTP/1.0\r\n\r\n');
    });
    let data = '';
    sock.on('data', (d) => (data += d.toString('latin1')));
    sock.on('end', () => resolve(data));
    sock.on('error', reject);
    sock.setTimeout(15000, () => reject(new Error('timeout')));
  });
  t.regex(page, /^HTTP\/1\.0 200 ok\r\n/);
  t.regex(page, /New, TLSv1\.3, Cipher is TLS_/);
});

test('curl fetches the page', async (t) => {
  const r = await runClient('curl', ['-sS', '--http1.0', '--cacert', certs.cert, '--resolve', `localhost:${server.port}:127.0.0.1`, `https://localhost:${server.port}/`, '-w', '\n%{http_code}']);
  t.is(r.status, 0, r.stderr);
  t.regex(r.stdout, /New, TLSv1\.3, Cipher is TLS_/);
  t.regex(r.stdout, /\n200$/);
});

test('Python ssl fetches the page', async (t) => {
  const script = [
    'import socket, ssl, sys',
    `ctx = ssl.create_default_context(cafile=${JSON.stringify(certs.cert)})`,
    'ctx.minimum_version = ssl.TLSVersion.TLSv1_3',
    `s = ctx.wrap_socket(socket.create_connection(("127.0.0.1", ${server.port})), server_hostname="localhost")`,
    'print(s.version(), s.cipher()[0])',
    's.sendall(b"GET / HTTP/1.0\\r\\n\\r\\n")',
    'data = b""',
    'while True:',
    '    d = s.recv(65536)',
    '    if not d: break',
    '    data += d',
    'print(data.decode("latin1"))',
  ].join('\n');
  const r = await runClient('python3', ['-c', script]);
  t.is(r.status, 0, r.stderr);
  t.regex(r.stdout, /^TLSv1\.3 TLS_/);
  t.regex(r.stdout, /HTTP\/1\.0 200 ok/);
});

test('gnutls-cli fetches the page', async (t) => {
  const r = await runClient('gnutls-cli', ['--x509cafile', certs.cert, '--port', String(server.port), '--sni-hostname', 'localhost', '--verify-hostname', 'localhost', '127.0.0.1'], 'GET / HTTP/1.0\r\n\r\n');
  t.regex(r.stdout, /- Description: \(TLS1\.3[^)]*\)/, r.stdout + r.stderr);
  t.regex(r.stdout, /HTTP\/1\.0 200 ok/, r.stdout + r.stderr);
});

test('no -cert and no server.pem: a generated P-256 certificate for localhost, said in one line', async (t) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ts-s-server-nocert-'));
  const bare = await startServer(['-www'], { cwd: dir });
  try {
    t.regex(bare.stderr(), /^No -cert given and server\.pem not found: using a generated self-signed ECDSA P-256 certificate/m);
    const r = await runClient('openssl', ['s_client', '-connect', `127.0.0.1:${bare.port}`, '-ign_eof', '-verify_hostname', 'localhost'], 'GET / HTTP/1.0\r\n\r\n');
    t.regex(r.stdout, /^HTTP\/1\.0 200 ok/m, r.stdout + r.stderr);
    t.regex(r.stdout, /subject=CN = localhost/);
    t.regex(r.stdout, /Peer signature type: ECDSA/);
  } finally {
    await bare.kill();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
