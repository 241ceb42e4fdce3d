// Record protection speed: one native call per record (createRecordProtection) against the
// previous TypeScript path (nonce, inner plaintext and header built in JS around createAead()),
// for 16 KiB and 1 KiB records, plus node:crypto AES-GCM and the CBC suites for scale.
//   node dist/bench/record.js [filter]
import * as crypto from 'node:crypto';

import { createAead, createChaCha20Poly1305, createRecordProtection } from '../binding';
import type { RecordCipher, RecordVersion } from '../binding';

const filter = process.argv[2];
const SLICE_MS = 150;
const SLICES = 6;

/** The pre-native TLS 1.3 seal/open of src/tls/record.ts, kept here as the baseline. */
class OldProtection13 {
  private seq = 0n;
  private readonly nonce: Buffer;
  private readonly aead: { seal(n: Uint8Array, a: Uint8Array, p: Uint8Array): Buffer; open(n: Uint8Array, a: Uint8Array, c: Uint8Array): Buffer | null };
  constructor(
    alg: 'aes-128-gcm' | 'aes-256-gcm' | 'chacha20-poly1305',
    key: Buffer,
    private readonly iv: Buffer,
  ) {
    this.aead = alg === 'chacha20-poly1305' ? createChaCha20Poly1305(key) : createAead(alg, key);
    this.nonce = Buffer.alloc(12);
  }
  private nextNonce(): Buffer {
    this.iv.copy(this.nonce);
    let s = this.seq;
    for (let i = 11; i >= 4; i--) {
      this.nonce[i] ^= Number(s & 0xffn);
      s >>= 8n;
    }
    this.seq++;
    return this.nonce;
  }
  seal(type: number, content: Uint8Array): Buffer {
    const inner = Buffer.allocUnsafe(content.length + 1);
    inner.set(content, 0);
    inner[content.length] = type;
    const length = inner.length + 16;
    const header = Buffer.from([23, 3, 3, length >> 8, length & 0xff]);
    return Buffer.concat([header, this.aead.seal(this.nextNonce(), header, inner)]);
  }
  open(rec: Buffer): { type: number; content: Buffer } {
    const inner = this.aead.open(this.nextNonce(), rec.subarray(0, 5), rec.subarray(5));
    if (!inner) throw new Error('bad');
    let end = inner.length - 1;
    while (end >= 0 && inner[end] === 0) end--;
    return { type: inner[end], content: inner.subarray(0, end) };
  }
}

function rate(fns: Array<() => void>): number[] {
  const counts = fns.map(() => 0);
  const times = fns.map(() => 0);
  for (const fn of fns) for (let i = 0; i < 50; i++) fn();
  for (let s = 0; s < SLICES; s++) {
    fns.forEach((fn, i) => {
      const t0 = process.hrtime.bigint();
      let n = 0;
      let el = 0;
      do {
        for (let k = 0; k < 16; k++) fn();
        n += 16;
        el = Number(process.hrtime.bigint() - t0) / 1e6;
      } while (el < SLICE_MS);
      counts[i] += n;
      times[i] += el;
    });
  }
  return counts.map((c, i) => (c / times[i]) * 1000);
}

function row(name: string, bytes: number, r: number): void {
  console.log(`${name.padEnd(56)} ${Math.round(r).toString().padStart(9)} rec/s ${((r * bytes) / 1e6).toFixed(0).padStart(7)} MB/s`);
}

for (const size of [16384, 1024]) {
  const content = crypto.randomBytes(size);
  for (const cipher of ['aes-128-gcm', 'aes-256-gcm', 'chacha20-poly1305'] as const) {
    const name = `tls1.3 ${cipher} ${size}`;
    if (filter && !name.includes(filter)) continue;
    const key = crypto.randomBytes(cipher === 'aes-128-gcm' ? 16 : 32);
    const iv = crypto.randomBytes(12);
    const tx = createRecordProtection({ version: 'tls1.3', cipher, key, iv });
    const oldTx = new OldProtection13(cipher, key, iv);
    const [sNew, sOld] = rate([() => tx.seal(23, content), () => oldTx.seal(23, content)]);
    row(`${name} seal  native record`, size, sNew);
    row(`${name} seal  old TS path (createAead)`, size, sOld);
    // Opening: a pool of records sealed in sequence, opened in order; the receiving context is
    // re-created only when the pool wraps (once per POOL records), so the figure is the
    // per-record cost of a successful open.
    const POOL = size > 4096 ? 512 : 4096;
    const poolTx = createRecordProtection({ version: 'tls1.3', cipher, key, iv });
    const pool = Array.from({ length: POOL }, () => poolTx.seal(23, content));
    let rx = createRecordProtection({ version: 'tls1.3', cipher, key, iv });
    let i = 0;
    const openNew = (): void => {
      if (i === POOL) {
        rx = createRecordProtection({ version: 'tls1.3', cipher, key, iv });
        i = 0;
      }
      if (!rx.open(pool[i++])) throw new Error('open failed');
    };
    let oldRx = new OldProtection13(cipher, key, iv);
    let j = 0;
    const openOld = (): void => {
      if (j === POOL) {
        oldRx = new OldProtection13(cipher, key, iv);
        j = 0;
      }
      oldRx.open(pool[j++]);
    };
    const [oNew, oOld] = rate([openNew, openOld]);
    row(`${name} open  native record`, size, oNew);
    row(`${name} open  old TS path (createAead)`, size, oOld);
  }
  if (!filter || 'node'.includes(filter)) {
    const key = crypto.randomBytes(16);
    const iv = crypto.randomBytes(12);
    const [n] = rate([
      () => {
        const c = crypto.createCipheriv('aes-128-gcm', key, iv);
        c.setAAD(iv.subarray(0, 5));
        Buffer.concat([c.update(content), c.final(), c.getAuthTag()]);
      },
    ]);
    row(`node:crypto aes-128-gcm ${size} seal`, size, n);
  }
  for (const [version, cipher, etm] of [
    ['tls1.2', 'aes-128-gcm', false],
    ['tls1.2', 'aes-128-cbc-sha', false],
    ['tls1.2', 'aes-128-cbc-sha256', false],
    ['tls1.2', 'aes-256-cbc-sha384', false],
    ['tls1.2', 'aes-128-cbc-sha256', true],
  ] as Array<[RecordVersion, RecordCipher, boolean]>) {
    const name = `${version} ${cipher}${etm ? ' etm' : ''} ${size}`;
    if (filter && !name.includes(filter)) continue;
    const cbc = cipher.includes('cbc');
    const key = crypto.randomBytes(cipher.startsWith('aes-256') ? 32 : 16);
    const macKey = cbc ? crypto.randomBytes(cipher.endsWith('384') ? 48 : cipher.endsWith('256') ? 32 : 20) : undefined;
    const iv = cbc ? undefined : crypto.randomBytes(4);
    const opts = { version, cipher, key, iv, macKey, encryptThenMac: etm };
    const tx = createRecordProtection(opts);
    const POOL = size > 4096 ? 512 : 4096;
    const poolTx = createRecordProtection(opts);
    const pool = Array.from({ length: POOL }, () => poolTx.seal(23, content));
    let rx = createRecordProtection(opts);
    let i = 0;
    const open = (): void => {
      if (i === POOL) {
        rx = createRecordProtection(opts);
        i = 0;
      }
      if (!rx.open(pool[i++])) throw new Error('open failed');
    };
    const [s, o] = rate([() => tx.seal(23, content), open]);
    row(`${name} seal`, size, s);
    row(`${name} open`, size, o);
  }
}
