/**
 * `-help` text, laid out the way openssl's option reader lays it out, so that
 * `ts-s-server -help` and `openssl s_server -help` are byte-identical.
 */
import { FLAGS, type FlagSpec } from './flags';

/** The name openssl prints in usage lines and error messages. */
export const PROG = 's_server';

/**
 * openssl leaves flags whose "-name arg" part is this wide or wider out of the column
 * computation and prints their help on the next line instead.
 */
const MAX_FLAG_WIDTH = 30;

/** Gap between the widest "-name arg" part and the help column. */
const HELP_GAP = 2;

function flagPart(flag: FlagSpec): string {
  return flag.arg === 'none' ? ` -${flag.name}` : ` -${flag.name} ${flag.arg}`;
}

function helpColumn(listed: readonly FlagSpec[]): number {
  const widths = listed.map((f) => flagPart(f).length).filter((w) => w < MAX_FLAG_WIDTH);
  return Math.max(...widths) + HELP_GAP;
}

function flagLines(flag: FlagSpec, column: number): string[] {
  const part = flagPart(flag);
  const indent = ' '.repeat(column);
  const first =
    part.length < column ? [part.padEnd(column) + flag.help] : [part, indent + flag.help];
  return [...first, ...(flag.helpMore ?? []).map((line) => indent + line)];
}

/** The whole -help text, ending with a newline. */
export function helpText(): string {
  const listed: readonly FlagSpec[] = FLAGS.filter((f: FlagSpec) => f.inHelp !== false);
  const column = helpColumn(listed);
  const lines = [`Usage: ${PROG} [options]`];
  let section: string | undefined;
  for (const flag of listed) {
    // A heading whenever the section changes: 3.0 lists "Network options" twice.
    if (flag.section !== section) {
      section = flag.section;
      lines.push('', `${section}:`);
    }
    lines.push(...flagLines(flag, column));
  }
  return lines.join('\n') + '\n';
}
