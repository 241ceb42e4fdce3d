// X25519MLKEM768 (draft-ietf-tls-ecdhe-mlkem, codepoint 0x11EC) against a real client: OpenSSL
// 3.5's `s_client`, from Debian trixie's packages fetched into a folder by scripts/openssl35.sh
// (private apt state, run through the folder's own loader). The folder defaults to
// <repo>/.cache/openssl35 (TS_OPENSSL35_DIR overrides it); the script fetches it when missing.
// The tests are skipped, with the reason in their titles, only when that OpenSSL cannot be had.
import test from 'ava';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

import { makeCert } from '../helpers/certs';
import { runClient } from '../helpers/clients';
import { REPO_ROOT } from '../helpers/paths';
import { startServer } from '../helpers/server';

interface Tool {
  readonly cmd: string;
  readonly args: string[];
  readonly env: NodeJS.ProcessEnv;
}

/** Runs scripts/openssl35.sh and checks that what it prints is an OpenSSL 3.5 (or later). */
function findOpenssl35(): Tool | string {
  const dir = process.env.TS_OPENSSL35_DIR ?? path.join(REPO_ROOT, '.cache', 'openssl35');
  const r = spawnSync('bash', [path.join(REPO_ROOT, 'scripts', 'openssl35.sh'), dir], { encoding: 'utf8', timeout: 110_000 });
  if (r.status !== 0) {
    const why = (r.stderr || String(r.error ?? r.signal)).trim().split('\n').slice(-2).join(' / ');
    return `scripts/openssl35.sh ${dir} failed (${why})`;
  }
  const words = r.stdout.trim().split('\n').pop()!.split(/\s+/);
  const env: NodeJS.ProcessEnv = { ...process.env };
  if (words[0] === 'env') {
    words.shift();
    while (words.length && /^[A-Z_][A-Z0-9_]*=/.test(words[0])) {
      const w = words.shift()!;
      env[w.slice(0, w.indexOf('='))] = w.slice(w.indexOf('=') + 1);
    }
  }
  const tool = { cmd: words[0], args: words.slice(1), env };
  const v = spawnSync(tool.cmd, [...tool.args, 'version'], { encoding: 'utf8', env, timeout: 10_000 });
  const m = /^OpenSSL (\d+)\.(\d+)/.exec(v.stdout ?? '');
  if (!m) return `the fetched openssl does not run: ${(v.stderr || v.stdout || String(v.error)).trim()}`;
  if (Number(m[1]) * 100 + Number(m[2]) < 305) return `the fetched openssl is ${v.stdout.trim()}, not 3.5`;
  return tool;
}

const tool = findOpenssl35();
const skipReason = typeof tool === 'string' ? tool : undefined;
const it = skipReason ? test.skip : test.serial;
const title = (t: string) => (skipReason ? `${t} [SKIPPED: OpenSSL 3.5 unavailable: ${skipReason}]` : t);
if (skipReason) console.warn(`openssl35-mlkem: skipping, OpenSSL 3.5 unavailable: ${skipReason}`);

/** OpenSSL 3.5's s_client fetching the -www page; -trace shows every handshake message. */
function get35(port: number, extra: string[]) {
  const o = tool as Tool;
  return runClient(o.cmd, [...o.args, 's_client', '-connect', `127.0.0.1:${port}`, '-servername', 'localhost', '-ign_eof', '-trace', ...extra], 'GET / HTTP/1.0\r\n\r\n', 20000, o.env);
}

const clientHellos = (out: string) => (out.match(/^ {4}ClientHello, Length=\d+$/gm) ?? []).length;
/** The length of the X25519MLKEM768 key share in the last ServerHello that carries one (-trace). */
function serverShareLength(out: string): number | undefined {
  let len: number | undefined;
  for (const rec of out.split(/^(?=Received TLS Record|Sent TLS Record)/m)) {
    if (!rec.startsWith('Received') || !/^ {4}ServerHello, Length=/m.test(rec)) continue;
    const m = /NamedGroup: X25519MLKEM768 \(4588\)\n +key_exchange: +\(len=(\d+)\)/.exec(rec);
    if (m) len = Number(m[1]);
  }
  return len;
}

it(title('-groups X25519MLKEM768: the hybrid is negotiated and the -www page names it'), async (t) => {
  const certs = makeCert('p256');
  const server = await startServer(['-www', '-cert', certs.cert, '-key', certs.key]);
  try {
    const r = await get35(server.port, ['-groups', 'X25519MLKEM768']);
    t.regex(r.stdout, /^HTTP\/1\.0 200 ok/m, `${r.stdout}\n${r.stderr}\nserver:\n${server.stderr()}`);
    t.regex(r.stdout, /^Negotiated TLS1\.3 group: X25519MLKEM768$/m);
    t.regex(r.stdout, /^New, TLSv1\.3, Cipher is TLS_AES_256_GCM_SHA384$/m);
    // Our share: ML-KEM-768 ciphertext (1088) || X25519 (32).
    t.is(serverShareLength(r.stdout), 1120, r.stdout);
    t.is(clientHellos(r.stdout), 1);
    t.regex(r.stdout, /^Supported groups: X25519MLKEM768\r?$/m);
    t.regex(r.stdout, /^Shared groups: X25519MLKEM768\r?$/m);
  } finally {
    await server.kill();
    fs.rmSync(certs.dir, { recursive: true, force: true });
  }
});

it(title("OpenSSL 3.5's default ClientHello (hybrid first) negotiates X25519MLKEM768 without a retry"), async (t) => {
  const certs = makeCert('ed25519');
  const server = await startServer(['-www', '-cert', certs.cert, '-key', certs.key]);
  try {
    const r = await get35(server.port, []);
    t.regex(r.stdout, /^HTTP\/1\.0 200 ok/m, `${r.stdout}\n${r.stderr}\nserver:\n${server.stderr()}`);
    t.regex(r.stdout, /^Negotiated TLS1\.3 group: X25519MLKEM768$/m);
    t.is(clientHellos(r.stdout), 1, r.stdout);
    t.is(serverShareLength(r.stdout), 1120, r.stdout);
    // The page lists the client's groups, the hybrid first, and the ones we share with it.
    t.regex(r.stdout, /^Supported groups: X25519MLKEM768:x25519:/m);
    t.regex(r.stdout, /^Shared groups: X25519MLKEM768:x25519:/m);
  } finally {
    await server.kill();
    fs.rmSync(certs.dir, { recursive: true, force: true });
  }
});

it(title('HelloRetryRequest for X25519MLKEM768 when the client sends only an x25519 share'), async (t) => {
  const certs = makeCert('rsa2048');
  const server = await startServer(['-www', '-cert', certs.cert, '-key', certs.key, '-groups', 'X25519MLKEM768']);
  try {
    // "*" marks the groups that get a key share: only x25519, while both are in supported_groups.
    const r = await get35(server.port, ['-groups', '*x25519:X25519MLKEM768']);
    t.regex(r.stdout, /^HTTP\/1\.0 200 ok/m, `${r.stdout}\n${r.stderr}\nserver:\n${server.stderr()}`);
    t.regex(r.stdout, /^Negotiated TLS1\.3 group: X25519MLKEM768$/m);
    t.is(clientHellos(r.stdout), 2, r.stdout);
    // The retry request names the group (its key_share is just the 2-byte group).
    t.regex(r.stdout, /extension_type=key_share\(51\), length=2\n +NamedGroup: X25519MLKEM768 \(4588\)\n/);
    // The second ClientHello carries the 1216-byte hybrid share; the final ServerHello ours.
    t.regex(r.stdout, /NamedGroup: X25519MLKEM768 \(4588\)\n +key_exchange: +\(len=1216\)/);
    t.is(serverShareLength(r.stdout), 1120, r.stdout);
    t.regex(r.stdout, /^Supported groups: x25519:X25519MLKEM768\r?$/m);
    t.regex(r.stdout, /^Shared groups: X25519MLKEM768\r?$/m);
  } finally {
    await server.kill();
    fs.rmSync(certs.dir, { recursive: true, force: true });
  }
});

it(title('a client offering only x25519 to a server enabling only X25519MLKEM768 fails cleanly'), async (t) => {
  const certs = makeCert('p256');
  const server = await startServer(['-www', '-cert', certs.cert, '-key', certs.key, '-groups', 'X25519MLKEM768']);
  try {
    const r = await get35(server.port, ['-groups', 'x25519']);
    t.notRegex(r.stdout, /HTTP\/1\.0 200 ok/);
    t.regex(r.stdout + r.stderr, /handshake failure|alert/i, r.stdout + r.stderr);
  } finally {
    await server.kill();
    fs.rmSync(certs.dir, { recursive: true, force: true });
  }
});
