// X25519 and Ed25519 through the binding: RFC 7748 / RFC 8032 vectors, every Wycheproof case, the
// strict verification rules and argument checking, on the dispatched and the portable code.
import test from 'ava';
import * as fs from 'node:fs';
import * as path from 'node:path';

import { ed25519PublicKey, ed25519Sign, ed25519Verify, x25519, x25519GenerateKey, x25519PublicKey } from '../../binding';
import { forEachImplementation } from '../helpers/impls';
import { REPO_ROOT, WYCHEPROOF_DIR } from '../helpers/paths';

const hex = (s: string): Buffer => Buffer.from(s, 'hex');

interface XdhTest { tcId: number; comment: string; flags: string[]; public: string; private: string; shared: string; result: string }
interface EddsaTest { tcId: number; comment: string; flags: string[]; msg: string; sig: string; result: string }
interface Suite<T> { testGroups: Array<{ publicKey?: { pk: string }; tests: T[] }> }

// WYCHEPROOF_DIR assumes the checkout sits beside shared/; a worktree may sit deeper, so look
// upwards from the repository root too.
function wycheproofDir(): string {
  for (let dir = REPO_ROOT; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'shared', 'vectors', 'wycheproof');
    if (fs.existsSync(candidate)) return candidate;
    if (path.dirname(dir) === dir) return WYCHEPROOF_DIR;
  }
}

function load<T>(name: string): Suite<T> {
  return JSON.parse(fs.readFileSync(path.join(wycheproofDir(), name), 'utf8')) as Suite<T>;
}

test('RFC 7748 §5.2 and §6.1 vectors', (t) => {
  forEachImplementation((impl) => {
    t.is(
      x25519(hex('a546e36bf0527c9d3b16154b82465edd62144c0ac1fc5a18506a2244ba449ac4'), hex('e6db6867583030db3594c1a424b15f7c726624ec26b3353b10a903a6d0ab1c4c')).toString('hex'),
      'c3da55379de9c6908e94ea4df28d084f32eccf03491c71f754b4075577a28552',
      impl,
    );
    const alice = hex('77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a');
    const bob = hex('5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb');
    t.is(x25519PublicKey(alice).toString('hex'), '8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a', impl);
    t.is(x25519PublicKey(bob).toString('hex'), 'de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f', impl);
    const shared = '4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742';
    t.is(x25519(alice, x25519PublicKey(bob)).toString('hex'), shared, impl);
    t.is(x25519(bob, x25519PublicKey(alice)).toString('hex'), shared, impl);
  });
});

test('Wycheproof x25519_test.json: every case, zero shared secrets throw', (t) => {
  const suite = load<XdhTest>('x25519_test.json');
  forEachImplementation((impl) => {
    let n = 0;
    for (const g of suite.testGroups) {
      for (const c of g.tests) {
        const label = `${impl} tcId ${c.tcId} ${c.comment}`;
        n++;
        if (c.flags.includes('ZeroSharedSecret')) {
          t.throws(() => x25519(hex(c.private), hex(c.public)), { message: /all zero/ }, label);
        } else if (c.result === 'invalid') {
          let ok = false;
          try {
            ok = x25519(hex(c.private), hex(c.public)).toString('hex') === c.shared;
          } catch {
            ok = false;
          }
          t.false(ok, label);
        } else {
          t.is(x25519(hex(c.private), hex(c.public)).toString('hex'), c.shared, label);
        }
      }
    }
    t.is(n, 518);
  });
});

test('RFC 8032 §7.1 vectors', (t) => {
  const vectors: Array<[string, string, string, string]> = [
    ['9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60', 'd75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a', '',
      'e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b'],
    ['4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb', '3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c', '72',
      '92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00'],
    ['c5aa8df43f9f837bedb7442f31dcb7b166d38535076f094b85ce3a2e0b4458f7', 'fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025', 'af82',
      '6291d657deec24024827e69c3abe01a30ce548a284743a445e3680d7db5ac3ac18ff9b538d16f290ae67f760984dc6594a7c15e9716ed28dc027beceea1ec40a'],
  ];
  forEachImplementation((impl) => {
    for (const [seed, pub, msg, sig] of vectors) {
      t.is(ed25519PublicKey(hex(seed)).toString('hex'), pub, impl);
      t.is(ed25519Sign(hex(seed), hex(msg)).toString('hex'), sig, impl);
      t.true(ed25519Verify(hex(pub), hex(msg), hex(sig)), impl);
    }
  });
});

test('Wycheproof ed25519_test.json: every case', (t) => {
  const suite = load<EddsaTest>('ed25519_test.json');
  forEachImplementation((impl) => {
    let n = 0;
    for (const g of suite.testGroups) {
      const pk = hex(g.publicKey!.pk);
      for (const c of g.tests) {
        const label = `${impl} tcId ${c.tcId} ${c.comment} ${c.flags.join(',')}`;
        n++;
        const sig = hex(c.sig);
        let ok: boolean;
        if (sig.length !== 64) {
          // Wrong sizes are argument errors; such a signature never verifies.
          t.throws(() => ed25519Verify(pk, hex(c.msg), sig), { instanceOf: RangeError }, label);
          ok = false;
        } else {
          ok = ed25519Verify(pk, hex(c.msg), sig);
        }
        t.is(ok, c.result === 'valid', label);
      }
    }
    t.is(n, 151);
  });
});

test('generated keys agree and signatures round-trip', (t) => {
  forEachImplementation((impl) => {
    const a = x25519GenerateKey();
    const b = x25519GenerateKey();
    t.is(a.privateKey.length, 32);
    t.deepEqual(x25519(a.privateKey, b.publicKey), x25519(b.privateKey, a.publicKey), impl);
    const seed = Buffer.alloc(32, 7);
    const msg = Buffer.from('a message');
    const sig = ed25519Sign(seed, msg);
    t.true(ed25519Verify(ed25519PublicKey(seed), msg, sig), impl);
    t.false(ed25519Verify(ed25519PublicKey(seed), Buffer.from('another'), sig), impl);
  });
});

test('bad arguments throw TypeError or RangeError, never crash', (t) => {
  const k32 = Buffer.alloc(32, 1);
  for (const bad of [undefined, null, 'x'.repeat(32), 32, {}, [1, 2, 3]]) {
    const b = bad as unknown as Uint8Array;
    t.throws(() => x25519(b, k32), { instanceOf: TypeError });
    t.throws(() => x25519(k32, b), { instanceOf: TypeError });
    t.throws(() => x25519PublicKey(b), { instanceOf: TypeError });
    t.throws(() => ed25519PublicKey(b), { instanceOf: TypeError });
    t.throws(() => ed25519Sign(k32, b), { instanceOf: TypeError });
    t.throws(() => ed25519Verify(k32, b, Buffer.alloc(64)), { instanceOf: TypeError });
  }
  for (const n of [0, 31, 33, 64]) {
    t.throws(() => x25519(Buffer.alloc(n), k32), { instanceOf: RangeError });
    t.throws(() => x25519(k32, Buffer.alloc(n)), { instanceOf: RangeError });
    t.throws(() => x25519PublicKey(Buffer.alloc(n)), { instanceOf: RangeError });
    t.throws(() => ed25519PublicKey(Buffer.alloc(n)), { instanceOf: RangeError });
    t.throws(() => ed25519Sign(Buffer.alloc(n), k32), { instanceOf: RangeError });
    t.throws(() => ed25519Verify(Buffer.alloc(n), k32, Buffer.alloc(64)), { instanceOf: RangeError });
  }
  t.throws(() => ed25519Verify(k32, k32, Buffer.alloc(63)), { instanceOf: RangeError });
  t.throws(() => ed25519Verify(k32, k32, Buffer.alloc(65)), { instanceOf: RangeError });
  // Typed views of other element types are bytes too.
  const view = new Uint32Array(8).fill(0x01010101);
  t.deepEqual(x25519PublicKey(view as unknown as Uint8Array), x25519PublicKey(k32));
});
