// AES-GCM, AES-CCM and CBC against node:crypto (the oracle) on random keys, nonces, AAD and
// lengths 0..70,000, on both implementations; 3DES-CBC too.
import test from 'ava';
import * as crypto from 'node:crypto';

import { aeadOpen, aeadSeal, aesEncryptBlock, cipherDecrypt, cipherEncrypt, createAead } from '../../binding';
import type { AesAeadAlgorithm, CipherAlgorithm } from '../../binding';
import { forEachImplementation } from '../helpers/impls';

function lengths(): number[] {
  const out: number[] = [];
  for (let i = 0; i <= 300; i++) out.push(i);
  for (const b of [511, 512, 513, 1023, 1024, 1025, 4095, 4096, 4097, 16383, 16384, 16385, 65535, 65536, 70000]) out.push(b);
  for (let i = 0; i < 20; i++) out.push(crypto.randomInt(0, 70001));
  return out;
}

function nodeGcm(bits: number, key: Buffer, iv: Buffer, aad: Buffer, pt: Buffer): Buffer {
  const c = crypto.createCipheriv(`aes-${bits}-gcm` as crypto.CipherGCMTypes, key, iv);
  c.setAAD(aad);
  return Buffer.concat([c.update(pt), c.final(), c.getAuthTag()]);
}

// node:crypto (OpenSSL 3) fails some empty CCM messages with "tag not set"; null then.
function nodeCcm(bits: number, key: Buffer, iv: Buffer, aad: Buffer, pt: Buffer, tag: number): Buffer | null {
  if (pt.length === 0 && aad.length === 0) return null;
  const c = crypto.createCipheriv(`aes-${bits}-ccm` as crypto.CipherCCMTypes, key, iv, { authTagLength: tag });
  c.setAAD(aad, { plaintextLength: pt.length });
  return Buffer.concat([c.update(pt), c.final(), c.getAuthTag()]);
}

test('AES-GCM equals node:crypto at lengths 0..70000, and rejects any flipped bit', (t) => {
  forEachImplementation((impl) => {
    for (const len of lengths()) {
      const bits = [128, 192, 256][len % 3];
      const key = crypto.randomBytes(bits / 8);
      const iv = crypto.randomBytes(len % 11 === 5 ? 1 + (len % 64) : 12);
      const aad = crypto.randomBytes(len % 37);
      const pt = crypto.randomBytes(len);
      const want = nodeGcm(bits, key, iv, aad, pt);
      const alg = `aes-${bits}-gcm` as AesAeadAlgorithm;
      const got = aeadSeal(alg, key, iv, aad, pt);
      if (!got.equals(want)) {
        t.fail(`${impl} gcm len ${len} iv ${iv.length}`);
        continue;
      }
      const back = aeadOpen(alg, key, iv, aad, got);
      if (!back || !back.equals(pt)) t.fail(`${impl} gcm open len ${len}`);
      const bad = Buffer.from(got);
      bad[crypto.randomInt(0, bad.length)] ^= 1 << crypto.randomInt(0, 8);
      t.is(aeadOpen(alg, key, iv, aad, bad), null, `${impl} gcm tamper len ${len}`);
    }
    t.pass();
  });
});

test('AES-CCM and CCM_8 equal node:crypto (nonces 7..13 bytes)', (t) => {
  forEachImplementation((impl) => {
    for (const len of lengths()) {
      const bits = [128, 192, 256][len % 3];
      const nonceLen = 7 + (len % 7);
      if (15 - nonceLen === 2 && len >= 65536) continue; // exceeds the 2-byte length field
      const key = crypto.randomBytes(bits / 8);
      const iv = crypto.randomBytes(nonceLen);
      const aad = crypto.randomBytes(len % 29);
      const pt = crypto.randomBytes(len);
      const eight = len % 2 === 0;
      const alg = `aes-${bits}-ccm${eight ? '8' : ''}` as AesAeadAlgorithm;
      const want = nodeCcm(bits, key, iv, aad, pt, eight ? 8 : 16);
      const got = aeadSeal(alg, key, iv, aad, pt);
      if (want && !got.equals(want)) {
        t.fail(`${impl} ${alg} len ${len}`);
        continue;
      }
      const back = aeadOpen(alg, key, iv, aad, got);
      if (!back || !back.equals(pt)) t.fail(`${impl} ccm open len ${len}`);
      const bad = Buffer.from(got);
      bad[crypto.randomInt(0, bad.length)] ^= 0x80;
      t.is(aeadOpen(alg, key, iv, aad, bad), null);
    }
    t.pass();
  });
});

test('CBC (AES and 3DES, with and without padding) equals node:crypto', (t) => {
  const algs: Array<[CipherAlgorithm, number, number]> = [
    ['aes-128-cbc', 16, 16],
    ['aes-192-cbc', 24, 16],
    ['aes-256-cbc', 32, 16],
    ['des-ede3-cbc', 24, 8],
  ];
  forEachImplementation((impl) => {
    for (const [alg, kl, bs] of algs) {
      for (const len of lengths()) {
        if (alg === 'des-ede3-cbc' && len > 5000) continue; // legacy and slow by design
        const key = crypto.randomBytes(kl);
        const iv = crypto.randomBytes(bs);
        const pt = crypto.randomBytes(len);
        const c = crypto.createCipheriv(alg, key, iv);
        const want = Buffer.concat([c.update(pt), c.final()]);
        const got = cipherEncrypt(alg, key, iv, pt);
        if (!got.equals(want)) t.fail(`${impl} ${alg} len ${len}`);
        const back = cipherDecrypt(alg, key, iv, got);
        if (!back.equals(pt)) t.fail(`${impl} ${alg} decrypt len ${len}`);
        if (len % bs === 0) {
          const raw = cipherEncrypt(alg, key, iv, pt, { padding: false });
          const n = crypto.createCipheriv(alg, key, iv).setAutoPadding(false);
          if (!raw.equals(Buffer.concat([n.update(pt), n.final()]))) t.fail(`${impl} ${alg} nopad len ${len}`);
          if (!cipherDecrypt(alg, key, iv, raw, { padding: false }).equals(pt)) t.fail(`${impl} ${alg} nopad decrypt`);
        }
      }
    }
    t.pass();
  });
});

test('aesEncryptBlock equals node:crypto ECB', (t) => {
  forEachImplementation(() => {
    for (const kl of [16, 24, 32]) {
      const key = crypto.randomBytes(kl);
      const blocks = crypto.randomBytes(16 * 37);
      const e = crypto.createCipheriv(`aes-${kl * 8}-ecb`, key, null).setAutoPadding(false);
      t.deepEqual(aesEncryptBlock(key, blocks), Buffer.concat([e.update(blocks), e.final()]));
    }
  });
});

test('a keyed AEAD object seals many records like the one-shot call', (t) => {
  forEachImplementation((impl) => {
    for (const alg of ['aes-128-gcm', 'aes-256-gcm', 'aes-128-ccm', 'aes-256-ccm8'] as AesAeadAlgorithm[]) {
      const key = crypto.randomBytes(alg.startsWith('aes-128') ? 16 : 32);
      const a = createAead(alg, key);
      for (let i = 0; i < 50; i++) {
        const iv = crypto.randomBytes(12);
        const aad = crypto.randomBytes(13);
        const pt = crypto.randomBytes(crypto.randomInt(0, 3000));
        const ct = a.seal(iv, aad, pt);
        t.deepEqual(ct, aeadSeal(alg, key, iv, aad, pt), `${impl} ${alg}`);
        t.deepEqual(a.open(iv, aad, ct), pt);
        ct[0] ^= 1;
        t.is(a.open(iv, aad, ct), null);
      }
      a.dispose();
      t.throws(() => a.seal(Buffer.alloc(12), Buffer.alloc(0), Buffer.alloc(1)), { message: /disposed/ });
    }
  });
});

test('sealInto/openInto on a reused buffer match seal/open, and a forged record zeroes it', (t) => {
  forEachImplementation((impl) => {
    for (const alg of ['aes-128-gcm', 'aes-256-ccm'] as AesAeadAlgorithm[]) {
      const key = crypto.randomBytes(alg.startsWith('aes-128') ? 16 : 32);
      const a = createAead(alg, key);
      for (const len of [0, 1, 15, 16, 17, 255, 256, 257, 4096, 16384]) {
        const iv = crypto.randomBytes(12);
        const pt = crypto.randomBytes(len);
        const out = Buffer.alloc(len + 16, 0xee);
        a.sealInto(out, iv, none, pt);
        t.deepEqual(out, a.seal(iv, none, pt), `${impl} ${alg} ${len}`);
        const back = Buffer.alloc(len, 0xee);
        t.true(a.openInto(back, iv, none, out));
        t.deepEqual(back, pt);
        out[len] ^= 1;
        t.false(a.openInto(back, iv, none, out));
        t.deepEqual(back, Buffer.alloc(len));
      }
      t.throws(() => a.sealInto(Buffer.alloc(5), crypto.randomBytes(12), none, Buffer.alloc(5)), { instanceOf: RangeError });
      a.dispose();
    }
  });
});

const none = Buffer.alloc(0);
