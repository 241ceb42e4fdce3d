/** Parse-level behaviour of the argv reader (in-process; see errors.test.ts for openssl). */
import { tmpdir } from 'node:os';
import test from 'ava';
import { parseCInteger } from '../../src/cli/argcheck';
import { FLAGS, type ArgType, type FlagSpec } from '../../src/cli/flags';
import { parseArgs, type ParsedArgs } from '../../src/cli/parse';

/** A value every flag of the type accepts at parse level. */
const VALID: Record<ArgType, string | undefined> = {
  none: undefined, val: 'x', '+int': '1', int: '-1', intmax: '-9223372036854775808',
  infile: 'no-such-file.pem', outfile: 'out.txt', dir: tmpdir(), uri: 'file:/x',
  'PEM|DER': 'DER', format: 'PEM',
};

function parsed(argv: readonly string[]): ParsedArgs {
  const result = parseArgs(argv);
  if (result.kind !== 'args') throw new Error(`expected args for ${argv.join(' ')}, got ${JSON.stringify(result)}`);
  return result.args;
}

/** options as a plain record, for flags looked up by runtime name. */
function optionsOf(argv: readonly string[]): Record<string, unknown> {
  return parsed(argv).options as Record<string, unknown>;
}

const table: readonly FlagSpec[] = FLAGS;
const nonHelp = table.filter((f) => (f.aliasOf ?? f.name) !== 'help');

test('every flag of the table is accepted with a valid argument, as -x, --x and -x=v', (t) => {
  for (const flag of nonHelp) {
    const value = VALID[flag.arg];
    const expected = value === undefined ? true : flag.repeat === 'accumulate' ? [value] : value;
    const spellings =
      value === undefined
        ? [[`-${flag.name}`], [`--${flag.name}`]]
        : [[`-${flag.name}`, value], [`--${flag.name}`, value], [`-${flag.name}=${value}`]];
    for (const argv of spellings) {
      const args = parsed(argv);
      t.deepEqual((args.options as Record<string, unknown>)[flag.name], expected, argv.join(' '));
      t.deepEqual(Object.keys(args.options), [flag.name], argv.join(' '));
      t.is(args.occurrences.length, 1);
      t.is(args.occurrences[0]?.flag, flag);
    }
  }
});

test('all flags at once: each keeps its own value (no commander name clashes)', (t) => {
  const argv = nonHelp.flatMap((f) => {
    const value = VALID[f.arg];
    return value === undefined ? [`-${f.name}`] : [`-${f.name}`, `${value}`];
  });
  const options = optionsOf(argv);
  t.is(Object.keys(options).length, nonHelp.length);
});

test('the value is the next element even when it starts with a dash', (t) => {
  t.is(optionsOf(['-accept', '-help']).accept, '-help');
  t.is(optionsOf(['-pass', '--']).pass, '--');
  t.is(optionsOf(['-verify', '-5']).verify, '-5');
});

test('= splits at the first =, and may give an empty value', (t) => {
  t.is(optionsOf(['-accept=a=b']).accept, 'a=b');
  t.is(optionsOf(['-accept=']).accept, '');
  t.is(optionsOf(['--alpn=h2,http/1.1']).alpn, 'h2,http/1.1');
});

test('names are case-sensitive and commander-hostile names survive', (t) => {
  const options = optionsOf(['-verify', '1', '-Verify', '2', '-www', '-no-CAfile', '-4', '-provider-path', 'p']);
  t.is(options.verify, '1');
  t.is(options.Verify, '2');
  t.is(options.www, true);
  t.is(options.WWW, undefined);
  t.is(options['no-CAfile'], true);
  t.is(options.CAfile, undefined);
  t.is(options['4'], true);
  t.is(options['provider-path'], 'p');
});

test('last occurrence wins, accumulating flags keep every value in order', (t) => {
  const args = parsed(['-accept', '1', '-provider', 'a', '-accept', '2', '-provider', 'b', '-nameopt', 'x']);
  const options = args.options as Record<string, unknown>;
  t.is(options.accept, '2');
  t.deepEqual(options.provider, ['a', 'b']);
  t.deepEqual(options.nameopt, ['x']);
  t.deepEqual(
    args.occurrences.map((o) => [o.flag.name, o.value]),
    [['accept', '1'], ['provider', 'a'], ['accept', '2'], ['provider', 'b'], ['nameopt', 'x']],
  );
});

test('typed access by openssl name', (t) => {
  const { options } = parsed(['-accept', '4433', '-www', '-rand', 'f']);
  const accept: string | undefined = options.accept;
  const www: true | undefined = options.www;
  const rand: readonly string[] | undefined = options.rand;
  t.deepEqual([accept, www, rand], ['4433', true, ['f']]);
});

test('-- ends the options; nothing after it is allowed', (t) => {
  t.deepEqual(parsed(['-www', '--']).options, { www: true });
  t.is(parseArgs(['--', 'x']).kind, 'error');
  t.is(parseArgs(['x']).kind, 'error');
});

test('-help and -h stop reading; hidden build-feature flags parse and keep their marker', (t) => {
  t.deepEqual(parseArgs(['-accept', '1', '-help', '-nonsense']), { kind: 'help' });
  t.deepEqual(parseArgs(['-h']), { kind: 'help' });
  const args = parsed(['-sctp', '-engine', 'e']);
  t.deepEqual(args.occurrences.map((o) => o.flag.feature), ['sctp', 'engine']);
});

test('no abbreviations', (t) => {
  const result = parseArgs(['-acc', '1']);
  t.deepEqual(result, {
    kind: 'error',
    stderr: 's_server: Unknown option: -acc\ns_server: Use -help for summary.\n',
  });
});

test('parseCInteger follows strtol with base 0', (t) => {
  const cases: [string, bigint | undefined][] = [
    ['0', 0n], ['010', 8n], ['0x10', 16n], ['0X1f', 31n], ['-0x10', -16n], ['+5', 5n], [' \t7', 7n],
    ['9223372036854775807', 2n ** 63n - 1n], ['-9223372036854775808', -(2n ** 63n)],
    ['9223372036854775808', undefined], ['08', undefined], ['0x', undefined], ['7 ', undefined],
    ['', undefined], ['-', undefined], ['1e3', undefined], ['0b1', undefined], ['7\n', undefined],
  ];
  for (const [text, value] of cases) t.is(parseCInteger(text), value, JSON.stringify(text));
});

test('an option check sees options in argv order and can stop the parse like openssl', (t) => {
  const seen: string[] = [];
  const check = (o: { flag: FlagSpec; value?: string }): string | undefined => {
    seen.push(o.flag.name);
    return o.flag.name === 'psk' && !/^[0-9a-f]+$/i.test(o.value ?? '') ? `Not a hex number '${o.value}'\n` : undefined;
  };
  t.deepEqual(parseArgs(['-www', '-psk', 'zz', '-port', '0'], check), { kind: 'error', stderr: "Not a hex number 'zz'\n" });
  t.deepEqual(seen, ['www', 'psk']);
  t.is(parseArgs(['-psk', 'ab', '-www'], check).kind, 'args');
});
