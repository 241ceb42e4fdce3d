// Output fidelity: the real `openssl s_server` and ts-s-server, same flags and certificate,
// driven by the same `openssl s_client` session; their output must be equal once what differs
// per run (random values, ports, times, ticket bytes) is masked.
import test from 'ava';
import * as fs from 'node:fs';
import * as path from 'node:path';

import { makeCert } from '../helpers/certs';
import { mask, pageOf, runSession, Step } from '../helpers/fidelity';

const certs = makeCert('ed25519');
const base = ['-cert', certs.cert, '-key', certs.key];

test.after.always(() => fs.rmSync(certs.dir, { recursive: true, force: true }));

async function both(serverArgs: string[], clientArgs: string[], steps: Step[], opts: { cwd?: string; noAccept?: boolean } = {}) {
  const o = await runSession('openssl', serverArgs, clientArgs, steps, opts);
  const t = await runSession('ts', serverArgs, clientArgs, steps, opts);
  return { o, t, mo: mask(o.stdout, o.server.port), mt: mask(t.stdout, t.server.port) };
}

const hello: Step[] = [
  { client: 'hello\n', until: /^hello$/m },
  { endClient: true, until: /^CONNECTION CLOSED$/m },
];

test.serial('default: start-up, the connection summary, client data, DONE and CONNECTION CLOSED', async (t) => {
  const r = await both(base, [], hello);
  t.is(r.mt, r.mo);
  t.regex(r.t.stdout, /^Shared ciphers:TLS_AES_256_GCM_SHA384:.*:ECDHE-ECDSA-AES256-GCM-SHA384:/m);
});

test.serial('the session PEM decodes like openssl\'s (same fields)', async (t) => {
  const r = await both(base, [], hello);
  const { execFileSync } = await import('node:child_process');
  const fields = (out: string) => {
    const pem = /-----BEGIN SSL SESSION PARAMETERS-----[\s\S]*?-----END SSL SESSION PARAMETERS-----\n/.exec(out)![0];
    const text = execFileSync('openssl', ['sess_id', '-text', '-noout'], { input: pem }).toString();
    const asn1 = execFileSync('openssl', ['asn1parse', '-i'], { input: pem }).toString();
    return { text: mask(text), tags: asn1.split('\n').map((l) => l.replace(/^\s*\d+:d=(\d).*?(prim|cons):\s*(\S+(?: \[ \d+ \])?).*$/, '$1 $2 $3')).join('\n') };
  };
  t.deepEqual(fields(r.t.stdout), fields(r.o.stdout));
});

test.serial('-msg and -state: every record, message and state line', async (t) => {
  const r = await both([...base, '-msg', '-state'], [], hello);
  t.is(r.mt, r.mo);
  t.is(r.t.stderr, r.o.stderr);
});

test.serial('-debug: the reads and writes', async (t) => {
  const r = await both([...base, '-debug'], [], hello);
  t.is(r.mt, r.mo);
});

test.serial('-tlsextdebug lists the ClientHello extensions', async (t) => {
  const r = await both([...base, '-tlsextdebug'], ['-servername', 'localhost'], hello);
  t.is(r.mt, r.mo);
  t.regex(r.t.stdout, /^TLS client extension "server name" \(id=0\), len=14\n0000 - 00 0c 00 00 09 6c 6f 63-61 6c 68 6f 73 74         \.\.\.\.\.localhost$/m);
});

test.serial('-keymatexport prints the exporter block', async (t) => {
  const r = await both([...base, '-keymatexport', 'EXPERIMENTAL-x', '-keymatexportlen', '16'], [], hello);
  t.is(r.mt.replace(/Keying material: [0-9A-F]+/, 'K'), r.mo.replace(/Keying material: [0-9A-F]+/, 'K'));
  t.regex(r.t.stdout, /^Keying material exporter:\n {4}Label: 'EXPERIMENTAL-x'\n {4}Length: 16 bytes\n {4}Keying material: [0-9A-F]{32}$/m);
});

test.serial('-quiet: only the client data', async (t) => {
  const steps: Step[] = [{ client: 'quiet data\n', until: /quiet data/ }, { endClient: true }];
  const r = await both([...base, '-quiet'], [], steps, { noAccept: true });
  t.is(r.t.stdout, 'quiet data\n');
  t.is(r.o.stdout, 'quiet data\n');
});

test.serial('-brief: the summary on stderr', async (t) => {
  const steps: Step[] = [{ client: 'brief\n', until: /brief/ }, { endClient: true, untilStderr: /Supported groups/ }];
  const r = await both([...base, '-brief'], [], steps, { noAccept: true });
  const block = (s: string) => /Protocol version:[\s\S]*?Supported groups: .*\n/.exec(s)?.[0];
  t.truthy(block(r.t.stderr));
  t.is(block(r.t.stderr), block(r.o.stderr));
  t.is(r.t.stdout, 'brief\n');
});

test.serial('-www: the status page byte for byte', async (t) => {
  const steps: Step[] = [{ client: 'GET / HTTP/1.0\r\n\r\n' }];
  const r = await both([...base, '-www'], ['-ign_eof'], steps);
  const po = mask(pageOf(r.o.client), r.o.server.port);
  const pt = mask(pageOf(r.t.client), r.t.server.port);
  t.true(po.length > 1000);
  t.is(pt, po);
});

test.serial('-WWW: files, /stats, and openssl\'s texts for bad requests', async (t) => {
  const dir = fs.mkdtempSync(path.join(certs.dir, 'www-'));
  fs.writeFileSync(path.join(dir, 'index.html'), '<b>hi</b>\n');
  fs.writeFileSync(path.join(dir, 'notes.txt'), 'plain text\n');
  fs.mkdirSync(path.join(dir, 'sub'));
  for (const req of ['GET /index.html HTTP/1.0', 'GET /notes.txt HTTP/1.0', 'GET /../x HTTP/1.0', 'GET //etc/passwd HTTP/1.0', 'GET /sub HTTP/1.0', 'GET /index.html']) {
    const steps: Step[] = [{ client: `${req}\r\n\r\n` }];
    const r = await both([...base, '-WWW'], ['-ign_eof', '-quiet'], steps, { cwd: dir });
    t.is(r.t.client, r.o.client, req);
    t.is(r.t.stderr, r.o.stderr, req);
  }
});

test.serial('-rev: lines reversed, CLOSE ends, summary on stderr', async (t) => {
  const steps: Step[] = [{ client: 'hello world\r\n' }, { client: 'CLOSE\n', untilStderr: /CONNECTION CLOSED/ }];
  const r = await both([...base, '-rev'], ['-ign_eof', '-quiet'], steps);
  t.regex(r.t.client, /^dlrow olleh$/m);
  t.is(r.t.client, r.o.client);
  t.is(r.mt, r.mo);
  t.is(r.t.stderr, r.o.stderr);
});

test.serial('connected commands: r, k, S, B and plain lines', async (t) => {
  const steps: Step[] = [
    { client: 'hello\n', until: /^hello$/m },
    { server: 'r\n', until: /(SSL_do_handshake -> 1\n[^]*){1}$/ },
    { server: 'k\n', until: /(SSL_do_handshake -> 1\n[^]*){2}$/ },
    // Each line goes out as its own record (openssl sends what one read() of stdin returned).
    { server: 'S\n', until: /allowed\)\n[^]*(>>> TLS 1\.2, InnerContent \[length 0001\]\n {4}17\n[^]*){1}$/ },
    { server: 'B\n', until: /(>>> TLS 1\.2, InnerContent \[length 0001\]\n {4}17\n[^]*){2}$/ },
    { server: 'to the client\n', until: /(>>> TLS 1\.2, InnerContent \[length 0001\]\n {4}17\n[^]*){3}$/ },
    { endClient: true, until: /^CONNECTION CLOSED$/m },
  ];
  const r = await both([...base, '-msg'], [], steps);
  t.is(r.mt, r.mo);
});

test.serial('connected command c without post_handshake_auth: openssl\'s refusal', async (t) => {
  const steps: Step[] = [
    { client: 'hello\n', until: /^hello$/m },
    { server: 'c\n', until: /Failed to initiate request\n/ },
    { endClient: true, until: /^CONNECTION CLOSED$/m },
  ];
  const r = await both(base, [], steps);
  t.is(r.mt, r.mo);
  t.is(mask(r.t.stderr), mask(r.o.stderr));
});

test.serial('connected command q closes the connection, Q the server (with the statistics)', async (t) => {
  const q: Step[] = [{ client: 'hello\n', until: /^hello$/m }, { server: 'q\n', until: /^CONNECTION CLOSED$/m }];
  const r = await both(base, ['-ign_eof'], q);
  t.is(r.mt, r.mo);
  for (const kind of ['openssl', 'ts'] as const) {
    const s = await runSession(kind, base, ['-ign_eof'], [{ client: 'x\n', until: /^x$/m }, { server: 'Q\n', until: /allowed\)\n/ }], { keep: true });
    await new Promise<void>((resolve) => (s.server.proc.exitCode !== null ? resolve() : s.server.proc.on('exit', () => resolve())));
    t.is(s.server.proc.exitCode, 0, kind);
    t.regex(s.stdout, /^x\nDONE\nshutting down SSL\nCONNECTION CLOSED\n {3}0 items in the session cache\n[\s\S]*cache full overflows \(128 allowed\)\n$/m, kind);
    t.regex(s.stderr, /shutdown accept socket/, kind);
  }
});

test.serial('connected command K: a KeyUpdate that requests the client\'s', async (t) => {
  const steps: Step[] = [
    { client: 'hello\n', until: /^hello$/m },
    { server: 'K\n', until: /SSL_do_handshake -> 1\n/ },
    { endClient: true, until: /^CONNECTION CLOSED$/m },
  ];
  const r = await runSession('ts', [...base, '-msg'], [], steps);
  t.regex(r.stdout, />>> TLS 1\.3, Handshake \[length 0005\], KeyUpdate\n {4}18 00 00 01 01\nSSL_do_handshake -> 1\n/);
});
