/**
 * argv -> ParsedArgs, by openssl's rules (observed on OpenSSL 3.0.19):
 *  - options are `-name` or `--name`, exact and case-sensitive, no abbreviations;
 *  - `-name=value` works too; `=` on a flag without argument is an error;
 *  - otherwise the value is the next argv element, even when it starts with '-';
 *  - each value is checked by its type while reading, left to right, so the first bad
 *    option is the one reported;
 *  - `-help` (or `-h`) stops reading at once;
 *  - `--` ends the options; s_server takes no positional arguments, so anything that is
 *    left (after `--` or from the first element not starting with '-') is an error.
 * The result holds raw strings only; what they mean is decided by later layers.
 *
 * commander does the final value collection: it cannot read single-dash long options and
 * would treat `-no-CAfile` as a negation, so every occurrence is first rewritten to an
 * internal `--f<index>=value` option that commander parses without surprises.
 */
import { Command, Option } from 'commander';
import { checkArgument } from './argcheck';
import { FLAGS, findFlag, type Flag, type FlagSpec } from './flags';
import { PROG } from './help';

type ValueOf<F extends Flag> = F['arg'] extends 'none'
  ? true
  : F extends { readonly repeat: 'accumulate' }
    ? readonly string[]
    : string;

/**
 * One property per flag given, keyed by the openssl name (`args.options.accept`,
 * `args.options['no-CAfile']`, `args.options.Verify`): `true` for flags without argument,
 * the last value for others, all values in order for accumulating flags.
 */
export type ParsedOptions = { readonly [F in Flag as F['name']]?: ValueOf<F> };

/** One option as written, in argv order (some options act in order, e.g. -provider-path). */
export interface Occurrence {
  readonly flag: FlagSpec;
  readonly value?: string;
}

export interface ParsedArgs {
  readonly options: ParsedOptions;
  readonly occurrences: readonly Occurrence[];
}

export type ParseResult =
  | { readonly kind: 'args'; readonly args: ParsedArgs }
  | { readonly kind: 'help' }
  /** `stderr` is openssl's complete message; the exit status is 1. */
  | { readonly kind: 'error'; readonly stderr: string };

/**
 * s_server acts on each option as soon as it has read it, so its own checks (-psk must be
 * hex, -purpose must be known, …) and prints ("verify depth is 1") interleave with the
 * type checks in argv order. A later layer that wants the same order passes this hook:
 * it sees every option right after it was read and returns openssl's complete stderr
 * text to stop with exit status 1, or undefined to go on.
 */
export type OptionCheck = (occurrence: Occurrence) => string | undefined;

const USE_HELP = `${PROG}: Use -help for summary.`;

function failure(lines: readonly string[]): ParseResult {
  return { kind: 'error', stderr: [...lines, USE_HELP].join('\n') + '\n' };
}

type Step =
  | { readonly kind: 'option'; readonly occurrence: Occurrence; readonly next: number }
  | { readonly kind: 'help' }
  | { readonly kind: 'error'; readonly lines: readonly string[] };

/** Reads the option that starts at argv[index] (which starts with '-' and is not `--`). */
function readOption(argv: readonly string[], index: number): Step {
  const text = argv[index] as string;
  // openssl drops one dash, then a second one if present: `---x` is reported as `--x`.
  const body = text.slice(text.startsWith('--') ? 2 : 1);
  const eq = body.indexOf('=');
  const name = eq < 0 ? body : body.slice(0, eq);
  const inline = eq < 0 ? undefined : body.slice(eq + 1);
  const flag = findFlag(name);
  if (flag === undefined) return { kind: 'error', lines: [`${PROG}: Unknown option: -${name}`] };
  if (flag.arg === 'none') {
    if (inline !== undefined) {
      return { kind: 'error', lines: [`${PROG}: Option -${name} does not take a value`] };
    }
    if ((flag.aliasOf ?? flag.name) === 'help') return { kind: 'help' };
    return { kind: 'option', occurrence: { flag }, next: index + 1 };
  }
  const value = inline ?? argv[index + 1];
  if (value === undefined) return { kind: 'error', lines: [`${PROG}: Option -${name} needs a value`] };
  const problems = checkArgument(flag.arg, value, name);
  if (problems.length > 0) return { kind: 'error', lines: problems };
  return { kind: 'option', occurrence: { flag, value }, next: index + (inline === undefined ? 2 : 1) };
}

/** Walks argv the way openssl does; see the file comment. */
function readArgv(argv: readonly string[], check?: OptionCheck): { occurrences: Occurrence[] } | ParseResult {
  const occurrences: Occurrence[] = [];
  let index = 0;
  while (index < argv.length) {
    const text = argv[index] as string;
    if (text === '--') {
      index += 1;
      break;
    }
    if (!text.startsWith('-')) break;
    const step = readOption(argv, index);
    if (step.kind === 'help') return { kind: 'help' };
    if (step.kind === 'error') return failure(step.lines);
    const refusal = check?.(step.occurrence);
    if (refusal !== undefined) return { kind: 'error', stderr: refusal };
    occurrences.push(step.occurrence);
    index = step.next;
  }
  // s_server takes no parameters; openssl then prints only the summary hint.
  if (index < argv.length) return failure([]);
  return { occurrences };
}

/** Internal commander names: the table index, immune to case and to commander's `no-`. */
const INTERNAL_NAMES: ReadonlyMap<FlagSpec, string> = new Map(
  (FLAGS as readonly FlagSpec[]).map((flag, index) => [flag, `f${index}`]),
);

function internalName(flag: FlagSpec): string {
  return INTERNAL_NAMES.get(flag) as string;
}

function toCommanderArgv(occurrences: readonly Occurrence[]): string[] {
  return occurrences.map(({ flag, value }) =>
    value === undefined ? `--${internalName(flag)}` : `--${internalName(flag)}=${value}`,
  );
}

function buildCommand(): Command {
  const command = new Command(PROG)
    .helpOption(false)
    .allowExcessArguments(false)
    .exitOverride()
    .configureOutput({ writeOut: () => undefined, writeErr: () => undefined });
  for (const flag of FLAGS as readonly FlagSpec[]) {
    const valued = flag.arg !== 'none';
    const option = new Option(`--${internalName(flag)}${valued ? ' <value>' : ''}`, flag.help);
    if (flag.repeat === 'accumulate') {
      option.argParser((value: string, previous: string[] | undefined) => [...(previous ?? []), value]);
    }
    command.addOption(option);
  }
  return command;
}

/** Option values from commander, renamed back to openssl's names. */
function collectOptions(occurrences: readonly Occurrence[]): ParsedOptions {
  const command = buildCommand();
  // Anything commander rejects here is a bug in readArgv, so let it throw.
  command.parse(toCommanderArgv(occurrences), { from: 'user' });
  const internal = command.opts<Record<string, true | string | string[]>>();
  const options: Record<string, true | string | readonly string[]> = {};
  for (const flag of FLAGS as readonly FlagSpec[]) {
    const value = internal[internalName(flag)];
    if (value !== undefined) options[flag.name] = value;
  }
  return options as ParsedOptions;
}

/** Parses s_server's argv (without the program name); see OptionCheck for `check`. */
export function parseArgs(argv: readonly string[], check?: OptionCheck): ParseResult {
  const read = readArgv(argv, check);
  if ('kind' in read) return read;
  const { occurrences } = read;
  return { kind: 'args', args: { options: collectOptions(occurrences), occurrences } };
}
