// NIST curves through the binding: differential tests against node:crypto (ECDH on all three
// curves; ECDSA both ways) on random keys and digests, hedged signing, and argument errors.
import test from 'ava';
import * as crypto from 'node:crypto';

import {
  ecdhComputeSecret,
  ecdhGenerateKey,
  ecdhPublicKey,
  ecdsaSign,
  ecdsaSignP1363,
  ecdsaVerify,
  ecdsaVerifyP1363,
  NistCurve,
} from '../../binding';
import { NODE_CURVE, SCALAR_LEN } from '../helpers/ec';
import { forEachImplementation } from '../helpers/impls';

const CURVES: NistCurve[] = ['P-256', 'P-384', 'P-521'];
const HASHES = ['sha256', 'sha384', 'sha512'];

/** A node KeyObject from a raw private scalar and public point, via JWK. */
function nodeKeys(curve: NistCurve, priv: Buffer, pub: Buffer): { privateKey: crypto.KeyObject; publicKey: crypto.KeyObject } {
  const n = SCALAR_LEN[curve];
  const jwk = {
    kty: 'EC',
    crv: curve,
    x: pub.subarray(1, 1 + n).toString('base64url'),
    y: pub.subarray(1 + n).toString('base64url'),
    d: priv.toString('base64url'),
  };
  const privateKey = crypto.createPrivateKey({ key: jwk, format: 'jwk' });
  return { privateKey, publicKey: crypto.createPublicKey(privateKey) };
}

for (const curve of CURVES) {
  test(`${curve}: ECDH agrees with node:crypto`, (t) => {
    forEachImplementation((impl) => {
      for (let i = 0; i < 12; i++) {
        const ours = ecdhGenerateKey(curve);
        t.is(ours.privateKey.length, SCALAR_LEN[curve]);
        t.deepEqual(ecdhPublicKey(curve, ours.privateKey), ours.publicKey);
        const theirs = crypto.createECDH(NODE_CURVE[curve]);
        theirs.generateKeys();
        const want = theirs.computeSecret(ours.publicKey);
        t.deepEqual(ecdhComputeSecret(curve, ours.privateKey, theirs.getPublicKey()), want, `${impl} ${i}`);
        t.deepEqual(ecdhComputeSecret(curve, ours.privateKey, theirs.getPublicKey(null, 'compressed')), want, `${impl} compressed`);
        // node's private key, our public derivation
        const priv = Buffer.concat([Buffer.alloc(SCALAR_LEN[curve]), theirs.getPrivateKey()]).subarray(-SCALAR_LEN[curve]);
        t.deepEqual(ecdhPublicKey(curve, priv), theirs.getPublicKey(), `${impl} public key`);
      }
    });
  });

  test(`${curve}: ECDSA both ways with node:crypto`, (t) => {
    forEachImplementation((impl) => {
      for (let i = 0; i < 9; i++) {
        const hash = HASHES[i % 3];
        const msg = crypto.randomBytes(crypto.randomInt(0, 200));
        const digest = crypto.createHash(hash).update(msg).digest();
        const ours = ecdhGenerateKey(curve);
        const keys = nodeKeys(curve, ours.privateKey, ours.publicKey);
        // ours, verified by node (DER and P1363)
        const der = ecdsaSign(curve, ours.privateKey, digest);
        t.true(crypto.verify(hash, msg, { key: keys.publicKey, dsaEncoding: 'der' }, der), `${impl} der ${hash}`);
        const p1363 = ecdsaSignP1363(curve, ours.privateKey, digest);
        t.is(p1363.length, 2 * SCALAR_LEN[curve]);
        t.true(crypto.verify(hash, msg, { key: keys.publicKey, dsaEncoding: 'ieee-p1363' }, p1363), `${impl} p1363`);
        // hedged: signing twice gives different signatures
        t.notDeepEqual(ecdsaSign(curve, ours.privateKey, digest), der);
        // theirs, verified here
        const theirDer = crypto.sign(hash, msg, { key: keys.privateKey, dsaEncoding: 'der' });
        t.true(ecdsaVerify(curve, ours.publicKey, digest, theirDer), `${impl} node der`);
        const theirP = crypto.sign(hash, msg, { key: keys.privateKey, dsaEncoding: 'ieee-p1363' });
        t.true(ecdsaVerifyP1363(curve, ours.publicKey, digest, theirP), `${impl} node p1363`);
        // a changed digest fails
        const bad = Buffer.from(digest);
        bad[0] ^= 0x80;
        t.false(ecdsaVerify(curve, ours.publicKey, bad, theirDer));
        t.false(ecdsaVerifyP1363(curve, ours.publicKey, bad, p1363));
      }
    });
  });
}

test('bad arguments throw clear errors, never crash', (t) => {
  const k = ecdhGenerateKey('P-256');
  t.throws(() => ecdhGenerateKey('P-255' as NistCurve), { instanceOf: RangeError, message: /Unsupported curve/ });
  t.throws(() => ecdhPublicKey('P-256', Buffer.alloc(31, 1)), { instanceOf: RangeError, message: /32 bytes/ });
  t.throws(() => ecdhPublicKey('P-256', Buffer.alloc(32)), { instanceOf: RangeError, message: /not in \[1, n-1\]/ });
  t.throws(() => ecdhPublicKey('P-256', Buffer.alloc(32, 0xff)), { instanceOf: RangeError });
  t.throws(() => ecdhPublicKey('P-256', 'x' as unknown as Buffer), { instanceOf: TypeError });
  t.throws(() => ecdhComputeSecret('P-256', k.privateKey, Buffer.alloc(65)), { instanceOf: RangeError, message: /Invalid P-256 public key/ });
  t.throws(() => ecdhComputeSecret('P-256', k.privateKey, Buffer.from([0])), { instanceOf: RangeError });
  t.throws(() => ecdhComputeSecret('P-256', k.privateKey, k.publicKey.subarray(0, 64)), { instanceOf: RangeError });
  t.throws(() => ecdhComputeSecret('P-384', ecdhGenerateKey('P-384').privateKey, k.publicKey), { instanceOf: RangeError });
  const off = Buffer.from(k.publicKey);
  off[64] ^= 1;
  t.throws(() => ecdhComputeSecret('P-256', k.privateKey, off), { instanceOf: RangeError });
  t.throws(() => ecdsaVerify('P-256', off, Buffer.alloc(32), Buffer.alloc(8)), { instanceOf: RangeError });
  t.false(ecdsaVerify('P-256', k.publicKey, Buffer.alloc(32), Buffer.alloc(0)));
  t.false(ecdsaVerifyP1363('P-256', k.publicKey, Buffer.alloc(32), Buffer.alloc(63)));
  // a DER signature with a trailing byte is rejected
  const d = crypto.randomBytes(32);
  const der = ecdsaSign('P-256', k.privateKey, d);
  t.true(ecdsaVerify('P-256', k.publicKey, d, der));
  t.false(ecdsaVerify('P-256', k.publicKey, d, Buffer.concat([der, Buffer.from([0])])));
  // digests of any length are accepted (truncated or zero-extended per FIPS 186-4)
  for (const len of [0, 1, 20, 31, 64, 100]) {
    const dg = crypto.randomBytes(len);
    t.true(ecdsaVerify('P-256', k.publicKey, dg, ecdsaSign('P-256', k.privateKey, dg)), `digest ${len}`);
  }
});
