// X25519 and Ed25519 against node:crypto (OpenSSL) on random keys and messages, both ways, on
// the dispatched and the portable code.
import test from 'ava';
import * as crypto from 'node:crypto';

import { ed25519PublicKey, ed25519Sign, ed25519Verify, x25519, x25519PublicKey } from '../../binding';
import { forEachImplementation } from '../helpers/impls';

const b64u = (b: Buffer): string => b.toString('base64url');

function nodePrivate(crv: 'X25519' | 'Ed25519', d: Buffer, x: Buffer): crypto.KeyObject {
  return crypto.createPrivateKey({ key: { kty: 'OKP', crv, d: b64u(d), x: b64u(x) }, format: 'jwk' });
}
function nodePublic(crv: 'X25519' | 'Ed25519', x: Buffer): crypto.KeyObject {
  return crypto.createPublicKey({ key: { kty: 'OKP', crv, x: b64u(x) }, format: 'jwk' });
}

test('X25519 agrees with node:crypto', (t) => {
  forEachImplementation((impl) => {
    for (let i = 0; i < 100; i++) {
      const ours = crypto.randomBytes(32);
      const theirs = crypto.generateKeyPairSync('x25519');
      const theirPub = Buffer.from(theirs.publicKey.export({ format: 'jwk' }).x!, 'base64url');
      const ourPub = x25519PublicKey(ours);
      // node derives the public key from d itself; check ours matches its derivation.
      const jwk = nodePrivate('X25519', ours, ourPub).export({ format: 'jwk' });
      t.is(jwk.x, b64u(ourPub), `${impl} public key ${i}`);
      const expected = crypto.diffieHellman({ privateKey: theirs.privateKey, publicKey: nodePublic('X25519', ourPub) });
      t.deepEqual(x25519(ours, theirPub), expected, `${impl} shared ${i}`);
      const expected2 = crypto.diffieHellman({ privateKey: nodePrivate('X25519', ours, ourPub), publicKey: theirs.publicKey });
      t.deepEqual(expected2, expected, `${impl} node side ${i}`);
    }
  });
});

test('Ed25519: ours verify in node:crypto, theirs verify here', (t) => {
  forEachImplementation((impl) => {
    for (let i = 0; i < 100; i++) {
      const seed = crypto.randomBytes(32);
      const msg = crypto.randomBytes(crypto.randomInt(0, 600));
      const pub = ed25519PublicKey(seed);
      const priv = nodePrivate('Ed25519', seed, pub);
      t.is(priv.export({ format: 'jwk' }).x, b64u(pub), `${impl} public key ${i}`);
      const ourSig = ed25519Sign(seed, msg);
      // Ed25519 is deterministic: the signatures must be identical.
      t.deepEqual(ourSig, crypto.sign(null, msg, priv), `${impl} same signature ${i}`);
      t.true(crypto.verify(null, msg, nodePublic('Ed25519', pub), ourSig), `${impl} node verifies ours ${i}`);

      const theirs = crypto.generateKeyPairSync('ed25519');
      const theirPub = Buffer.from(theirs.publicKey.export({ format: 'jwk' }).x!, 'base64url');
      const theirSig = crypto.sign(null, msg, theirs.privateKey);
      t.true(ed25519Verify(theirPub, msg, theirSig), `${impl} we verify theirs ${i}`);
      const tampered = Buffer.from(theirSig);
      tampered[crypto.randomInt(0, 64)] ^= 1 << crypto.randomInt(0, 8);
      t.is(ed25519Verify(theirPub, msg, tampered), crypto.verify(null, msg, theirs.publicKey, tampered), `${impl} tampered ${i}`);
    }
  });
});
