// TLS 1.3 against the real `openssl s_client`: every cipher suite × every group it supports ×
// RSA-2048, RSA-PSS, ECDSA P-256/P-384 and Ed25519 certificates, fetching the -www page.
import test from 'ava';
import * as fs from 'node:fs';

import { opensslGet } from '../helpers/clients';
import { CertKind, makeCert } from '../helpers/certs';
import { RunningServer, startServer } from '../helpers/server';

const SUITES = ['TLS_AES_128_GCM_SHA256', 'TLS_AES_256_GCM_SHA384', 'TLS_CHACHA20_POLY1305_SHA256', 'TLS_AES_128_CCM_SHA256', 'TLS_AES_128_CCM_8_SHA256'];
const GROUPS = ['x25519', 'secp256r1', 'secp384r1', 'secp521r1', 'x448'];
const KINDS: CertKind[] = ['rsa2048', 'rsa-pss', 'p256', 'p384', 'ed25519'];
const TEMP_KEY: Record<string, RegExp> = {
  x25519: /Server Temp Key: X25519, 253 bits/,
  x448: /Server Temp Key: X448, 448 bits/,
  secp256r1: /Server Temp Key: ECDH, prime256v1, 256 bits/,
  secp384r1: /Server Temp Key: ECDH, secp384r1, 384 bits/,
  secp521r1: /Server Temp Key: ECDH, secp521r1, 521 bits/,
};

for (const kind of KINDS) {
  test(`${kind}: every suite and group`, async (t) => {
    const certs = makeCert(kind);
    let server: RunningServer | undefined;
    try {
      server = await startServer(['-www', '-cert', certs.cert, '-key', certs.key, '-ciphersuites', SUITES.join(':'), '-groups', GROUPS.join(':')]);
      for (const suite of SUITES) {
        for (const group of GROUPS) {
          const r = await opensslGet(server.port, ['-tls1_3', '-ciphersuites', suite, '-groups', group]);
          const label = `${kind} ${suite} ${group}`;
          t.regex(r.stdout, /^HTTP\/1\.0 200 ok/m, `${label}\n${r.stdout}\n${r.stderr}\nserver:\n${server.stderr()}`);
          t.regex(r.stdout, new RegExp(`New, TLSv1.3, Cipher is ${suite}`), label);
          t.regex(r.stdout, TEMP_KEY[group], label);
          t.regex(r.stdout, /Verify return code: 18 \(self-signed certificate\)|Verification error: self-signed certificate/, label);
        }
      }
    } finally {
      await server?.kill();
      fs.rmSync(certs.dir, { recursive: true, force: true });
    }
  });
}

test('HelloRetryRequest when the client sends no share for a group we enable', async (t) => {
  const certs = makeCert('p256');
  const server = await startServer(['-www', '-cert', certs.cert, '-key', certs.key, '-groups', 'secp384r1']);
  try {
    // The client's first key share is x25519 (its default); we only enable secp384r1.
    const r = await opensslGet(server.port, ['-tls1_3', '-groups', 'x25519:secp384r1', '-msg']);
    t.regex(r.stdout, /^HTTP\/1\.0 200 ok/m, r.stdout + r.stderr);
    t.regex(r.stdout, /Server Temp Key: ECDH, secp384r1/);
    // -msg shows two ClientHellos: the second answers the HelloRetryRequest.
    t.is((r.stdout.match(/>>> TLS 1.3, Handshake \[length [0-9a-f]+\], ClientHello/g) ?? []).length, 2, r.stdout);
  } finally {
    await server.kill();
    fs.rmSync(certs.dir, { recursive: true, force: true });
  }
});

test('interactive mode: ACCEPT, the summary, client data on stdout, DONE on close_notify', async (t) => {
  const certs = makeCert('ed25519');
  const server = await startServer(['-cert', certs.cert, '-key', certs.key]);
  try {
    const { runClient } = await import('../helpers/clients');
    // Without -quiet (which implies -ign_eof) s_client sends close_notify at the end of its input.
    const r = await runClient('openssl', ['s_client', '-connect', `127.0.0.1:${server.port}`], 'hello from the client\n');
    t.is(r.status, 0, r.stderr);
    await server.waitFor(/CONNECTION CLOSED/);
    const out = server.stdout();
    t.regex(out, /^Using default temp DH parameters\nACCEPT\n/);
    t.regex(out, /^CIPHER is TLS_AES_256_GCM_SHA384$/m);
    t.regex(out, /^hello from the client$/m);
    t.regex(out, /^DONE\nshutting down SSL\nCONNECTION CLOSED$/m);
  } finally {
    await server.kill();
    fs.rmSync(certs.dir, { recursive: true, force: true });
  }
});

test('resumption with a ticket (-sess_out / -sess_in)', async (t) => {
  const certs = makeCert('p256');
  const sess = `${certs.dir}/sess.pem`;
  const server = await startServer(['-www', '-cert', certs.cert, '-key', certs.key, '-allow_no_dhe_kex']);
  try {
    const first = await opensslGet(server.port, ['-tls1_3', '-sess_out', sess]);
    t.regex(first.stdout, /^New, TLSv1\.3, Cipher is/m, first.stdout + first.stderr);
    t.regex(first.stdout, /Post-Handshake New Session Ticket arrived/);
    const second = await opensslGet(server.port, ['-tls1_3', '-sess_in', sess]);
    t.regex(second.stdout, /^Reused, TLSv1\.3, Cipher is/m, second.stdout + second.stderr);
    t.regex(second.stdout, /Server Temp Key: X25519/, 'psk_dhe_ke does a fresh key exchange');
    // A client offering both modes gets psk_dhe_ke, as from OpenSSL 3.0's server.
    const third = await opensslGet(server.port, ['-tls1_3', '-sess_in', sess, '-allow_no_dhe_kex']);
    t.regex(third.stdout, /^Reused, TLSv1\.3, Cipher is/m, third.stdout + third.stderr);
    t.regex(third.stdout, /Server Temp Key: X25519/);
  } finally {
    await server.kill();
    fs.rmSync(certs.dir, { recursive: true, force: true });
  }
});

test('no resumption with -no_ticket; a tampered ticket falls back to a full handshake', async (t) => {
  const certs = makeCert('p256');
  const sess = `${certs.dir}/sess.pem`;
  const server = await startServer(['-www', '-cert', certs.cert, '-key', certs.key, '-no_ticket']);
  try {
    const first = await opensslGet(server.port, ['-tls1_3', '-sess_out', sess]);
    t.notRegex(first.stdout, /New Session Ticket arrived/);
  } finally {
    await server.kill();
  }
  // A ticket from another server instance (another ticket key) cannot be opened: full handshake.
  const a = await startServer(['-www', '-cert', certs.cert, '-key', certs.key]);
  const b = await startServer(['-www', '-cert', certs.cert, '-key', certs.key]);
  try {
    await opensslGet(a.port, ['-tls1_3', '-sess_out', sess]);
    const r = await opensslGet(b.port, ['-tls1_3', '-sess_in', sess]);
    t.regex(r.stdout, /^New, TLSv1\.3, Cipher is/m, r.stdout + r.stderr);
    t.regex(r.stdout, /^HTTP\/1\.0 200 ok/m);
  } finally {
    await a.kill();
    await b.kill();
    fs.rmSync(certs.dir, { recursive: true, force: true });
  }
});

test('external PSK (-psk) without a certificate', async (t) => {
  const server = await startServer(['-www', '-nocert', '-psk', '1a2b3c4d5e6f']);
  try {
    const ok = await opensslGet(server.port, ['-tls1_3', '-psk', '1a2b3c4d5e6f']);
    t.regex(ok.stdout, /^HTTP\/1\.0 200 ok/m, ok.stdout + ok.stderr);
    t.regex(ok.stdout, /Cipher is TLS_(CHACHA20_POLY1305|AES_128_GCM)_SHA256/);
    const bad = await opensslGet(server.port, ['-tls1_3', '-psk', '0102030405']);
    t.notRegex(bad.stdout, /HTTP\/1\.0 200 ok/, 'a wrong key fails (binder)');
  } finally {
    await server.kill();
  }
});

test('ALPN: the first of our protocols the client offers', async (t) => {
  const certs = makeCert('p256');
  const server = await startServer(['-www', '-cert', certs.cert, '-key', certs.key, '-alpn', 'h2,http/1.1']);
  try {
    const r = await opensslGet(server.port, ['-tls1_3', '-alpn', 'http/1.1,h2']);
    t.regex(r.stdout, /ALPN protocol: h2/, r.stdout);
    const none = await opensslGet(server.port, ['-tls1_3', '-alpn', 'spdy/3']);
    t.regex(none.stdout, /No ALPN negotiated/);
    t.regex(none.stdout, /^HTTP\/1\.0 200 ok/m);
  } finally {
    await server.kill();
    fs.rmSync(certs.dir, { recursive: true, force: true });
  }
});

test('SNI chooses -cert2 for -servername; -servername_fatal refuses other names', async (t) => {
  const one = makeCert('p256');
  const two = makeCert('ed25519');
  const server = await startServer(['-www', '-cert', one.cert, '-key', one.key, '-servername', 'two.example', '-cert2', two.cert, '-key2', two.key]);
  try {
    const a = await runClientGet(server.port, 'two.example');
    t.regex(a.stdout, /Peer signature type: ed25519/, a.stdout);
    const b = await runClientGet(server.port, 'localhost');
    t.regex(b.stdout, /Peer signature type: ECDSA/, b.stdout);
  } finally {
    await server.kill();
  }
  const fatal = await startServer(['-www', '-cert', one.cert, '-key', one.key, '-servername', 'two.example', '-cert2', two.cert, '-key2', two.key, '-servername_fatal']);
  try {
    const c = await runClientGet(fatal.port, 'other.example');
    t.regex(c.stdout + c.stderr, /alert unrecognized name|unrecognized name/i);
  } finally {
    await fatal.kill();
    fs.rmSync(one.dir, { recursive: true, force: true });
    fs.rmSync(two.dir, { recursive: true, force: true });
  }
});

async function runClientGet(port: number, servername: string) {
  const { runClient } = await import('../helpers/clients');
  return runClient('openssl', ['s_client', '-connect', `127.0.0.1:${port}`, '-servername', servername, '-ign_eof', '-tls1_3'], 'GET / HTTP/1.0\r\n\r\n');
}

test('KeyUpdate: the K and k commands update our keys; the client answers K with its own update', async (t) => {
  const certs = makeCert('p256');
  const server = await startServer(['-cert', certs.cert, '-key', certs.key]);
  try {
    const tls = await import('node:tls');
    const sock = tls.connect({ host: '127.0.0.1', port: server.port, rejectUnauthorized: false, minVersion: 'TLSv1.3' });
    let received = '';
    const waitClient = (re: RegExp) =>
      new Promise<void>((resolve, reject) => {
        const check = () => (re.test(received) ? resolve() : undefined);
        sock.on('data', (d) => {
          received += d.toString('latin1');
          check();
        });
        sock.on('error', reject);
        check();
      });
    await new Promise<void>((resolve) => sock.once('secureConnect', () => resolve()));
    await server.waitFor(/^Secure Renegotiation IS supported$/m);
    // K: our KeyUpdate with update_requested; node's OpenSSL answers with its own KeyUpdate,
    // so both directions move to new keys.
    server.proc.stdin.write('K\n');
    await server.waitFor(/^SSL_do_handshake -> 1$/m);
    server.proc.stdin.write('one\n');
    await waitClient(/one\n/);
    sock.write('after K\n');
    await server.waitFor(/^after K$/m);
    server.proc.stdin.write('k\n');
    server.proc.stdin.write('two\n');
    await waitClient(/two\n/);
    sock.write('after k\n');
    await server.waitFor(/^after k$/m);
    t.is((server.stdout().match(/^SSL_do_handshake -> 1$/gm) ?? []).length, 2);
    sock.destroy();
  } finally {
    await server.kill();
    fs.rmSync(certs.dir, { recursive: true, force: true });
  }
});

test('bad clients end their own connection, never the server', async (t) => {
  const certs = makeCert('p256');
  const server = await startServer(['-www', '-cert', certs.cert, '-key', certs.key]);
  try {
    const net = await import('node:net');
    const garbage = [
      Buffer.from('GET / HTTP/1.1\r\nHost: x\r\n\r\n'),
      Buffer.from([0x16, 0x03, 0x01, 0xff, 0xff, 0x01]),
      Buffer.from([0x16, 0x03, 0x03, 0x00, 0x04, 0x01, 0x00, 0x00, 0x00]),
      Buffer.from([0x17, 0x03, 0x03, 0x00, 0x01, 0x00]),
      Buffer.alloc(100, 0),
    ];
    for (const g of garbage) {
      const reply = await new Promise<Buffer>((resolve) => {
        const s = net.connect(server.port, '127.0.0.1', () => s.end(g));
        const chunks: Buffer[] = [];
        s.on('data', (d) => chunks.push(d));
        s.on('close', () => resolve(Buffer.concat(chunks)));
        s.on('error', () => resolve(Buffer.concat(chunks)));
      });
      // Each gets a fatal alert record (type 21, level 2) or a plain close.
      if (reply.length) t.is(reply[0], 21, `reply to ${g.toString('hex').slice(0, 20)}`);
    }
    const ok = await opensslGet(server.port, ['-tls1_3']);
    t.regex(ok.stdout, /^HTTP\/1\.0 200 ok/m, 'the server still serves');
  } finally {
    await server.kill();
    fs.rmSync(certs.dir, { recursive: true, force: true });
  }
});

test('client certificates: -Verify requires one, -verify asks for one', async (t) => {
  const server = makeCert('p256');
  const client = makeCert('ed25519');
  const required = await startServer(['-www', '-cert', server.cert, '-key', server.key, '-Verify', '1']);
  const optional = await startServer(['-www', '-cert', server.cert, '-key', server.key, '-verify', '1']);
  try {
    const withCert = await opensslGet(required.port, ['-tls1_3', '-cert', client.cert, '-key', client.key]);
    t.regex(withCert.stdout, /^HTTP\/1\.0 200 ok/m, withCert.stdout + withCert.stderr);
    const without = await opensslGet(required.port, ['-tls1_3']);
    t.notRegex(without.stdout, /HTTP\/1\.0 200 ok/);
    t.regex(without.stderr, /alert certificate required/);
    const optionalNone = await opensslGet(optional.port, ['-tls1_3']);
    t.regex(optionalNone.stdout, /^HTTP\/1\.0 200 ok/m, optionalNone.stdout + optionalNone.stderr);
  } finally {
    await required.kill();
    await optional.kill();
    fs.rmSync(server.dir, { recursive: true, force: true });
    fs.rmSync(client.dir, { recursive: true, force: true });
  }
});

test('client chain verification: the same verify lines as openssl s_server, and -verify_return_error fails with its alert', async (t) => {
  const server = makeCert('p256');
  const client = makeCert('p256');
  const { runClient } = await import('../helpers/clients');
  const fetch = (port: number) =>
    runClient('openssl', ['s_client', '-connect', `127.0.0.1:${port}`, '-tls1_3', '-cert', client.cert, '-key', client.key, '-ign_eof'], 'GET / HTTP/1.0\r\n\r\n');
  for (const extra of [[], ['-verify_return_error']]) {
    const args = ['-www', '-cert', server.cert, '-key', server.key, '-Verify', '1', ...extra];
    const ours = await startServer(args);
    const theirs = await startServer(args, { openssl: true });
    try {
      const a = await fetch(ours.port);
      const b = await fetch(theirs.port);
      const verifyLines = (s: string) => s.split('\n').filter((l) => /^(verify|depth=)/.test(l)).join('\n');
      await ours.kill();
      await theirs.kill();
      t.is(verifyLines(ours.stderr()), verifyLines(theirs.stderr()), `stderr with ${extra.join(' ')}`);
      t.regex(verifyLines(ours.stderr()), /verify error:num=18:self-signed certificate/);
      if (extra.length) {
        t.notRegex(a.stdout, /HTTP\/1\.0 200 ok/);
        t.regex(a.stderr, /alert unknown ca/, a.stderr);
        t.regex(b.stderr, /alert unknown ca/);
      } else {
        t.regex(a.stdout, /^HTTP\/1\.0 200 ok/m, a.stdout + a.stderr);
        t.regex(b.stdout, /Verification error: self-signed certificate/);
      }
    } finally {
      await ours.kill();
      await theirs.kill();
    }
  }
  fs.rmSync(server.dir, { recursive: true, force: true });
  fs.rmSync(client.dir, { recursive: true, force: true });
});
