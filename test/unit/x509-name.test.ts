import test from 'ava';
import { TempDir, encodeRawName, genKey, openssl, selfSigned, withSubject, Atv, T } from '../helpers/x509Material';
import { parseCertificate } from '../../src/x509/certificate';
import { pemBlocks } from '../../src/x509/pem';
import { NAMEOPT_NAMES, NameOptError, parseNameOpts } from '../../src/x509/nameopt';
import { nameCompatPrint, printNameLine } from '../../src/x509/namePrint';
import { readFileSync } from 'node:fs';
import { DerWriter } from '../../src/x509/der';

const CN = '2.5.4.3';
const O = '2.5.4.10';
const OU = '2.5.4.11';
const C = '2.5.4.6';
const L = '2.5.4.7';
const EMAIL = '1.2.840.113549.1.9.1';
const DC = '0.9.2342.19200300.100.1.25';
const UNKNOWN = '1.2.3.4.5.6';
const SERIAL = '2.5.4.5';

const a = (oid: string, tag: number, value: string | Uint8Array): Atv => ({ oid, tag, value });
/** An attribute whose value is an arbitrary element written by `body`. */
const raw = (oid: string, body: (w: DerWriter) => unknown): Atv => {
  const w = new DerWriter();
  body(w);
  return { oid, tag: 0, value: '', raw: w.finish() };
};

/** Names chosen to exercise every escaping and typing rule. */
const NAMES: Record<string, Atv[][]> = {
  utf8: [
    [a(C, T.PrintableString, 'FR')],
    [a(O, T.UTF8String, 'Café € 😀 ünïcödé')],
    [a(CN, T.UTF8String, 'ctl\x01\x1f\x7f and \\ back')],
  ],
  multiValued: [
    [a(DC, T.IA5String, 'com')],
    [a(O, T.UTF8String, 'Org, Inc.'), a(OU, T.UTF8String, 'Unit+One'), a(L, T.PrintableString, 'Town')],
    [a(CN, T.UTF8String, 'x')],
  ],
  escapes: [
    [a(CN, T.UTF8String, '#lead and trail ')],
    [a(O, T.UTF8String, ' lead space;<>"q"')],
    [a(OU, T.UTF8String, '#')],
    [a(OU, T.UTF8String, ' ')],
    [a(L, T.UTF8String, 'a=b*(c)\\d')],
    [a(CN, T.UTF8String, '')],
  ],
  types: [
    [a(C, T.PrintableString, 'DE')],
    [a(O, T.T61String, Uint8Array.from([0x43, 0x61, 0x66, 0xe9, 0x20, 0x2c]))],
    [a(OU, T.BMPString, 'Ωmega é')],
    [a(L, T.UniversalString, 'U 😀 é')],
    [a(EMAIL, T.IA5String, 'user@example.com')],
    [a(SERIAL, T.NumericString, '12345')],
    [a(UNKNOWN, T.UTF8String, 'unknown attr')],
    [a(CN, T.PrintableString, 'plain')],
  ],
  oddTypes: [
    [raw(CN, (w) => w.bitString(Uint8Array.of(0xa0), 5))],
    [raw(O, (w) => w.sequence((s) => s.integer(1).string(T.UTF8String, 'x')))],
    [raw(OU, (w) => w.primitive(0, 7, Buffer.from('obj desc')))],
    [raw(L, (w) => w.primitive(0, 29, Buffer.from('t29,+')))],
    [raw(UNKNOWN, (w) => w.primitive(0, 13, Buffer.from('t13')))],
    [a(SERIAL, T.NumericString, '12 34')],
  ],
  rfc1779: [
    [a(O, T.UTF8String, 'a/b'), a(OU, T.UTF8String, 'c+d')],
    [a(CN, T.UTF8String, 'x+y=\\z/')],
  ],
};

/** Values openssl refuses when it decodes a Name (it converts every string to UTF-8). */
const INVALID: Record<string, Atv[][]> = {
  badUtf8: [[a(CN, T.UTF8String, Uint8Array.from([0x61, 0xc3, 0x28, 0x62]))]],
  overlongUtf8: [[a(CN, T.UTF8String, Uint8Array.from([0xc0, 0xaf]))]],
  oddBmp: [[a(CN, T.BMPString, Uint8Array.from([0x00, 0x41, 0x00]))]],
  shortUniversal: [[a(CN, T.UniversalString, Uint8Array.from([0, 0, 0x41]))]],
  integerValue: [[raw(CN, (w) => w.integer(5))]],
  visibleString: [[a(CN, T.VisibleString, 'vis')]],
  utcTimeValue: [[raw(CN, (w) => w.primitive(0, 23, Buffer.from('250101000000Z')))]],
  contextTag: [[raw(CN, (w) => w.primitive(2, 0, Buffer.from('c')))]],
  setValue: [[raw(CN, (w) => w.set((s) => s.integer(1)))]],
};

/** Every option alone, its negation after a composite, and combinations people use. */
const OPTIONS: string[][] = [
  [],
  ...NAMEOPT_NAMES.map((n) => [n]),
  ['oneline,-esc_msb'], ['RFC2253,-esc_msb'], ['multiline,-align'], ['oneline,-space_eq'], ['-esc_msb'],
  ['utf8,show_type'], ['dump_all,dump_der'], ['dump_nostr,dump_der'], ['oid,dump_unknown'], ['lname,align'],
  ['sname,space_eq,sep_semi_plus_space'], ['nofname,sep_comma_plus'], ['RFC2253,dn_rev'], ['multiline,dn_rev'],
  ['esc_2253,use_quote'], ['esc_2254,esc_ctrl'], ['ignore_type,esc_msb'], ['utf8,esc_msb'], ['oneline,ignore_type'],
  ['compat', 'utf8'], ['oneline', 'dn_rev'], ['RFC2253,-dump_unknown,-dump_der'], ['multiline,oid,show_type'],
  ['ONELINE'], ['+utf8,+esc_2253'], ['compat,-compat'],
];

interface Fixture {
  t: TempDir;
  certs: Map<string, { file: string; der: Uint8Array }>;
}

let fx: Fixture;

test.before(() => {
  const t = new TempDir();
  const key = genKey(t, 'p256');
  const base = pemBlocks(readFileSync(selfSigned(t, key, 'base', { extensions: false })), 'CERTIFICATE')[0].der;
  const certs = new Map<string, { file: string; der: Uint8Array }>();
  for (const [label, rdns] of Object.entries(NAMES)) {
    const der = withSubject(base, encodeRawName(rdns));
    certs.set(label, { file: t.write(`${label}.der`, der), der });
  }
  for (const [label, rdns] of Object.entries(INVALID)) {
    const der = withSubject(base, encodeRawName(rdns));
    certs.set(label, { file: t.write(`${label}.der`, der), der });
  }
  fx = { t, certs };
});

test.after.always(() => fx?.t.remove());

for (const label of Object.keys(NAMES)) {
  test(`subject printing matches openssl for every -nameopt: ${label}`, (t) => {
    const { file, der } = fx.certs.get(label)!;
    const cert = parseCertificate(der);
    let compared = 0;
    for (const opts of OPTIONS) {
      const args = ['x509', '-inform', 'DER', '-in', file, '-noout', '-subject', ...opts.flatMap((o) => ['-nameopt', o])];
      const expected = openssl(args);
      const actual = printNameLine('subject=', cert.subject, parseNameOpts(opts));
      t.is(actual.toString('latin1'), expected.toString('latin1'), `-nameopt ${opts.join(' -nameopt ')}`);
      compared++;
    }
    t.is(compared, OPTIONS.length);
  });
}

test('X509_NAME_print (-text with -nameopt compat) matches openssl', (t) => {
  for (const label of Object.keys(NAMES)) {
    const { file, der } = fx.certs.get(label)!;
    const text = openssl(['x509', '-inform', 'DER', '-in', file, '-noout', '-text', '-nameopt', 'compat']);
    const line = text.toString('latin1').split('\n').find((l) => l.startsWith('        Subject: '))!;
    t.is(nameCompatPrint(parseCertificate(der).subject).toString('latin1'), line.slice('        Subject: '.length), label);
  }
});

for (const label of Object.keys(INVALID)) {
  test(`a certificate openssl cannot load is rejected: ${label}`, (t) => {
    const { file, der } = fx.certs.get(label)!;
    t.throws(() => openssl(['x509', '-inform', 'DER', '-in', file, '-noout', '-subject']));
    t.throws(() => parseCertificate(der), { name: 'DerError', message: /in Name/ }, label);
  });
}

test('unknown -nameopt options are rejected like openssl', (t) => {
  t.throws(() => parseNameOpts(['oneline,bogus']), { instanceOf: NameOptError, message: /bogus/ });
  t.throws(() => openssl(['x509', '-in', fx.certs.get('utf8')!.file, '-inform', 'DER', '-noout', '-subject', '-nameopt', 'bogus']));
});

test('multi-valued RDN entries share their set index', (t) => {
  const cert = parseCertificate(fx.certs.get('multiValued')!.der);
  t.deepEqual(cert.subject.entries.map((e) => e.set), [0, 1, 1, 1, 2]);
});
