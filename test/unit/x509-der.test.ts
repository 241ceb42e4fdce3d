import test from 'ava';
import { readFileSync } from 'node:fs';
import { TempDir, genKey, openssl, selfSigned } from '../helpers/x509Material';
import {
  DER_MAX_DEPTH, DerError, DerReader, DerWriter, Tag, TagClass, encodeInteger, encodeOid, validateDer,
} from '../../src/x509/der';
import { parseCertificate } from '../../src/x509/certificate';
import { parseCrl } from '../../src/x509/crl';
import { pemBlocks } from '../../src/x509/pem';
import { privateKeyFromDer } from '../../src/x509/keys';

const t0 = new TempDir();
test.after.always(() => t0.remove());

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');
const bytes = (h: string): Uint8Array => Uint8Array.from(Buffer.from(h.replace(/\s/g, ''), 'hex'));

/** DER produced by `openssl asn1parse -genstr` (an independent encoder). */
function opensslDer(genstr: string): string {
  const out = t0.file('gen.der');
  openssl(['asn1parse', '-genstr', genstr, '-noout', '-out', out]);
  return hex(readFileSync(out));
}

test('INTEGER encoding matches openssl and round-trips', (t) => {
  for (const v of [0n, 1n, 127n, 128n, 255n, 256n, -1n, -128n, -129n, -256n, 65535n, 2n ** 64n, -(2n ** 64n) + 1n, 2n ** 255n - 19n]) {
    const der = new DerWriter().integer(v).finish();
    t.is(hex(der), opensslDer(`INTEGER:${v}`), `INTEGER ${v}`);
    t.is(new DerReader(der).readInteger(), v);
  }
});

test('OBJECT IDENTIFIER encoding matches openssl and round-trips', (t) => {
  for (const oid of ['1.2.840.113549.1.1.11', '2.5.4.3', '0.9.2342.19200300.100.1.25', '2.999.3', '1.3.6.1.4.1.311.60.2.1.3', '2.25.329800735698586629295641978511506172918']) {
    const der = new DerWriter().oid(oid).finish();
    t.is(hex(der), opensslDer(`OID:${oid}`), oid);
    t.is(new DerReader(der).readOid(), oid);
  }
  t.throws(() => encodeOid('1.40'), { instanceOf: DerError });
  t.throws(() => encodeOid('3.1'), { instanceOf: DerError });
});

test('strings, times, NULL, BOOLEAN, BIT STRING match openssl', (t) => {
  const cases: Array<[Uint8Array, string]> = [
    [new DerWriter().string(Tag.UTF8String, 'héllo €').finish(), 'FORMAT:UTF8,UTF8:héllo €'],
    [new DerWriter().string(Tag.PrintableString, 'Abc 123').finish(), 'PRINTABLESTRING:Abc 123'],
    [new DerWriter().string(Tag.IA5String, 'a@b.c').finish(), 'IA5STRING:a@b.c'],
    [new DerWriter().string(Tag.T61String, 'x').finish(), 'T61STRING:x'],
    [new DerWriter().string(Tag.BMPString, 'Ωx').finish(), 'FORMAT:UTF8,BMPSTRING:Ωx'],
    [new DerWriter().string(Tag.UniversalString, 'a😀').finish(), 'FORMAT:UTF8,UNIVERSALSTRING:a😀'],
    [new DerWriter().utcTime(new Date(Date.UTC(2049, 11, 31, 23, 59, 59))).finish(), 'UTCTIME:491231235959Z'],
    [new DerWriter().generalizedTime(new Date(Date.UTC(2050, 0, 1))).finish(), 'GENTIME:20500101000000Z'],
    [new DerWriter().null().finish(), 'NULL'],
    [new DerWriter().boolean(true).finish(), 'BOOLEAN:TRUE'],
    [new DerWriter().octetString(bytes('00ff10')).finish(), 'FORMAT:HEX,OCTETSTRING:00FF10'],
    [new DerWriter().bitString(bytes('a0'), 5).finish(), 'FORMAT:BITLIST,BITSTRING:0,2'],
  ];
  for (const [der, gen] of cases) t.is(hex(der), opensslDer(gen), gen);
  const r = new DerReader(new DerWriter().utcTime(new Date(Date.UTC(1950, 0, 1))).finish());
  t.is(r.readTime().toISOString(), '1950-01-01T00:00:00.000Z');
  const bs = new DerReader(bytes('03 02 05 a0')).readBitString();
  t.deepEqual([bs.unusedBits, hex(bs.bytes)], [5, 'a0']);
});

test('writer back-patches lengths across the short/long boundary and nests', (t) => {
  for (const n of [0, 1, 127, 128, 255, 256, 65535, 65536, 70000]) {
    const content = new Uint8Array(n).fill(7);
    const w = new DerWriter();
    w.sequence((s) => s.explicit(3, (e) => e.octetString(content)).implicit(1, bytes('01')));
    const der = w.finish();
    const r = new DerReader(der);
    const seq = r.readSequence();
    r.expectEnd();
    const inner = seq.readExplicit(3);
    t.is(inner.readOctetString().length, n);
    inner.expectEnd();
    t.is(hex(seq.readImplicit(1, false).content), '01');
    seq.expectEnd();
  }
  const high = new DerWriter().primitive(TagClass.context, 200, bytes('aa')).finish();
  t.is(hex(high), '9f814801aa');
  t.is(new DerReader(high).next().tagNumber, 200);
});

const MALFORMED: Array<[string, string, RegExp]> = [
  ['empty input', '', /empty input/],
  ['truncated tag', '1f', /truncated/],
  ['missing length', '30', /truncated: missing length/],
  ['truncated content', '04 05 01 02', /length 5 exceeds the 2 remaining/],
  ['huge length', '04 84 ff ff ff ff 00', /exceeds/],
  ['length of 5 octets', '04 85 01 00 00 00 00', /too large/],
  ['indefinite length', '30 80 00 00', /indefinite length/],
  ['reserved length octet', '04 ff', /reserved/],
  ['non-minimal long form', '04 81 05 0102030405', /non-minimal length/],
  ['leading zero length', '04 82 00 80' + '00'.repeat(128), /non-minimal length/],
  ['non-minimal high tag', '9f 80 01 00', /non-minimal high tag/],
  ['high tag form for low number', '9f 05 00', /high tag number form/],
  ['trailing bytes', '05 00 00', /trailing/],
];

for (const [what, h, msg] of MALFORMED) {
  test(`malformed DER is a clear DerError: ${what}`, (t) => {
    t.throws(() => validateDer(bytes(h)), { instanceOf: DerError, message: msg });
  });
}

test('typed reads reject non-DER values', (t) => {
  const bad: Array<[string, (r: DerReader) => unknown, RegExp]> = [
    ['02 02 00 7f', (r) => r.readInteger(), /non-minimal INTEGER/],
    ['02 02 ff 80', (r) => r.readInteger(), /non-minimal INTEGER/],
    ['02 00', (r) => r.readInteger(), /no content/],
    ['01 01 01', (r) => r.readBoolean(), /0x00 or 0xFF/],
    ['03 01 01', (r) => r.readBitString(), /empty BIT STRING with unused bits/],
    ['03 02 08 00', (r) => r.readBitString(), /8 unused bits/],
    ['03 02 01 01', (r) => r.readBitString(), /unused bits are not zero/],
    ['05 01 00', (r) => r.readNull(), /NULL with content/],
    ['06 02 80 01', (r) => r.readOid(), /non-minimal OBJECT IDENTIFIER/],
    ['06 02 2a 86', (r) => r.readOid(), /truncated OBJECT IDENTIFIER/],
    ['2c 03 0c 01 61', (r) => r.readString(), /constructed string/],
    ['17 0b 3439313233313233353930', (r) => r.readTime(), /YYMMDDHHMMSSZ/],
    ['17 0d 3439313333313233353935395a', (r) => r.readTime(), /out of range/],
    ['18 0f 32303233303233303030303030305a', (r) => r.readTime(), /day out of range/],
    ['04 00', (r) => r.readInteger(), /expected INTEGER/],
  ];
  for (const [h, read, msg] of bad) t.throws(() => read(new DerReader(bytes(h))), { instanceOf: DerError, message: msg }, h);
});

test('nesting deeper than the limit is refused without exhausting the stack', (t) => {
  const depth = 10000;
  const w = new DerWriter();
  for (let i = 0; i < depth; i++) w.begin(TagClass.universal, Tag.SEQUENCE);
  for (let i = 0; i < depth; i++) w.close();
  const der = w.finish();
  t.throws(() => validateDer(der), { instanceOf: DerError, message: new RegExp(`nesting deeper than ${DER_MAX_DEPTH}`) });
  t.throws(() => parseCertificate(der), { instanceOf: DerError });
});

/** mulberry32: a small seeded PRNG so the fuzz run is reproducible. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let x = a;
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

function mutate(src: Uint8Array, rnd: () => number): Uint8Array {
  const b = Array.from(src);
  const n = 1 + Math.floor(rnd() * 4);
  for (let i = 0; i < n; i++) {
    const pos = Math.floor(rnd() * b.length);
    switch (Math.floor(rnd() * 5)) {
      case 0: b[pos] ^= 1 << Math.floor(rnd() * 8); break;
      case 1: b[pos] = Math.floor(rnd() * 256); break;
      case 2: b.splice(pos, 1); break;
      case 3: b.splice(pos, 0, Math.floor(rnd() * 256)); break;
      default: b[pos] = [0x00, 0x7f, 0x80, 0x81, 0x82, 0x84, 0xff][Math.floor(rnd() * 7)];
    }
  }
  return Uint8Array.from(b);
}

test('every truncation and a seeded fuzz of a real certificate, CRL and key never crash', (t) => {
  const key = genKey(t0, 'p256');
  const certDer = pemBlocks(readFileSync(selfSigned(t0, key, 'fuzz')), 'CERTIFICATE')[0].der;
  const keyDer = openssl(['pkey', '-in', key, '-outform', 'DER']);
  t.notThrows(() => parseCertificate(certDer));
  for (let len = 0; len < certDer.length; len++) {
    t.throws(() => parseCertificate(certDer.subarray(0, len)), { instanceOf: DerError });
  }
  const rnd = prng(0x5eed);
  let accepted = 0;
  let rejected = 0;
  const parsers: Array<(d: Uint8Array) => unknown> = [parseCertificate, parseCrl, (d) => privateKeyFromDer(d), validateDer];
  for (let i = 0; i < 4000; i++) {
    const input = mutate(i % 2 ? certDer : keyDer, rnd);
    for (const parse of parsers) {
      try {
        parse(input);
        accepted++;
      } catch (e) {
        if (!(e instanceof DerError)) t.fail(`iteration ${i}: ${String(e)} for ${hex(input)}`);
        rejected++;
      }
    }
  }
  t.true(rejected > 0);
  t.true(accepted > 0);
});

test('encodeInteger is minimal', (t) => {
  t.is(hex(encodeInteger(0x80n)), '0080');
  t.is(hex(encodeInteger(-0x80n)), '80');
  t.is(hex(encodeInteger(-0x81n)), 'ff7f');
});

test('BER forms openssl tolerates (non-minimal and indefinite lengths) are refused: a deliberate strict-DER choice', (t) => {
  const key = genKey(t0, 'ed25519');
  const der = pemBlocks(readFileSync(selfSigned(t0, key, 'ber', { extensions: false })), 'CERTIFICATE')[0].der;
  t.is(der[1], 0x82);
  const nonMinimal = Uint8Array.from([0x30, 0x83, 0x00, ...der.subarray(2)]);
  const indefinite = Uint8Array.from([0x30, 0x80, ...der.subarray(4), 0, 0]);
  for (const [what, ber, msg] of [['non-minimal', nonMinimal, /non-minimal length/], ['indefinite', indefinite, /indefinite length/]] as const) {
    t.notThrows(() => openssl(['x509', '-inform', 'DER', '-in', t0.write(`${what}.der`, ber), '-noout']), `openssl loads ${what}`);
    t.throws(() => parseCertificate(ber), { instanceOf: DerError, message: msg });
  }
});
