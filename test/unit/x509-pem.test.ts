import test from 'ava';
import { PemError, decodeBase64Strict, encodePem, header, parsePem } from '../../src/x509/pem';

const body = (s: string): string => `-----BEGIN TEST-----\n${s}\n-----END TEST-----\n`;

test('several blocks with any labels, text in between, CRLF, headers', (t) => {
  const text = [
    'leading text',
    encodePem('CERTIFICATE', Uint8Array.from([1, 2, 3])),
    'between',
    encodePem('RSA PRIVATE KEY', new Uint8Array(100).fill(9), [['Proc-Type', '4,ENCRYPTED'], ['DEK-Info', 'AES-256-CBC,00112233445566778899AABBCCDDEEFF']]),
    encodePem('X9.42 DH PARAMETERS', Uint8Array.from([0])).replace(/\n/g, '\r\n'),
  ].join('\n');
  const blocks = parsePem(text);
  t.deepEqual(blocks.map((b) => b.label), ['CERTIFICATE', 'RSA PRIVATE KEY', 'X9.42 DH PARAMETERS']);
  t.deepEqual(Array.from(blocks[0].der), [1, 2, 3]);
  t.is(blocks[1].der.length, 100);
  t.is(header(blocks[1], 'dek-info'), 'AES-256-CBC,00112233445566778899AABBCCDDEEFF');
  t.is(header(blocks[1], 'Proc-Type'), '4,ENCRYPTED');
  t.deepEqual(Array.from(blocks[2].der), [0]);
});

test('encodePem writes 64-column lines like openssl', (t) => {
  const pem = encodePem('X', new Uint8Array(100));
  const lines = pem.split('\n');
  t.is(lines[1].length, 64);
  t.is(lines[0], '-----BEGIN X-----');
  t.true(pem.endsWith('-----END X-----\n'));
});

const BAD: Array<[string, string, RegExp]> = [
  ['invalid character', body('AAA*'), /invalid base64 character "\*"/],
  ['length not a multiple of 4', body('AAAAA'), /not a multiple of 4/],
  ['data after padding', body('AA==\nAAAA'), /after padding/],
  ['padding in the middle', body('A=AA'), /invalid base64 character/],
  ['non-zero pad bits', body('AB=='), /non-canonical/],
  ['missing END', '-----BEGIN TEST-----\nAAAA\n', /missing "-----END TEST-----"/],
  ['mismatched END', '-----BEGIN TEST-----\nAAAA\n-----END OTHER-----\n', /does not match/],
  ['nested BEGIN', '-----BEGIN TEST-----\n-----BEGIN X-----\n', /unexpected boundary/],
  ['headers without blank line', '-----BEGIN TEST-----\nProc-Type: 4,ENCRYPTED\n-----END TEST-----\n', /missing blank line/],
  ['malformed header', '-----BEGIN TEST-----\nProc-Type: 4,ENCRYPTED\nno colon here\n\nAAAA\n-----END TEST-----\n', /malformed header/],
];

for (const [what, text, msg] of BAD) {
  test(`bad PEM is a clear PemError: ${what}`, (t) => {
    t.throws(() => parsePem(text), { instanceOf: PemError, message: msg });
  });
}

test('strict base64 decoder', (t) => {
  t.deepEqual(Buffer.from(decodeBase64Strict('aGVsbG8=')).toString(), 'hello');
  t.deepEqual(decodeBase64Strict('').length, 0);
  t.throws(() => decodeBase64Strict('aGVsbG8'), { instanceOf: PemError });
  t.throws(() => decodeBase64Strict('aGVs bG8'), { instanceOf: PemError, message: /" "/ });
  t.throws(() => decodeBase64Strict('aGVsbG8-'), { instanceOf: PemError, message: /"-"/ });
});

test('no blocks in plain text', (t) => {
  t.deepEqual(parsePem('nothing here'), []);
});

test('seeded fuzz of PEM text only ever yields blocks or PemError', (t) => {
  let seed = 0x9e3779b9;
  const rnd = (): number => {
    seed ^= seed << 13;
    seed ^= seed >>> 17;
    seed ^= seed << 5;
    return (seed >>> 0) / 4294967296;
  };
  const src = encodePem('RSA PRIVATE KEY', new Uint8Array(200).fill(0x5a), [['Proc-Type', '4,ENCRYPTED'], ['DEK-Info', 'AES-128-CBC,00']]);
  const alphabet = '-=+/: \r\nABCabc019*';
  let ok = 0;
  let bad = 0;
  for (let i = 0; i < 3000; i++) {
    const chars = src.split('');
    for (let k = 0; k < 1 + Math.floor(rnd() * 3); k++) {
      const pos = Math.floor(rnd() * chars.length);
      const c = alphabet[Math.floor(rnd() * alphabet.length)];
      if (rnd() < 0.5) chars[pos] = c;
      else chars.splice(pos, rnd() < 0.5 ? 1 : 0, c);
    }
    try {
      parsePem(chars.join(''));
      ok++;
    } catch (e) {
      if (!(e instanceof PemError)) t.fail(String(e));
      bad++;
    }
  }
  t.true(ok > 0 && bad > 0);
});
