/**
 * s_server's (and s_client's) verify callback (apps/lib/s_cb.c verify_callback): what it
 * prints and what it decides. Checked against s_server 3.0.19:
 *
 * - Everything goes to **stderr**.
 * - Each call prints `depth=N <subject>` (with -nameopt; `<no cert>` when there is no
 *   current certificate), except that -verify_quiet keeps only the calls with errors.
 * - An error adds `verify error:num=N:<text>`; then, by error number, `issuer= <name>`
 *   (2), `notBefore=<time>` (9, 13), `notAfter=<time>` (10, 14) or the policy sets (43).
 *   The error stays set for the later calls, so these extra lines repeat on them, as in
 *   OpenSSL.
 * - Without -verify_return_error an error is only printed (the callback answers 1 and the
 *   handshake goes on); with it, verification stops and the handshake fails with the
 *   alert of alertForVerifyError. An error deeper than the -verify/-Verify depth always
 *   stops, recorded as 22 (certificate chain too long).
 * - `verify return:N` closes each call that goes on, unless -verify_quiet.
 *
 * s_server also prints `verify depth is N` (or `verify depth is N, must return a
 * certificate` for -Verify) at startup, and after a failed handshake `ERROR` and
 * `verify error:<text>`: see sServerVerifyStartLine and sServerVerifyFailureLines.
 */
import type { Certificate } from './certificate';
import type { Name } from './name';
import { printNameEx } from './namePrint';
import { DEFAULT_NAMEOPT } from './nameopt';
import { longName } from './oids';
import { policyLines } from './policy';
import { VerifyCallback, VerifyEvent } from './verify';
import { VErr, alertForVerifyError, verifyErrorString } from './verifyErrors';

export interface SServerVerifyArgs {
  /** The N of -verify N / -Verify N (-1: no limit). */
  readonly depth: number;
  readonly returnError?: boolean;
  readonly quiet?: boolean;
  /** -nameopt flags (parseNameOpts); default oneline as in openssl 3.0's apps. */
  readonly nameFlags?: number;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** ASN1_TIME_print: `Jan  1 00:00:00 2030 GMT`. */
export function asn1TimePrint(d: Date): string {
  if (Number.isNaN(d.getTime())) return 'Bad time value';
  const p2 = (n: number): string => String(n).padStart(2, '0');
  return `${MONTHS[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2, ' ')} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())} ${d.getUTCFullYear()} GMT`;
}

function nameBytes(name: Name, flags: number): Buffer {
  return printNameEx(name, 0, flags).bytes;
}

const line = (...parts: Array<string | Buffer>): Buffer => Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : p)));

/** i2a_ASN1_OBJECT: the long name of a known OID, the dotted form otherwise. */
function oidText(oid: string): string {
  if (oid === '2.5.29.32.0') return 'X509v3 Any Policy';
  const ln = longName(oid);
  return ln;
}

/**
 * Runs one callback invocation: returns the lines it prints and the value it returns.
 * `state.error` carries verify_args.error between invocations.
 */
export function sServerVerifyStep(ok: number, ev: VerifyEvent, args: SServerVerifyArgs, state: { error: number }): { lines: Buffer[]; ok: number } {
  const flags = args.nameFlags ?? DEFAULT_NAMEOPT;
  const out: Buffer[] = [];
  const cert: Certificate | undefined = ev.cert;
  const err = ev.error;
  if (!args.quiet || !ok) out.push(cert ? line(`depth=${ev.depth} `, nameBytes(cert.subject, flags)) : line(`depth=${ev.depth} <no cert>`));
  let r = ok;
  if (!ok) {
    out.push(line(`verify error:num=${err}:${verifyErrorString(err)}`));
    if (args.depth < 0 || args.depth >= ev.depth) {
      if (!args.returnError) r = 1;
      state.error = err;
    } else {
      r = 0;
      state.error = VErr.CERT_CHAIN_TOO_LONG;
    }
  }
  switch (err) {
    case VErr.UNABLE_TO_GET_ISSUER_CERT:
      if (cert) out.push(line('issuer= ', nameBytes(cert.issuer, flags)));
      break;
    case VErr.CERT_NOT_YET_VALID:
    case VErr.ERROR_IN_CERT_NOT_BEFORE_FIELD:
      if (cert) out.push(line(`notBefore=${asn1TimePrint(cert.notBefore)}`));
      break;
    case VErr.CERT_HAS_EXPIRED:
    case VErr.ERROR_IN_CERT_NOT_AFTER_FIELD:
      if (cert) out.push(line(`notAfter=${asn1TimePrint(cert.notAfter)}`));
      break;
    case VErr.NO_EXPLICIT_POLICY:
      if (!args.quiet) out.push(...policyLines(ev.policy, oidText).map((l) => line(l)));
      break;
    default:
      break;
  }
  if (err === VErr.OK && ok === 2 && !args.quiet) out.push(...policyLines(ev.policy, oidText).map((l) => line(l)));
  if (r && !args.quiet) out.push(line(`verify return:${r}`));
  return { lines: out, ok: r };
}

/** A verify callback that behaves as s_server's and collects what it prints (stderr). */
export function sServerVerifyCallback(args: SServerVerifyArgs): { callback: VerifyCallback; lines: Buffer[]; state: { error: number } } {
  const lines: Buffer[] = [];
  const state = { error: VErr.OK };
  const callback: VerifyCallback = (ok, ev) => {
    const step = sServerVerifyStep(ok, ev, args, state);
    lines.push(...step.lines);
    return step.ok;
  };
  return { callback, lines, state };
}

/**
 * The lines s_server prints for a finished verification, from its recorded events (the
 * verification must have been run with sServerVerifyCallback(args).callback, or with any
 * callback that made the same decisions).
 */
export function verifyCallbackLines(events: readonly VerifyEvent[], args: SServerVerifyArgs): Buffer[] {
  const state = { error: VErr.OK };
  return events.flatMap((ev) => sServerVerifyStep(ev.ok, ev, args, state).lines);
}

/** `verify depth is N` / `verify depth is N, must return a certificate` (-Verify). */
export function sServerVerifyStartLine(depth: number, mustReturn: boolean): string {
  return `verify depth is ${depth}${mustReturn ? ', must return a certificate' : ''}`;
}

/** After a handshake that failed verification: `ERROR` then `verify error:<text>` (stderr). */
export function sServerVerifyFailureLines(verifyResult: number): string[] {
  return ['ERROR', `verify error:${verifyErrorString(verifyResult)}`];
}

/** The alert the server sends when verification of the client's chain fails with error `n`. */
export { alertForVerifyError };
