// ChaCha20-Poly1305 through the binding: RFC 8439 examples, every Wycheproof vector, and
// node:crypto as an oracle on random inputs, on both the dispatched and the portable code.
import test from 'ava';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';

import {
  chacha20,
  chacha20Poly1305Open,
  chacha20Poly1305Seal,
  createChaCha20Poly1305,
  implementations,
  poly1305,
} from '../../binding';
import { native } from '../../binding/native';
import { forEachImplementation } from '../helpers/impls';
import { WYCHEPROOF_DIR } from '../helpers/paths';

const hex = (s: string): Buffer => Buffer.from(s, 'hex');

interface AeadTest {
  tcId: number;
  comment: string;
  key: string;
  iv: string;
  aad: string;
  msg: string;
  ct: string;
  tag: string;
  result: 'valid' | 'invalid' | 'acceptable';
  flags: string[];
}
interface AeadFile {
  numberOfTests: number;
  testGroups: Array<{ ivSize: number; keySize: number; tagSize: number; tests: AeadTest[] }>;
}

const wycheproof = JSON.parse(
  fs.readFileSync(path.join(WYCHEPROOF_DIR, 'chacha20_poly1305_test.json'), 'utf8'),
) as AeadFile;

/** node:crypto's ChaCha20-Poly1305: ciphertext || tag. */
function nodeSeal(key: Buffer, nonce: Buffer, aad: Buffer, pt: Buffer): Buffer {
  const c = crypto.createCipheriv('chacha20-poly1305', key, nonce, { authTagLength: 16 });
  c.setAAD(aad, { plaintextLength: pt.length });
  return Buffer.concat([c.update(pt), c.final(), c.getAuthTag()]);
}

const SUNSCREEN = Buffer.from(
  "Ladies and Gentlemen of the class of '99: If I could offer you only one tip for the future, sunscreen would be it.",
);

test('RFC 8439 §2.4.2, §2.5.2 and §2.8.2 on every implementation', (t) => {
  forEachImplementation((impl) => {
    const key = hex('000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f');
    t.is(
      chacha20(key, hex('000000000000004a00000000'), 1, SUNSCREEN).toString('hex'),
      '6e2e359a2568f98041ba0728dd0d6981e97e7aec1d4360c20a27afccfd9fae0bf91b65c5524733ab8f593dabcd62b357' +
        '1639d624e65152ab8f530c359f0861d807ca0dbf500d6a6156a38e088a22b65e52bc514d16ccf806818ce91ab77937365af' +
        '90bbf74a35be6b40b8eedf2785e42874d',
      `${impl}: §2.4.2`,
    );
    t.is(
      poly1305(
        hex('85d6be7857556d337f4452fe42d506a80103808afb0db2fd4abff6af4149f51b'),
        Buffer.from('Cryptographic Forum Research Group'),
      ).toString('hex'),
      'a8061dc1305136c6c22b8baf0c0127a9',
      `${impl}: §2.5.2`,
    );
    const aeadKey = hex('808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9f');
    const nonce = hex('070000004041424344454647');
    const aad = hex('50515253c0c1c2c3c4c5c6c7');
    const want =
      'd31a8d34648e60db7b86afbc53ef7ec2a4aded51296e08fea9e2b5a736ee62d63dbea45e8ca9671282fafb69da92728b' +
      '1a71de0a9e060b2905d6a5b67ecd3b3692ddbd7f2d778b8c9803aee328091b58fab324e4fad675945585808b4831d7bc3ff4' +
      'def08e4b7a9de576d26586cec64b6116' +
      '1ae10b594f09e26a7e902ecbd0600691';
    t.is(chacha20Poly1305Seal(aeadKey, nonce, aad, SUNSCREEN).toString('hex'), want, `${impl}: §2.8.2 seal`);
    t.deepEqual(chacha20Poly1305Open(aeadKey, nonce, aad, hex(want)), SUNSCREEN, `${impl}: §2.8.2 open`);
    const keyed = createChaCha20Poly1305(aeadKey);
    t.is(keyed.seal(nonce, aad, SUNSCREEN).toString('hex'), want, `${impl}: §2.8.2 keyed seal`);
    t.deepEqual(keyed.open(nonce, aad, hex(want)), SUNSCREEN, `${impl}: §2.8.2 keyed open`);
  });
});

test('Wycheproof chacha20_poly1305_test.json passes entirely on every implementation', (t) => {
  let checked = 0;
  forEachImplementation((impl) => {
    for (const group of wycheproof.testGroups) {
      for (const tc of group.tests) {
        const [key, iv, aad, msg, ct, tag] = [tc.key, tc.iv, tc.aad, tc.msg, tc.ct, tc.tag].map(hex);
        const ctTag = Buffer.concat([ct, tag]);
        const label = `${impl} tcId ${tc.tcId} (${tc.comment})`;
        const keyed = createChaCha20Poly1305(key);
        if (iv.length !== 12) {
          // RFC 8439 nonces are 96 bits; any other size is refused, not padded or truncated.
          t.is(tc.result, 'invalid', label);
          for (const f of [
            () => chacha20Poly1305Seal(key, iv, aad, msg),
            () => chacha20Poly1305Open(key, iv, aad, ctTag),
            () => keyed.seal(iv, aad, msg),
            () => keyed.open(iv, aad, ctTag),
          ])
            t.throws(f, { instanceOf: RangeError, message: `ChaCha20-Poly1305 nonce must be 12 bytes, got ${iv.length}` }, label);
          checked++;
          continue;
        }
        const sealed = chacha20Poly1305Seal(key, iv, aad, msg);
        const opened = chacha20Poly1305Open(key, iv, aad, ctTag);
        t.deepEqual(keyed.seal(iv, aad, msg), sealed, label);
        t.deepEqual(keyed.open(iv, aad, ctTag), opened, label);
        if (tc.result === 'valid') {
          t.is(sealed.toString('hex'), tc.ct + tc.tag, label);
          t.not(opened, null, label);
          t.is(opened?.toString('hex'), tc.msg, label);
        } else {
          t.is(opened, null, label);
          t.not(sealed.toString('hex'), tc.ct + tc.tag, label);
        }
        checked++;
      }
    }
  });
  t.is(checked, 2 * wycheproof.numberOfTests);
});

test('agrees with node:crypto on random keys, nonces, aad and lengths 0..70000', (t) => {
  forEachImplementation((impl) => {
    const lengths: number[] = [];
    for (let n = 0; n <= 600; n++) lengths.push(n);
    for (let i = 0; i < 60; i++) lengths.push(crypto.randomInt(601, 70001));
    lengths.push(16384, 65536, 70000);
    for (const len of lengths) {
      const key = crypto.randomBytes(32);
      const nonce = crypto.randomBytes(12);
      const aad = crypto.randomBytes(crypto.randomInt(0, 70));
      const pt = crypto.randomBytes(len);
      const want = nodeSeal(key, nonce, aad, pt);
      const got = chacha20Poly1305Seal(key, nonce, aad, pt);
      if (!got.equals(want)) {
        t.fail(`${impl} seal, len ${len}`);
        return;
      }
      const back = chacha20Poly1305Open(key, nonce, aad, want);
      if (back === null || !back.equals(pt)) {
        t.fail(`${impl} open, len ${len}`);
        return;
      }
      // One flipped bit anywhere (ciphertext, tag or aad) and nothing comes back.
      const bad = Buffer.from(want);
      const badAad = Buffer.from(aad);
      const where = crypto.randomInt(0, bad.length + badAad.length);
      if (where < bad.length) bad[where] ^= 1 << crypto.randomInt(0, 8);
      else badAad[where - bad.length] ^= 1 << crypto.randomInt(0, 8);
      if (chacha20Poly1305Open(key, nonce, badAad, bad) !== null) {
        t.fail(`${impl} forged, len ${len}`);
        return;
      }
    }
    t.pass(`${impl}: ${lengths.length} lengths`);
  });
});

test('raw ChaCha20 agrees with node:crypto chacha20 (counter || nonce IV) at any counter', (t) => {
  forEachImplementation((impl) => {
    for (let i = 0; i < 300; i++) {
      const len = i < 260 ? i * 3 : crypto.randomInt(0, 70000);
      const key = crypto.randomBytes(32);
      const nonce = crypto.randomBytes(12);
      const counter = i % 4 === 0 ? 0xffffffff - (i % 9) : crypto.randomInt(0, 2 ** 32 - 1);
      const data = crypto.randomBytes(len);
      const iv = Buffer.alloc(16);
      iv.writeUInt32LE(counter, 0);
      nonce.copy(iv, 4);
      // node (OpenSSL) carries the counter into the nonce when it wraps; RFC 8439 does not
      // define that, so compare only the blocks before the wrap.
      const blocksBeforeWrap = 2 ** 32 - counter;
      const n = Math.min(len, blocksBeforeWrap * 64);
      const want = crypto.createCipheriv('chacha20', key, iv).update(data.subarray(0, n));
      t.deepEqual(chacha20(key, nonce, counter, data).subarray(0, n), want, `${impl} len ${len} counter ${counter}`);
    }
  });
});

test('raw Poly1305 gives the AEAD tag over the RFC 8439 §2.8 MAC input', (t) => {
  forEachImplementation((impl) => {
    for (let i = 0; i < 100; i++) {
      const key = crypto.randomBytes(32);
      const nonce = crypto.randomBytes(12);
      const aad = crypto.randomBytes(crypto.randomInt(0, 40));
      const pt = crypto.randomBytes(crypto.randomInt(0, 3000));
      const sealed = nodeSeal(key, nonce, aad, pt);
      const otk = chacha20(key, nonce, 0, Buffer.alloc(32));
      const pad = (n: number): Buffer => Buffer.alloc((16 - (n % 16)) % 16);
      const lens = Buffer.alloc(16);
      lens.writeBigUInt64LE(BigInt(aad.length), 0);
      lens.writeBigUInt64LE(BigInt(pt.length), 8);
      const ct = sealed.subarray(0, pt.length);
      const macData = Buffer.concat([aad, pad(aad.length), ct, pad(ct.length), lens]);
      t.deepEqual(poly1305(otk, macData), sealed.subarray(pt.length), `${impl} #${i}`);
    }
  });
});

test('a keyed context matches the one-shot functions and can be reused', (t) => {
  const key = crypto.randomBytes(32);
  const keyed = createChaCha20Poly1305(key);
  for (let seq = 0; seq < 50; seq++) {
    const nonce = crypto.randomBytes(12);
    const aad = crypto.randomBytes(13);
    const pt = crypto.randomBytes(crypto.randomInt(0, 2000));
    const sealed = keyed.seal(nonce, aad, pt);
    t.deepEqual(sealed, chacha20Poly1305Seal(key, nonce, aad, pt));
    t.deepEqual(keyed.open(nonce, aad, sealed), pt);
  }
  // Writing into a record being built, and decrypting in place.
  const record = Buffer.alloc(5 + 100 + 16, 0xee);
  const n0 = crypto.randomBytes(12);
  const pt0 = crypto.randomBytes(100);
  const body = record.subarray(5);
  t.is(keyed.seal(n0, record.subarray(0, 5), pt0, body), body);
  t.deepEqual(body, chacha20Poly1305Seal(key, n0, record.subarray(0, 5), pt0));
  t.deepEqual(record.subarray(0, 5), Buffer.alloc(5, 0xee));
  t.deepEqual(keyed.open(n0, record.subarray(0, 5), body, body.subarray(0, 100)), pt0);
  t.deepEqual(body.subarray(0, 100), pt0);
  const o = Buffer.alloc(100);
  t.is(chacha20Poly1305Seal(key, n0, Buffer.alloc(0), pt0, Buffer.alloc(116)).length, 116);
  t.is(chacha20Poly1305Open(key, n0, Buffer.alloc(0), Buffer.alloc(116), o), null);
  t.deepEqual(o, Buffer.alloc(100));
  t.throws(() => keyed.seal(n0, Buffer.alloc(0), pt0, Buffer.alloc(100)), { instanceOf: RangeError });
  // Changing the caller's key buffer afterwards does not change the held key.
  const copy = Buffer.from(key);
  const k2 = createChaCha20Poly1305(copy);
  copy.fill(0);
  const nonce = Buffer.alloc(12, 1);
  t.deepEqual(k2.seal(nonce, Buffer.alloc(0), Buffer.from('x')), chacha20Poly1305Seal(key, nonce, Buffer.alloc(0), Buffer.from('x')));
});

test('accepts any TypedArray view at an offset', (t) => {
  const big = crypto.randomBytes(200);
  const key = new Uint8Array(big.buffer, big.byteOffset + 1, 32);
  const nonce = new Uint8Array(big.buffer, big.byteOffset + 40, 12);
  const aad = new Uint8Array(big.buffer, big.byteOffset + 60, 7);
  const pt = new Uint8Array(big.buffer, big.byteOffset + 70, 100);
  const want = nodeSeal(Buffer.from(key), Buffer.from(nonce), Buffer.from(aad), Buffer.from(pt));
  t.deepEqual(chacha20Poly1305Seal(key, nonce, aad, pt), want);
  t.deepEqual(chacha20Poly1305Open(key, nonce, aad, new Uint8Array(want)), Buffer.from(pt));
});

test('bad arguments throw TypeError or RangeError, never crash; short input opens to null', (t) => {
  const key = Buffer.alloc(32);
  const nonce = Buffer.alloc(12);
  const e = Buffer.alloc(0);
  t.throws(() => chacha20Poly1305Seal(Buffer.alloc(31), nonce, e, e), {
    instanceOf: RangeError,
    message: 'ChaCha20-Poly1305 key must be 32 bytes, got 31',
  });
  t.throws(() => chacha20Poly1305Open(Buffer.alloc(33), nonce, e, Buffer.alloc(16)), { instanceOf: RangeError });
  t.throws(() => createChaCha20Poly1305(Buffer.alloc(16)), { instanceOf: RangeError });
  t.throws(() => chacha20Poly1305Seal(key, Buffer.alloc(8), e, e), {
    instanceOf: RangeError,
    message: 'ChaCha20-Poly1305 nonce must be 12 bytes, got 8',
  });
  t.throws(() => chacha20Poly1305Seal('k' as unknown as Buffer, nonce, e, e), { instanceOf: TypeError });
  t.throws(() => chacha20Poly1305Seal(key, nonce, null as unknown as Buffer, e), { instanceOf: TypeError });
  t.throws(() => chacha20Poly1305Open(key, nonce, e, 5 as unknown as Buffer), { instanceOf: TypeError });
  t.throws(() => createChaCha20Poly1305(key).seal(nonce, e, 'text' as unknown as Buffer), { instanceOf: TypeError });
  t.throws(() => (chacha20Poly1305Seal as (...a: unknown[]) => unknown)(key, nonce), { instanceOf: TypeError });
  t.throws(() => chacha20(key, nonce, -1, e), { instanceOf: RangeError });
  t.throws(() => chacha20(key, nonce, 2 ** 32, e), { instanceOf: RangeError });
  t.throws(() => chacha20(key, nonce, 1.5, e), { instanceOf: RangeError });
  t.throws(() => chacha20(key, Buffer.alloc(16), 0, e), { instanceOf: RangeError });
  t.throws(() => poly1305(Buffer.alloc(16), e), { instanceOf: RangeError });
  for (let n = 0; n < 16; n++) {
    t.is(chacha20Poly1305Open(key, nonce, e, Buffer.alloc(n)), null);
    t.is(createChaCha20Poly1305(key).open(nonce, e, Buffer.alloc(n)), null);
  }
});

test('the dispatcher reports the ChaCha20 and Poly1305 implementations', (t) => {
  forEachImplementation((impl) => {
    const impls = implementations();
    if (impl === 'generic') {
      t.is(impls.chacha20, 'generic');
      t.is(impls.poly1305, 'generic');
    } else {
      t.true(['generic', 'ssse3', 'avx2', 'neon'].includes(impls.chacha20));
      t.true(['generic', 'avx2'].includes(impls.poly1305));
    }
  });
});

test('the raw addon functions (4 arguments, as aeadSeal calls them) and the out argument', (t) => {
  const raw = native as unknown as {
    chacha20Poly1305Seal(...a: unknown[]): Buffer;
    chacha20Poly1305Open(...a: unknown[]): Buffer | null;
  };
  const key = crypto.randomBytes(32);
  const nonce = crypto.randomBytes(12);
  const aad = crypto.randomBytes(5);
  for (const len of [0, 1, 64, 5000]) {
    const pt = crypto.randomBytes(len);
    const want = nodeSeal(key, nonce, aad, pt);
    t.deepEqual(raw.chacha20Poly1305Seal(key, nonce, aad, pt), want);
    t.deepEqual(raw.chacha20Poly1305Open(key, nonce, aad, want), pt);
    const out = Buffer.alloc(len + 16);
    t.is(raw.chacha20Poly1305Seal(key, nonce, aad, pt, out), out);
    t.deepEqual(out, want);
    // Decrypting in place: the plaintext lands over the ciphertext.
    const ctTag = Buffer.from(want);
    t.deepEqual(raw.chacha20Poly1305Open(key, nonce, aad, ctTag, ctTag.subarray(0, len)), pt);
    t.deepEqual(ctTag.subarray(0, len), pt);
    // A forgery leaves zeros in the caller's buffer, never plaintext.
    const forged = Buffer.from(want);
    forged[len] ^= 0x80;
    const dst = Buffer.alloc(len, 0x33);
    t.is(raw.chacha20Poly1305Open(key, nonce, aad, forged, dst), null);
    t.deepEqual(dst, Buffer.alloc(len));
  }
  t.throws(() => raw.chacha20Poly1305Seal(key, nonce, aad, Buffer.alloc(3), Buffer.alloc(18)), { instanceOf: RangeError });
  t.throws(() => raw.chacha20Poly1305Seal(key, nonce, aad, Buffer.alloc(3), 'x'), { instanceOf: TypeError });
  t.throws(() => raw.chacha20Poly1305Open(key, nonce, aad, Buffer.alloc(20), Buffer.alloc(5)), { instanceOf: RangeError });
});
