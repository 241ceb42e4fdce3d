// TLS record protection through the binding: RFC 8448 records, a reference record layer built
// here on node:crypto (the oracle) for every cipher and version in both directions, tampering
// (every bit flip, every truncation), CBC padding-oracle inputs, limits and argument checks, on
// both the dispatched and the portable implementations.
import test from 'ava';
import * as crypto from 'node:crypto';

import { createRecordProtection, RecordError } from '../../binding';
import type { RecordCipher, RecordProtection, RecordProtectionOptions, RecordVersion } from '../../binding';
import { forEachImplementation } from '../helpers/impls';

const hex = (s: string): Buffer => Buffer.from(s, 'hex');

// ---- a reference record layer on node:crypto -------------------------------------------------

interface Suite {
  cipher: RecordCipher;
  aead?: { node: crypto.CipherGCMTypes | crypto.CipherCCMTypes | 'chacha20-poly1305'; tag: number };
  cbc?: { node: string; block: number; hash: string; macLen: number };
  keyLen: number;
}

const SUITES: Record<RecordCipher, Suite> = {
  'aes-128-gcm': { cipher: 'aes-128-gcm', aead: { node: 'aes-128-gcm', tag: 16 }, keyLen: 16 },
  'aes-256-gcm': { cipher: 'aes-256-gcm', aead: { node: 'aes-256-gcm', tag: 16 }, keyLen: 32 },
  'chacha20-poly1305': { cipher: 'chacha20-poly1305', aead: { node: 'chacha20-poly1305', tag: 16 }, keyLen: 32 },
  'aes-128-ccm': { cipher: 'aes-128-ccm', aead: { node: 'aes-128-ccm', tag: 16 }, keyLen: 16 },
  'aes-128-ccm8': { cipher: 'aes-128-ccm8', aead: { node: 'aes-128-ccm', tag: 8 }, keyLen: 16 },
  'aes-256-ccm': { cipher: 'aes-256-ccm', aead: { node: 'aes-256-ccm', tag: 16 }, keyLen: 32 },
  'aes-256-ccm8': { cipher: 'aes-256-ccm8', aead: { node: 'aes-256-ccm', tag: 8 }, keyLen: 32 },
  'aes-128-cbc-sha': { cipher: 'aes-128-cbc-sha', cbc: { node: 'aes-128-cbc', block: 16, hash: 'sha1', macLen: 20 }, keyLen: 16 },
  'aes-256-cbc-sha': { cipher: 'aes-256-cbc-sha', cbc: { node: 'aes-256-cbc', block: 16, hash: 'sha1', macLen: 20 }, keyLen: 32 },
  'aes-128-cbc-sha256': { cipher: 'aes-128-cbc-sha256', cbc: { node: 'aes-128-cbc', block: 16, hash: 'sha256', macLen: 32 }, keyLen: 16 },
  'aes-256-cbc-sha256': { cipher: 'aes-256-cbc-sha256', cbc: { node: 'aes-256-cbc', block: 16, hash: 'sha256', macLen: 32 }, keyLen: 32 },
  'aes-256-cbc-sha384': { cipher: 'aes-256-cbc-sha384', cbc: { node: 'aes-256-cbc', block: 16, hash: 'sha384', macLen: 48 }, keyLen: 32 },
  'des-ede3-cbc-sha': { cipher: 'des-ede3-cbc-sha', cbc: { node: 'des-ede3-cbc', block: 8, hash: 'sha1', macLen: 20 }, keyLen: 24 },
};

const WIRE_VERSION: Record<RecordVersion, number> = { 'tls1.0': 0x0301, 'tls1.1': 0x0302, 'tls1.2': 0x0303, 'tls1.3': 0x0303 };

interface Config {
  version: RecordVersion;
  cipher: RecordCipher;
  etm?: boolean;
}

/** Every version/cipher/MAC mode combination the record layer supports. */
const CONFIGS: Config[] = [
  ...(['aes-128-gcm', 'aes-256-gcm', 'chacha20-poly1305', 'aes-128-ccm', 'aes-128-ccm8'] as const).map((cipher) => ({ version: 'tls1.3' as const, cipher })),
  ...(['aes-128-gcm', 'aes-256-gcm', 'chacha20-poly1305', 'aes-128-ccm', 'aes-128-ccm8', 'aes-256-ccm', 'aes-256-ccm8'] as const).map((cipher) => ({
    version: 'tls1.2' as const,
    cipher,
  })),
];
for (const etm of [false, true]) {
  for (const cipher of ['aes-128-cbc-sha', 'aes-256-cbc-sha', 'aes-128-cbc-sha256', 'aes-256-cbc-sha256', 'aes-256-cbc-sha384', 'des-ede3-cbc-sha'] as const)
    CONFIGS.push({ version: 'tls1.2', cipher, etm });
  for (const version of ['tls1.1', 'tls1.0'] as const)
    for (const cipher of ['aes-128-cbc-sha', 'aes-256-cbc-sha', 'des-ede3-cbc-sha'] as const) CONFIGS.push({ version, cipher, etm });
}

const label = (c: Config): string => `${c.version} ${c.cipher}${c.etm ? ' etm' : ''}`;

interface Keys {
  key: Buffer;
  iv: Buffer;
  macKey?: Buffer;
}

function keysFor(c: Config): Keys {
  const s = SUITES[c.cipher];
  const ivLen = s.cbc ? (c.version === 'tls1.0' ? s.cbc.block : 0) : c.version === 'tls1.2' && c.cipher !== 'chacha20-poly1305' ? 4 : 12;
  return { key: crypto.randomBytes(s.keyLen), iv: crypto.randomBytes(ivLen), macKey: s.cbc ? crypto.randomBytes(s.cbc.macLen) : undefined };
}

function options(c: Config, k: Keys): RecordProtectionOptions {
  return { version: c.version, cipher: c.cipher, key: k.key, iv: k.iv, macKey: k.macKey, encryptThenMac: c.etm };
}

const u64 = (n: bigint): Buffer => {
  const b = Buffer.alloc(8);
  b.writeBigUInt64BE(n);
  return b;
};

function header(type: number, version: number, len: number): Buffer {
  return Buffer.from([type, version >> 8, version & 0xff, len >> 8, len & 0xff]);
}

/** RFC 8446 §5.3 / RFC 7905: IV XOR left-padded sequence number. */
function xorNonce(iv: Buffer, seq: bigint): Buffer {
  const n = Buffer.from(iv);
  const s = u64(seq);
  for (let i = 0; i < 8; i++) n[4 + i] ^= s[i];
  return n;
}

/**
 * CCM over an empty payload, from the block cipher (SP 800-38C A.2): OpenSSL through node:crypto
 * does not produce a tag for an empty CCM message, and TLS 1.2 CCM records may be empty.
 */
function ccmEmptyTag(s: Suite, key: Buffer, nonce: Buffer, aad: Buffer): Buffer {
  const t = s.aead!.tag;
  const ecb = (b: Buffer): Buffer => {
    const c = crypto.createCipheriv(s.aead!.node.replace('ccm', 'ecb'), key, null);
    c.setAutoPadding(false);
    return c.update(b);
  };
  const b0 = Buffer.concat([Buffer.from([0x40 | (((t - 2) / 2) << 3) | 2]), nonce, Buffer.alloc(3)]);
  const a = Buffer.alloc(16 * Math.ceil((aad.length + 2) / 16));
  a.writeUInt16BE(aad.length, 0);
  aad.copy(a, 2);
  let y = ecb(b0);
  for (let i = 0; i < a.length; i += 16) {
    const x = Buffer.from(y);
    for (let j = 0; j < 16; j++) x[j] ^= a[i + j];
    y = ecb(x);
  }
  const s0 = ecb(Buffer.concat([Buffer.from([2]), nonce, Buffer.alloc(3)]));
  for (let j = 0; j < 16; j++) y[j] ^= s0[j];
  return y.subarray(0, t);
}

function aeadEncrypt(s: Suite, key: Buffer, nonce: Buffer, aad: Buffer, pt: Buffer): Buffer {
  const a = s.aead!;
  if (pt.length === 0 && a.node.endsWith('ccm')) return ccmEmptyTag(s, key, nonce, aad);
  const c = crypto.createCipheriv(a.node as crypto.CipherGCMTypes, key, nonce, { authTagLength: a.tag });
  c.setAAD(aad, { plaintextLength: pt.length });
  return Buffer.concat([c.update(pt), c.final(), c.getAuthTag()]);
}

function aeadDecrypt(s: Suite, key: Buffer, nonce: Buffer, aad: Buffer, ct: Buffer): Buffer | null {
  const a = s.aead!;
  if (ct.length < a.tag) return null;
  if (ct.length === a.tag && a.node.endsWith('ccm')) return ccmEmptyTag(s, key, nonce, aad).equals(ct) ? Buffer.alloc(0) : null;
  try {
    const d = crypto.createDecipheriv(a.node as crypto.CipherGCMTypes, key, nonce, { authTagLength: a.tag });
    d.setAuthTag(ct.subarray(ct.length - a.tag));
    d.setAAD(aad, { plaintextLength: ct.length - a.tag });
    return Buffer.concat([d.update(ct.subarray(0, ct.length - a.tag)), d.final()]);
  } catch {
    return null;
  }
}

function cbc(s: Suite, key: Buffer, iv: Buffer, data: Buffer, encrypt: boolean): Buffer {
  const c = encrypt ? crypto.createCipheriv(s.cbc!.node, key, iv) : crypto.createDecipheriv(s.cbc!.node, key, iv);
  c.setAutoPadding(false);
  return Buffer.concat([c.update(data), c.final()]);
}

/** The straightforward (not constant-time) record layer of the RFCs. */
class Reference {
  seq = 0n;
  private chainIv: Buffer;
  private readonly s: Suite;
  constructor(
    private readonly c: Config,
    private readonly k: Keys,
  ) {
    this.s = SUITES[c.cipher];
    this.chainIv = Buffer.from(k.iv);
  }

  private mac(type: number, version: number, data: Buffer): Buffer {
    const cb = this.s.cbc!;
    return crypto
      .createHmac(cb.hash, this.k.macKey!)
      .update(Buffer.concat([u64(this.seq), header(type, version, data.length).subarray(0, 3), Buffer.from([data.length >> 8, data.length & 0xff]), data]))
      .digest();
  }

  /** padBody: CBC padding length byte value; explicitIv for TLS 1.1+. */
  seal(type: number, content: Buffer, padding = 0, explicitIv?: Buffer): Buffer {
    const v = WIRE_VERSION[this.c.version];
    let frag: Buffer;
    if (this.c.version === 'tls1.3') {
      const inner = Buffer.concat([content, Buffer.from([type]), Buffer.alloc(padding)]);
      const h = header(23, 0x0303, inner.length + this.s.aead!.tag);
      frag = aeadEncrypt(this.s, this.k.key, xorNonce(this.k.iv, this.seq), h, inner);
      this.seq++;
      return Buffer.concat([h, frag]);
    }
    if (this.s.aead) {
      const aad = Buffer.concat([u64(this.seq), Buffer.from([type, v >> 8, v & 0xff, content.length >> 8, content.length & 0xff])]);
      if (this.c.cipher === 'chacha20-poly1305') frag = aeadEncrypt(this.s, this.k.key, xorNonce(this.k.iv, this.seq), aad, content);
      else frag = Buffer.concat([u64(this.seq), aeadEncrypt(this.s, this.k.key, Buffer.concat([this.k.iv, u64(this.seq)]), aad, content)]);
    } else {
      const cb = this.s.cbc!;
      const explicit = this.c.version !== 'tls1.0';
      const iv = explicit ? (explicitIv ?? crypto.randomBytes(cb.block)) : this.chainIv;
      const base = content.length + 1 + (this.c.etm ? 0 : cb.macLen);
      const padLen = ((cb.block - (base % cb.block)) % cb.block) + padding;
      const pad = Buffer.alloc(padLen + 1, padLen);
      if (!this.c.etm) {
        const ct = cbc(this.s, this.k.key, iv, Buffer.concat([content, this.mac(type, v, content), pad]), true);
        frag = explicit ? Buffer.concat([iv, ct]) : ct;
        if (!explicit) this.chainIv = ct.subarray(ct.length - cb.block);
      } else {
        const ct = cbc(this.s, this.k.key, iv, Buffer.concat([content, pad]), true);
        const body = explicit ? Buffer.concat([iv, ct]) : ct;
        frag = Buffer.concat([body, this.mac(type, v, body)]);
        if (!explicit) this.chainIv = ct.subarray(ct.length - cb.block);
      }
    }
    this.seq++;
    return Buffer.concat([header(type, v, frag.length), frag]);
  }

  open(record: Buffer): { type: number; content: Buffer } | null {
    const type = record[0];
    const v = record.readUInt16BE(1);
    const frag = record.subarray(5);
    if (this.c.version === 'tls1.3') {
      const inner = aeadDecrypt(this.s, this.k.key, xorNonce(this.k.iv, this.seq), record.subarray(0, 5), frag);
      if (!inner) return null;
      let end = inner.length - 1;
      while (end >= 0 && inner[end] === 0) end--;
      if (end < 0) return null;
      this.seq++;
      return { type: inner[end], content: inner.subarray(0, end) };
    }
    if (this.s.aead) {
      const ex = this.c.cipher === 'chacha20-poly1305' ? 0 : 8;
      if (frag.length < ex + this.s.aead.tag) return null;
      const plen = frag.length - ex - this.s.aead.tag;
      const aad = Buffer.concat([u64(this.seq), Buffer.from([type, v >> 8, v & 0xff, plen >> 8, plen & 0xff])]);
      const nonce = ex ? Buffer.concat([this.k.iv, frag.subarray(0, 8)]) : xorNonce(this.k.iv, this.seq);
      const pt = aeadDecrypt(this.s, this.k.key, nonce, aad, frag.subarray(ex));
      if (!pt) return null;
      this.seq++;
      return { type, content: pt };
    }
    const cb = this.s.cbc!;
    const explicit = this.c.version !== 'tls1.0';
    const ex = explicit ? cb.block : 0;
    let body = frag;
    if (this.c.etm) {
      if (frag.length < ex + cb.macLen + cb.block) return null;
      body = frag.subarray(0, frag.length - cb.macLen);
      if (!this.mac(type, v, body).equals(frag.subarray(frag.length - cb.macLen))) return null;
    }
    const ct = body.subarray(ex);
    if (ct.length === 0 || ct.length % cb.block) return null;
    const iv = explicit ? body.subarray(0, ex) : this.chainIv;
    const pt = cbc(this.s, this.k.key, iv, ct, false);
    const p = pt[pt.length - 1];
    const reserve = this.c.etm ? 0 : cb.macLen;
    if (p + 1 + reserve > pt.length) return null;
    for (let i = pt.length - 1 - p; i < pt.length; i++) if (pt[i] !== p) return null;
    let content = pt.subarray(0, pt.length - 1 - p);
    if (!this.c.etm) {
      const mac = content.subarray(content.length - cb.macLen);
      content = content.subarray(0, content.length - cb.macLen);
      if (!this.mac(type, v, content).equals(mac)) return null;
    }
    if (!explicit) this.chainIv = Buffer.from(ct.subarray(ct.length - cb.block));
    this.seq++;
    return { type, content: Buffer.from(content) };
  }
}

function pair(c: Config, k = keysFor(c)): { ours: RecordProtection; ref: Reference; k: Keys } {
  return { ours: createRecordProtection(options(c, k)), ref: new Reference(c, k), k };
}

const isCbc = (c: Config): boolean => SUITES[c.cipher].cbc !== undefined;
const block = (c: Config): number => SUITES[c.cipher].cbc?.block ?? 1;

function paddingFor(c: Config, len: number): number {
  if (c.version === 'tls1.3') return len + 64 <= 16384 ? [0, 1, 17, 64][len % 4] : 0;
  if (isCbc(c)) return block(c) * (len % 5);
  return 0;
}

// ---- tests ------------------------------------------------------------------------------------

test('RFC 8448 §3: client records sealed byte for byte, server records opened', (t) => {
  forEachImplementation((impl) => {
    const counting = Buffer.from(Array.from({ length: 50 }, (_, i) => i));
    const client = createRecordProtection({ version: 'tls1.3', cipher: 'aes-128-gcm', key: hex('17422dda596ed5d9acd890e3c63f5051'), iv: hex('5b78923dee08579033e523d9'), direction: 'seal' });
    t.is(
      client.seal(23, counting).toString('hex'),
      '1703030043a23f7054b62c94d0affafe8228ba55cbefacea42f914aa66bcab3f2b9819a8a5b46b395bd54a9a20441e2b62974e1f5a6292a2977014bd1e3deae63aeebb21694915e4',
      impl,
    );
    t.is(client.seal(21, Buffer.from([1, 0])).toString('hex'), '1703030013c9872760655666b74d7ff1153efd6db6d0b0e3', impl);
    t.is(client.sequence, 2n);
    const server = createRecordProtection({ version: 'tls1.3', cipher: 'aes-128-gcm', key: hex('9f02283b6c9c07efc26bb9f2ac92e356'), iv: hex('cf782b88dd83549aadf1e984'), sequence: 1n, direction: 'open' });
    const data = hex('17030300432e937e11ef4ac740e538ad36005fc4a46932fc3225d05f82aa1b36e30efaf97d90e6dffc602dcb501a59a8fcc49c4bf2e5f0a21c0047c2abf332540dd032e167c2955d');
    t.deepEqual(server.open(data), { type: 23, content: counting }, impl);
    t.is(server.open(data), null, 'replayed at the next sequence number');
    t.is(server.sequence, 2n, 'a failed open does not advance');
    t.deepEqual(server.open(hex('1703030013b58fd67166ebf599d24720cfbe7efa7a8864a9')), { type: 21, content: Buffer.from([1, 0]) });
    t.throws(() => server.seal(23, counting), { message: /only opens/ });
    t.throws(() => client.open(data), { message: /only seals/ });
  });
});

test('differential against node:crypto: every cipher and version, both directions', (t) => {
  forEachImplementation((impl) => {
    for (const c of CONFIGS) {
      const a = pair(c); // we seal, the reference opens
      const b = pair(c); // the reference seals, we open
      for (const len of [0, 1, 13, 16, 31, 100, 255, 256, 1000, 4096, 16383, 16384]) {
        const content = crypto.randomBytes(len);
        const type = 20 + (len % 4);
        const pad = paddingFor(c, len);
        const rec = a.ours.seal(type, content, pad);
        const ref = a.ref.seal(type, content, pad, isCbc(c) && c.version !== 'tls1.0' ? rec.subarray(5, 5 + block(c)) : undefined);
        t.true(rec.equals(ref), `${label(c)} len ${len} byte-exact [${impl}]`);
        const back = b.ref.seal(type, content, pad);
        t.deepEqual(b.ours.open(back), { type, content }, `${label(c)} len ${len} [${impl}]`);
      }
      t.is(a.ours.sequence, a.ref.seq);
      t.is(b.ours.sequence, b.ref.seq);
    }
  });
});

test('every single-bit flip and every truncation is rejected, and does not advance', (t) => {
  forEachImplementation((impl) => {
    for (const c of CONFIGS) {
      const { ours, k } = pair(c);
      const rec = ours.seal(23, crypto.randomBytes(45), c.version === 'tls1.3' ? 3 : 0);
      const rx = createRecordProtection(options(c, k));
      let accepted = 0;
      for (let bit = 0; bit < rec.length * 8; bit++) {
        if (bit >= 24 && bit < 40) continue; // the length field: a framing error, below
        const bad = Buffer.from(rec);
        bad[bit >> 3] ^= 1 << (bit & 7);
        if (rx.open(bad) !== null) accepted++;
      }
      for (let cut = 5; cut < rec.length; cut++) {
        const bad = Buffer.from(rec.subarray(0, cut));
        bad.writeUInt16BE(cut - 5, 3);
        if (rx.open(bad) !== null) accepted++;
      }
      t.is(accepted, 0, `${label(c)} [${impl}]`);
      t.is(rx.sequence, 0n);
      t.throws(() => rx.open(rec.subarray(0, rec.length - 1)), { instanceOf: RangeError }, 'length field mismatch');
      t.throws(() => rx.open(rec.subarray(0, 3)), { instanceOf: RangeError });
      t.deepEqual(rx.open(rec)?.content.length, 45, `${label(c)} still opens after the rejections`);
    }
  });
});

/** A MAC-then-encrypt record from a hand-built plaintext body (content || MAC || padding). */
function cbcRecordFromBody(c: Config, k: Keys, body: Buffer): Buffer {
  const s = SUITES[c.cipher];
  const v = WIRE_VERSION[c.version];
  const iv = c.version === 'tls1.0' ? k.iv : crypto.randomBytes(s.cbc!.block);
  const ct = cbc(s, k.key, iv, body, true);
  const frag = c.version === 'tls1.0' ? ct : Buffer.concat([iv, ct]);
  return Buffer.concat([header(23, v, frag.length), frag]);
}

function mteMac(c: Config, k: Keys, content: Buffer): Buffer {
  const s = SUITES[c.cipher].cbc!;
  const v = WIRE_VERSION[c.version];
  return crypto
    .createHmac(s.hash, k.macKey!)
    .update(Buffer.concat([u64(0n), Buffer.from([23, v >> 8, v & 0xff, content.length >> 8, content.length & 0xff]), content]))
    .digest();
}

test('padding oracle inputs: bad padding and bad MAC give the same null, release nothing, do not advance', (t) => {
  forEachImplementation((impl) => {
    for (const c of CONFIGS.filter((x) => isCbc(x) && !x.etm)) {
      const k = keysFor(c);
      const s = SUITES[c.cipher].cbc!;
      const content = crypto.randomBytes(3 * s.block + 5);
      const mac = mteMac(c, k, content);
      const base = content.length + mac.length + 1;
      const p = (s.block - (base % s.block)) % s.block + s.block; // one extra block of padding
      const good = Buffer.concat([content, mac, Buffer.alloc(p + 1, p)]);
      const variants: Array<[string, Buffer]> = [];
      for (let i = good.length - p - 1; i < good.length - 1; i++) {
        const b = Buffer.from(good);
        b[i] ^= 0x01;
        variants.push([`padding byte ${i} wrong`, b]);
      }
      const tooLong = Buffer.from(good);
      tooLong[tooLong.length - 1] = 255;
      variants.push(['padding longer than the record', tooLong]);
      const shorter = Buffer.from(good);
      shorter[shorter.length - 1] = p - 1; // consistent-looking shorter padding: the MAC lands elsewhere
      shorter.fill(p - 1, shorter.length - p);
      variants.push(['shorter padding', shorter]);
      const badMac = Buffer.from(good);
      badMac[content.length + 3] ^= 0x80;
      variants.push(['bad MAC, good padding', badMac]);
      const badContent = Buffer.from(good);
      badContent[0] ^= 0x80;
      variants.push(['bad content, good padding', badContent]);
      for (const [what, body] of variants) {
        const rx = createRecordProtection(options(c, k));
        t.is(rx.open(cbcRecordFromBody(c, k, body)), null, `${label(c)}: ${what} [${impl}]`);
        t.is(rx.sequence, 0n);
      }
      const rx = createRecordProtection(options(c, k));
      t.deepEqual(rx.open(cbcRecordFromBody(c, k, good)), { type: 23, content }, `${label(c)}: the well-formed record opens`);
    }
  });
});

test('encrypt-then-MAC: a correctly MACed record with bad padding is rejected too', (t) => {
  for (const c of CONFIGS.filter((x) => isCbc(x) && x.etm)) {
    const k = keysFor(c);
    const s = SUITES[c.cipher].cbc!;
    const v = WIRE_VERSION[c.version];
    const body = Buffer.concat([crypto.randomBytes(2 * s.block - 3), Buffer.from([1, 2, 2])]); // padding "2 2" with a 1 before
    const iv = c.version === 'tls1.0' ? k.iv : crypto.randomBytes(s.block);
    const ct = cbc(SUITES[c.cipher], k.key, iv, body, true);
    const frag0 = c.version === 'tls1.0' ? ct : Buffer.concat([iv, ct]);
    const mac = crypto
      .createHmac(s.hash, k.macKey!)
      .update(Buffer.concat([u64(0n), Buffer.from([23, v >> 8, v & 0xff, frag0.length >> 8, frag0.length & 0xff]), frag0]))
      .digest();
    const frag = Buffer.concat([frag0, mac]);
    const rx = createRecordProtection(options(c, k));
    t.is(rx.open(Buffer.concat([header(23, v, frag.length), frag])), null, label(c));
    t.is(rx.sequence, 0n);
  }
});

test('limits: record_overflow, no content type, sequence exhaustion', (t) => {
  const k = { key: crypto.randomBytes(16), iv: crypto.randomBytes(12) };
  const rx = createRecordProtection({ version: 'tls1.3', cipher: 'aes-128-gcm', ...k });
  const tx = createRecordProtection({ version: 'tls1.3', cipher: 'aes-128-gcm', ...k });
  // RFC 8446 §5.2: a ciphertext over 2^14 + 256 bytes.
  const big = Buffer.concat([header(23, 0x0303, 16384 + 257), Buffer.alloc(16384 + 257)]);
  t.throws(() => rx.open(big), { instanceOf: RecordError, message: /record_overflow/ });
  const err = t.throws(() => rx.open(big)) as RecordError;
  t.is(err.alert, 22);
  // RFC 8446 §5.4: an inner plaintext of only zeros has no content type.
  const zeros = tx.seal(0, Buffer.alloc(0), 10);
  t.is((t.throws(() => rx.open(zeros)) as RecordError).alert, 10);
  t.throws(() => tx.seal(23, Buffer.alloc(16384), 1), { instanceOf: RangeError });
  t.throws(() => tx.seal(23, Buffer.alloc(16385)), { instanceOf: RangeError });
  // The last sequence number, 2^64 - 2, then no more (RFC 8446 §5.3: never wrap).
  const last = createRecordProtection({ version: 'tls1.3', cipher: 'aes-128-gcm', ...k, sequence: 0xfffffffffffffffen });
  const lastRx = createRecordProtection({ version: 'tls1.3', cipher: 'aes-128-gcm', ...k, sequence: 0xfffffffffffffffen });
  const rec = last.seal(23, Buffer.from('x'));
  t.deepEqual(lastRx.open(rec)?.content, Buffer.from('x'));
  t.is((t.throws(() => last.seal(23, Buffer.from('y'))) as RecordError).code, 'ERR_TLS_SEQUENCE_EXHAUSTED');
  t.is((t.throws(() => lastRx.open(rec)) as RecordError).alert, 80);
  // TLS 1.2 AEAD: a plaintext over 2^14 bytes that authenticates is record_overflow.
  const k12 = { key: crypto.randomBytes(16), iv: crypto.randomBytes(4) };
  const aad = Buffer.concat([u64(0n), Buffer.from([23, 3, 3, 0x40, 0x01])]);
  const sealed = aeadEncrypt(SUITES['aes-128-gcm'], k12.key, Buffer.concat([k12.iv, u64(0n)]), aad, Buffer.alloc(16385, 1));
  const frag = Buffer.concat([u64(0n), sealed]);
  const rx12 = createRecordProtection({ version: 'tls1.2', cipher: 'aes-128-gcm', ...k12 });
  t.is((t.throws(() => rx12.open(Buffer.concat([header(23, 0x0303, frag.length), frag]))) as RecordError).alert, 22);
  t.is(rx12.sequence, 0n);
  // CBC padding beyond 256 bytes or not a multiple of the block; AEAD 1.2 padding.
  const cbcTx = createRecordProtection({ version: 'tls1.2', cipher: 'aes-128-cbc-sha', key: crypto.randomBytes(16), macKey: crypto.randomBytes(20) });
  t.throws(() => cbcTx.seal(23, Buffer.alloc(1), 8), { instanceOf: RangeError });
  t.throws(() => cbcTx.seal(23, Buffer.alloc(1), 256), { instanceOf: RangeError });
  t.is(cbcTx.seal(23, Buffer.alloc(1), 224).length, 5 + 16 + 256);
  const gcm12 = createRecordProtection({ version: 'tls1.2', cipher: 'aes-128-gcm', ...k12 });
  t.throws(() => gcm12.seal(23, Buffer.alloc(1), 1), { instanceOf: RangeError });
});

test('bad options and arguments throw TypeError / RangeError', (t) => {
  const key = Buffer.alloc(16);
  const ok: RecordProtectionOptions = { version: 'tls1.3', cipher: 'aes-128-gcm', key, iv: Buffer.alloc(12) };
  t.notThrows(() => createRecordProtection(ok));
  const bad: Array<[Partial<RecordProtectionOptions> & Record<string, unknown>, typeof RangeError | typeof TypeError]> = [
    [{ version: 'tls1.4' as RecordVersion }, RangeError],
    [{ cipher: 'rc4-md5' as RecordCipher }, RangeError],
    [{ key: Buffer.alloc(15) }, RangeError],
    [{ iv: Buffer.alloc(4) }, RangeError],
    [{ key: 'secret' as unknown as Buffer }, TypeError],
    [{ encryptThenMac: true }, RangeError],
    [{ cipher: 'aes-128-cbc-sha', macKey: Buffer.alloc(20), iv: undefined }, RangeError], // CBC in TLS 1.3
    [{ cipher: 'aes-256-ccm', key: Buffer.alloc(32) }, RangeError],
    [{ version: 'tls1.1', cipher: 'aes-128-gcm', iv: Buffer.alloc(4) }, RangeError],
    [{ version: 'tls1.1', cipher: 'aes-128-cbc-sha256', iv: undefined, macKey: Buffer.alloc(32) }, RangeError],
    [{ version: 'tls1.2', cipher: 'aes-128-cbc-sha', iv: undefined, macKey: Buffer.alloc(32) }, RangeError],
    [{ version: 'tls1.0', cipher: 'aes-128-cbc-sha', iv: undefined, macKey: Buffer.alloc(20) }, RangeError],
    [{ sequence: -1n }, RangeError],
    [{ direction: 'both' as 'seal' }, RangeError],
  ];
  for (const [patch, type] of bad) t.throws(() => createRecordProtection({ ...ok, ...patch } as RecordProtectionOptions), { instanceOf: type }, JSON.stringify(Object.keys(patch)));
  const rp = createRecordProtection(ok);
  t.throws(() => rp.seal(256, Buffer.alloc(1)), { instanceOf: RangeError });
  t.throws(() => rp.seal(23, 'text' as unknown as Buffer), { instanceOf: TypeError });
  t.throws(() => rp.open(42 as unknown as Buffer), { instanceOf: TypeError });
  rp.dispose();
  t.throws(() => rp.seal(23, Buffer.alloc(1)), { message: /disposed/ });
});

test('TLS 1.0 chains IVs across records in both directions', (t) => {
  for (const cipher of ['aes-128-cbc-sha', 'des-ede3-cbc-sha'] as const) {
    for (const etm of [false, true]) {
      const c: Config = { version: 'tls1.0', cipher, etm };
      const { ours, ref, k } = pair(c);
      const rx = createRecordProtection(options(c, k));
      const rxRef = new Reference(c, k);
      for (let i = 0; i < 20; i++) {
        const content = crypto.randomBytes(i * 7);
        const rec = ours.seal(23, content);
        t.true(rec.equals(ref.seal(23, content)), `${label(c)} record ${i}`);
        t.deepEqual(rx.open(rec), { type: 23, content });
        t.deepEqual(rxRef.open(rec), { type: 23, content });
      }
    }
  }
});
