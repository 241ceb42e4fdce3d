// ML-KEM-768 through the binding: every Wycheproof ML-KEM-768 vector (key generation from
// seeds, encapsulation with a fixed m, decapsulation including implicit rejection and the
// strcmp trap), round trips on random keys, and argument checking. Both implementations.
import test from 'ava';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';

import { mlkem768Decapsulate, mlkem768Encapsulate, mlkem768GenerateKey, shake256 } from '../../binding';
import { forEachImplementation } from '../helpers/impls';
import { WYCHEPROOF_DIR } from '../helpers/paths';

/** One test; the hex fields a file's schema does not have are absent. */
interface Vector {
  tcId: number;
  comment?: string;
  flags?: string[];
  result: 'valid' | 'invalid' | 'acceptable';
  seed: string;
  ek: string;
  dk: string;
  m: string;
  c: string;
  K: string;
}

function load(file: string, schema: string): Vector[] {
  const json = JSON.parse(fs.readFileSync(path.join(WYCHEPROOF_DIR, file), 'utf8'));
  if (json.schema !== schema) throw new Error(`${file}: unexpected schema ${json.schema}`);
  const tests: Vector[] = [];
  for (const g of json.testGroups) {
    if (g.parameterSet !== 'ML-KEM-768') throw new Error(`${file}: parameter set ${g.parameterSet}`);
    tests.push(...g.tests);
  }
  if (tests.length !== json.numberOfTests) throw new Error(`${file}: ${tests.length} of ${json.numberOfTests} tests`);
  return tests;
}

const hex = (s: string | undefined): Buffer => Buffer.from(s ?? '', 'hex');
const EK_LEN = 1184;
const DK_LEN = 2400;
const CT_LEN = 1088;

test('Wycheproof mlkem_768_keygen_seed_test.json', (t) => {
  const vectors = load('mlkem_768_keygen_seed_test.json', 'mlkem_keygen_seed_test_schema.json');
  forEachImplementation((impl) => {
    for (const v of vectors) {
      const id = `${impl} tcId ${v.tcId}`;
      t.is(v.result, 'valid', id);
      const { encapsulationKey, decapsulationKey } = mlkem768GenerateKey(hex(v.seed));
      t.is(encapsulationKey.toString('hex'), v.ek, id);
      t.is(decapsulationKey.toString('hex'), v.dk, id);
    }
  });
});

test('Wycheproof mlkem_768_encaps_test.json', (t) => {
  const vectors = load('mlkem_768_encaps_test.json', 'mlkem_encaps_test_schema.json');
  let valid = 0;
  let modulus = 0;
  forEachImplementation((impl) => {
    for (const v of vectors) {
      const id = `${impl} tcId ${v.tcId} ${v.comment ?? ''} ${(v.flags ?? []).join(',')}`;
      const ek = hex(v.ek);
      if (v.result === 'valid') {
        const { ciphertext, sharedSecret } = mlkem768Encapsulate(ek, hex(v.m));
        t.is(ciphertext.toString('hex'), v.c, id);
        t.is(sharedSecret.toString('hex'), v.K, id);
        valid++;
      } else if (ek.length !== EK_LEN) {
        t.throws(() => mlkem768Encapsulate(ek, hex(v.m)), { instanceOf: RangeError }, id);
      } else {
        // The right length, so it must be the §7.2 modulus check that refuses it.
        const err = t.throws(() => mlkem768Encapsulate(ek, hex(v.m)), undefined, id);
        t.false(err instanceof RangeError || err instanceof TypeError, id);
        t.regex(err?.message ?? '', /modulus check/, id);
        t.throws(() => mlkem768Encapsulate(ek), { message: /modulus check/ }, id);
        modulus++;
      }
    }
  });
  t.true(valid > 0 && modulus > 0);
});

test('Wycheproof mlkem_768_test.json (keygen from seed, then decapsulation)', (t) => {
  const vectors = load('mlkem_768_test.json', 'mlkem_test_schema.json');
  forEachImplementation((impl) => {
    for (const v of vectors) {
      const id = `${impl} tcId ${v.tcId} ${v.comment ?? ''} ${(v.flags ?? []).join(',')}`;
      const seed = hex(v.seed);
      const c = hex(v.c);
      if (v.result === 'valid') {
        const { encapsulationKey, decapsulationKey } = mlkem768GenerateKey(seed);
        t.is(encapsulationKey.toString('hex'), v.ek, id);
        t.is(mlkem768Decapsulate(decapsulationKey, c).toString('hex'), v.K, id);
        t.is(mlkem768Decapsulate(seed, c).toString('hex'), v.K, id);
      } else {
        t.true(seed.length !== 64 || c.length !== CT_LEN, id);
        if (seed.length !== 64) t.throws(() => mlkem768GenerateKey(seed), { instanceOf: RangeError }, id);
        t.throws(() => mlkem768Decapsulate(seed, c), { instanceOf: RangeError }, id);
        if (seed.length === 64) {
          const { decapsulationKey } = mlkem768GenerateKey(seed);
          t.throws(() => mlkem768Decapsulate(decapsulationKey, c), { instanceOf: RangeError }, id);
        }
      }
    }
  });
});

test('random keys: encapsulate/decapsulate round trips', (t) => {
  forEachImplementation((impl) => {
    for (let i = 0; i < 25; i++) {
      const { encapsulationKey, decapsulationKey } = mlkem768GenerateKey();
      t.is(encapsulationKey.length, EK_LEN);
      t.is(decapsulationKey.length, DK_LEN);
      const { ciphertext, sharedSecret } = mlkem768Encapsulate(encapsulationKey);
      t.is(ciphertext.length, CT_LEN);
      t.is(sharedSecret.length, 32);
      t.deepEqual(mlkem768Decapsulate(decapsulationKey, ciphertext), sharedSecret, impl);
    }
  });
});

test('a modified ciphertext gives the implicit-rejection secret J(z || c)', (t) => {
  forEachImplementation((impl) => {
    for (let i = 0; i < 25; i++) {
      const { encapsulationKey, decapsulationKey } = mlkem768GenerateKey();
      const { ciphertext, sharedSecret } = mlkem768Encapsulate(encapsulationKey);
      const bad = Buffer.from(ciphertext);
      bad[crypto.randomInt(CT_LEN)] ^= 1 << crypto.randomInt(8);
      const rejected = mlkem768Decapsulate(decapsulationKey, bad);
      t.notDeepEqual(rejected, sharedSecret, impl);
      t.deepEqual(mlkem768Decapsulate(decapsulationKey, bad), rejected, `${impl}: deterministic`);
      const z = decapsulationKey.subarray(DK_LEN - 32);
      t.deepEqual(rejected, shake256(Buffer.concat([z, bad]), 32), `${impl}: J(z || c)`);
    }
  });
});

test('seeded generation and fixed-m encapsulation are deterministic', (t) => {
  const seed = crypto.randomBytes(64);
  const m = crypto.randomBytes(32);
  const a = mlkem768GenerateKey(seed);
  const b = mlkem768GenerateKey(seed);
  t.deepEqual(a, b);
  t.deepEqual(mlkem768Encapsulate(a.encapsulationKey, m), mlkem768Encapsulate(a.encapsulationKey, m));
  t.notDeepEqual(mlkem768Encapsulate(a.encapsulationKey).ciphertext, mlkem768Encapsulate(a.encapsulationKey).ciphertext);
});

test('a decapsulation key failing the §7.3 hash check is refused', (t) => {
  const { encapsulationKey, decapsulationKey } = mlkem768GenerateKey();
  const { ciphertext } = mlkem768Encapsulate(encapsulationKey);
  for (const at of [1152, 1152 + 600, 1152 + 1184, 1152 + 1184 + 31]) {
    const bad = Buffer.from(decapsulationKey);
    bad[at] ^= 0x80;
    const err = t.throws(() => mlkem768Decapsulate(bad, ciphertext), { message: /hash check/ });
    t.false(err instanceof RangeError || err instanceof TypeError);
  }
});

test('bad arguments throw, never crash', (t) => {
  const { encapsulationKey, decapsulationKey } = mlkem768GenerateKey();
  const { ciphertext } = mlkem768Encapsulate(encapsulationKey);
  const notBytes = ['x', 5, null, {}, [1, 2, 3]] as unknown as Uint8Array[];
  for (const x of notBytes) {
    t.throws(() => mlkem768GenerateKey(x), { instanceOf: TypeError });
    t.throws(() => mlkem768Encapsulate(x), { instanceOf: TypeError });
    t.throws(() => mlkem768Encapsulate(encapsulationKey, x), { instanceOf: TypeError });
    t.throws(() => mlkem768Decapsulate(x, ciphertext), { instanceOf: TypeError });
    t.throws(() => mlkem768Decapsulate(decapsulationKey, x), { instanceOf: TypeError });
  }
  t.throws(() => (mlkem768Encapsulate as () => unknown)(), { instanceOf: TypeError });
  t.throws(() => (mlkem768Decapsulate as (a: Uint8Array) => unknown)(decapsulationKey), { instanceOf: TypeError });
  t.throws(() => mlkem768GenerateKey(Buffer.alloc(63)), { instanceOf: RangeError });
  t.throws(() => mlkem768Encapsulate(encapsulationKey.subarray(1)), { instanceOf: RangeError });
  t.throws(() => mlkem768Encapsulate(Buffer.concat([encapsulationKey, Buffer.alloc(1)])), { instanceOf: RangeError });
  t.throws(() => mlkem768Encapsulate(encapsulationKey, Buffer.alloc(31)), { instanceOf: RangeError });
  t.throws(() => mlkem768Decapsulate(decapsulationKey.subarray(1), ciphertext), { instanceOf: RangeError });
  t.throws(() => mlkem768Decapsulate(decapsulationKey, ciphertext.subarray(1)), { instanceOf: RangeError });
  t.throws(() => mlkem768Decapsulate(Buffer.alloc(0), Buffer.alloc(0)), { instanceOf: RangeError });
});
