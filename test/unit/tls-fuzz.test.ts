// Fuzzing the TLS 1.3 server's input paths with a seeded PRNG and bounded iterations:
//  - ClientHellos: real ones (RFC 8448 §3, and ones `openssl s_client` sends, captured here with a
//    tiny TCP listener) mutated at random and structurally (extensions dropped, duplicated,
//    truncated, extended, lengths made wrong, reordered);
//  - random bytes into RecordFramer and HandshakeReassembler;
//  - random and mutated handshake messages into every state of the state machine;
//  - over TCP: 200 mutated ClientHellos at a running ts-s-server, then a real s_client handshake.
// The invariant: a TlsError carrying an RFC 8446 §6 alert (never internal_error) or success;
// no other exception. Every call is synchronous, so a hang would trip the test's timeout.
// Specific malformations get their specific alert.
import test, { ExecutionContext } from 'ava';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';

import { signingKey } from '../../src/config/credentials';
import { TlsError } from '../../src/tls/alert';
import { Tls13Config } from '../../src/tls/config13';
import { AlertDescription, ContentType } from '../../src/tls/constants';
import { finishedVerifyData } from '../../src/tls/keySchedule13';
import { hash } from '../../src/tls/primitives';
import { HandshakeReassembler, MAX_CIPHERTEXT, RecordFramer } from '../../src/tls/record';
import { ExpectClientHello, HandshakeMessage, HandshakeSink, State } from '../../src/tls/server13';
import { TicketSealer } from '../../src/tls/tickets13';
import { parseCertificate } from '../../src/x509/certificate';
import { opensslGet } from '../helpers/clients';
import { makeCert } from '../helpers/certs';
import { startServer } from '../helpers/server';

const h = (s: string): Buffer => Buffer.from(s.replace(/\s+/g, ''), 'hex');

// ---- Seeded PRNG (mulberry32): the same inputs on every run ------------------------------------
class Rng {
  constructor(private s: number) {}
  u32(): number {
    this.s = (this.s + 0x6d2b79f5) >>> 0;
    let t = this.s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  }
  int(n: number): number {
    return n <= 0 ? 0 : this.u32() % n;
  }
  chance(p: number): boolean {
    return this.u32() / 0x100000000 < p;
  }
  bytes(n: number): Buffer {
    const b = Buffer.alloc(n);
    for (let i = 0; i < n; i++) b[i] = this.u32() & 0xff;
    return b;
  }
  pick<T>(a: readonly T[]): T {
    return a[this.int(a.length)];
  }
}

// ---- ClientHello codec (test side) --------------------------------------------------------------
interface Ext {
  type: number;
  data: Buffer<ArrayBufferLike>;
}
interface Hello {
  /** legacy_version .. compression methods. */
  head: Buffer;
  exts: Ext[];
}

function splitHello(msg: Buffer): Hello {
  const body = msg.subarray(4);
  let p = 2 + 32;
  p += 1 + body[p];
  p += 2 + body.readUInt16BE(p);
  p += 1 + body[p];
  const head = Buffer.from(body.subarray(0, p));
  const exts: Ext[] = [];
  const end = p + 2 + body.readUInt16BE(p);
  p += 2;
  while (p < end) {
    const type = body.readUInt16BE(p);
    const len = body.readUInt16BE(p + 2);
    exts.push({ type, data: Buffer.from(body.subarray(p + 4, p + 4 + len)) });
    p += 4 + len;
  }
  if (p !== body.length) throw new Error('not a well-formed ClientHello');
  return { head, exts };
}

const u16 = (v: number): Buffer => Buffer.from([(v >> 8) & 0xff, v & 0xff]);
const u24 = (v: number): Buffer => Buffer.from([(v >> 16) & 0xff, (v >> 8) & 0xff, v & 0xff]);

/** Encodes a ClientHello; the deltas make one length field wrong on purpose. */
function buildHello(hello: Hello, opts: { extBlockDelta?: number; extLenDelta?: { index: number; delta: number }; trailing?: Buffer } = {}): Buffer {
  const exts = Buffer.concat(
    hello.exts.map((e, i) => Buffer.concat([u16(e.type), u16(e.data.length + (opts.extLenDelta?.index === i ? opts.extLenDelta.delta : 0)), e.data])),
  );
  const body = Buffer.concat([hello.head, u16(exts.length + (opts.extBlockDelta ?? 0)), exts, opts.trailing ?? Buffer.alloc(0)]);
  return handshake(1, body);
}

function handshake(type: number, body: Buffer): Buffer {
  return Buffer.concat([Buffer.from([type]), u24(body.length), body]);
}

function asMessage(raw: Buffer): HandshakeMessage {
  return { type: raw[0], body: raw.subarray(4), raw };
}

function record(type: number, fragment: Buffer, version = 0x0303): Buffer {
  return Buffer.concat([Buffer.from([type]), u16(version), u16(fragment.length), fragment]);
}

const EXT = { server_name: 0, supported_groups: 10, signature_algorithms: 13, alpn: 16, record_size_limit: 28, pre_shared_key: 41, supported_versions: 43, psk_modes: 45, key_share: 51 };

// RFC 8448 §3 ClientHello.
const RFC_CH = h(`010000c00303cb34ecb1e78163ba1c38c6dacb196a6dffa21a8d9912ec18a2ef6283024dece7
  000006130113031302010000910000000b0009000006736572766572ff01000100000a00140012001d00170018
  00190100010101020103010400230000003300260024001d002099381de560e4bd43d23d8e435a7dbafeb3c06e
  51c13cae4d5413691e529aaf2c002b0003020304000d0020001e040305030603020308040805080604010501060102
  010402050206020202002d00020101001c00024001`);

function withExt(hello: Hello, type: number, data: Buffer | undefined): Hello {
  const exts = hello.exts.filter((e) => e.type !== type);
  if (data) exts.push({ type, data });
  return { head: hello.head, exts };
}

function keyShareExt(entries: { group: number; key: Buffer }[]): Buffer {
  const list = Buffer.concat(entries.map((e) => Buffer.concat([u16(e.group), u16(e.key.length), e.key])));
  return Buffer.concat([u16(list.length), list]);
}

function u16ListExt(values: number[], lenBytes: 1 | 2 = 2): Buffer {
  const list = Buffer.concat(values.map(u16));
  return Buffer.concat([lenBytes === 1 ? Buffer.from([list.length]) : u16(list.length), list]);
}

// ---- The server under test --------------------------------------------------------------------
// An ECDSA P-256 key (fast to sign with); the chain's bytes are not parsed by the server.
const EC_KEY = signingKey({ type: 'ec', curve: 'P-256', curveOid: '1.2.840.10045.3.1.7', d: Buffer.alloc(32, 0x11), bits: 256 });

function config(over: Partial<Tls13Config> = {}): Tls13Config {
  const rng = new Rng(99);
  return {
    cipherSuites: [0x1302, 0x1303, 0x1301, 0x1304],
    serverPreference: false,
    prioritizeChaCha: false,
    groups: [0x001d, 0x0017, 0x0018, 0x0019, 0x001e],
    credentials: [{ chain: [Buffer.from('not parsed by the server')], key: EC_KEY }],
    alpn: ['http/1.1'],
    verifyPeer: 'none',
    numTickets: 2,
    middleboxCompat: true,
    maxSendFragment: 16384,
    recordPadding: 0,
    tickets: new TicketSealer(Buffer.alloc(32, 3), (n) => rng.bytes(n)),
    ticketLifetime: 7200,
    allowNoDheKex: false,
    // What the connection will verify with: strict X.509 parsing of the leaf (throws on garbage).
    verifyClientSignature: (leaf) => {
      parseCertificate(leaf);
      return false;
    },
    random: (n) => rng.bytes(n),
    now: () => 1_700_000_000_000,
    ...over,
  };
}

interface Sink extends HandshakeSink {
  messages: Buffer[];
  readSecrets: Buffer[];
}

function sink(): Sink {
  const s: Sink = {
    messages: [],
    readSecrets: [],
    sendHandshake: (m) => void s.messages.push(m),
    sendChangeCipherSpec: () => undefined,
    installKeys: (direction, _epoch, _suite, secret) => {
      if (direction === 'read') s.readSecrets.push(secret);
    },
    keyLog: () => undefined,
    handshakeDone: () => undefined,
    skipEarlyData: () => undefined,
  };
  return s;
}

const RFC6_ALERTS = new Set<number>(Object.values(AlertDescription).filter((a) => a !== AlertDescription.close_notify && a !== AlertDescription.internal_error));

type Outcome = { ok: true; state: State } | { ok: false; alert: number; message: string };

/** Runs one input; anything but success or a TlsError with an RFC 8446 §6 alert is recorded. */
class Harness {
  readonly failures: string[] = [];
  runs = 0;

  call(label: string, input: Buffer, fn: () => State): Outcome {
    this.runs++;
    try {
      return { ok: true, state: fn() };
    } catch (err) {
      if (err instanceof TlsError && RFC6_ALERTS.has(err.alert)) return { ok: false, alert: err.alert, message: err.message };
      if (this.failures.length < 10) this.failures.push(`${label}: ${(err as Error)?.stack ?? err}\n  input: ${input.toString('hex')}`);
      return { ok: false, alert: -1, message: String(err) };
    }
  }

  check(t: ExecutionContext): void {
    t.deepEqual(this.failures, [], this.failures.join('\n\n'));
    t.true(this.runs > 0);
  }
}

function expectAlert(t: ExecutionContext, fn: () => unknown, alert: number, label: string): void {
  try {
    fn();
    t.fail(`${label}: no error`);
  } catch (err) {
    if (!(err instanceof TlsError)) {
      t.fail(`${label}: ${(err as Error).stack}`);
      return;
    }
    t.is(err.alert as number, alert, `${label}: ${err.message}`);
  }
}

function clientHelloInto(cfg: Tls13Config, raw: Buffer, s: HandshakeSink = sink()): State {
  return new ExpectClientHello(cfg).handle(asMessage(raw), s);
}

// ---- Base ClientHellos: RFC 8448, openssl s_client (captured), codec-built --------------------

/** The first handshake message `openssl s_client` sends with `args`, read by a TCP listener. */
function captureOpensslHello(args: string[]): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const server = net.createServer((sock) => {
      let buf = Buffer.alloc(0);
      sock.on('data', (d: Buffer) => {
        buf = Buffer.concat([buf, d]);
        const framer = new RecordFramer();
        framer.push(buf);
        const re = new HandshakeReassembler(1 << 17);
        for (let rec = framer.next(); rec; rec = framer.next()) {
          re.push(rec.fragment);
          const m = re.next();
          if (m) {
            finish(undefined, Buffer.from(m.raw));
            sock.destroy();
            return;
          }
        }
      });
      sock.on('error', () => undefined);
    });
    let child: ReturnType<typeof spawn> | undefined;
    const timer = setTimeout(() => finish(new Error(`no ClientHello from s_client ${args.join(' ')}`)), 15000);
    let done = false;
    function finish(err: Error | undefined, hello?: Buffer): void {
      if (done) return;
      done = true;
      clearTimeout(timer);
      child?.kill('SIGKILL');
      server.close();
      if (err) reject(err);
      else resolve(hello!);
    }
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as net.AddressInfo).port;
      child = spawn('openssl', ['s_client', '-connect', `127.0.0.1:${port}`, ...args], { stdio: ['pipe', 'ignore', 'ignore'] });
      child.on('error', (e) => finish(e));
    });
  });
}

let bases: { name: string; raw: Buffer }[] = [];

test.before(async () => {
  const captured = await Promise.all([
    captureOpensslHello(['-tls1_3', '-servername', 'fuzz.example', '-alpn', 'h2,http/1.1']),
    captureOpensslHello(['-groups', 'P-256:x25519', '-servername', 'localhost']),
    captureOpensslHello(['-tls1_3', '-groups', 'x448:P-384', '-ciphersuites', 'TLS_CHACHA20_POLY1305_SHA256:TLS_AES_128_GCM_SHA256']),
  ]);
  const rfc = splitHello(RFC_CH);
  bases = [
    { name: 'RFC 8448', raw: RFC_CH },
    ...captured.map((raw, i) => ({ name: `openssl s_client #${i + 1}`, raw })),
    // Built with the codec: a P-256 share, and an (unknown) PSK identity with psk_dhe_ke.
    {
      name: 'codec P-256',
      raw: buildHello(withExt(rfc, EXT.key_share, keyShareExt([{ group: 0x0017, key: Buffer.concat([Buffer.from([4]), h('6b17d1f2e12c4247f8bce6e563a440f277037d812deb33a0f4a13945d898c296'), h('4fe342e2fe1a7f9b8ee7eb4a7c0f9e162bce33576b315ececbb6406837bf51f5')]) }]))),
    },
    {
      name: 'codec PSK',
      raw: buildHello(
        withExt(
          withExt(rfc, EXT.psk_modes, h('0101')),
          EXT.pre_shared_key,
          Buffer.concat([u16(2 + 16 + 4), u16(16), Buffer.alloc(16, 0xab), h('00000000'), u16(33), Buffer.from([32]), Buffer.alloc(32, 0xcd)]),
        ),
      ),
    },
  ];
});

test('every base ClientHello is accepted by the state machine', (t) => {
  t.true(bases.length >= 6);
  for (const b of bases) {
    splitHello(b.raw);
    const s = sink();
    const next = clientHelloInto(config(), b.raw, s);
    t.true(['ExpectFinished', 'ExpectClientHello2'].includes(next.name), b.name);
    t.true(s.messages.length >= 1, b.name);
  }
});

// ---- Specific malformations, specific alerts --------------------------------------------------

test('ClientHello: wrong lengths are decode_error', (t) => {
  for (const b of bases) {
    const hello = splitHello(b.raw);
    for (const delta of [-3, -1, 1, 2, 300]) {
      expectAlert(t, () => clientHelloInto(config(), buildHello(hello, { extBlockDelta: delta })), AlertDescription.decode_error, `${b.name} extensions length ${delta}`);
    }
    for (let i = 0; i < hello.exts.length; i++) {
      for (const delta of [1, 0x100]) {
        expectAlert(t, () => clientHelloInto(config(), buildHello(hello, { extLenDelta: { index: i, delta } })), AlertDescription.decode_error, `${b.name} ext #${i} length +${delta}`);
      }
    }
    expectAlert(t, () => clientHelloInto(config(), buildHello(hello, { trailing: Buffer.from([0]) })), AlertDescription.decode_error, `${b.name} trailing byte`);
    // Every truncation of the message (with a consistent handshake header).
    const body = b.raw.subarray(4);
    const noExtensionsAt = 2 + 32 + 1 + body[34] + 2 + body.readUInt16BE(35 + body[34]) + 1 + body[2 + 32 + 1 + body[34] + 2 + body.readUInt16BE(35 + body[34])];
    for (let n = 0; n < body.length; n++) {
      // Cut right after the compression methods, a hello is well formed (without extensions).
      const alert = n === noExtensionsAt ? AlertDescription.protocol_version : AlertDescription.decode_error;
      expectAlert(t, () => clientHelloInto(config(), handshake(1, body.subarray(0, n))), alert, `${b.name} truncated to ${n}`);
    }
  }
  // Fields before the extensions.
  const hello = splitHello(RFC_CH);
  const oddSuites = Buffer.concat([hello.head.subarray(0, 35), h('0003 130113'), hello.head.subarray(35 + 2 + 6)]);
  expectAlert(t, () => clientHelloInto(config(), buildHello({ head: oddSuites, exts: hello.exts })), AlertDescription.decode_error, 'odd cipher_suites');
  const longSession = Buffer.concat([hello.head.subarray(0, 34), Buffer.from([33]), Buffer.alloc(33), hello.head.subarray(35)]);
  expectAlert(t, () => clientHelloInto(config(), buildHello({ head: longSession, exts: hello.exts })), AlertDescription.decode_error, '33-byte session id');
  // Extension bodies one byte short or long.
  for (const type of [EXT.supported_groups, EXT.signature_algorithms, EXT.key_share, EXT.supported_versions, EXT.server_name, EXT.psk_modes, EXT.record_size_limit]) {
    const e = hello.exts.find((x) => x.type === type)!;
    expectAlert(t, () => clientHelloInto(config(), buildHello(withExt(hello, type, e.data.subarray(0, e.data.length - 1)))), AlertDescription.decode_error, `ext ${type} short`);
    expectAlert(t, () => clientHelloInto(config(), buildHello(withExt(hello, type, Buffer.concat([e.data, Buffer.from([0])])))), AlertDescription.decode_error, `ext ${type} long`);
  }
});

test('ClientHello: duplicates are illegal_parameter', (t) => {
  for (const b of bases) {
    const hello = splitHello(b.raw);
    for (let i = 0; i < hello.exts.length; i++) {
      const exts = [...hello.exts];
      exts.splice(i + 1, 0, hello.exts[i]);
      // pre_shared_key must stay last; duplicate it ahead of itself.
      if (hello.exts[i].type === EXT.pre_shared_key) exts.splice(i, 2, hello.exts[i], hello.exts[i]);
      expectAlert(t, () => clientHelloInto(config(), buildHello({ head: hello.head, exts })), AlertDescription.illegal_parameter, `${b.name} duplicate ext ${hello.exts[i].type}`);
    }
  }
  const hello = splitHello(RFC_CH);
  const share = { group: 0x001d, key: h('99381de560e4bd43d23d8e435a7dbafeb3c06e51c13cae4d5413691e529aaf2c') };
  expectAlert(t, () => clientHelloInto(config(), buildHello(withExt(hello, EXT.key_share, keyShareExt([share, share])))), AlertDescription.illegal_parameter, 'duplicate key_share group');
  const sni = Buffer.concat([u16(18), Buffer.from([0]), u16(6), Buffer.from('server'), Buffer.from([0]), u16(6), Buffer.from('other!')]);
  expectAlert(t, () => clientHelloInto(config(), buildHello(withExt(hello, EXT.server_name, sni))), AlertDescription.illegal_parameter, 'two host names');
});

test('ClientHello: versions, missing extensions, nothing shared, bad parameters', (t) => {
  const hello = splitHello(RFC_CH);
  const run = (hh: Hello, cfg = config()) => () => clientHelloInto(cfg, buildHello(hh));
  expectAlert(t, run(withExt(hello, EXT.supported_versions, undefined)), AlertDescription.protocol_version, 'no supported_versions');
  expectAlert(t, run(withExt(hello, EXT.supported_versions, u16ListExt([0x0303, 0x0302], 1))), AlertDescription.protocol_version, 'TLS 1.2 and 1.1 only');
  expectAlert(t, run(withExt(hello, EXT.signature_algorithms, undefined)), AlertDescription.missing_extension, 'no signature_algorithms');
  expectAlert(t, run(withExt(hello, EXT.key_share, undefined)), AlertDescription.missing_extension, 'no key_share');
  expectAlert(t, run(withExt(hello, EXT.supported_groups, undefined)), AlertDescription.missing_extension, 'key_share without supported_groups');
  const tls12Suites = Buffer.concat([hello.head.subarray(0, 35), h('0004 c02f c030'), hello.head.subarray(35 + 2 + 6)]);
  expectAlert(t, run({ head: tls12Suites, exts: hello.exts }), AlertDescription.handshake_failure, 'no shared cipher');
  expectAlert(t, run(hello, config({ cipherSuites: [0x1304] })), AlertDescription.handshake_failure, 'no shared cipher (config)');
  expectAlert(t, run(withExt(hello, EXT.supported_groups, u16ListExt([0x0100, 0x0101]))), AlertDescription.handshake_failure, 'no shared group');
  expectAlert(t, run(hello, config({ groups: [0x001e] })), AlertDescription.handshake_failure, 'no shared group (config)');
  expectAlert(t, run(withExt(hello, EXT.signature_algorithms, u16ListExt([0x0401, 0x0201]))), AlertDescription.handshake_failure, 'no usable signature scheme');
  const compression = Buffer.concat([hello.head.subarray(0, hello.head.length - 2), h('020001')]);
  expectAlert(t, run({ head: compression, exts: hello.exts }), AlertDescription.illegal_parameter, 'compression');
  expectAlert(t, run(withExt(hello, EXT.key_share, keyShareExt([{ group: 0x001d, key: Buffer.alloc(31, 9) }]))), AlertDescription.illegal_parameter, 'short X25519 share');
  expectAlert(t, run(withExt(hello, EXT.key_share, keyShareExt([{ group: 0x001d, key: Buffer.alloc(32) }]))), AlertDescription.illegal_parameter, 'all-zero X25519 result');
  const p256 = withExt(withExt(hello, EXT.supported_groups, u16ListExt([0x0017])), EXT.key_share, keyShareExt([{ group: 0x0017, key: Buffer.concat([Buffer.from([4]), Buffer.alloc(64, 1)]) }]));
  expectAlert(t, run(p256), AlertDescription.illegal_parameter, 'P-256 point not on the curve');
  expectAlert(t, run(withExt(hello, EXT.record_size_limit, u16(63))), AlertDescription.illegal_parameter, 'record_size_limit 63');
  const psk = Buffer.concat([u16(2 + 1 + 4), u16(1), Buffer.from([7]), h('00000000'), u16(33), Buffer.from([32]), Buffer.alloc(32)]);
  const notLast: Hello = { head: hello.head, exts: [{ type: EXT.pre_shared_key, data: psk }, ...hello.exts] };
  expectAlert(t, run(notLast), AlertDescription.illegal_parameter, 'pre_shared_key not last');
  const twoIdsOneBinder = Buffer.concat([u16(14), u16(1), Buffer.from([7]), h('00000000'), u16(1), Buffer.from([8]), h('00000000'), u16(33), Buffer.from([32]), Buffer.alloc(32)]);
  expectAlert(t, run(withExt(withExt(hello, EXT.psk_modes, h('0101')), EXT.pre_shared_key, twoIdsOneBinder)), AlertDescription.illegal_parameter, 'binders do not match identities');
});

test('out-of-order messages are unexpected_message in every state', (t) => {
  const states = stateFactories();
  const wrong: Record<string, number[]> = {
    ExpectClientHello: [2, 4, 5, 8, 11, 13, 15, 20, 24, 254],
    ExpectClientHello2: [2, 4, 5, 8, 11, 13, 15, 20, 24],
    ExpectFinished: [1, 2, 4, 5, 8, 11, 13, 15, 24],
    ExpectCertificate: [1, 2, 4, 5, 8, 13, 15, 20, 24],
    ExpectCertificateVerify: [1, 2, 4, 5, 8, 11, 13, 20, 24],
    Connected: [1, 2, 4, 5, 8, 11, 13, 15, 20],
  };
  for (const [name, make] of Object.entries(states)) {
    for (const type of wrong[name]) {
      expectAlert(t, () => make().handle(asMessage(handshake(type, Buffer.alloc(type === 20 ? 32 : 1))), sink()), AlertDescription.unexpected_message, `${name} <- ${type}`);
    }
  }
  expectAlert(t, () => states.Connected().handle(asMessage(handshake(24, h('02'))), sink()), AlertDescription.illegal_parameter, 'KeyUpdate 2');
  expectAlert(t, () => states.Connected().handle(asMessage(handshake(24, h('0000'))), sink()), AlertDescription.decode_error, 'KeyUpdate too long');
  expectAlert(t, () => states.Connected().handle(asMessage(handshake(24, Buffer.alloc(0))), sink()), AlertDescription.decode_error, 'KeyUpdate empty');
  expectAlert(t, () => states.ExpectFinished().handle(asMessage(handshake(20, Buffer.alloc(32))), sink()), AlertDescription.decrypt_error, 'wrong Finished');
  expectAlert(t, () => states.ExpectCertificateVerify().handle(asMessage(handshake(15, Buffer.concat([h('0403'), u16(8), Buffer.alloc(8)]))), sink()), AlertDescription.bad_certificate, 'garbage client certificate');
});

test('records: overflow, versions, content types, fragments', (t) => {
  const framed = (bytes: Buffer) => () => {
    const f = new RecordFramer();
    f.push(bytes);
    return f.next();
  };
  expectAlert(t, framed(h(`160303${(MAX_CIPHERTEXT + 1).toString(16).padStart(4, '0')}`)), AlertDescription.record_overflow, 'record of 2^14+257');
  expectAlert(t, framed(h('170303ffff')), AlertDescription.record_overflow, 'record of 0xffff');
  t.is(framed(h(`170303${MAX_CIPHERTEXT.toString(16).padStart(4, '0')}`))(), undefined);
  expectAlert(t, framed(h('1602030005')), AlertDescription.protocol_version, 'record version 2.3');
  expectAlert(t, framed(h('8003010005')), AlertDescription.unexpected_message, 'SSLv2-style first byte');
  expectAlert(t, framed(Buffer.from('GET / HTTP/1.0\r\n')), AlertDescription.unexpected_message, 'HTTP');
  const re = new HandshakeReassembler(1 << 17);
  re.push(h('01ffffff'));
  expectAlert(t, () => re.next(), AlertDescription.illegal_parameter, 'handshake message of 2^24-1');
});

// ---- State factories --------------------------------------------------------------------------

function stateFactories(): Record<string, () => State> {
  const rfc = splitHello(RFC_CH);
  // Only a P-256 share while the server prefers x25519: a HelloRetryRequest.
  const hrrHello = buildHello(withExt(rfc, EXT.key_share, keyShareExt([{ group: 0x0017, key: Buffer.concat([Buffer.from([4]), Buffer.alloc(64, 1)]) }])));
  const cfgHrr = config({ groups: [0x001d] });
  return {
    ExpectClientHello: () => new ExpectClientHello(config()),
    ExpectClientHello2: () => clientHelloInto(cfgHrr, hrrHello),
    ExpectFinished: () => clientHelloInto(config(), RFC_CH),
    ExpectCertificate: () => clientHelloInto(config({ verifyPeer: 'require' }), RFC_CH),
    ExpectCertificateVerify: () => {
      const s = clientHelloInto(config({ verifyPeer: 'request' }), RFC_CH);
      const cert = Buffer.concat([Buffer.from([0]), u24(3 + 4 + 2), u24(4), h('30020500'), u16(0)]);
      return s.handle(asMessage(handshake(11, cert)), sink());
    },
    Connected: () => {
      const s = sink();
      const st = clientHelloInto(config(), RFC_CH, s);
      // TLS_AES_128_GCM_SHA256 (the client's first): the client Finished over our transcript.
      const th = hash('sha256', Buffer.concat([RFC_CH, ...s.messages]));
      return st.handle(asMessage(handshake(20, finishedVerifyData('sha256', s.readSecrets[0], th))), sink());
    },
  };
}

test('the state factories reach the states they are named for', (t) => {
  for (const [name, make] of Object.entries(stateFactories())) t.is(make().name, name);
});

// ---- Random fuzzing ---------------------------------------------------------------------------

/** One structural or byte-level mutation of a ClientHello. */
function mutateHello(rng: Rng, raw: Buffer): Buffer {
  const hello = splitHello(raw);
  const exts: Ext[] = hello.exts.map((e) => ({ type: e.type, data: Buffer.from(e.data) }));
  const n = 1 + rng.int(3);
  let opts: Parameters<typeof buildHello>[1] = {};
  let head = Buffer.from(hello.head);
  for (let k = 0; k < n; k++) {
    const e = exts.length ? exts[rng.int(exts.length)] : undefined;
    switch (rng.int(12)) {
      case 0:
        if (e) exts.splice(exts.indexOf(e), 1);
        break;
      case 1:
        if (e) exts.splice(rng.int(exts.length + 1), 0, { type: e.type, data: Buffer.from(e.data) });
        break;
      case 2:
        if (e) e.data = e.data.subarray(0, rng.int(e.data.length + 1));
        break;
      case 3:
        if (e) e.data = Buffer.concat([e.data, rng.bytes(1 + rng.int(8))]);
        break;
      case 4:
        if (e && e.data.length) e.data[rng.int(e.data.length)] ^= 1 << rng.int(8);
        break;
      case 5:
        // A vector length inside the extension: its first two bytes.
        if (e && e.data.length >= 2) e.data.writeUInt16BE((e.data.readUInt16BE(0) + rng.pick([-2, -1, 1, 2, 0x100, 0x8000])) & 0xffff, 0);
        break;
      case 6:
        exts.splice(rng.int(exts.length + 1), 0, { type: rng.pick([rng.int(0x10000), 0x0a0a, 0xfe0d, 21, 44, 42, 49, 50]), data: rng.bytes(rng.int(40)) });
        break;
      case 7:
        for (let i = exts.length - 1; i > 0; i--) {
          const j = rng.int(i + 1);
          [exts[i], exts[j]] = [exts[j], exts[i]];
        }
        break;
      case 8:
        opts = rng.chance(0.5) ? { extBlockDelta: rng.pick([-1, 1, -4, 7]) } : { extLenDelta: { index: rng.int(exts.length), delta: rng.pick([-1, 1, 3]) } };
        break;
      case 9:
        head = Buffer.from(head);
        head[rng.int(head.length)] = rng.u32() & 0xff;
        break;
      case 10:
        if (e) e.data = rng.bytes(e.data.length);
        break;
      default: {
        // A well-known extension replaced with a random but plausible list.
        const type = rng.pick([EXT.supported_groups, EXT.signature_algorithms, EXT.supported_versions, EXT.key_share, EXT.psk_modes, EXT.alpn]);
        const values = Array.from({ length: rng.int(6) }, () => rng.pick([0x001d, 0x0017, 0x0304, 0x0303, 0x0403, 0x0804, 0x11ec, 0x0100, rng.int(0x10000)]));
        const data = type === EXT.key_share ? keyShareExt(values.map((g) => ({ group: g, key: rng.bytes(rng.pick([1, 32, 56, 65, 97, 133, 256, 1216])) }))) : u16ListExt(values, type === EXT.supported_versions ? 1 : 2);
        exts.splice(rng.int(exts.length + 1), 0, { type, data });
      }
    }
  }
  let out = buildHello({ head, exts }, opts);
  // Sometimes plain byte damage on top.
  if (rng.chance(0.2)) {
    out = Buffer.from(out);
    for (let i = 0; i < 1 + rng.int(4); i++) out[4 + rng.int(out.length - 4)] ^= rng.u32() & 0xff;
  }
  return out;
}

test('fuzz: mutated ClientHellos into ExpectClientHello (and the HRR state)', (t) => {
  t.timeout(50_000);
  const rng = new Rng(0x5eed1);
  const harness = new Harness();
  const alerts = new Map<number, number>();
  const cfgs = [
    config(),
    config({ groups: [0x001d], serverPreference: true }),
    config({ verifyPeer: 'require', alpn: undefined }),
    // Hybrid ML-KEM and finite-field groups first: random shares reach their checks.
    config({ groups: [0x11ec, 0x0100, 0x0017, 0x001d], serverPreference: true }),
  ];
  const hrr = stateFactories().ExpectClientHello2;
  for (let i = 0; i < 1500; i++) {
    const base = rng.pick(bases).raw;
    const input = mutateHello(rng, base);
    const r = harness.call(`mutation ${i}`, input, () => clientHelloInto(rng.pick(cfgs), input));
    if (!r.ok) alerts.set(r.alert, (alerts.get(r.alert) ?? 0) + 1);
    if (i % 10 === 0) harness.call(`second hello ${i}`, input, () => hrr().handle(asMessage(input), sink()));
  }
  harness.check(t);
  t.log('alerts:', [...alerts].map(([a, n]) => `${a}x${n}`).join(' '), 'runs:', harness.runs);
  // The mutations reach several distinct checks.
  t.true(alerts.size >= 4, JSON.stringify([...alerts]));
});

test('fuzz: random handshake messages into every state', (t) => {
  t.timeout(50_000);
  const rng = new Rng(0x5eed2);
  const harness = new Harness();
  const factories = stateFactories();
  const types = [0, 1, 2, 4, 5, 8, 11, 13, 15, 20, 24, 254, 255];
  for (const [name, make] of Object.entries(factories)) {
    for (let i = 0; i < 120; i++) {
      const type = rng.chance(0.7) ? rng.pick(types) : rng.int(256);
      let body: Buffer;
      switch (rng.int(3)) {
        case 0:
          body = rng.bytes(rng.int(64));
          break;
        case 1:
          body = rng.bytes(rng.pick([0, 1, 2, 3, 32, 48, 100, 1000]));
          break;
        default: {
          // A certificate-like or CertificateVerify-like shape with random sizes.
          const inner = rng.bytes(rng.int(40));
          body = Buffer.concat([Buffer.from([rng.int(3)]), u24(inner.length + rng.int(3)), inner, rng.bytes(rng.int(3))]);
        }
      }
      const input = handshake(type, body);
      harness.call(`${name} <- ${type}`, input, () => make().handle(asMessage(input), sink()));
    }
  }
  // Mutated valid messages: second ClientHellos after the HRR, client Certificates.
  for (let i = 0; i < 150; i++) {
    const input = mutateHello(rng, RFC_CH);
    harness.call('ClientHello2', input, () => factories.ExpectClientHello2().handle(asMessage(input), sink()));
  }
  for (let i = 0; i < 150; i++) {
    const entries = Array.from({ length: rng.int(3) }, () => {
      const der = rng.chance(0.5) ? rng.bytes(1 + rng.int(60)) : Buffer.concat([h('3082'), u16(40), rng.bytes(40)]);
      return Buffer.concat([u24(der.length), der, u16(0)]);
    });
    const list = Buffer.concat(entries);
    const input = handshake(11, Buffer.concat([Buffer.from([0]), u24(list.length), list]));
    harness.call('client Certificate', input, () => {
      const next = factories.ExpectCertificate().handle(asMessage(input), sink());
      if (next.name === 'ExpectCertificateVerify') next.handle(asMessage(handshake(15, Buffer.concat([h('0804'), u16(16), rng.bytes(16)]))), sink());
      return next;
    });
  }
  harness.check(t);
});

test('fuzz: random bytes into RecordFramer and HandshakeReassembler', (t) => {
  t.timeout(50_000);
  const rng = new Rng(0x5eed3);
  const harness = new Harness();
  for (let i = 0; i < 2000; i++) {
    const framer = new RecordFramer();
    const re = new HandshakeReassembler(1 << 17);
    let stream: Buffer;
    if (rng.chance(0.5)) {
      stream = rng.bytes(rng.int(300));
    } else {
      const parts: Buffer[] = [];
      for (let k = 0; k < 1 + rng.int(4); k++) {
        const frag = rng.chance(0.5) ? rng.pick(bases).raw.subarray(0, rng.int(300)) : rng.bytes(rng.int(100));
        parts.push(record(rng.chance(0.9) ? rng.pick([20, 21, 22, 23, 24]) : rng.int(256), frag, rng.chance(0.9) ? rng.pick([0x0301, 0x0303]) : rng.int(0x10000)));
      }
      stream = Buffer.concat(parts);
      if (rng.chance(0.3)) stream[rng.int(stream.length)] ^= 0xff;
    }
    harness.call(`stream ${i}`, stream, () => {
      // Delivered in random chunks.
      for (let off = 0; off < stream.length; ) {
        const n = 1 + rng.int(64);
        framer.push(stream.subarray(off, off + n));
        off += n;
        for (let rec = framer.next(); rec; rec = framer.next()) {
          if (rec.fragment.length > MAX_CIPHERTEXT) throw new Error('framer returned an oversized record');
          if (rec.type === ContentType.handshake) {
            re.push(rec.fragment);
            for (let m = re.next(); m; m = re.next()) if (m.raw.length !== 4 + m.body.length) throw new Error('bad message split');
          }
        }
      }
      return new ExpectClientHello(config());
    });
  }
  harness.check(t);
});

// ---- Over TCP ---------------------------------------------------------------------------------

/** Sends bytes on a fresh connection; resolves with what came back once the server answers or closes. */
function probe(port: number, data: Buffer): Promise<{ reply: Buffer; closed: boolean }> {
  return new Promise((resolve, reject) => {
    const sock = net.connect(port, '127.0.0.1');
    let reply = Buffer.alloc(0);
    const timer = setTimeout(() => {
      sock.destroy();
      reject(new Error(`no answer and no close for ${data.toString('hex')}`));
    }, 10_000);
    const done = (closed: boolean) => {
      clearTimeout(timer);
      sock.destroy();
      resolve({ reply, closed });
    };
    sock.on('connect', () => sock.write(data));
    sock.on('data', (d: Buffer) => {
      reply = Buffer.concat([reply, d]);
      // A fatal alert, or a ServerHello: the server has decided.
      if (reply.length >= 7 && (reply[0] === ContentType.alert || reply[0] === ContentType.handshake)) done(false);
    });
    sock.on('error', () => done(true));
    sock.on('close', () => done(true));
  });
}

test('over TCP: 200 mutated ClientHellos, then openssl s_client still connects', async (t) => {
  t.timeout(55_000);
  const certs = makeCert('p256');
  const server = await startServer(['-www', '-cert', certs.cert, '-key', certs.key]);
  try {
    const rng = new Rng(0x5eed4);
    const inputs: Buffer[] = [];
    for (let i = 0; i < 200; i++) {
      const hello = mutateHello(rng, rng.pick(bases).raw);
      let bytes: Buffer;
      switch (rng.int(5)) {
        case 0: {
          // Split over records of random sizes.
          const parts: Buffer[] = [];
          for (let off = 0; off < hello.length; ) {
            const n = 1 + rng.int(50);
            parts.push(record(22, hello.subarray(off, off + n)));
            off += n;
          }
          bytes = Buffer.concat(parts);
          break;
        }
        case 1:
          bytes = Buffer.concat([record(20, h('01')), record(22, hello)]);
          break;
        case 2:
          bytes = record(rng.pick([21, 23, 24, 22]), hello, rng.pick([0x0301, 0x0303, 0x0304, 0x0300]));
          break;
        default:
          bytes = record(22, hello, 0x0301);
      }
      inputs.push(bytes);
    }
    let answered = 0;
    for (let i = 0; i < inputs.length; i += 10) {
      const replies = await Promise.all(inputs.slice(i, i + 10).map((b) => probe(server.port, b)));
      answered += replies.filter((r) => r.reply.length > 0).length;
      t.is(server.proc.exitCode, null, `server died after inputs ${i}..${i + 9}: ${server.stderr()}`);
    }
    t.true(answered > 100, `only ${answered} answers`);
    const r = await opensslGet(server.port, ['-tls1_3']);
    t.regex(r.stdout, /^HTTP\/1\.0 200 ok/m, r.stdout + r.stderr);
    t.is(server.proc.exitCode, null);
    t.notRegex(server.stderr(), /internal error|TypeError|RangeError|ReferenceError/i);
  } finally {
    await server.kill();
    fs.rmSync(certs.dir, { recursive: true, force: true });
  }
});
