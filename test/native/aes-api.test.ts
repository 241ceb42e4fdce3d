// Argument checking of the AES binding: wrong types and sizes throw TypeError/RangeError with
// a clear message, padding failures throw Error, nothing crashes.
import test from 'ava';

import { aeadOpen, aeadSeal, cipherDecrypt, cipherEncrypt, createAead } from '../../binding';
import type { AeadAlgorithm } from '../../binding';
import { native } from '../../binding/native';

const k16 = Buffer.alloc(16, 1);
const n12 = Buffer.alloc(12, 2);
const none = Buffer.alloc(0);

test('unknown algorithms and wrong key sizes are RangeErrors', (t) => {
  t.throws(() => aeadSeal('aes-128-ocb' as AeadAlgorithm, k16, n12, none, none), { instanceOf: RangeError, message: /Unsupported AEAD/ });
  t.throws(() => aeadSeal('aes-256-gcm', k16, n12, none, none), { instanceOf: RangeError, message: /key length 16 \(expected 32\)/ });
  t.throws(() => createAead('aes-128-ccm', Buffer.alloc(15)), { instanceOf: RangeError });
  t.throws(() => cipherEncrypt('aes-128-ecb' as 'aes-128-cbc', k16, k16, none), { instanceOf: RangeError });
  t.throws(() => cipherEncrypt('aes-128-cbc', k16, n12, none), { instanceOf: RangeError, message: /IV length/ });
});

test('wrong types are TypeErrors', (t) => {
  t.throws(() => aeadSeal('aes-128-gcm', 'key' as unknown as Buffer, n12, none, none), { instanceOf: TypeError });
  t.throws(() => aeadSeal('aes-128-gcm', k16, n12, undefined as unknown as Buffer, none), { instanceOf: TypeError });
  t.throws(() => aeadOpen(42 as unknown as AeadAlgorithm, k16, n12, none, none), { instanceOf: TypeError });
  t.throws(() => native.aeadCtxSeal({}, n12, none, none), { instanceOf: TypeError, message: /AEAD context/ });
  t.throws(() => cipherEncrypt('aes-128-cbc', k16, k16, none, { padding: 'yes' as unknown as boolean }), { instanceOf: TypeError });
});

test('nonce and tag sizes outside the standards are rejected', (t) => {
  t.throws(() => aeadSeal('aes-128-gcm', k16, none, none, none), { instanceOf: RangeError, message: /nonce length 0/ });
  t.throws(() => aeadSeal('aes-128-ccm', k16, Buffer.alloc(6), none, none), { instanceOf: RangeError, message: /7\.\.13/ });
  t.throws(() => aeadSeal('aes-128-ccm', k16, Buffer.alloc(14), none, none), { instanceOf: RangeError });
  t.throws(() => aeadSeal('aes-128-gcm', k16, n12, none, none, { tagLength: 10 }), { instanceOf: RangeError, message: /tag length/ });
  t.throws(() => aeadSeal('aes-128-ccm', k16, n12, none, none, { tagLength: 5 }), { instanceOf: RangeError });
  // CCM with a 13-byte nonce has a 2-byte length field: 65536 bytes do not fit
  t.throws(() => aeadSeal('aes-128-ccm', k16, Buffer.alloc(13), none, Buffer.alloc(65536)), { instanceOf: RangeError });
  t.is(aeadSeal('aes-128-ccm', k16, Buffer.alloc(13), none, Buffer.alloc(65535)).length, 65535 + 16);
});

test('short or tampered input opens to null, never to plaintext', (t) => {
  t.is(aeadOpen('aes-128-gcm', k16, n12, none, Buffer.alloc(15)), null);
  const ct = aeadSeal('aes-128-gcm', k16, n12, none, Buffer.from('attack at dawn'));
  t.is(aeadOpen('aes-128-gcm', k16, n12, Buffer.from('x'), ct), null);
  t.is(aeadOpen('aes-128-gcm', k16, Buffer.alloc(12, 3), none, ct), null);
  t.is(aeadOpen('aes-128-gcm', k16, n12, none, ct)?.toString(), 'attack at dawn');
});

test('CBC padding and length errors are clear', (t) => {
  t.throws(() => cipherDecrypt('aes-128-cbc', k16, k16, Buffer.alloc(17)), { message: /not a non-zero multiple/ });
  t.throws(() => cipherDecrypt('aes-128-cbc', k16, k16, none), { message: /not a non-zero multiple/ });
  t.throws(() => cipherEncrypt('aes-128-cbc', k16, k16, Buffer.alloc(5), { padding: false }), { instanceOf: RangeError });
  const raw = cipherEncrypt('aes-128-cbc', k16, k16, Buffer.alloc(32, 0x11), { padding: false });
  t.throws(() => cipherDecrypt('aes-128-cbc', k16, k16, raw), { message: /bad PKCS#7 padding/ });
  t.deepEqual(cipherDecrypt('aes-128-cbc', k16, k16, raw, { padding: false }), Buffer.alloc(32, 0x11));
  t.throws(() => cipherDecrypt('des-ede3-cbc', Buffer.alloc(24, 9), Buffer.alloc(8), Buffer.alloc(16)), { message: /padding/ });
});

test('chacha20-poly1305 is routed to its own native functions, or fails clearly', (t) => {
  const k32 = Buffer.alloc(32, 5);
  if (typeof native.chacha20Poly1305Seal === 'function') {
    const ct = aeadSeal('chacha20-poly1305', k32, n12, none, Buffer.from('hi'));
    t.is(ct.length, 18);
    t.is(aeadOpen('chacha20-poly1305', k32, n12, none, ct)?.toString(), 'hi');
    const a = createAead('chacha20-poly1305', k32);
    t.deepEqual(a.seal(n12, none, Buffer.from('hi')), ct);
  } else {
    t.throws(() => aeadSeal('chacha20-poly1305', k32, n12, none, none), { message: /chacha20-poly1305 is not available/ });
    t.throws(() => createAead('chacha20-poly1305', k32), { message: /not available/ });
  }
});

test('views with offsets, other TypedArrays and DataViews are read as their bytes', (t) => {
  const big = Buffer.alloc(100);
  for (let i = 0; i < 100; i++) big[i] = i;
  const key = new Uint8Array(big.buffer, big.byteOffset + 3, 16);
  const nonce = new DataView(big.buffer, big.byteOffset + 20, 12);
  const pt = new Uint32Array(big.buffer.slice(big.byteOffset + 40, big.byteOffset + 60));
  const want = aeadSeal('aes-128-gcm', Buffer.from(big.subarray(3, 19)), Buffer.from(big.subarray(20, 32)), none, Buffer.from(big.subarray(40, 60)));
  t.deepEqual(aeadSeal('aes-128-gcm', key, nonce as unknown as Uint8Array, none, pt as unknown as Uint8Array), want);
  t.is(aeadSeal('aes-128-gcm', k16, n12, new Uint8Array(0), new Uint8Array(0)).length, 16);
});

test('the keyed object opens short input to null and checks its arguments', (t) => {
  const a = createAead('aes-128-gcm', k16);
  t.is(a.open(n12, none, Buffer.alloc(15)), null);
  t.throws(() => a.seal(Buffer.alloc(0), none, none), { instanceOf: RangeError, message: /nonce length 0/ });
  t.throws(() => a.seal(n12, 'aad' as unknown as Buffer, none), { instanceOf: TypeError });
  t.throws(() => a.openInto(Buffer.alloc(3), n12, none, Buffer.alloc(20)), { instanceOf: RangeError });
});
