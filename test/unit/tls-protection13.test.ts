// Protection13 (src/tls/record.ts) over the native record layer: the driver's view of TLS 1.3
// record protection — errors carry the alert to send, and a record that fails to open (skipped
// rejected 0-RTT data) leaves the sequence number in place.
import test from 'ava';
import * as crypto from 'node:crypto';

import { TlsError } from '../../src/tls/alert';
import { AlertDescription } from '../../src/tls/constants';
import { Protection13, RecordFramer } from '../../src/tls/record';

function framed(rec: Buffer) {
  const f = new RecordFramer();
  f.push(rec);
  const r = f.next();
  if (!r) throw new Error('no record');
  return r;
}

for (const [aead, keyLen, tagLen] of [
  ['aes-128-gcm', 16, 16],
  ['aes-256-gcm', 32, 16],
  ['chacha20-poly1305', 32, 16],
  ['aes-128-ccm', 16, 16],
  ['aes-128-ccm8', 16, 8],
] as const) {
  test(`${aead}: seal/open, bad_record_mac, no sequence step on failure`, (t) => {
    const key = crypto.randomBytes(keyLen);
    const iv = crypto.randomBytes(12);
    const tx = new Protection13(aead, key, iv, tagLen);
    const rx = new Protection13(aead, key, iv, tagLen);
    const a = tx.seal(22, Buffer.from('first'), 7);
    const b = tx.seal(23, Buffer.from('second'));
    t.is(a.length, 5 + 5 + 1 + 7 + tagLen);
    t.deepEqual(rx.open(framed(a)), { type: 22, content: Buffer.from('first') });
    // An early-data record under other keys fails; the driver skips it and calls rewindSequence.
    const other = new Protection13(aead, crypto.randomBytes(keyLen), iv, tagLen).seal(23, Buffer.from('0-rtt'));
    const err = t.throws(() => rx.open(framed(other)), { instanceOf: TlsError });
    t.is(err!.alert, AlertDescription.bad_record_mac);
    rx.rewindSequence();
    t.deepEqual(rx.open(framed(b)), { type: 23, content: Buffer.from('second') });
    // Replaying b is out of sequence.
    t.is((t.throws(() => rx.open(framed(b))) as TlsError).alert, AlertDescription.bad_record_mac);
    // Too short to hold a tag and a type.
    const short = Buffer.concat([Buffer.from([23, 3, 3, 0, tagLen]), Buffer.alloc(tagLen)]);
    t.is((t.throws(() => rx.open(framed(short))) as TlsError).alert, AlertDescription.bad_record_mac);
  });
}

test('an inner plaintext with no content type is unexpected_message', (t) => {
  const key = crypto.randomBytes(16);
  const iv = crypto.randomBytes(12);
  const tx = new Protection13('aes-128-gcm', key, iv, 16);
  const rx = new Protection13('aes-128-gcm', key, iv, 16);
  const rec = tx.seal(0, Buffer.alloc(0), 20);
  t.is((t.throws(() => rx.open(framed(rec))) as TlsError).alert, AlertDescription.unexpected_message);
});

test('a record passed as separate header and fragment buffers opens too', (t) => {
  const key = crypto.randomBytes(16);
  const iv = crypto.randomBytes(12);
  const rec = new Protection13('aes-128-gcm', key, iv, 16).seal(23, Buffer.from('split'));
  const rx = new Protection13('aes-128-gcm', key, iv, 16);
  const header = Buffer.from(rec.subarray(0, 5));
  const fragment = Buffer.from(rec.subarray(5));
  t.deepEqual(rx.open({ type: 23, version: 0x0303, header, fragment }), { type: 23, content: Buffer.from('split') });
});
