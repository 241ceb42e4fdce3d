// Every Wycheproof AES-GCM, AES-CCM and AES-CBC-PKCS5 vector through the binding, on both the
// dispatched and the portable implementation. Valid/acceptable vectors must seal to the
// expected bytes and open back; invalid ones must be rejected (null from open, or a thrown
// RangeError/Error for parameters the algorithm forbids).
import test from 'ava';
import * as fs from 'node:fs';
import * as path from 'node:path';

import { aeadOpen, aeadSeal, cipherDecrypt, cipherEncrypt, createAead, implementations } from '../../binding';
import type { AesAeadAlgorithm, CipherAlgorithm } from '../../binding';
import { WYCHEPROOF_DIR } from '../helpers/paths';
import { forEachImplementation } from '../helpers/impls';

interface AeadVector {
  tcId: number;
  key: string;
  iv: string;
  aad: string;
  msg: string;
  ct: string;
  tag: string;
  result: 'valid' | 'invalid' | 'acceptable';
  flags: string[];
}
interface Group<T> {
  keySize: number;
  ivSize: number;
  tagSize: number;
  tests: T[];
}

function load<T>(file: string): Array<Group<T>> {
  return JSON.parse(fs.readFileSync(path.join(WYCHEPROOF_DIR, file), 'utf8')).testGroups as Array<Group<T>>;
}

const hex = (s: string): Buffer => Buffer.from(s, 'hex');

function runAead(t: import('ava').ExecutionContext, file: string, mode: 'gcm' | 'ccm'): void {
  const groups = load<AeadVector>(file);
  let count = 0;
  forEachImplementation((impl) => {
    for (const g of groups) {
      const alg = `aes-${g.keySize}-${mode}` as AesAeadAlgorithm;
      const tagLength = g.tagSize / 8;
      for (const v of g.tests) {
        const label = `${impl} ${file} tcId ${v.tcId} (${v.flags.join(',')})`;
        const key = hex(v.key), iv = hex(v.iv), aad = hex(v.aad), msg = hex(v.msg);
        const ctTag = Buffer.concat([hex(v.ct), hex(v.tag)]);
        count++;
        if (v.result === 'invalid') {
          let opened: Buffer | null = null;
          try {
            opened = aeadOpen(alg, key, iv, aad, ctTag, { tagLength });
          } catch (e) {
            t.true(e instanceof RangeError, `${label}: ${String(e)}`);
            t.regex((e as Error).message, /nonce|tag length/i, label);
            continue;
          }
          t.is(opened, null, label);
          continue;
        }
        const sealed = aeadSeal(alg, key, iv, aad, msg, { tagLength });
        t.is(sealed.toString('hex'), ctTag.toString('hex'), `${label} seal`);
        const opened = aeadOpen(alg, key, iv, aad, ctTag, { tagLength });
        t.is(opened?.toString('hex'), v.msg, `${label} open`);
        // the keyed object agrees with the one-shot calls
        const a = createAead(alg, key, { tagLength });
        t.is(a.seal(iv, aad, msg).toString('hex'), ctTag.toString('hex'), `${label} keyed seal`);
        t.is(a.open(iv, aad, ctTag)?.toString('hex'), v.msg, `${label} keyed open`);
        a.dispose();
      }
    }
  });
  t.true(count > 200);
}

test('Wycheproof aes_gcm_test.json', (t) => {
  runAead(t, 'aes_gcm_test.json', 'gcm');
});

test('Wycheproof aes_ccm_test.json', (t) => {
  runAead(t, 'aes_ccm_test.json', 'ccm');
});

test('Wycheproof aes_cbc_pkcs5_test.json', (t) => {
  const groups = load<{ tcId: number; key: string; iv: string; msg: string; ct: string; result: string; flags: string[] }>(
    'aes_cbc_pkcs5_test.json',
  );
  let count = 0;
  forEachImplementation((impl) => {
    for (const g of groups) {
      const alg = `aes-${g.keySize}-cbc` as CipherAlgorithm;
      for (const v of g.tests) {
        const label = `${impl} tcId ${v.tcId} (${v.flags.join(',')})`;
        count++;
        if (v.result === 'invalid') {
          t.throws(() => cipherDecrypt(alg, hex(v.key), hex(v.iv), hex(v.ct)), { message: /Decryption failed/ }, label);
          continue;
        }
        t.is(cipherEncrypt(alg, hex(v.key), hex(v.iv), hex(v.msg)).toString('hex'), v.ct, label);
        t.is(cipherDecrypt(alg, hex(v.key), hex(v.iv), hex(v.ct)).toString('hex'), v.msg, label);
      }
    }
  });
  t.true(count > 200);
});

test('both implementation sets were exercised', (t) => {
  forEachImplementation((impl) => {
    const aes = implementations().aes;
    if (impl === 'generic') t.is(aes, 'ct64');
    else t.truthy(aes);
  });
});
