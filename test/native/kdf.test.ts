// HKDF, the TLS 1.3 Expand-Label / Derive-Secret, the TLS PRFs and PBKDF2 through the binding:
// RFC vectors, node:crypto (hkdfSync, pbkdf2Sync, createHmac) as an oracle, and argument checks,
// on both implementations.
import test from 'ava';
import * as crypto from 'node:crypto';

import {
  deriveSecret,
  hash,
  hkdfExpand,
  hkdfExpandLabel,
  hkdfExtract,
  pbkdf2,
  tlsPrf,
} from '../../binding';
import type { HashAlgorithm } from '../../binding';
import { forEachImplementation } from '../helpers/impls';

const ALGS: HashAlgorithm[] = ['md5', 'sha1', 'sha224', 'sha256', 'sha384', 'sha512'];
const h = (s: string): Buffer => Buffer.from(s, 'hex');

test('HKDF agrees with node:crypto hkdfSync for every hash and random sizes', (t) => {
  forEachImplementation((impl) => {
    for (const alg of ALGS) {
      const hlen = crypto.createHash(alg).digest().length;
      for (let i = 0; i < 20; i++) {
        const ikm = crypto.randomBytes(crypto.randomInt(0, 100));
        const salt = crypto.randomBytes(crypto.randomInt(0, 150));
        const info = crypto.randomBytes(crypto.randomInt(0, 100));
        const len = i === 0 ? 255 * hlen : crypto.randomInt(0, 255 * hlen + 1);
        const prk = hkdfExtract(alg, salt, ikm);
        t.is(prk.toString('hex'), crypto.createHmac(alg, salt).update(ikm).digest('hex'), `${impl} ${alg} extract`);
        const okm = hkdfExpand(alg, prk, info, len);
        t.is(okm.length, len);
        if (len > 0) {
          const want = Buffer.from(crypto.hkdfSync(alg, ikm, salt, info, len));
          t.true(okm.equals(want), `${impl} ${alg} expand ${len}`);
        }
      }
      t.throws(() => hkdfExpand(alg, Buffer.alloc(hlen), Buffer.alloc(0), 255 * hlen + 1), { instanceOf: RangeError });
    }
  });
});

test('RFC 8446 key schedule: the RFC 8448 simple 1-RTT values', (t) => {
  forEachImplementation((impl) => {
    const early = hkdfExtract('sha256', Buffer.alloc(0), Buffer.alloc(32));
    t.is(early.toString('hex'), '33ad0a1c607ec03b09e6cd9893680ce210adf300aa1f2660e1b22e10f170f92a', impl);
    const derived = deriveSecret('sha256', early, 'derived', hash('sha256', Buffer.alloc(0)));
    t.is(derived.toString('hex'), '6f2615a108c702c5678f54fc9dbab69716c076189c48250cebeac3576c3611ba', impl);
    const hs = hkdfExtract('sha256', derived, h('8bd4054fb55b9d63fdfbacf9f04b9f0d35e6d63f537563efd46272900f89492d'));
    t.is(hs.toString('hex'), '1dc826e93606aa6fdc0aadc12f741b01046aa6b99f691ed221a9f0ca043fbeac', impl);
    const th = h('860c06edc07858ee8e78f0e7428c58edd6b43f2ca3e6e95f02ed063cf0e1cad8');
    const shs = deriveSecret('sha256', hs, Buffer.from('s hs traffic'), th);
    t.is(shs.toString('hex'), 'b67b7d690cc16c4e75e54213cb2d37b4e9c912bcded9105d42befd59d391ad38', impl);
    t.is(hkdfExpandLabel('sha256', shs, 'key', Buffer.alloc(0), 16).toString('hex'), '3fce516009c21727d0f2e4e86ee403bc');
    t.is(hkdfExpandLabel('sha256', shs, 'iv', Buffer.alloc(0), 12).toString('hex'), '5d313eb2671276ee13000b30');
  });
});

test('HKDF-Expand-Label equals HKDF-Expand over the HkdfLabel structure', (t) => {
  for (const alg of ['sha256', 'sha384'] as HashAlgorithm[]) {
    const secret = crypto.randomBytes(48);
    const ctx = crypto.randomBytes(crypto.randomInt(0, 256));
    const label = 'c e traffic';
    const len = 300;
    const full = Buffer.from('tls13 ' + label);
    const info = Buffer.concat([Buffer.from([len >> 8, len & 255, full.length]), full, Buffer.from([ctx.length]), ctx]);
    t.true(hkdfExpandLabel(alg, secret, label, ctx, len).equals(hkdfExpand(alg, secret, info, len)), alg);
  }
});

test('HKDF-Expand-Label and Derive-Secret refuse bad sizes', (t) => {
  const s = Buffer.alloc(32);
  t.throws(() => hkdfExpandLabel('sha256', s, 'x'.repeat(250), Buffer.alloc(0), 16), { instanceOf: RangeError });
  t.notThrows(() => hkdfExpandLabel('sha256', s, 'x'.repeat(249), Buffer.alloc(255), 16));
  t.throws(() => hkdfExpandLabel('sha256', s, 'key', Buffer.alloc(256), 16), { instanceOf: RangeError });
  t.throws(() => hkdfExpandLabel('sha256', s, 'key', Buffer.alloc(0), 255 * 32 + 1), { instanceOf: RangeError });
  t.throws(() => hkdfExpandLabel('sha256', s, 7 as unknown as string, Buffer.alloc(0), 16), { instanceOf: TypeError });
  t.throws(() => deriveSecret('sha256', s, 'derived', Buffer.alloc(31)), { instanceOf: RangeError });
  t.throws(() => deriveSecret('sha384', s, 'derived', Buffer.alloc(32)), { instanceOf: RangeError });
});

/** P_hash (RFC 5246 §5) written out with node:crypto HMAC, as an oracle. */
function pHash(alg: string, secret: Buffer, seed: Buffer, len: number): Buffer {
  const out: Buffer[] = [];
  let a = seed;
  let n = 0;
  while (n < len) {
    a = crypto.createHmac(alg, secret).update(a).digest();
    const block = crypto.createHmac(alg, secret).update(a).update(seed).digest();
    out.push(block);
    n += block.length;
  }
  return Buffer.concat(out).subarray(0, len);
}

test('TLS 1.2 PRF: the P_SHA256 vector, and P_SHA256 / P_SHA384 / MD5 XOR SHA-1 against an oracle', (t) => {
  forEachImplementation((impl) => {
    t.is(
      tlsPrf('sha256', h('9bbe436ba940f017b17652849a71db35'), 'test label', h('a0ba9f936cda311827a6f796ffd5198c'), 100).toString('hex'),
      'e3f229ba727be17b8d122620557cd453c2aab21d07c3d495329b52d4e61edb5a6b301791e90d35c9c9a46b4e14baf9af' +
        '0fa022f7077def17abfd3797c0564bab4fbc91666e9def9b97fce34f796789baa48082d122ee42c5a72e5a5110fff70187347b66',
      impl,
    );
    for (let i = 0; i < 30; i++) {
      const secret = crypto.randomBytes(crypto.randomInt(0, 100));
      const label = Buffer.from('key expansion');
      const seed = crypto.randomBytes(64);
      const len = crypto.randomInt(0, 300);
      const ls = Buffer.concat([label, seed]);
      for (const alg of ['sha256', 'sha384'] as const) {
        t.true(tlsPrf(alg, secret, label, seed, len).equals(pHash(alg, secret, ls, len)), `${impl} ${alg}`);
      }
      const half = Math.ceil(secret.length / 2);
      const md5 = pHash('md5', secret.subarray(0, half), ls, len);
      const sha1 = pHash('sha1', secret.subarray(secret.length - half), ls, len);
      const want = Buffer.alloc(len);
      for (let j = 0; j < len; j++) want[j] = md5[j] ^ sha1[j];
      t.true(tlsPrf('md5-sha1', secret, 'key expansion', seed, len).equals(want), `${impl} md5-sha1 secret ${secret.length}`);
    }
  });
  t.throws(() => tlsPrf('sha3' as 'sha256', Buffer.alloc(1), 'l', Buffer.alloc(1), 1), { instanceOf: RangeError });
  t.throws(() => tlsPrf('sha256', Buffer.alloc(1), 'l', Buffer.alloc(1), -1), { instanceOf: RangeError });
  t.throws(() => tlsPrf('sha256', Buffer.alloc(1), 'l', Buffer.alloc(1), 1.5), { instanceOf: RangeError });
  t.throws(() => tlsPrf('sha256', null as unknown as Buffer, 'l', Buffer.alloc(1), 1), { instanceOf: TypeError });
});

test('PBKDF2: RFC 6070 and RFC 7914 vectors, and node:crypto pbkdf2Sync', (t) => {
  forEachImplementation((impl) => {
    t.is(pbkdf2('sha1', Buffer.from('password'), Buffer.from('salt'), 4096, 20).toString('hex'), '4b007901b765489abead49d926f721d065a429c1', impl);
    t.is(
      pbkdf2('sha1', Buffer.from('pass\0word'), Buffer.from('sa\0lt'), 4096, 16).toString('hex'),
      '56fa6aa75548099dcc37d7f03425e0c3',
      impl,
    );
    t.is(
      pbkdf2('sha256', Buffer.from('passwd'), Buffer.from('salt'), 1, 64).toString('hex'),
      '55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc49ca9cccf179b645991664b39d77ef317c71b845b1e30bd509112041d3a19783',
      impl,
    );
    for (const alg of ALGS) {
      for (let i = 0; i < 5; i++) {
        const pw = crypto.randomBytes(crypto.randomInt(0, 200));
        const salt = crypto.randomBytes(crypto.randomInt(0, 40));
        const iter = crypto.randomInt(1, 50);
        const len = crypto.randomInt(1, 200);
        t.true(pbkdf2(alg, pw, salt, iter, len).equals(crypto.pbkdf2Sync(pw, salt, iter, len, alg)), `${impl} ${alg}`);
      }
    }
  });
  t.is(pbkdf2('sha256', Buffer.from('p'), Buffer.from('s'), 1, 0).length, 0);
  t.throws(() => pbkdf2('sha256', Buffer.from('p'), Buffer.from('s'), 0, 32), { instanceOf: RangeError });
  t.throws(() => pbkdf2('sha256', Buffer.from('p'), Buffer.from('s'), 2 ** 32, 32), { instanceOf: RangeError });
  t.throws(() => pbkdf2('sha256', 'p' as unknown as Buffer, Buffer.from('s'), 1, 32), { instanceOf: TypeError });
  t.throws(() => pbkdf2('sha256', Buffer.from('p'), Buffer.from('s'), '1' as unknown as number, 32), { instanceOf: TypeError });
});
