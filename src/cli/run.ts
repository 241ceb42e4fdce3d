/**
 * The step after a successful parse. THIS IS THE SEAM where the TLS server gets wired in:
 * ParsedArgs -> ServerConfig -> listeners. Until then it says so and fails.
 */
import type { ParsedArgs } from './parse';

/** Runs the server for parsed arguments; resolves to the process exit status. */
export async function runServer(_args: ParsedArgs): Promise<number> {
  process.stderr.write('ts-s-server: the TLS server is not implemented yet\n');
  return 1;
}
