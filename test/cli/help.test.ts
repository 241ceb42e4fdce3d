/** -help against the real `openssl s_server -help`: stdout, stderr and exit status. */
import test from 'ava';
import { emptyDir, runOpenssl, runOurs } from './tools';

const HELP_CASES: readonly (readonly string[])[] = [
  ['-help'],
  ['-h'],
  ['--help'],
  ['-help', '-no-such-flag'], // reading stops at -help
  ['-help', 'positional'],
  ['-accept', '1', '-help'],
  ['-help=x'], // an error, not help
  ['-Help'], // case-sensitive: unknown
];

for (const argv of HELP_CASES) {
  test(`same as openssl: s_server ${argv.join(' ')}`, async (t) => {
    const { dir, remove } = emptyDir();
    t.teardown(remove);
    const [theirs, ours] = await Promise.all([runOpenssl(argv, dir), runOurs(argv, dir)]);
    t.false(theirs.timedOut);
    t.false(ours.timedOut);
    t.is(ours.stdout, theirs.stdout);
    t.is(ours.stderr, theirs.stderr);
    t.is(ours.code, theirs.code);
  });
}

test('openssl -help is long and on stderr (guards the comparison above)', async (t) => {
  const { dir, remove } = emptyDir();
  t.teardown(remove);
  const theirs = await runOpenssl(['-help'], dir);
  t.is(theirs.code, 0);
  t.is(theirs.stdout, '');
  t.true(theirs.stderr.startsWith('Usage: s_server [options]\n'));
  t.true(theirs.stderr.split('\n').length > 200);
});
