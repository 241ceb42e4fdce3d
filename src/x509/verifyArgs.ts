/**
 * The verification options shared by s_server, s_client and verify (OpenSSL's
 * OPT_V_OPTIONS), parsed into VerifyOptions. The trust store and CRL loading options
 * (-CAfile, -CRL, …) are the caller's: they name files.
 */
import type { SuiteB, VerifyOptions } from './verify';
import { PURPOSES, Purpose, VERIFY_NAMES } from './purpose';
import { parseIpAddress } from './nameCheck';
import { oidFromName } from './oids';

export type VerifyFlags = Omit<VerifyOptions, 'trusted' | 'untrusted' | 'crls'>;

export class VerifyArgError extends Error {
  override readonly name = 'VerifyArgError';
}

/** Options taking a value. */
const WITH_VALUE = new Set(['-attime', '-verify_depth', '-verify_hostname', '-verify_email', '-verify_ip', '-verify_name', '-purpose', '-policy', '-auth_level']);
const FLAGS = new Set([
  '-no_check_time', '-partial_chain', '-trusted_first', '-no_alt_chains', '-x509_strict', '-ignore_critical', '-check_ss_sig',
  '-crl_check', '-crl_check_all', '-extended_crl', '-use_deltas', '-policy_check', '-explicit_policy', '-inhibit_any',
  '-inhibit_map', '-policy_print', '-suiteB_128_only', '-suiteB_128', '-suiteB_192', '-issuer_checks', '-no_check_time',
  '-allow_proxy_certs',
]);

export function isVerifyOption(arg: string): boolean {
  return WITH_VALUE.has(arg) || FLAGS.has(arg);
}

export function verifyOptionTakesValue(arg: string): boolean {
  return WITH_VALUE.has(arg);
}

function int(opt: string, v: string): number {
  if (!/^-?\d+$/.test(v)) throw new VerifyArgError(`${opt}: invalid number ${v}`);
  return Number(v);
}

/** Applies one option (with its value when it takes one) to `o`. */
export function applyVerifyOption(o: Record<string, unknown>, opt: string, value?: string): void {
  const v = value ?? '';
  switch (opt) {
    case '-attime': o.atTime = new Date(int(opt, v) * 1000); break;
    case '-no_check_time': o.noCheckTime = true; break;
    case '-verify_depth': o.depth = int(opt, v); break;
    case '-partial_chain': o.partialChain = true; break;
    case '-trusted_first': o.trustedFirst = true; break;
    case '-no_alt_chains': o.noAltChains = true; break;
    case '-x509_strict': o.x509Strict = true; break;
    case '-ignore_critical': o.ignoreCritical = true; break;
    case '-check_ss_sig': o.checkSsSig = true; break;
    case '-verify_hostname': o.hosts = [...((o.hosts as string[]) ?? []), v]; break;
    case '-verify_email': o.email = v; break;
    case '-verify_ip': {
      const ip = parseIpAddress(v);
      if (!ip) throw new VerifyArgError(`${opt}: invalid IP address ${v}`);
      o.ip = ip;
      break;
    }
    case '-verify_name': {
      if (!VERIFY_NAMES.has(v)) throw new VerifyArgError(`${opt}: unknown verify name ${v}`);
      const p = VERIFY_NAMES.get(v);
      if (p) o.purpose = p;
      break;
    }
    case '-purpose':
      if (!PURPOSES.includes(v as Purpose)) throw new VerifyArgError(`${opt}: unknown purpose ${v}`);
      o.purpose = v;
      break;
    case '-crl_check': o.crlCheck = true; break;
    case '-crl_check_all': o.crlCheckAll = true; break;
    case '-extended_crl': o.extendedCrl = true; break;
    case '-use_deltas': o.useDeltas = true; break;
    case '-policy': {
      const oid = /^\d+(\.\d+)+$/.test(v) ? v : oidFromName(v);
      if (!oid) throw new VerifyArgError(`${opt}: invalid policy ${v}`);
      o.policies = [...((o.policies as string[]) ?? []), oid];
      break;
    }
    case '-policy_check': o.policyCheck = true; break;
    case '-explicit_policy': o.explicitPolicy = true; break;
    case '-inhibit_any': o.inhibitAny = true; break;
    case '-inhibit_map': o.inhibitMap = true; break;
    case '-policy_print': o.policyPrint = true; break;
    case '-auth_level': o.authLevel = int(opt, v); break;
    case '-suiteB_128_only': o.suiteB = '128_only' as SuiteB; break;
    case '-suiteB_128': o.suiteB = '128' as SuiteB; break;
    case '-suiteB_192': o.suiteB = '192' as SuiteB; break;
    case '-issuer_checks':
    case '-allow_proxy_certs':
      break;
    default:
      throw new VerifyArgError(`unknown verification option ${opt}`);
  }
}

/** Parses a list made only of verification options. */
export function parseVerifyArgs(args: readonly string[]): VerifyFlags {
  const o: Record<string, unknown> = {};
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (!isVerifyOption(a)) throw new VerifyArgError(`unknown verification option ${a}`);
    if (WITH_VALUE.has(a)) {
      if (i + 1 >= args.length) throw new VerifyArgError(`${a} needs a value`);
      applyVerifyOption(o, a, args[++i]);
    } else applyVerifyOption(o, a);
  }
  return o as VerifyFlags;
}
