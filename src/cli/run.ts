/**
 * The step after a successful parse: ParsedArgs -> ServerConfig -> listeners.
 */
import { buildServerConfig } from '../config/serverConfig';
import { ConfigError } from '../config/credentials';
import { serve } from '../server/server';
import { setX509Crypto } from '../x509/crypto';
import { nativeX509Crypto } from '../x509/nativeCrypto';
import type { ParsedArgs } from './parse';

/** Runs the server for parsed arguments; resolves to the process exit status. */
export async function runServer(args: ParsedArgs, argv: readonly string[] = process.argv.slice(2)): Promise<number> {
  // Certificates, keys and signatures are checked by our native core.
  setX509Crypto(nativeX509Crypto);
  let config;
  try {
    config = buildServerConfig(args, argv);
  } catch (err) {
    if (err instanceof ConfigError || err instanceof Error) {
      process.stderr.write(`${err.message}\n`);
      return 1;
    }
    throw err;
  }
  return serve(config);
}
