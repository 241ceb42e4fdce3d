// Every Wycheproof HKDF (SHA-256, SHA-384) and PBKDF2-HMAC-SHA256 vector, on both
// implementations. Invalid HKDF tests ask for more than 255 * HashLen bytes: RangeError.
import test from 'ava';
import * as fs from 'node:fs';
import * as path from 'node:path';

import { hkdfExpand, hkdfExtract, pbkdf2 } from '../../binding';
import type { HashAlgorithm } from '../../binding';
import { WYCHEPROOF_DIR } from '../helpers/paths';
import { forEachImplementation } from '../helpers/impls';

interface HkdfTest {
  tcId: number;
  ikm: string;
  salt: string;
  info: string;
  size: number;
  okm: string;
  result: 'valid' | 'invalid' | 'acceptable';
}
interface PbkdfTest {
  tcId: number;
  password: string;
  salt: string;
  iterationCount: number;
  dkLen: number;
  dk: string;
  result: 'valid' | 'invalid' | 'acceptable';
}

const load = <T>(name: string): T[] =>
  (JSON.parse(fs.readFileSync(path.join(WYCHEPROOF_DIR, name), 'utf8')) as { testGroups: { tests: T[] }[] }).testGroups.flatMap(
    (g) => g.tests,
  );

for (const alg of ['sha256', 'sha384'] as HashAlgorithm[]) {
  test(`Wycheproof hkdf_${alg}_test.json`, (t) => {
    const tests = load<HkdfTest>(`hkdf_${alg}_test.json`);
    let invalid = 0;
    forEachImplementation((impl) => {
      for (const tc of tests) {
        const label = `${impl} tcId ${tc.tcId}`;
        const prk = hkdfExtract(alg, Buffer.from(tc.salt, 'hex'), Buffer.from(tc.ikm, 'hex'));
        if (tc.result === 'valid') {
          t.is(hkdfExpand(alg, prk, Buffer.from(tc.info, 'hex'), tc.size).toString('hex'), tc.okm, label);
        } else {
          t.throws(() => hkdfExpand(alg, prk, Buffer.from(tc.info, 'hex'), tc.size), { instanceOf: RangeError }, label);
          invalid++;
        }
      }
    });
    t.true(tests.length > 50 && invalid > 0);
  });
}

test('Wycheproof pbkdf2_hmacsha256_test.json', (t) => {
  const tests = load<PbkdfTest>('pbkdf2_hmacsha256_test.json');
  forEachImplementation((impl) => {
    for (const tc of tests) {
      const dk = pbkdf2('sha256', Buffer.from(tc.password, 'hex'), Buffer.from(tc.salt, 'hex'), tc.iterationCount, tc.dkLen);
      if (tc.result === 'valid') t.is(dk.toString('hex'), tc.dk, `${impl} tcId ${tc.tcId}`);
      else t.not(dk.toString('hex'), tc.dk, `${impl} tcId ${tc.tcId}`);
    }
  });
  t.true(tests.length > 10);
});
