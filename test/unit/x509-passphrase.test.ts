import test from 'ava';
import { closeSync, openSync } from 'node:fs';
import { TempDir, openssl } from '../helpers/x509Material';
import { LineSource, PassphraseError, PassphraseIo, atoi, getPassphrase, getPassphrases } from '../../src/x509/passphrase';

const t0 = new TempDir();
test.after.always(() => t0.remove());

const text = (b: Uint8Array | undefined): string | undefined => (b === undefined ? undefined : Buffer.from(b).toString('latin1'));

/** openssl's own message for a bad -passin argument (first stderr line). */
function opensslPassError(arg: string): string {
  const key = t0.file('k.pem');
  openssl(['genpkey', '-algorithm', 'ed25519', '-out', key]);
  try {
    openssl(['pkey', '-in', key, '-noout', '-passin', arg], '', { NO_SUCH_VAR_X509: undefined });
    return '';
  } catch (e) {
    return String((e as { stderr: Buffer }).stderr).split('\n')[0];
  }
}

test('pass: and env: sources', (t) => {
  t.is(text(getPassphrase('pass:sekrit:with:colons')), 'sekrit:with:colons');
  t.is(text(getPassphrase('pass:')), '');
  process.env.X509_TEST_PASS = 'from env';
  t.is(text(getPassphrase('env:X509_TEST_PASS')), 'from env');
  t.throws(() => getPassphrase('env:NO_SUCH_VAR_X509'), { instanceOf: PassphraseError, message: opensslPassError('env:NO_SUCH_VAR_X509') });
});

test('file: reads the first line; \\r is kept; passin and passout from one file read two lines', (t) => {
  const f = t0.write('pw.txt', 'first line\r\nsecond\nthird\n');
  t.is(text(getPassphrase(`file:${f}`)), 'first line\r');
  t.deepEqual(Object.fromEntries(Object.entries(getPassphrases(`file:${f}`, `file:${f}`)).map(([k, v]) => [k, text(v)])), {
    passin: 'first line\r',
    passout: 'second',
  });
  const noNewline = t0.write('pw2.txt', 'no newline at end');
  t.is(text(getPassphrase(`file:${noNewline}`)), 'no newline at end');
  const long = t0.write('long.txt', 'x'.repeat(2000));
  t.is(getPassphrase(`file:${long}`).length, 1023);
  t.throws(() => getPassphrase('file:/nonexistent/x509'), { message: opensslPassError('file:/nonexistent/x509') });
  const empty = t0.write('empty.txt', '');
  t.throws(() => getPassphrase(`file:${empty}`), { message: 'Error reading password from BIO' });
});

test('fd: reads one line from the descriptor', (t) => {
  const f = t0.write('fd.txt', 'via fd\nrest\n');
  const fd = openSync(f, 'r');
  try {
    t.is(text(getPassphrase(`fd:${fd}`)), 'via fd');
    t.is(text(getPassphrase(`fd:${fd}`)), 'rest');
  } finally {
    closeSync(fd);
  }
  t.is(atoi('12abc'), 12);
  t.is(atoi('abc'), 0);
  t.is(atoi('  -3'), -3);
});

test('stdin is read through the injected source', (t) => {
  const lines = ['typed\n'];
  const io: PassphraseIo = {
    env: () => undefined,
    open: (kind): LineSource | undefined => {
      t.is(kind, 'stdin');
      return {
        readLine: () => {
          const l = lines.shift();
          return l === undefined ? undefined : Buffer.from(l.replace(/\n$/, ''));
        },
        close: () => undefined,
      };
    },
  };
  t.is(text(getPassphrase('stdin', io)), 'typed');
  t.throws(() => getPassphrase('stdin', io), { message: 'Error reading password from BIO' });
});

test('malformed arguments give openssl\'s messages and never echo the secret', (t) => {
  for (const arg of ['foo:bar', 'nocolon', 'longer:x', 'secretpassword']) {
    const err = t.throws(() => getPassphrase(arg), { instanceOf: PassphraseError });
    t.is(err.message, opensslPassError(arg));
    if (arg !== 'foo:bar') t.false(err.message.includes(arg));
  }
});
