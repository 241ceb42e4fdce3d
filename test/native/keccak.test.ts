// SHA3-256/512 and SHAKE128/256 through the binding: FIPS 202 example values, and node:crypto
// as an oracle on random inputs, on both the dispatched and the portable implementation.
import test from 'ava';
import * as crypto from 'node:crypto';

import { implementations, sha3_256, sha3_512, shake128, shake256 } from '../../binding';
import { forEachImplementation } from '../helpers/impls';

test('FIPS 202 example values', (t) => {
  forEachImplementation((impl) => {
    const empty = Buffer.alloc(0);
    t.is(sha3_256(empty).toString('hex'), 'a7ffc6f8bf1ed76651c14756a061d662f580ff4de43b49fa82d80a4b80f8434a', impl);
    t.is(sha3_256(Buffer.from('abc')).toString('hex'), '3a985da74fe225b2045c172d6bd390bd855f086e3e9d525b46bfe24511431532', impl);
    t.is(
      sha3_512(Buffer.from('abc')).toString('hex'),
      'b751850b1a57168a5693cd924b6b096e08f621827444f70d884f5d0240d2712e10e116e9192af3c91a7ec57647e3934057340b4cf408d5a56592f8274eec53f0',
      impl,
    );
    t.is(shake128(empty, 32).toString('hex'), '7f9c2ba4e88f827d616045507605853ed73b8093f6efbc88eb1a6eacfa66ef26', impl);
    t.is(
      shake256(empty, 64).toString('hex'),
      '46b9dd2b0ba88d13233b3feb743eeb243fcd52ea62b81b82b50c27646ed5762fd75dc4ddd8c0f200cb05019d67b592f6fc821c49479ab48640292eacb3b7c4be',
      impl,
    );
    t.is(sha3_256(Buffer.alloc(200, 0xa3)).toString('hex'), '79f38adec5c20307a98ef76e8324afbfd46cfd81b22e3973c65fa1bd9de31787', impl);
  });
});

function oracle(alg: string, data: Buffer, outputLength?: number): string {
  return crypto.createHash(alg, outputLength === undefined ? undefined : { outputLength }).update(data).digest('hex');
}

test('random lengths 0..5000 agree with node:crypto', (t) => {
  forEachImplementation((impl) => {
    for (let i = 0; i < 250; i++) {
      const len = i < 150 ? i : crypto.randomInt(0, 5001);
      const outLen = crypto.randomInt(0, 5001);
      const data = crypto.randomBytes(len);
      t.is(sha3_256(data).toString('hex'), oracle('sha3-256', data), `${impl} sha3-256 len ${len}`);
      t.is(sha3_512(data).toString('hex'), oracle('sha3-512', data), `${impl} sha3-512 len ${len}`);
      t.is(shake128(data, outLen).toString('hex'), oracle('shake128', data, outLen), `${impl} shake128 ${len}/${outLen}`);
      t.is(shake256(data, outLen).toString('hex'), oracle('shake256', data, outLen), `${impl} shake256 ${len}/${outLen}`);
    }
  });
});

test('any TypedArray view with an offset is hashed as its bytes', (t) => {
  const buf = crypto.randomBytes(300);
  const view = new Uint8Array(buf.buffer, buf.byteOffset + 7, 200);
  t.is(sha3_256(view).toString('hex'), oracle('sha3-256', buf.subarray(7, 207)));
  t.is(shake256(new DataView(buf.buffer, buf.byteOffset, 10) as unknown as Uint8Array, 17).toString('hex'), oracle('shake256', buf.subarray(0, 10), 17));
});

test('the dispatcher names a keccak implementation', (t) => {
  t.is(typeof implementations().keccak, 'string');
});

test('bad arguments throw, never crash', (t) => {
  t.throws(() => sha3_256('abc' as unknown as Buffer), { instanceOf: TypeError });
  t.throws(() => sha3_512(undefined as unknown as Buffer), { instanceOf: TypeError });
  t.throws(() => shake128(Buffer.alloc(1), '5' as unknown as number), { instanceOf: TypeError });
  t.throws(() => shake256(Buffer.alloc(1), -1), { instanceOf: RangeError });
  t.throws(() => shake256(Buffer.alloc(1), 1.5), { instanceOf: RangeError });
  t.throws(() => shake256(Buffer.alloc(1), 2 ** 31), { instanceOf: RangeError });
  t.throws(() => shake128(5 as unknown as Buffer, 5), { instanceOf: TypeError });
});
