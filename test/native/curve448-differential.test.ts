// X448 and Ed448 against node:crypto (OpenSSL) on random keys and messages, both ways, on the
// dispatched and the portable code. (Node 20 ignores an Ed448 context in crypto.sign, so the
// differential uses the empty context; contexts are covered by the RFC 8032 vectors.)
import test from 'ava';
import * as crypto from 'node:crypto';

import { ed448PublicKey, ed448Sign, ed448Verify, x448, x448PublicKey } from '../../binding';
import { forEachImplementation } from '../helpers/impls';

const b64u = (b: Buffer): string => b.toString('base64url');

function nodePrivate(crv: 'X448' | 'Ed448', d: Buffer, x: Buffer): crypto.KeyObject {
  return crypto.createPrivateKey({ key: { kty: 'OKP', crv, d: b64u(d), x: b64u(x) }, format: 'jwk' });
}
function nodePublic(crv: 'X448' | 'Ed448', x: Buffer): crypto.KeyObject {
  return crypto.createPublicKey({ key: { kty: 'OKP', crv, x: b64u(x) }, format: 'jwk' });
}

test('X448 agrees with node:crypto', (t) => {
  forEachImplementation((impl) => {
    for (let i = 0; i < 50; i++) {
      const ours = crypto.randomBytes(56);
      const theirs = crypto.generateKeyPairSync('x448');
      const theirPub = Buffer.from(theirs.publicKey.export({ format: 'jwk' }).x!, 'base64url');
      const ourPub = x448PublicKey(ours);
      t.is(nodePrivate('X448', ours, ourPub).export({ format: 'jwk' }).x, b64u(ourPub), `${impl} public key ${i}`);
      const expected = crypto.diffieHellman({ privateKey: theirs.privateKey, publicKey: nodePublic('X448', ourPub) });
      t.deepEqual(x448(ours, theirPub), expected, `${impl} shared ${i}`);
      const expected2 = crypto.diffieHellman({ privateKey: nodePrivate('X448', ours, ourPub), publicKey: theirs.publicKey });
      t.deepEqual(expected2, expected, `${impl} node side ${i}`);
    }
  });
});

test('Ed448: ours verify in node:crypto, theirs verify here', (t) => {
  forEachImplementation((impl) => {
    for (let i = 0; i < 50; i++) {
      const seed = crypto.randomBytes(57);
      const msg = crypto.randomBytes(crypto.randomInt(0, 600));
      const pub = ed448PublicKey(seed);
      const priv = nodePrivate('Ed448', seed, pub);
      t.is(priv.export({ format: 'jwk' }).x, b64u(pub), `${impl} public key ${i}`);
      const ourSig = ed448Sign(seed, msg);
      t.deepEqual(ourSig, crypto.sign(null, msg, priv), `${impl} same signature ${i}`);
      t.true(crypto.verify(null, msg, nodePublic('Ed448', pub), ourSig), `${impl} node verifies ours ${i}`);

      const theirs = crypto.generateKeyPairSync('ed448');
      const theirPub = Buffer.from(theirs.publicKey.export({ format: 'jwk' }).x!, 'base64url');
      const theirSig = crypto.sign(null, msg, theirs.privateKey);
      t.true(ed448Verify(theirPub, msg, theirSig), `${impl} we verify theirs ${i}`);
      const tampered = Buffer.from(theirSig);
      tampered[crypto.randomInt(0, 114)] ^= 1 << crypto.randomInt(0, 8);
      t.is(ed448Verify(theirPub, msg, tampered), crypto.verify(null, msg, theirs.publicKey, tampered), `${impl} tampered ${i}`);
    }
  });
});
