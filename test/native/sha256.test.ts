// SHA-256 through the binding: FIPS 180-4 vectors and node:crypto as an oracle, on both the
// dispatched and the portable implementation.
import test from 'ava';
import * as crypto from 'node:crypto';

import { cpuFeatures, hash, implementations, setImplementation } from '../../binding';
import { forEachImplementation } from '../helpers/impls';

const FIPS: Array<[string, string]> = [
  ['abc', 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'],
  ['', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'],
  ['abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq', '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1'],
];

test('FIPS 180-4 vectors on every implementation', (t) => {
  forEachImplementation((impl) => {
    for (const [msg, want] of FIPS) t.is(hash('sha256', Buffer.from(msg)).toString('hex'), want, `${impl}: ${msg}`);
    t.is(
      hash('sha256', Buffer.alloc(1000000, 'a')).toString('hex'),
      'cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0',
      `${impl}: one million a`,
    );
  });
});

test('random inputs agree with node:crypto on every implementation', (t) => {
  forEachImplementation((impl) => {
    for (let i = 0; i < 300; i++) {
      const len = i < 200 ? i : crypto.randomInt(0, 70000);
      const data = crypto.randomBytes(len);
      t.is(hash('sha256', data).toString('hex'), crypto.createHash('sha256').update(data).digest('hex'), `${impl} len ${len}`);
    }
  });
});

test('accepts any TypedArray view and subarray offsets', (t) => {
  const buf = crypto.randomBytes(100);
  const view = new Uint8Array(buf.buffer, buf.byteOffset + 3, 50);
  t.is(hash('sha256', view).toString('hex'), crypto.createHash('sha256').update(buf.subarray(3, 53)).digest('hex'));
});

test('the dispatcher reports its choice and the portable switch takes effect', (t) => {
  const features = cpuFeatures();
  t.true(['x64', 'arm64', 'generic'].includes(features.arch));
  setImplementation('generic');
  t.is(implementations().sha256, 'generic');
  t.deepEqual(cpuFeatures().used, []);
  setImplementation('native');
  const expected = features.detected.includes('sha-ni') ? 'sha-ni' : features.detected.includes('sha2') ? 'armv8-sha2' : 'generic';
  t.is(implementations().sha256, process.env.TS_S_SERVER_CPU === 'generic' ? 'generic' : expected);
});

test('bad arguments throw, never crash', (t) => {
  t.throws(() => hash('sha999' as 'sha256', Buffer.alloc(1)), { instanceOf: RangeError });
  t.throws(() => hash('sha256', 'abc' as unknown as Buffer), { instanceOf: TypeError });
  t.throws(() => hash('sha256', undefined as unknown as Buffer), { instanceOf: TypeError });
});
