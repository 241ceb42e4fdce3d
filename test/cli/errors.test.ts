/**
 * Differential tests against the real `openssl s_server`: argument errors must give the
 * same stderr, stdout and exit status. Only argv that openssl rejects while reading options
 * are run (plus a trailing unknown option in the acceptance test), so the real tool never
 * gets as far as listening; each runs in an empty directory and is killed if it hangs.
 * Our side runs in-process (same main(), minus node start-up); the first test runs a few
 * cases through bin/ts-s-server.js to cover the real process end to end.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import test, { type ExecutionContext } from 'ava';
import { FLAGS, type ArgType, type FlagSpec } from '../../src/cli/flags';
import { emptyDir, mapLimit, runOpenssl, runOurs, runOursInProcess } from './tools';

const PARALLEL = 4;

/**
 * Runs both tools on each argv (in an empty directory, or `cwd` for relative paths; ours
 * in-process unless `spawnOurs`) and compares everything they print.
 */
async function sameAsOpenssl(
  t: ExecutionContext,
  cases: readonly (readonly string[])[],
  cwd?: string,
  spawnOurs = false,
): Promise<void> {
  const { dir, remove } = emptyDir();
  t.teardown(remove);
  const where = cwd ?? dir;
  // Directory checks resolve relative paths against our cwd, which in-process is the test's.
  const inProcess = !spawnOurs && cwd === undefined;
  const results = await mapLimit(cases, PARALLEL, async (argv) => {
    const ours = inProcess ? runOursInProcess(argv) : runOurs(argv, where);
    const [theirs, oursResult] = await Promise.all([runOpenssl(argv, where), ours]);
    return { argv, theirs, ours: oursResult };
  });
  for (const { argv, theirs, ours } of results) {
    const label = JSON.stringify(argv);
    t.false(theirs.timedOut || ours.timedOut, label);
    // Guard: the case must really be a parse error in openssl, or the comparison is moot.
    t.is(theirs.code, 1, label);
    t.is(ours.stderr, theirs.stderr, label);
    t.is(ours.stdout, theirs.stdout, label);
    t.is(ours.code, theirs.code, label);
  }
}

test('end to end through bin/ts-s-server.js', (t) =>
  sameAsOpenssl(t, [['-foo'], ['-accept'], ['-port', '0'], ['-keyform', 'n'], ['extra']], undefined, true));

test('unknown options', (t) =>
  sameAsOpenssl(t, [
    ['-foo'], ['--foo'], ['---foo'], ['-'], ['-=x'], ['-foo=bar'], ['-Help'], ['-WwW'], ['-VERIFY', '1'],
    ['-acc', '1'], ['-accept', '1', '-foo'], ['-no_CAfile'], ['-no-cafile'],
  ]));

test('missing values', (t) =>
  sameAsOpenssl(t, [['-accept'], ['--accept'], ['-verify_depth'], ['-accept', '1', '-cert'], ['-CApath']]));

test('values given to flags without argument', (t) =>
  sameAsOpenssl(t, [['-nocert=1'], ['-www='], ['-h=1'], ['--4='], ['-no-CAfile=x']]));

test('positional arguments', (t) =>
  sameAsOpenssl(t, [['extra'], [''], ['--', 'extra'], ['--', '-foo'], ['extra', '-foo'], ['-accept', '1', 'x']]));

test('+int values', (t) =>
  sameAsOpenssl(t, [
    ...['0', '-5', 'abc', '1x', '08', '0x', '0x1g', '2147483648', '-0', '', ' 5 ', '9223372036854775808', '-0x10']
      .map((v) => ['-port', v]),
    ['-naccept=0'], ['-keymatexportlen', '-1'], ['-mtu', '0x80000000'],
  ]));

test('int values', (t) =>
  sameAsOpenssl(t, [
    ...['abc', '99999999999', '-2147483649', '1e3', '5.0', '+', '-', '0b1', '0xffffffffffffffffff', ' 08', '7\n']
      .map((v) => ['-verify', v]),
    ['-Verify=x'], ['-status_timeout', '2147483648'],
  ]));

test('intmax values', (t) =>
  sameAsOpenssl(t, ['abc', '9223372036854775808', '-9223372036854775809', '0x', '08', '1.5', ''].map((v) => ['-attime', v])));

test('PEM|DER values', (t) =>
  sameAsOpenssl(t, [
    ...['XYZ', 'P12', 'pkcs12', 'engine', 'e', 'n', 'nss', 'pemx', 'Pem', '', 't', '1', 'x'].map((v) => ['-certform', v]),
    ['-xkeyform', 'ENGINE'], ['-CRLform', 'msblob'], ['-dcertform=pvk'],
  ]));

test('format values', (t) =>
  sameAsOpenssl(t, ['xyz', 'n', 'netscape', 'Nss', 'nssx', 'pe', 'pemx', 'Pvk', '0', 'a', '', 'x', 'pkCS12']
    .map((v) => ['-keyform', v]).concat([['-dkeyform', 'N']])));

test('dir values', async (t) => {
  const { dir, remove } = emptyDir();
  t.teardown(remove);
  writeFileSync(path.join(dir, 'file'), '');
  await sameAsOpenssl(
    t,
    [
      ['-CApath', '/no/such/dir'], ['-CApath', 'file'], ['-CApath', ''], ['-chainCApath', 'missing'],
      ['-verifyCApath', 'file/x'], ['-CApath=file'],
    ],
    dir,
  );
});

test('the first error in argv order is the one reported', (t) =>
  sameAsOpenssl(t, [['-foo', '-accept'], ['-port', '0', '-bar'], ['-verify', 'x', '-help'], ['-bar', 'extra']]));

/**
 * Values openssl accepts for every flag, including the checks s_server itself makes on
 * some of them while reading options (e.g. -psk must be hex, -purpose a known purpose).
 */
function acceptedValue(flag: FlagSpec, dir: string): string | undefined {
  const special: Record<string, string> = {
    engine: 'dynamic', provider: 'default', psk: 'abcd', nameopt: 'oneline', verify_name: 'default',
    purpose: 'sslserver', policy: '1.2.3.4', 'provider-path': dir, verify_ip: '127.0.0.1',
  };
  const byType: Record<ArgType, string | undefined> = {
    none: undefined, val: 'x', '+int': '1', int: '1', intmax: '1', infile: 'in.pem',
    outfile: path.join(dir, `out-${flag.name}.txt`), dir, uri: 'x', 'PEM|DER': 'PEM', format: 'PEM',
  };
  return special[flag.name] ?? byType[flag.arg];
}

test('every listed flag is accepted by both with a valid argument', async (t) => {
  // A trailing unknown option makes openssl stop right after the flag under test was read.
  const { dir, remove } = emptyDir();
  t.teardown(remove);
  const flags = (FLAGS as readonly FlagSpec[]).filter((f) => f.inHelp !== false && f.aliasOf === undefined && f.name !== 'help');
  const results = await mapLimit(flags, PARALLEL, async (flag) => {
    const value = acceptedValue(flag, dir);
    const argv = [`-${flag.name}`, ...(value === undefined ? [] : [value]), '-zz-stop'];
    const [theirs, ours] = await Promise.all([runOpenssl(argv, dir), runOursInProcess(argv)]);
    return { argv, theirs, ours };
  });
  const stop = 's_server: Unknown option: -zz-stop\ns_server: Use -help for summary.\n';
  for (const { argv, theirs, ours } of results) {
    const label = JSON.stringify(argv);
    t.is(ours.stderr, stop, label);
    // openssl may print something of its own first (e.g. "verify depth is 1").
    t.true(theirs.stderr.endsWith(stop), `${label}: ${theirs.stderr}`);
    t.is(ours.code, 1, label);
    t.is(theirs.code, 1, label);
  }
});

test('flags of the manual page that 3.0.19 lacks: openssl rejects them, we read them', async (t) => {
  const { dir, remove } = emptyDir();
  t.teardown(remove);
  const hidden = (FLAGS as readonly FlagSpec[]).filter((f) => f.inHelp === false && f.feature !== undefined);
  for (const flag of hidden) {
    const argv = [`-${flag.name}`, '-zz-stop'];
    const [theirs, ours] = await Promise.all([runOpenssl(argv, dir), runOursInProcess(argv)]);
    t.is(theirs.stderr, `s_server: Unknown option: -${flag.name}\ns_server: Use -help for summary.\n`);
    t.is(ours.stderr, 's_server: Unknown option: -zz-stop\ns_server: Use -help for summary.\n');
  }
});

test('a missing -cert file stops the server with openssl\'s first error line', async (t) => {
  const { dir, remove } = emptyDir();
  t.teardown(remove);
  const argv = ['-accept', '127.0.0.1:0', '-www', '-cert', 'missing.pem'];
  const ours = await runOurs(argv, dir);
  const theirs = await runOpenssl(argv, dir);
  t.is(ours.stderr.split('\n')[0], theirs.stderr.split('\n')[0]);
  t.is(ours.code, 1);
  t.is(theirs.code, 1);
});
