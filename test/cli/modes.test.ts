// Serving modes beyond output fidelity: -WWW never serves outside its directory, many clients
// at once in -www mode, -naccept, -jsonlog, -serial, and the flags refused in this build.
import test from 'ava';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import * as tls from 'node:tls';

import { makeCert } from '../helpers/certs';
import { runClient } from '../helpers/clients';
import { BIN } from '../helpers/paths';
import { startServer } from '../helpers/server';

const certs = makeCert('ed25519');
const base = ['-cert', certs.cert, '-key', certs.key];
test.after.always(() => fs.rmSync(certs.dir, { recursive: true, force: true }));

/** One request over TLS 1.3 with node:tls (a test oracle); resolves to everything the server sent. */
function fetch(port: number, request: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const s = tls.connect({ host: '127.0.0.1', port, rejectUnauthorized: false, minVersion: 'TLSv1.3' }, () => s.write(request));
    let data = '';
    s.on('data', (d) => (data += d.toString('latin1')));
    s.on('end', () => resolve(data));
    s.on('close', () => resolve(data));
    s.on('error', reject);
  });
}

test('-WWW: nothing outside the served directory, whatever the spelling', async (t) => {
  const root = fs.mkdtempSync(path.join(certs.dir, 'root-'));
  const www = path.join(root, 'www');
  fs.mkdirSync(www);
  fs.writeFileSync(path.join(root, 'secret.txt'), 'TOP SECRET\n');
  fs.writeFileSync(path.join(www, 'ok.txt'), 'public\n');
  fs.symlinkSync(path.join(root, 'secret.txt'), path.join(www, 'link.txt'));
  fs.symlinkSync(root, path.join(www, 'up'));
  const server = await startServer([...base, '-WWW'], { cwd: www });
  try {
    t.regex(await fetch(server.port, 'GET /ok.txt HTTP/1.0\r\n\r\n'), /^HTTP\/1\.0 200 ok\r\nContent-type: text\/plain\r\n\r\npublic\n$/);
    const attempts = [
      '/../secret.txt', '/..\\secret.txt', '/./../secret.txt', '/%2e%2e/secret.txt', '/%2E%2E%2Fsecret.txt', '/%252e%252e/secret.txt',
      `/${root}/secret.txt`, '//etc/passwd', '/link.txt', '/up/secret.txt', '/C:/secret.txt', '/up/../up/secret.txt',
    ];
    for (const p of attempts) {
      const body = await fetch(server.port, `GET ${p} HTTP/1.0\r\n\r\n`);
      t.notRegex(body, /TOP SECRET|root:/, p);
      t.regex(body, /^HTTP\/1\.0 200 ok\r\nContent-type: text\/plain\r\n\r\n'.*' (contains '\.\.' or ':'|is an invalid path)\r\n$/, `${p}: ${body}`);
    }
  } finally {
    await server.kill();
  }
});

test('-www serves 50 clients at once', async (t) => {
  const server = await startServer([...base, '-www']);
  try {
    // Open all 50 connections first; each sends its request only once every one is connected,
    // so a server that served one at a time could not answer them.
    const sockets: tls.TLSSocket[] = [];
    const connected: Promise<void>[] = [];
    for (let i = 0; i < 50; i++) {
      const s = tls.connect({ host: '127.0.0.1', port: server.port, rejectUnauthorized: false });
      sockets.push(s);
      connected.push(new Promise((resolve, reject) => {
        s.once('secureConnect', () => resolve());
        s.once('error', reject);
      }));
    }
    await Promise.all(connected);
    const pages = await Promise.all(
      sockets.map((s) => new Promise<string>((resolve, reject) => {
        let data = '';
        s.on('data', (d) => (data += d.toString('latin1')));
        s.on('end', () => resolve(data));
        s.on('error', reject);
        s.write('GET / HTTP/1.0\r\n\r\n');
      })),
    );
    for (const p of pages) t.regex(p, /^HTTP\/1\.0 200 ok\r\n[\s\S]*New, TLSv1\.3, Cipher is TLS_AES_256_GCM_SHA384\n[\s\S]*<\/HTML>\r\n\r\n$/);
  } finally {
    await server.kill();
  }
});

test('-naccept 5: the listener closes after the fifth accept and the server exits after it closes', async (t) => {
  const server = await startServer([...base, '-www', '-naccept', '5']);
  const exited = new Promise<number | null>((resolve) => server.proc.on('exit', (code) => resolve(code)));
  try {
    const held = tls.connect({ host: '127.0.0.1', port: server.port, rejectUnauthorized: false });
    await new Promise<void>((resolve, reject) => {
      held.once('secureConnect', () => resolve());
      held.once('error', reject);
    });
    for (let i = 0; i < 4; i++) t.regex(await fetch(server.port, 'GET / HTTP/1.0\r\n\r\n'), /^HTTP\/1\.0 200 ok/);
    // The sixth is refused at once (openssl would accept it and leave it hanging).
    const refused = await new Promise<string>((resolve) => {
      const s = net.connect(server.port, '127.0.0.1');
      s.on('connect', () => resolve('connected'));
      s.on('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? 'error'));
    });
    t.is(refused, 'ECONNREFUSED');
    t.is(server.proc.exitCode, null);
    held.write('GET / HTTP/1.0\r\n\r\n');
    held.on('data', () => undefined);
    t.is(await exited, 0);
    t.regex(server.stdout(), / {3}5 server accepts that finished\n/);
  } finally {
    await server.kill();
  }
});

test('-jsonlog writes one JSON line per connection', async (t) => {
  const log = path.join(certs.dir, 'conns.jsonl');
  const server = await startServer([...base, '-www', '-jsonlog', log, '-naccept', '2']);
  const exited = new Promise<void>((resolve) => server.proc.on('exit', () => resolve()));
  try {
    await fetch(server.port, 'GET / HTTP/1.0\r\n\r\n');
    await runClient('openssl', ['s_client', '-connect', `127.0.0.1:${server.port}`, '-servername', 'localhost', '-alpn', 'h2', '-ign_eof', '-quiet'], 'GET / HTTP/1.0\r\n\r\n');
    await exited;
    const lines = fs.readFileSync(log, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    t.is(lines.length, 2);
    for (const l of lines) {
      t.is(l.version, 'TLSv1.3');
      t.is(l.cipher, 'TLS_AES_256_GCM_SHA384');
      t.is(l.group, 'x25519');
      t.is(l.signature_scheme, '0x0807');
      t.false(l.resumed);
      t.is(l.client_certificate, 'not requested');
      t.true(l.bytes_in > 0 && l.bytes_out > l.bytes_in);
      t.true(l.timings_ms.client_hello <= l.timings_ms.server_finished && l.timings_ms.server_finished <= l.timings_ms.handshake_done);
    }
    t.is(lines[1].sni, 'localhost');
  } finally {
    await server.kill();
  }
});

test('-serial serves one connection at a time in -www mode', async (t) => {
  const server = await startServer([...base, '-www', '-serial']);
  try {
    const first = tls.connect({ host: '127.0.0.1', port: server.port, rejectUnauthorized: false });
    await new Promise<void>((resolve) => first.once('secureConnect', () => resolve()));
    // The second connection waits: its handshake only completes once the first is done.
    let secondDone = false;
    const second = fetch(server.port, 'GET / HTTP/1.0\r\n\r\n').then((p) => {
      secondDone = true;
      return p;
    });
    const firstPage = new Promise<string>((resolve) => {
      let d = '';
      first.on('data', (x) => (d += x.toString('latin1')));
      first.on('end', () => resolve(d));
    });
    first.write('GET / HTTP/1.0\r\n\r\n');
    const page1 = await firstPage;
    // The second connection was accepted but not served: its ClientHello was never read.
    t.regex(page1, /\n {3}1 server accepts \(SSL_accept\(\)\)\n/);
    t.false(secondDone);
    t.regex(await second, /\n {3}2 server accepts \(SSL_accept\(\)\)\n/);
  } finally {
    await server.kill();
  }
});

function runBin(args: string[]): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const p = spawn(process.execPath, [BIN, ...args]);
    let stderr = '';
    p.stderr.on('data', (d) => (stderr += d));
    p.stdin.end();
    p.on('close', (code) => resolve({ code, stderr }));
  });
}

test('flags of features this build lacks, and TLS 1.2-only flags, are refused in one line', async (t) => {
  for (const [flag, re] of [
    [['-engine', 'x'], /^s_server: -engine: not available: this build has no ENGINE support\n$/],
    [['-trace'], /^s_server: -trace: not available: this build has no SSL tracing/],
    [['-tls1_2'], /^s_server: -tls1_2: not supported yet/],
    [['-cipher', 'DEFAULT'], /^s_server: -cipher: not supported yet/],
  ] as const) {
    const r = await runBin([...base, ...flag]);
    t.is(r.code, 1, flag.join(' '));
    t.regex(r.stderr, re);
  }
});

test('-unix with a long path, -unlink', async (t) => {
  const dir = fs.mkdtempSync(path.join(certs.dir, 'a-rather-long-directory-name-for-unix-sockets-'));
  const sock = path.join(dir, 'server.sock');
  t.true(sock.length > 32);
  fs.writeFileSync(sock, 'stale');
  const p = spawn(process.execPath, [BIN, ...base, '-www', '-unix', sock, '-unlink']);
  try {
    let out = '';
    await new Promise<void>((resolve, reject) => {
      p.stdout.on('data', (d) => {
        out += d;
        if (/^ACCEPT$/m.test(out)) resolve();
      });
      p.on('exit', () => reject(new Error('exited')));
    });
    const page = await new Promise<string>((resolve, reject) => {
      const s = tls.connect({ path: sock, rejectUnauthorized: false }, () => s.write('GET / HTTP/1.0\r\n\r\n'));
      let d = '';
      s.on('data', (x) => (d += x.toString('latin1')));
      s.on('end', () => resolve(d));
      s.on('error', reject);
    });
    t.regex(page, /^HTTP\/1\.0 200 ok/);
  } finally {
    p.kill('SIGKILL');
  }
});
