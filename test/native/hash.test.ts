// MD5, SHA-1 and SHA-2 through the binding: one-shot, incremental createHash() with copy(),
// HMAC and hmacVerify, against known vectors and node:crypto, on both implementations.
import test from 'ava';
import * as crypto from 'node:crypto';

import { HASH_LENGTHS, constantTimeEqual, createHash, hash, hmac, hmacVerify, implementations } from '../../binding';
import type { HashAlgorithm } from '../../binding';
import { forEachImplementation } from '../helpers/impls';

const ALGS: HashAlgorithm[] = ['md5', 'sha1', 'sha224', 'sha256', 'sha384', 'sha512'];

const oracle = (alg: HashAlgorithm, data: Uint8Array): string => crypto.createHash(alg).update(data).digest('hex');

test('RFC 1321 and FIPS 180-4 vectors', (t) => {
  forEachImplementation((impl) => {
    t.is(hash('md5', Buffer.from('message digest')).toString('hex'), 'f96b697d7cb7938d525a2f31aaf161d0', impl);
    t.is(hash('sha1', Buffer.from('abc')).toString('hex'), 'a9993e364706816aba3e25717850c26c9cd0d89d', impl);
    t.is(
      hash('sha512', Buffer.from('abc')).toString('hex'),
      'ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f',
      impl,
    );
    t.is(hash('sha1', Buffer.alloc(1000000, 'a')).toString('hex'), '34aa973cd4c4daa4f61eeb2bdbad27316534016f', impl);
  });
});

test('implementations() names md5, sha1 and sha512', (t) => {
  const impls = implementations();
  for (const p of ['md5', 'sha1', 'sha512']) t.true(typeof impls[p] === 'string', p);
});

test('one-shot hash and HMAC agree with node:crypto for lengths 0..70000', (t) => {
  forEachImplementation((impl) => {
    for (const alg of ALGS) {
      for (let i = 0; i < 60; i++) {
        const len = i < 30 ? i * 7 : crypto.randomInt(0, 70001);
        const data = crypto.randomBytes(len);
        const key = crypto.randomBytes(crypto.randomInt(0, 200));
        const h = hash(alg, data);
        t.is(h.length, HASH_LENGTHS[alg]);
        t.is(h.toString('hex'), oracle(alg, data), `${impl} ${alg} len ${len}`);
        t.is(
          hmac(alg, key, data).toString('hex'),
          crypto.createHmac(alg, key).update(data).digest('hex'),
          `${impl} hmac ${alg} key ${key.length} len ${len}`,
        );
      }
    }
  });
});

test('createHash fed at every split point equals the one-shot hash', (t) => {
  forEachImplementation((impl) => {
    const msg = crypto.randomBytes(200);
    for (const alg of ALGS) {
      for (let len = 0; len <= msg.length; len += len < 140 ? 1 : 29) {
        const data = msg.subarray(0, len);
        const want = oracle(alg, data);
        let bad = 0;
        for (let split = 0; split <= len; split++) {
          const got = createHash(alg).update(data.subarray(0, split)).update(data.subarray(split)).digest();
          if (got.toString('hex') !== want) bad++;
        }
        t.is(bad, 0, `${impl} ${alg} len ${len}`);
      }
    }
  });
});

test('copy() mid-stream forks the state', (t) => {
  forEachImplementation((impl) => {
    for (const alg of ALGS) {
      const a = crypto.randomBytes(crypto.randomInt(0, 300));
      const b = crypto.randomBytes(crypto.randomInt(0, 300));
      const c = crypto.randomBytes(crypto.randomInt(0, 300));
      const h = createHash(alg).update(a);
      const mid = h.copy();
      h.update(b);
      const midDigest = mid.copy().digest();
      t.is(midDigest.toString('hex'), oracle(alg, a), `${impl} ${alg} transcript so far`);
      mid.update(c);
      t.is(h.digest().toString('hex'), oracle(alg, Buffer.concat([a, b])), `${impl} ${alg} original`);
      t.is(mid.digest().toString('hex'), oracle(alg, Buffer.concat([a, c])), `${impl} ${alg} copy`);
    }
  });
});

test('a spent hash throws a clear Error', (t) => {
  const h = createHash('sha256').update(Buffer.from('x'));
  h.digest();
  t.throws(() => h.digest(), { instanceOf: Error, message: /digest\(\) was called/ });
  t.throws(() => h.update(Buffer.from('y')), { instanceOf: Error, message: /digest\(\) was called/ });
  t.throws(() => h.copy(), { instanceOf: Error, message: /digest\(\) was called/ });
});

test('hmacVerify accepts the tag and its truncations, rejects any change', (t) => {
  forEachImplementation((impl) => {
    for (const alg of ALGS) {
      const key = crypto.randomBytes(32);
      const data = crypto.randomBytes(100);
      const tag = crypto.createHmac(alg, key).update(data).digest();
      t.true(hmacVerify(alg, key, data, tag), `${impl} ${alg}`);
      t.true(hmacVerify(alg, key, data, tag.subarray(0, 10)), `${impl} ${alg} truncated`);
      for (const i of [0, 9, tag.length - 1]) {
        const bad = Buffer.from(tag);
        bad[i] ^= 0x80;
        t.false(hmacVerify(alg, key, data, bad), `${impl} ${alg} byte ${i}`);
      }
      t.throws(() => hmacVerify(alg, key, data, Buffer.alloc(0)), { instanceOf: RangeError });
      t.throws(() => hmacVerify(alg, key, data, Buffer.alloc(tag.length + 1)), { instanceOf: RangeError });
    }
  });
});

test('accepts any TypedArray or DataView, honouring offsets', (t) => {
  const buf = crypto.randomBytes(200);
  const want = oracle('sha1', buf.subarray(8, 72));
  t.is(hash('sha1', new Uint8Array(buf.buffer, buf.byteOffset + 8, 64)).toString('hex'), want);
  t.is(hash('sha1', new Uint16Array(buf.buffer, buf.byteOffset + 8, 32) as unknown as Uint8Array).toString('hex'), want);
  t.is(hash('sha1', new DataView(buf.buffer, buf.byteOffset + 8, 64) as unknown as Uint8Array).toString('hex'), want);
  t.is(createHash('sha1').update(new Float64Array(buf.buffer, buf.byteOffset + 8, 8) as unknown as Uint8Array).digest().toString('hex'), want);
  t.is(hash('md5', new Uint8Array(0)).toString('hex'), 'd41d8cd98f00b204e9800998ecf8427e');
});

test('constantTimeEqual compares length and every byte', (t) => {
  const a = crypto.randomBytes(48);
  t.true(constantTimeEqual(a, Buffer.from(a)));
  t.true(constantTimeEqual(Buffer.alloc(0), new Uint8Array(0)));
  t.false(constantTimeEqual(a, a.subarray(0, 47)));
  for (const i of [0, 23, 47]) {
    const b = Buffer.from(a);
    b[i] ^= 1;
    t.false(constantTimeEqual(a, b), `byte ${i}`);
  }
  t.throws(() => constantTimeEqual(a, 'x' as unknown as Buffer), { instanceOf: TypeError });
});

test('bad arguments throw TypeError or RangeError', (t) => {
  t.throws(() => createHash('sha3-256' as HashAlgorithm), { instanceOf: RangeError });
  t.throws(() => createHash(5 as unknown as HashAlgorithm), { instanceOf: TypeError });
  t.throws(() => createHash('sha1').update('abc' as unknown as Buffer), { instanceOf: TypeError });
  t.throws(() => hmac('md5', 'k' as unknown as Buffer, Buffer.alloc(1)), { instanceOf: TypeError });
  t.throws(() => hash('a-very-long-unknown-hash-name' as HashAlgorithm, Buffer.alloc(1)), { instanceOf: RangeError });
});
