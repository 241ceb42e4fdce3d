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
    const r = await runClient('openssl', ['s_client', '-connect', `127.0.0.1:${server.port}`, '-quiet'], 'hello from the client\n');
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
