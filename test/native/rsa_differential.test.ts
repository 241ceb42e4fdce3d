// RSA and modexp against node:crypto (OpenSSL) and BigInt: random keys of 1024..4096 bits whose
// PKCS#1 v1.5 and PSS signatures must verify on the other side in both directions, PKCS#1
// encryption by node decrypted here, modexp on random operands, and argument checking.
import test from 'ava';
import * as crypto from 'node:crypto';

import { createRsaPrivateKey, modexp, rsaEncryptPkcs1, rsaVerifyPkcs1, rsaVerifyPss } from '../../binding';
import type { RsaHashAlgorithm } from '../../binding';
import { forEachImplementation } from '../helpers/impls';
import { generateRsa, modPow, toBig, toBuf } from '../helpers/rsa-keys';

const HASHES: RsaHashAlgorithm[] = ['sha1', 'sha256', 'sha384', 'sha512'];

for (const bits of [1024, 2048, 3072, 4096]) {
  test(`RSA-${bits}: signatures agree with node:crypto both ways`, (t) => {
    const { components, privateKey, publicKey } = generateRsa(bits);
    const key = createRsaPrivateKey(components);
    t.is(key.modulusBits, bits);
    const pub = { n: components.n, e: components.e };
    forEachImplementation((impl) => {
      for (const alg of HASHES) {
        const msg = crypto.randomBytes(1 + crypto.randomInt(200));
        const digest = crypto.createHash(alg).update(msg).digest();
        // PKCS#1 v1.5 (deterministic: both sides produce the same bytes)
        const ours = key.signPkcs1(alg, digest);
        t.true(crypto.verify(alg, msg, publicKey, ours), `${impl} ${alg} pkcs1 ours -> node`);
        const theirs = crypto.sign(alg, msg, privateKey);
        t.true(rsaVerifyPkcs1(pub, alg, digest, theirs), `${impl} ${alg} pkcs1 node -> ours`);
        t.deepEqual(ours, theirs);
        t.false(rsaVerifyPkcs1(pub, alg, crypto.randomBytes(digest.length), theirs));
        // PSS: salt = hash length when it fits, else the largest that does
        if (alg === 'sha1') continue; // PSS with SHA-1 needs SHA-1 in the core (hashes helper)
        const maxSalt = Math.ceil((bits - 1) / 8) - digest.length - 2;
        for (const salt of [0, Math.min(digest.length, maxSalt), maxSalt]) {
          const sig = key.signPss(alg, digest, salt);
          t.true(
            crypto.verify(alg, msg, { key: publicKey, padding: crypto.constants.RSA_PKCS1_PSS_PADDING, saltLength: salt }, sig),
            `${impl} ${alg} pss salt ${salt} ours -> node`,
          );
          const nodeSig = crypto.sign(alg, msg, { key: privateKey, padding: crypto.constants.RSA_PKCS1_PSS_PADDING, saltLength: salt });
          t.true(rsaVerifyPss(pub, alg, digest, nodeSig, salt), `${impl} ${alg} pss salt ${salt} node -> ours`);
          if (salt > 0) t.false(rsaVerifyPss(pub, alg, digest, nodeSig, salt - 1));
        }
      }
      // PKCS#1 v1.5 encryption: node encrypts, we decrypt (TLS and raw), and the reverse
      const pm = Buffer.concat([Buffer.from([3, 3]), crypto.randomBytes(46)]);
      const ct = crypto.publicEncrypt({ key: publicKey, padding: crypto.constants.RSA_PKCS1_PADDING }, pm);
      t.deepEqual(key.decryptPkcs1ForTls(ct, 0x0303), pm);
      t.deepEqual(key.decryptPkcs1Raw(ct), pm);
      const wrongVersion = key.decryptPkcs1ForTls(ct, 0x0302);
      t.is(wrongVersion.length, 48);
      t.notDeepEqual(wrongVersion, pm);
      const ours = rsaEncryptPkcs1(pub, pm);
      // node >= 20 refuses PKCS#1 v1.5 decryption by default (the Marvin attack); ours decrypts it
      t.deepEqual(key.decryptPkcs1Raw(ours), pm);
    });
  });
}

test('a bad padding gives fresh random bytes, never an exception', (t) => {
  const { components } = generateRsa(2048);
  const key = createRsaPrivateKey(components);
  const pub = { n: components.n, e: components.e };
  const n = toBig(components.n), e = toBig(components.e);
  const seen = new Set<string>();
  // [change, valid PKCS#1 v1.5 padding (just not a TLS premaster)]
  const makers: Array<[(em: Buffer) => void, boolean]> = [
    [(em) => (em[1] = 1), false], // block type 1
    [(em) => em.fill(0x11, 2, 256), false], // no separator at all
    [(em) => (em[256 - 48] = 0), true], // 47-byte message
    [(em) => (em[256 - 50] = 0), true], // 49-byte message
    [(em) => (em[5] = 0), false], // padding shorter than 8 bytes
    [(em) => em.writeUInt16BE(0x0301, 256 - 48), true], // wrong version
  ];
  for (const [make, pkcs1Valid] of makers) {
    const em = Buffer.alloc(256, 0x42);
    em[0] = 0;
    em[1] = 2;
    em[256 - 49] = 0;
    em.writeUInt16BE(0x0303, 256 - 48);
    make(em);
    const ct = toBuf(modPow(toBig(em), e, n), 256);
    const raw = key.decryptPkcs1Raw(ct);
    if (pkcs1Valid) t.not(raw, null);
    else t.is(raw, null);
    for (let i = 0; i < 2; i++) {
      const out = key.decryptPkcs1ForTls(ct, 0x0303);
      t.is(out.length, 48);
      t.false(seen.has(out.toString('hex')));
      seen.add(out.toString('hex'));
    }
  }
  // wrong ciphertext lengths and a ciphertext >= n are handled the same way
  for (const ct of [Buffer.alloc(0), Buffer.alloc(255, 1), Buffer.alloc(257, 1), Buffer.from(components.n)]) {
    t.is(key.decryptPkcs1ForTls(ct, 0x0303).length, 48);
  }
  t.is(rsaEncryptPkcs1(pub, Buffer.alloc(245)).length, 256);
  t.throws(() => rsaEncryptPkcs1(pub, Buffer.alloc(246)), { instanceOf: RangeError });
});

test('modexp equals BigInt on random operands (odd and even moduli)', (t) => {
  forEachImplementation((impl) => {
    for (let i = 0; i < 150; i++) {
      const mbits = i < 100 ? 1 + crypto.randomInt(2100) : 1 + crypto.randomInt(8192);
      const mlen = Math.ceil(mbits / 8);
      const m = crypto.randomBytes(mlen);
      if (i % 2) m[mlen - 1] |= 1;
      else m[mlen - 1] &= i % 4 === 0 ? 0xfe : 0x00; // even, sometimes with more factors of 2
      m[0] &= 0xff >> (8 * mlen - mbits);
      m[0] |= 0x80 >> (8 * mlen - mbits);
      const base = crypto.randomBytes(crypto.randomInt(i < 100 ? 300 : 1100));
      const exp = crypto.randomBytes(crypto.randomInt(i < 100 ? 260 : 40));
      const got = modexp(base, exp, m);
      const M = toBig(m);
      const want = modPow(toBig(base), toBig(exp), M);
      t.is(got.length, mlen, `${impl} length`);
      t.is(toBig(got), want, `${impl} modulus ${M.toString(16)} base ${base.toString('hex')} exp ${exp.toString('hex')}`);
    }
    // edge cases
    t.deepEqual(modexp(Buffer.from([5]), Buffer.from([3]), Buffer.from([1])), Buffer.from([0]));
    t.deepEqual(modexp(Buffer.from([5]), Buffer.alloc(0), Buffer.from([7])), Buffer.from([1]));
    t.deepEqual(modexp(Buffer.alloc(0), Buffer.from([3]), Buffer.from([0, 7])), Buffer.from([0]));
    t.deepEqual(modexp(Buffer.from([2]), Buffer.from([100]), Buffer.from([0x80, 0])), Buffer.from([0, 0]));
  });
});

test('bad arguments throw clear errors, never crash', (t) => {
  const { components } = generateRsa(1024);
  t.throws(() => createRsaPrivateKey({} as never), { instanceOf: TypeError, message: /"n"/ });
  t.throws(() => createRsaPrivateKey({ ...components, p: components.q }), { instanceOf: RangeError });
  const badDp = Buffer.from(components.dp);
  badDp[badDp.length - 1] ^= 2;
  t.throws(() => createRsaPrivateKey({ ...components, dp: badDp }), { instanceOf: RangeError, message: /working key/ });
  t.throws(() => createRsaPrivateKey({ ...components, n: Buffer.from([0, 0x0f]) }), { instanceOf: RangeError });
  const even = Buffer.from(components.e);
  even[even.length - 1] &= 0xfe;
  t.throws(() => createRsaPrivateKey({ ...components, e: even }), { instanceOf: RangeError });
  const key = createRsaPrivateKey(components);
  t.throws(() => key.signPkcs1('sha256', Buffer.alloc(31)), { instanceOf: RangeError, message: /32 bytes/ });
  t.throws(() => key.signPkcs1('md5' as never, Buffer.alloc(16)), { instanceOf: RangeError });
  t.throws(() => key.signPkcs1('sha256', 'x' as never), { instanceOf: TypeError });
  t.throws(() => key.signPss('sha512', Buffer.alloc(64), 63), { instanceOf: RangeError, message: /salt/ });
  t.throws(() => key.signPss('sha256', Buffer.alloc(32), -1), { instanceOf: RangeError });
  t.throws(() => key.decryptPkcs1ForTls(Buffer.alloc(128), 0x10000), { instanceOf: RangeError });
  t.throws(() => rsaVerifyPkcs1({ n: Buffer.alloc(0), e: components.e }, 'sha256', Buffer.alloc(32), Buffer.alloc(0)), {
    instanceOf: RangeError,
  });
  t.throws(() => rsaVerifyPkcs1(null as never, 'sha256', Buffer.alloc(32), Buffer.alloc(0)), { instanceOf: TypeError });
  t.throws(() => modexp(Buffer.from([2]), Buffer.from([2]), Buffer.from([0, 0])), { instanceOf: RangeError, message: /zero/ });
  t.throws(() => modexp(Buffer.from([2]), Buffer.from([2]), Buffer.alloc(1025, 1)), { instanceOf: RangeError });
  t.throws(() => modexp(Buffer.from([2]), Buffer.alloc(1025), Buffer.from([7])), { instanceOf: RangeError });
  t.throws(() => modexp(2 as never, Buffer.from([2]), Buffer.from([7])), { instanceOf: TypeError });
});
