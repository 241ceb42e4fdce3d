// -verify / -Verify: the client's chain validated as s_server does it, with the trust store and
// the verification options read once at start-up.
import * as fs from 'node:fs';

import type { ParsedArgs } from '../cli/parse';
import type { PeerChainVerdict } from '../tls/config13';
import { parseCertificate } from '../x509/certificate';
import { verifyClientChain } from '../x509/clientVerify';
import { loadCrls } from '../x509/crl';
import { buildTrustStore, optionalStore } from '../x509/trustStore';
import { isVerifyOption, parseVerifyArgs, verifyOptionTakesValue } from '../x509/verifyArgs';
import { sServerVerifyStartLine } from '../x509/verifyCallback';
import { ConfigError } from './credentials';

/** OpenSSL 3.0's default security level. */
const DEFAULT_SECURITY_LEVEL = 1;

/** Builds the chain verifier, or undefined without -verify/-Verify. Prints openssl's banner. */
export function peerChainVerifier(args: ParsedArgs): ((chain: Buffer[]) => PeerChainVerdict) | undefined {
  const o = args.options as Record<string, string | true | readonly string[] | undefined>;
  const str = (k: string) => (typeof o[k] === 'string' ? (o[k] as string) : undefined);
  const depthArg = str('Verify') ?? str('verify');
  if (depthArg === undefined) return undefined;
  const depth = Number.parseInt(depthArg, 10) || 0; // s_server reads it with atoi
  process.stderr.write(`${sServerVerifyStartLine(depth, str('Verify') !== undefined)}\n`);

  const verifyArgv: string[] = [];
  for (const occ of args.occurrences) {
    const name = `-${occ.flag.name}`;
    if (!isVerifyOption(name)) continue;
    verifyArgv.push(name);
    if (verifyOptionTakesValue(name) && occ.value !== undefined) verifyArgv.push(occ.value);
  }
  let flags;
  let crls;
  let trusted;
  try {
    flags = parseVerifyArgs(verifyArgv);
    crls = str('CRL') !== undefined ? loadCrls(fs.readFileSync(str('CRL')!)) : [];
    trusted =
      optionalStore(str('verifyCAfile'), str('verifyCApath'), str('verifyCAstore')) ??
      buildTrustStore({
        CAfile: str('CAfile'),
        CApath: str('CApath'),
        CAstore: str('CAstore'),
        noCAfile: o['no-CAfile'] !== undefined,
        noCApath: o['no-CApath'] !== undefined,
        noCAstore: o['no-CAstore'] !== undefined,
      });
  } catch (err) {
    throw new ConfigError((err as Error).message);
  }
  const callback = { depth, returnError: o['verify_return_error'] !== undefined, quiet: o['verify_quiet'] !== undefined };
  return (chain) => {
    let certs;
    try {
      certs = chain.map((der) => parseCertificate(der));
    } catch {
      // RFC 8446 §4.4.2.4: a certificate we cannot parse is bad_certificate.
      return { proceed: false, alert: 42, lines: [], verifyResult: 0 };
    }
    const out = verifyClientChain(certs, { trusted, crls, flags, securityLevel: DEFAULT_SECURITY_LEVEL, callback });
    return { proceed: out.proceed, alert: out.alert, lines: out.lines, verifyResult: out.verifyResult };
  };
}
