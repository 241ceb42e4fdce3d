// X448 and Ed448 through the binding: RFC 7748 / RFC 8032 vectors, every Wycheproof case, the
// strict verification rules, contexts and argument checking, on the dispatched and the portable
// code.
import test from 'ava';
import * as fs from 'node:fs';
import * as path from 'node:path';

import { ed448PublicKey, ed448Sign, ed448Verify, x448, x448GenerateKey, x448PublicKey } from '../../binding';
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

test('RFC 7748 §5.2 and §6.2 vectors', (t) => {
  forEachImplementation((impl) => {
    t.is(
      x448(
        hex('3d262fddf9ec8e88495266fea19a34d28882acef045104d0d1aae121700a779c984c24f8cdd78fbff44943eba368f54b29259a4f1c600ad3'),
        hex('06fce640fa3487bfda5f6cf2d5263f8aad88334cbd07437f020f08f9814dc031ddbdc38c19c6da2583fa5429db94ada18aa7a7fb4ef8a086'),
      ).toString('hex'),
      'ce3e4ff95a60dc6697da1db1d85e6afbdf79b50a2412d7546d5f239fe14fbaadeb445fc66a01b0779d98223961111e21766282f73dd96b6f',
      impl,
    );
    const alice = hex('9a8f4925d1519f5775cf46b04b5800d4ee9ee8bae8bc5565d498c28dd9c9baf574a9419744897391006382a6f127ab1d9ac2d8c0a598726b');
    const bob = hex('1c306a7ac2a0e2e0990b294470cba339e6453772b075811d8fad0d1d6927c120bb5ee8972b0d3e21374c9c921b09d1b0366f10b65173992d');
    t.is(x448PublicKey(alice).toString('hex'), '9b08f7cc31b7e3e67d22d5aea121074a273bd2b83de09c63faa73d2c22c5d9bbc836647241d953d40c5b12da88120d53177f80e532c41fa0', impl);
    t.is(x448PublicKey(bob).toString('hex'), '3eb7a829b0cd20f5bcfc0b599b6feccf6da4627107bdb0d4f345b43027d8b972fc3e34fb4232a13ca706dcb57aec3dae07bdc1c67bf33609', impl);
    const shared = '07fff4181ac6cc95ec1c16a94a0f74d12da232ce40a77552281d282bb60c0b56fd2464c335543936521c24403085d59a449a5037514a879d';
    t.is(x448(alice, x448PublicKey(bob)).toString('hex'), shared, impl);
    t.is(x448(bob, x448PublicKey(alice)).toString('hex'), shared, impl);
  });
});

test('Wycheproof x448_test.json: every case, zero shared secrets and wrong sizes throw', (t) => {
  const suite = load<XdhTest>('x448_test.json');
  forEachImplementation((impl) => {
    let n = 0;
    for (const g of suite.testGroups) {
      for (const c of g.tests) {
        const label = `${impl} tcId ${c.tcId} ${c.comment}`;
        n++;
        if (c.flags.includes('ZeroSharedSecret')) {
          t.throws(() => x448(hex(c.private), hex(c.public)), { message: /all zero/ }, label);
        } else if (c.result === 'invalid') {
          // The invalid cases are public keys of the wrong length.
          t.not(hex(c.public).length, 56, label);
          t.throws(() => x448(hex(c.private), hex(c.public)), { instanceOf: RangeError }, label);
        } else {
          t.is(x448(hex(c.private), hex(c.public)).toString('hex'), c.shared, label);
        }
      }
    }
    t.is(n, 510);
  });
});

const RFC8032_ED448: Array<{ seed: string; pub: string; msg: string; ctx?: string; sig: string }> = [
  {
    seed: '6c82a562cb808d10d632be89c8513ebf6c929f34ddfa8c9f63c9960ef6e348a3528c8a3fcc2f044e39a3fc5b94492f8f032e7549a20098f95b',
    pub: '5fd7449b59b461fd2ce787ec616ad46a1da1342485a70e1f8a0ea75d80e96778edf124769b46c7061bd6783df1e50f6cd1fa1abeafe8256180',
    msg: '',
    sig: '533a37f6bbe457251f023c0d88f976ae2dfb504a843e34d2074fd823d41a591f2b233f034f628281f2fd7a22ddd47d7828c59bd0a21bfd3980ff0d2028d4b18a9df63e006c5d1c2d345b925d8dc00b4104852db99ac5c7cdda8530a113a0f4dbb61149f05a7363268c71d95808ff2e652600',
  },
  {
    seed: 'c4eab05d357007c632f3dbb48489924d552b08fe0c353a0d4a1f00acda2c463afbea67c5e8d2877c5e3bc397a659949ef8021e954e0a12274e',
    pub: '43ba28f430cdff456ae531545f7ecd0ac834a55d9358c0372bfa0c6c6798c0866aea01eb00742802b8438ea4cb82169c235160627b4c3a9480',
    msg: '03',
    sig: '26b8f91727bd62897af15e41eb43c377efb9c610d48f2335cb0bd0087810f4352541b143c4b981b7e18f62de8ccdf633fc1bf037ab7cd779805e0dbcc0aae1cbcee1afb2e027df36bc04dcecbf154336c19f0af7e0a6472905e799f1953d2a0ff3348ab21aa4adafd1d234441cf807c03a00',
  },
  {
    seed: 'c4eab05d357007c632f3dbb48489924d552b08fe0c353a0d4a1f00acda2c463afbea67c5e8d2877c5e3bc397a659949ef8021e954e0a12274e',
    pub: '43ba28f430cdff456ae531545f7ecd0ac834a55d9358c0372bfa0c6c6798c0866aea01eb00742802b8438ea4cb82169c235160627b4c3a9480',
    msg: '03',
    ctx: '666f6f',
    sig: 'd4f8f6131770dd46f40867d6fd5d5055de43541f8c5e35abbcd001b32a89f7d2151f7647f11d8ca2ae279fb842d607217fce6e042f6815ea000c85741de5c8da1144a6a1aba7f96de42505d7a7298524fda538fccbbb754f578c1cad10d54d0d5428407e85dcbc98a49155c13764e66c3c00',
  },
];

test('RFC 8032 §7.4 vectors, with and without a context', (t) => {
  forEachImplementation((impl) => {
    for (const v of RFC8032_ED448) {
      const ctx = v.ctx === undefined ? undefined : hex(v.ctx);
      t.is(ed448PublicKey(hex(v.seed)).toString('hex'), v.pub, impl);
      t.is(ed448Sign(hex(v.seed), hex(v.msg), ctx).toString('hex'), v.sig, impl);
      t.true(ed448Verify(hex(v.pub), hex(v.msg), hex(v.sig), ctx), impl);
      // A different context (or none instead of one) breaks the signature.
      t.false(ed448Verify(hex(v.pub), hex(v.msg), hex(v.sig), ctx ? undefined : hex('00')), impl);
    }
    // An empty context is the same as none.
    const v = RFC8032_ED448[1];
    t.is(ed448Sign(hex(v.seed), hex(v.msg), Buffer.alloc(0)).toString('hex'), v.sig, impl);
  });
});

test('Wycheproof ed448_test.json: every case', (t) => {
  const suite = load<EddsaTest>('ed448_test.json');
  forEachImplementation((impl) => {
    let n = 0;
    for (const g of suite.testGroups) {
      const pk = hex(g.publicKey!.pk);
      for (const c of g.tests) {
        const label = `${impl} tcId ${c.tcId} ${c.comment} ${c.flags.join(',')}`;
        n++;
        const sig = hex(c.sig);
        let ok: boolean;
        if (sig.length !== 114 || pk.length !== 57) {
          t.throws(() => ed448Verify(pk, hex(c.msg), sig), { instanceOf: RangeError }, label);
          ok = false;
        } else {
          ok = ed448Verify(pk, hex(c.msg), sig);
        }
        t.is(ok, c.result === 'valid', label);
      }
    }
    t.is(n, 87);
  });
});

test('generated keys agree and signatures round-trip', (t) => {
  forEachImplementation((impl) => {
    const a = x448GenerateKey();
    const b = x448GenerateKey();
    t.is(a.privateKey.length, 56);
    t.deepEqual(x448(a.privateKey, b.publicKey), x448(b.privateKey, a.publicKey), impl);
    const seed = Buffer.alloc(57, 9);
    const msg = Buffer.from('a message');
    const ctx = Buffer.alloc(255, 1);
    const sig = ed448Sign(seed, msg, ctx);
    t.true(ed448Verify(ed448PublicKey(seed), msg, sig, ctx), impl);
    t.false(ed448Verify(ed448PublicKey(seed), msg, sig), impl);
  });
});

test('bad arguments throw TypeError or RangeError, never crash', (t) => {
  const k56 = Buffer.alloc(56, 1);
  const s57 = Buffer.alloc(57, 1);
  for (const bad of [undefined, null, 'x'.repeat(57), 57, {}, [1, 2, 3]]) {
    const b = bad as unknown as Uint8Array;
    t.throws(() => x448(b, k56), { instanceOf: TypeError });
    t.throws(() => x448(k56, b), { instanceOf: TypeError });
    t.throws(() => x448PublicKey(b), { instanceOf: TypeError });
    t.throws(() => ed448PublicKey(b), { instanceOf: TypeError });
    t.throws(() => ed448Sign(s57, b), { instanceOf: TypeError });
    t.throws(() => ed448Verify(s57, b, Buffer.alloc(114)), { instanceOf: TypeError });
    if (bad !== undefined) {
      t.throws(() => ed448Sign(s57, s57, b), { instanceOf: TypeError });
      t.throws(() => ed448Verify(s57, s57, Buffer.alloc(114), b), { instanceOf: TypeError });
    }
  }
  for (const n of [0, 32, 55, 57, 58]) {
    t.throws(() => x448(Buffer.alloc(n), k56), { instanceOf: RangeError });
    t.throws(() => x448(k56, Buffer.alloc(n)), { instanceOf: RangeError });
    t.throws(() => x448PublicKey(Buffer.alloc(n)), { instanceOf: RangeError });
  }
  for (const n of [0, 32, 56, 58]) {
    t.throws(() => ed448PublicKey(Buffer.alloc(n)), { instanceOf: RangeError });
    t.throws(() => ed448Sign(Buffer.alloc(n), s57), { instanceOf: RangeError });
    t.throws(() => ed448Verify(Buffer.alloc(n), s57, Buffer.alloc(114)), { instanceOf: RangeError });
  }
  t.throws(() => ed448Verify(s57, s57, Buffer.alloc(113)), { instanceOf: RangeError });
  t.throws(() => ed448Sign(s57, s57, Buffer.alloc(256)), { instanceOf: RangeError });
  t.throws(() => ed448Verify(s57, s57, Buffer.alloc(114), Buffer.alloc(256)), { instanceOf: RangeError });
});
