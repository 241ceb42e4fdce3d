// Every Wycheproof HMAC vector (SHA-1, SHA-256, SHA-384, SHA-512), honouring each test's
// result and the group's (possibly truncated) tag size, on both implementations.
import test from 'ava';
import * as fs from 'node:fs';
import * as path from 'node:path';

import { hmac, hmacVerify } from '../../binding';
import type { HashAlgorithm } from '../../binding';
import { WYCHEPROOF_DIR } from '../helpers/paths';
import { forEachImplementation } from '../helpers/impls';

interface MacTest {
  tcId: number;
  key: string;
  msg: string;
  tag: string;
  result: 'valid' | 'invalid' | 'acceptable';
}
interface MacGroup {
  keySize: number;
  tagSize: number;
  tests: MacTest[];
}

for (const alg of ['sha1', 'sha256', 'sha384', 'sha512'] as HashAlgorithm[]) {
  test(`Wycheproof hmac_${alg}_test.json`, (t) => {
    const file = JSON.parse(fs.readFileSync(path.join(WYCHEPROOF_DIR, `hmac_${alg}_test.json`), 'utf8')) as {
      testGroups: MacGroup[];
    };
    let count = 0;
    forEachImplementation((impl) => {
      for (const group of file.testGroups) {
        const tagBytes = group.tagSize / 8;
        for (const tc of group.tests) {
          const key = Buffer.from(tc.key, 'hex');
          const msg = Buffer.from(tc.msg, 'hex');
          const tag = Buffer.from(tc.tag, 'hex');
          const full = hmac(alg, key, msg);
          const ours = full.subarray(0, tagBytes);
          const label = `${impl} tcId ${tc.tcId}`;
          if (tc.result === 'valid') {
            t.is(ours.toString('hex'), tc.tag, label);
            t.true(hmacVerify(alg, key, msg, tag), label);
          } else {
            t.false(tag.length === tagBytes && hmacVerify(alg, key, msg, tag), label);
            t.not(ours.toString('hex'), tc.tag, label);
          }
          count++;
        }
      }
    });
    t.true(count > 100);
  });
}
