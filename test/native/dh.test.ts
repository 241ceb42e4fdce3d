// Finite-field DH: the RFC 7919 groups (checked against the RFC's formula for p), agreement with
// node:crypto (OpenSSL) on every group and on an arbitrary prime, output padding, and peer checks.
import test from 'ava';
import * as crypto from 'node:crypto';

import { dhComputeSecret, dhGenerateKey, ffdheGroup } from '../../binding';
import type { FfdheGroupName } from '../../binding';
import { forEachImplementation } from '../helpers/impls';
import { toBig, toBuf } from '../helpers/rsa-keys';

const GROUPS: Array<[FfdheGroupName, number, bigint]> = [
  // RFC 7919 appendix A: p = 2^b - 2^(b-64) + ({[2^(b-130) e] + X} * 2^64) - 1
  ['ffdhe2048', 2048, 560316n],
  ['ffdhe3072', 3072, 2625351n],
  ['ffdhe4096', 4096, 5736041n],
  ['ffdhe6144', 6144, 15705020n],
  ['ffdhe8192', 8192, 10965728n],
];

/** floor(e * 2^n), from the series of 1/k! in fixed point with guard bits. */
function eFixed(n: number): bigint {
  const G = BigInt(n + 64);
  let sum = 0n, term = 1n << G, k = 0n;
  while (term) {
    sum += term;
    k++;
    term /= k;
  }
  return sum >> 64n;
}

test('the ffdhe primes follow the RFC 7919 formula', (t) => {
  for (const [name, b, X] of GROUPS) {
    const { p, g } = ffdheGroup(name);
    const B = BigInt(b);
    const want = (1n << B) - (1n << (B - 64n)) + (eFixed(b - 130) + X) * (1n << 64n) - 1n;
    t.is(toBig(p), want, name);
    t.is(p.length, b / 8);
    t.deepEqual(g, Buffer.from([2]));
  }
  t.throws(() => ffdheGroup('ffdhe1024' as never), { instanceOf: RangeError });
});

test('ffdhe shared secrets agree with node:crypto', (t) => {
  forEachImplementation((impl) => {
    for (const [name, b] of GROUPS) {
      const { p, g } = ffdheGroup(name);
      const node = crypto.createDiffieHellman(p, g);
      node.generateKeys();
      const ours = dhGenerateKey(p, g);
      t.is(ours.publicKey.length, b / 8);
      const expectedPriv = ({ 2048: 29, 3072: 35, 4096: 41, 6144: 47, 8192: 50 } as Record<number, number>)[b];
      t.is(ours.privateKey.length, expectedPriv);
      const z1 = dhComputeSecret(ours.privateKey, node.getPublicKey(), p);
      const z2 = node.computeSecret(ours.publicKey);
      t.is(z1.length, b / 8, `${impl} ${name} padded to p`);
      t.deepEqual(z1, toBuf(toBig(z2), b / 8), `${impl} ${name}`);
    }
  });
});

test('an arbitrary prime (RFC 3526 modp2048, via node) uses a full-size exponent and agrees', (t) => {
  const modp = crypto.getDiffieHellman('modp14');
  const p = modp.getPrime(), g = modp.getGenerator();
  forEachImplementation((impl) => {
    const node = crypto.createDiffieHellman(p, g);
    node.generateKeys();
    const a = dhGenerateKey(p, g);
    t.is(a.privateKey.length, 256);
    t.is(toBig(a.privateKey).toString(2).length, 2047);
    t.deepEqual(dhComputeSecret(a.privateKey, node.getPublicKey(), p), toBuf(toBig(node.computeSecret(a.publicKey)), 256), impl);
  });
});

test('secrets are left-padded to the size of p', (t) => {
  const { p, g } = ffdheGroup('ffdhe2048');
  // private key 1 makes the secret equal to the peer value: pick ones with leading zero bytes
  for (const y of [2n, 0x1234n, (1n << 2000n) + 12345n]) {
    const z = dhComputeSecret(Buffer.from([1]), toBuf(y), p);
    t.is(z.length, 256);
    t.deepEqual(z, toBuf(y, 256));
  }
  // and random key pairs agree both ways at full length
  for (let i = 0; i < 20; i++) {
    const a = dhGenerateKey(p, g), b = dhGenerateKey(p, g);
    const z = dhComputeSecret(a.privateKey, b.publicKey, p);
    t.is(z.length, 256);
    t.deepEqual(z, dhComputeSecret(b.privateKey, a.publicKey, p));
  }
});

test('invalid peer values and parameters throw', (t) => {
  const { p, g } = ffdheGroup('ffdhe2048');
  const a = dhGenerateKey(p, g);
  const P = toBig(p);
  for (const y of [0n, 1n, P - 1n, P, P + 1n, (1n << 2048n) - 1n]) {
    t.throws(() => dhComputeSecret(a.privateKey, toBuf(y, 256), p), { instanceOf: RangeError, message: /1 < y < p - 1/ });
  }
  t.throws(() => dhComputeSecret(a.privateKey, Buffer.concat([Buffer.from([1]), p]), p), { instanceOf: RangeError });
  t.throws(() => dhGenerateKey(p, Buffer.from([1])), { instanceOf: RangeError, message: /generator/ });
  t.throws(() => dhGenerateKey(toBuf(P - 1n), g), { instanceOf: RangeError, message: /prime/ });
  t.throws(() => dhGenerateKey(Buffer.from([0xff, 0xff, 0xff, 0xfb]), g), { instanceOf: RangeError, message: /512 to 8192/ });
  t.throws(() => dhComputeSecret(Buffer.alloc(0), a.publicKey, p), { instanceOf: RangeError });
  t.throws(() => dhComputeSecret('x' as never, a.publicKey, p), { instanceOf: TypeError });
});
