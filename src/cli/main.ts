/**
 * Entry point of `ts-s-server` (see bin/ts-s-server.js): parse, then help, error or run.
 * Like openssl, -help goes to stderr with exit status 0, and argument errors go to stderr
 * with exit status 1.
 */
import { helpText } from './help';
import { parseArgs } from './parse';
import { runServer } from './run';

/** Where help and argument errors go; tests pass their own to capture them. */
export interface ErrorOutput {
  write(text: string): unknown;
}

/** Runs the command line `argv` (without node and script); resolves to the exit status. */
export async function main(argv: string[], stderr: ErrorOutput = process.stderr): Promise<number> {
  const result = parseArgs(argv);
  switch (result.kind) {
    case 'help':
      stderr.write(helpText());
      return 0;
    case 'error':
      stderr.write(result.stderr);
      return 1;
    case 'args':
      return runServer(result.args, argv);
  }
}
