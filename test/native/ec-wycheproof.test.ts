// Wycheproof ECDH (SPKI and raw-point files) and ECDSA (DER and P1363) vectors for P-256, P-384
// and P-521 on every implementation. "acceptable" cases may go either way.
import test from 'ava';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';

import { ecdhComputeSecret, ecdsaVerify, ecdsaVerifyP1363, NistCurve } from '../../binding';
import { fixedScalar, parseEcSpki, SCALAR_LEN } from '../helpers/ec';
import { forEachImplementation } from '../helpers/impls';
import { WYCHEPROOF_DIR } from '../helpers/paths';

interface WyTest {
  tcId: number;
  comment: string;
  flags: string[];
  result: 'valid' | 'invalid' | 'acceptable';
  [k: string]: unknown;
}
interface WyGroup {
  tests: WyTest[];
  [k: string]: unknown;
}

function load(name: string): WyGroup[] {
  return JSON.parse(fs.readFileSync(path.join(WYCHEPROOF_DIR, name), 'utf8')).testGroups as WyGroup[];
}

const CURVE_OF: Record<string, NistCurve> = { secp256r1: 'P-256', secp384r1: 'P-384', secp521r1: 'P-521' };

const ECDH_FILES: Array<[string, NistCurve, boolean]> = [
  ['ecdh_secp256r1_test.json', 'P-256', true],
  ['ecdh_secp256r1_ecpoint_test.json', 'P-256', false],
  ['ecdh_secp384r1_test.json', 'P-384', true],
  ['ecdh_secp384r1_ecpoint_test.json', 'P-384', false],
  ['ecdh_secp521r1_test.json', 'P-521', true],
];

for (const [file, curve, spki] of ECDH_FILES) {
  test(`Wycheproof ${file}`, (t) => {
    const groups = load(file);
    let checked = 0;
    forEachImplementation((impl) => {
      for (const g of groups) {
        t.is(CURVE_OF[g.curve as string], curve);
        for (const v of g.tests) {
          const where = `${impl} ${file} #${v.tcId} ${v.comment}`;
          let point: Buffer | null = Buffer.from(v.public as string, 'hex');
          if (spki) {
            const parsed = parseEcSpki(point);
            point = parsed && parsed.curve === curve ? parsed.point : null;
          }
          const priv = fixedScalar(v.private as string, SCALAR_LEN[curve]);
          let got: Buffer | null = null;
          try {
            if (point && priv) got = ecdhComputeSecret(curve, priv, point);
          } catch (e) {
            t.true(e instanceof RangeError, where);
          }
          if (v.result === 'valid') t.is(got?.toString('hex'), v.shared as string, where);
          else if (v.result === 'invalid') t.is(got, null, where);
          else if (got) t.is(got.toString('hex'), v.shared as string, where);
          checked++;
        }
      }
    });
    t.true(checked > 100);
  });
}

const ECDSA_FILES = [
  'ecdsa_secp256r1_sha256_test.json',
  'ecdsa_secp256r1_sha256_p1363_test.json',
  'ecdsa_secp256r1_sha512_test.json',
  'ecdsa_secp384r1_sha256_test.json',
  'ecdsa_secp384r1_sha384_test.json',
  'ecdsa_secp384r1_sha384_p1363_test.json',
  'ecdsa_secp521r1_sha512_test.json',
  'ecdsa_secp521r1_sha512_p1363_test.json',
];

for (const file of ECDSA_FILES) {
  test(`Wycheproof ${file}`, (t) => {
    const groups = load(file);
    const p1363 = file.includes('p1363');
    let checked = 0;
    forEachImplementation((impl) => {
      for (const g of groups) {
        const key = g.publicKey as { curve: string; uncompressed: string };
        const curve = CURVE_OF[key.curve];
        t.truthy(curve);
        const pub = Buffer.from(key.uncompressed, 'hex');
        const hashName = (g.sha as string).replace('-', '').toLowerCase();
        for (const v of g.tests) {
          const where = `${impl} ${file} #${v.tcId} ${v.comment}`;
          const digest = crypto.createHash(hashName).update(Buffer.from(v.msg as string, 'hex')).digest();
          const sig = Buffer.from(v.sig as string, 'hex');
          const ok = p1363 ? ecdsaVerifyP1363(curve, pub, digest, sig) : ecdsaVerify(curve, pub, digest, sig);
          if (v.result === 'valid') t.true(ok, where);
          else if (v.result === 'invalid') t.false(ok, where);
          checked++;
        }
      }
    });
    t.true(checked > 100);
  });
}
