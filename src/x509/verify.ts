/**
 * Certificate path validation (RFC 5280 6) with OpenSSL's semantics: the same order of
 * checks as X509_verify_cert, the same error numbers at the same depths, and the same
 * verify-callback protocol. The callback sees every error (ok = 0) and every certificate
 * that passed (ok = 1, from the top of the chain down to the leaf); it may return 1 to go
 * on after an error, as s_server's callback does unless -verify_return_error is given.
 *
 * Order (x509_vfy.c verify_chain): build the chain (2, 18, 19, 20, 22), extensions and
 * purpose (34, 79, 26, 25, …), security level (66, 67, 68), host/email/IP (62, 63, 64),
 * revocation (3, 8, 11, 12, 23, …), Suite B (56-61), signatures and validity times from
 * the top down (7, 9, 10, 13, 14, 21, 32), name constraints (47, 48, 51, 53), policies
 * (42, 43).
 */
import type { Certificate } from './certificate';
import type { Crl } from './crl';
import { CertStore } from './trustStore';
import { CertInfo, LEVEL_BITS, certInfo, keySecurityBits, likelyIssued, signatureSecurityBits } from './certInfo';
import { Purpose, checkPurpose } from './purpose';
import { checkEmail, checkHost, checkIp, checkNameConstraints, checkNameConstraintsCn, hasDnsSan } from './nameCheck';
import { PolicyResult, checkPolicies } from './policy';
import { signatureAlgorithm } from './algorithm';
import { x509Crypto } from './crypto';
import { VErr } from './verifyErrors';
import { namesEqual } from './nameCanon';
import { findExtension } from './extensions';
import { checkCertRevocation } from './crlCheck';

export type SuiteB = '128_only' | '128' | '192';

export interface VerifyOptions {
  /** Trusted certificates and CRLs (-CAfile, -CApath, -CAstore, the defaults). */
  readonly trusted: CertStore;
  /** Certificates that may complete the chain but are not trusted (the peer's chain, -untrusted). */
  readonly untrusted?: readonly Certificate[];
  /** CRLs given directly (-CRL); CRLs in the trust store are used too. */
  readonly crls?: readonly Crl[];
  /** -attime (defaults to now). */
  readonly atTime?: Date;
  readonly noCheckTime?: boolean;
  /** -verify_depth: the most intermediate CAs (default 100). */
  readonly depth?: number;
  readonly partialChain?: boolean;
  /** -trusted_first is the default; `false` searches the untrusted certificates first. */
  readonly trustedFirst?: boolean;
  readonly noAltChains?: boolean;
  readonly x509Strict?: boolean;
  readonly ignoreCritical?: boolean;
  readonly checkSsSig?: boolean;
  /** -verify_hostname (any may match). */
  readonly hosts?: readonly string[];
  readonly email?: string;
  /** -verify_ip as bytes (see parseIpAddress). */
  readonly ip?: Uint8Array;
  /** -purpose or the purpose of -verify_name. */
  readonly purpose?: Purpose;
  readonly crlCheck?: boolean;
  readonly crlCheckAll?: boolean;
  readonly extendedCrl?: boolean;
  readonly useDeltas?: boolean;
  /** -policy OIDs; giving any turns policy checking on. */
  readonly policies?: readonly string[];
  readonly policyCheck?: boolean;
  readonly explicitPolicy?: boolean;
  readonly inhibitAny?: boolean;
  readonly inhibitMap?: boolean;
  /** -policy_print: the callback is called with ok = 2 after policy checking. */
  readonly policyPrint?: boolean;
  /** -auth_level (security level 0..5); s_server uses the TLS security level. */
  readonly authLevel?: number;
  readonly suiteB?: SuiteB;
}

export interface VerifyEvent {
  /** 0: error, 1: certificate accepted, 2: policy notification (-policy_print). */
  readonly ok: number;
  readonly error: number;
  readonly depth: number;
  /** The certificate concerned (undefined for some errors, as in OpenSSL). */
  readonly cert?: Certificate;
  /** The chain as built so far. */
  readonly chain: readonly Certificate[];
  /** Filled for ok = 2 and for error 43. */
  readonly policy?: PolicyResult;
}

/** Returns the new ok value: non-zero to go on. */
export type VerifyCallback = (ok: number, ev: VerifyEvent) => number;

export interface VerifyResult {
  readonly ok: boolean;
  /** The last error reported (0 when none), as X509_STORE_CTX_get_error after verification. */
  readonly error: number;
  readonly errorDepth: number;
  readonly chain: readonly Certificate[];
  readonly events: readonly VerifyEvent[];
  readonly policy?: PolicyResult;
}

/** OpenSSL's default callback: stop at the first error. */
export const STOP_AT_FIRST_ERROR: VerifyCallback = (ok) => ok;

/** `openssl verify`'s callback (apps/verify.c): goes on after the errors it tolerates. */
export const OPENSSL_VERIFY_APP_CALLBACK: VerifyCallback = (ok, ev) => {
  if (ok) return ok;
  const tolerated: number[] = [
    VErr.NO_EXPLICIT_POLICY, VErr.CERT_HAS_EXPIRED, VErr.DEPTH_ZERO_SELF_SIGNED_CERT, VErr.INVALID_CA, VErr.INVALID_NON_CA,
    VErr.PATH_LENGTH_EXCEEDED, VErr.CRL_HAS_EXPIRED, VErr.CRL_NOT_YET_VALID, VErr.UNHANDLED_CRITICAL_EXTENSION,
    VErr.EC_KEY_EXPLICIT_PARAMS,
  ];
  // Errors of -x509_strict conformance checks are tolerated too.
  return tolerated.includes(ev.error) || (ev.error >= VErr.INVALID_CA && ev.error <= VErr.EXTENSIONS_REQUIRE_VERSION_3) ? 1 : 0;
};

export class Stop extends Error {}

/** One verification: the X509_STORE_CTX. */
export class Ctx {
  chain: Certificate[] = [];
  numUntrusted = 0;
  error: number = VErr.OK;
  errorDepth = 0;
  readonly events: VerifyEvent[] = [];
  policy?: PolicyResult;
  readonly now: Date;

  constructor(readonly o: VerifyOptions, readonly cb: VerifyCallback) {
    this.now = o.atTime ?? new Date();
  }

  /** verify_cb_cert: report `err` for the certificate at `depth`; throws Stop when the callback says so. */
  fail(cert: Certificate | undefined, depth: number, err: number, policy?: PolicyResult): void {
    this.error = err;
    this.errorDepth = depth;
    const c = cert ?? this.chain[depth];
    const ev: VerifyEvent = { ok: 0, error: err, depth, cert: c, chain: [...this.chain], policy };
    this.events.push(ev);
    if (!this.cb(0, ev)) throw new Stop();
  }

  accept(cert: Certificate, depth: number): void {
    const ev: VerifyEvent = { ok: 1, error: this.error, depth, cert, chain: [...this.chain] };
    this.events.push(ev);
    this.errorDepth = depth;
    if (!this.cb(1, ev)) throw new Stop();
  }

  get maxDepth(): number {
    return (this.o.depth ?? 100) + 1;
  }
}

/** X509_check_issued for chain building. */
function issued(issuer: Certificate, subject: Certificate): boolean {
  return likelyIssued(issuer, subject) === VErr.OK;
}

function timeValid(c: Certificate, now: Date): boolean {
  return !(c.notBefore.getTime() > now.getTime()) && !(c.notAfter.getTime() <= now.getTime());
}

/** get_issuer: prefer a currently valid candidate, otherwise the last matching one (OpenSSL order). */
function pickIssuer(cands: readonly Certificate[], x: Certificate, now: Date, exclude: readonly Certificate[]): Certificate | undefined {
  let best: Certificate | undefined;
  for (const c of cands) {
    if (exclude.includes(c) || !issued(c, x)) continue;
    if (timeValid(c, now)) return c;
    best = c;
  }
  return best;
}

function trustedIssuer(ctx: Ctx, x: Certificate): Certificate | undefined {
  const cands = ctx.o.trusted.certsBySubject(x.issuer);
  return pickIssuer(cands, x, ctx.now, ctx.chain);
}

function inStore(ctx: Ctx, x: Certificate): Certificate | undefined {
  return ctx.o.trusted.certsBySubject(x.subject).find((c) => Buffer.compare(c.der, x.der) === 0);
}

type Trust = 'trusted' | 'untrusted';

/** build_chain: leaf first; returns whether the chain reaches a trust anchor. */
function buildChain(ctx: Ctx, leaf: Certificate): Trust {
  const o = ctx.o;
  ctx.chain = [leaf];
  ctx.numUntrusted = 1;
  const pool = [...(o.untrusted ?? [])];
  const trustedFirst = o.trustedFirst ?? true;

  const isTrustedPart = (): boolean => ctx.chain.length > ctx.numUntrusted;
  const tryBuild = (preferTrusted: boolean): Trust => {
    for (;;) {
      const x = ctx.chain[ctx.chain.length - 1];
      const num = ctx.chain.length;
      if (isTrustedPart()) {
        if (certInfo(x).selfSigned) return 'trusted';
        if (o.partialChain) return 'trusted';
        if (num > ctx.maxDepth) return 'untrusted';
        const t = trustedIssuer(ctx, x);
        if (!t) return 'untrusted';
        ctx.chain.push(t);
        continue;
      }
      // x is untrusted: is it itself in the store?
      if (certInfo(x).selfSigned || o.partialChain) {
        const same = inStore(ctx, x);
        if (same) {
          ctx.chain[num - 1] = same;
          ctx.numUntrusted = num - 1;
          if (certInfo(same).selfSigned || o.partialChain) return 'trusted';
        }
        if (certInfo(x).selfSigned) return 'untrusted';
      }
      if (num > ctx.maxDepth) return 'untrusted';
      const fromTrusted = (): boolean => {
        const t = trustedIssuer(ctx, x);
        if (!t) return false;
        ctx.chain.push(t);
        return true;
      };
      const fromPool = (): boolean => {
        const u = pickIssuer(pool, x, ctx.now, ctx.chain);
        if (!u) return false;
        ctx.chain.push(u);
        ctx.numUntrusted++;
        return true;
      };
      if (preferTrusted ? fromTrusted() || fromPool() : fromPool() || fromTrusted()) continue;
      return 'untrusted';
    }
  };

  let trust = tryBuild(trustedFirst);
  if (trust === 'untrusted' && !trustedFirst && !o.noAltChains && ctx.numUntrusted > 1) {
    // Alternative chains: retry preferring the trust store at every step; if that fails
    // too, the first chain is the one reported.
    const first = { chain: ctx.chain, numUntrusted: ctx.numUntrusted };
    ctx.chain = [leaf];
    ctx.numUntrusted = 1;
    trust = tryBuild(true);
    if (trust === 'untrusted') {
      ctx.chain = first.chain;
      ctx.numUntrusted = first.numUntrusted;
    }
  }
  if (trust === 'trusted') return trust;

  const num = ctx.chain.length;
  const top = ctx.chain[num - 1];
  if (num > ctx.maxDepth) ctx.fail(undefined, num - 1, VErr.CERT_CHAIN_TOO_LONG);
  else if (certInfo(top).selfSigned && num === 1) ctx.fail(undefined, 0, VErr.DEPTH_ZERO_SELF_SIGNED_CERT);
  else if (certInfo(top).selfSigned) ctx.fail(undefined, num - 1, VErr.SELF_SIGNED_CERT_IN_CHAIN);
  else if (ctx.numUntrusted < num) ctx.fail(undefined, num - 1, VErr.UNABLE_TO_GET_ISSUER_CERT);
  else ctx.fail(undefined, num - 1, VErr.UNABLE_TO_GET_ISSUER_CERT_LOCALLY);
  return 'untrusted';
}

function x509StrictChecks(ctx: Ctx, x: Certificate, i: CertInfo, depth: number, num: number): void {
  if (i.pathLen !== -1) {
    if (!i.bc?.ca) ctx.fail(x, depth, VErr.PATHLEN_INVALID_FOR_NON_CA);
    if (!i.ku?.has('keyCertSign')) ctx.fail(x, depth, VErr.PATHLEN_WITHOUT_KU_KEY_CERT_SIGN);
  }
  if (i.bc?.ca && !i.bcCritical) ctx.fail(x, depth, VErr.CA_BCONS_NOT_CRITICAL);
  if (i.bc?.ca) {
    if (!i.ku) ctx.fail(x, depth, VErr.CA_CERT_MISSING_KEY_USAGE);
  } else if (i.ku?.has('keyCertSign')) ctx.fail(x, depth, VErr.KU_KEY_CERT_SIGN_INVALID_FOR_NON_CA);
  if (x.issuer.entries.length === 0) ctx.fail(x, depth, VErr.ISSUER_NAME_EMPTY);
  const subjectEmpty = x.subject.entries.length === 0;
  if ((i.bc?.ca || i.ku?.has('cRLSign') || !i.san) && subjectEmpty) ctx.fail(x, depth, VErr.SUBJECT_NAME_EMPTY);
  if (subjectEmpty && i.san && !i.sanCritical) ctx.fail(x, depth, VErr.EMPTY_SUBJECT_SAN_NOT_CRITICAL);
  if (i.san && i.san.length === 0) ctx.fail(x, depth, VErr.EMPTY_SUBJECT_ALT_NAME);
  if (i.akid && i.akidCritical) ctx.fail(x, depth, VErr.AUTHORITY_KEY_IDENTIFIER_CRITICAL);
  if (i.ski && i.skiCritical) ctx.fail(x, depth, VErr.SUBJECT_KEY_IDENTIFIER_CRITICAL);
  if (x.version >= 2) {
    if (depth + 1 < num && !i.akid?.keyIdentifier) ctx.fail(x, depth, VErr.MISSING_AUTHORITY_KEY_IDENTIFIER);
    if (i.bc?.ca && !i.ski) ctx.fail(x, depth, VErr.MISSING_SUBJECT_KEY_IDENTIFIER);
  } else if (x.extensions.length > 0) ctx.fail(x, depth, VErr.EXTENSIONS_REQUIRE_VERSION_3);
}

/** check_extensions: critical extensions, CA flags, -x509_strict, purpose, path length. */
function checkExtensions(ctx: Ctx): void {
  const o = ctx.o;
  const num = ctx.chain.length;
  let plen = 0;
  let mustBeCa = -1;
  for (let d = 0; d < num; d++) {
    const x = ctx.chain[d];
    const i = certInfo(x);
    if (!o.ignoreCritical && i.unhandledCritical) ctx.fail(x, d, VErr.UNHANDLED_CRITICAL_EXTENSION);
    const ca = i.invalid ? 0 : i.caType;
    let bad = false;
    if (mustBeCa === -1) bad = !!o.x509Strict && ca !== 1 && ca !== 0;
    else bad = ca === 0 || ((d + 1 < num || !!o.x509Strict) && ca !== 1);
    if (bad) ctx.fail(x, d, VErr.INVALID_CA);
    if (o.x509Strict && num > 1) x509StrictChecks(ctx, x, i, d, num);
    if (o.purpose) {
      const r = checkPurpose(x, o.purpose, mustBeCa > 0);
      if (r === 0 || (r < 0 && o.x509Strict)) ctx.fail(x, d, VErr.INVALID_PURPOSE);
    }
    if (d > 1 && i.pathLen !== -1 && plen > i.pathLen) ctx.fail(x, d, VErr.PATH_LENGTH_EXCEEDED);
    if (d > 0 && !i.selfIssued) plen++;
    mustBeCa = 1;
  }
}

/** check_auth_level: key sizes and signature digests against the security level. */
function checkAuthLevel(ctx: Ctx): void {
  const level = ctx.o.authLevel ?? -1;
  if (level <= 0) return;
  const min = LEVEL_BITS[Math.min(level, 5)];
  const num = ctx.chain.length;
  for (let d = 0; d < num; d++) {
    const x = ctx.chain[d];
    if (keySecurityBits(x) < min) ctx.fail(x, d, d === 0 ? VErr.EE_KEY_TOO_SMALL : VErr.CA_KEY_TOO_SMALL);
    // The trust anchor's own signature does not matter.
    if (d < num - 1 && signatureSecurityBits(x) < min) ctx.fail(x, d, VErr.CA_MD_TOO_WEAK);
  }
}

/** check_id: -verify_hostname, -verify_email, -verify_ip against the leaf. */
function checkId(ctx: Ctx): void {
  const o = ctx.o;
  const leaf = ctx.chain[0];
  if (o.hosts && o.hosts.length > 0 && !o.hosts.some((h) => checkHost(leaf, h))) ctx.fail(leaf, 0, VErr.HOSTNAME_MISMATCH);
  if (o.email !== undefined && !checkEmail(leaf, o.email)) ctx.fail(leaf, 0, VErr.EMAIL_MISMATCH);
  if (o.ip !== undefined && !checkIp(leaf, o.ip)) ctx.fail(leaf, 0, VErr.IP_ADDRESS_MISMATCH);
}

function checkRevocation(ctx: Ctx): void {
  const o = ctx.o;
  if (!o.crlCheck && !o.crlCheckAll) return;
  const last = o.crlCheckAll ? ctx.chain.length - 1 : 0;
  for (let d = 0; d <= last; d++) {
    ctx.errorDepth = d;
    checkCertRevocation(ctx, d);
  }
}

const LOS_128_ONLY = 1;
const LOS_192 = 2;

/** check_suite_b: one key, and the signature it made on the certificate below (-1: none). */
function suiteBKey(x: Certificate, signedWith: string | undefined, flags: { v: number }): number {
  const k = x.publicKeyInfo.key;
  if (k.type !== 'ec') return VErr.SUITE_B_INVALID_ALGORITHM;
  if (k.curve === 'P-384') {
    if (signedWith !== undefined && signedWith !== 'sha384') return VErr.SUITE_B_INVALID_SIGNATURE_ALGORITHM;
    if (!(flags.v & LOS_192)) return VErr.SUITE_B_LOS_NOT_ALLOWED;
    flags.v &= ~LOS_128_ONLY; // after P-384, P-256 may not sign
  } else if (k.curve === 'P-256') {
    if (signedWith !== undefined && signedWith !== 'sha256') return VErr.SUITE_B_INVALID_SIGNATURE_ALGORITHM;
    if (!(flags.v & LOS_128_ONLY)) return VErr.SUITE_B_LOS_NOT_ALLOWED;
  } else return VErr.SUITE_B_INVALID_CURVE;
  return VErr.OK;
}

/** The digest of an ECDSA signature, or a marker that is no Suite B digest. */
function ecdsaHash(x: Certificate): string {
  const a = certInfo(x).sigAlg;
  return a?.kind === 'ecdsa' ? a.hash : 'none';
}

/** X509_chain_check_suiteb (RFC 6460): P-256/P-384 keys with the matching ECDSA digests. */
function checkSuiteB(ctx: Ctx): void {
  const mode = ctx.o.suiteB;
  if (!mode) return;
  const initial = mode === '128_only' ? LOS_128_ONLY : mode === '192' ? LOS_192 : LOS_128_ONLY | LOS_192;
  const flags = { v: initial };
  const chain = ctx.chain;
  let x = chain[0];
  let i = 1;
  let rv: number = VErr.OK;
  if (x.version !== 2) {
    rv = VErr.SUITE_B_INVALID_VERSION;
    i = 0;
  } else {
    rv = suiteBKey(x, undefined, flags);
    if (rv !== VErr.OK) i = 0;
  }
  for (; rv === VErr.OK && i < chain.length; i++) {
    const signed = ecdsaHash(x);
    x = chain[i];
    if (x.version !== 2) rv = VErr.SUITE_B_INVALID_VERSION;
    else rv = suiteBKey(x, signed, flags);
    if (rv !== VErr.OK) break;
  }
  if (rv === VErr.OK) rv = suiteBKey(x, ecdsaHash(x), flags); // the root's own signature
  if (rv === VErr.OK) return;
  if ((rv === VErr.SUITE_B_INVALID_SIGNATURE_ALGORITHM || rv === VErr.SUITE_B_LOS_NOT_ALLOWED) && i > 0) i--;
  if (rv === VErr.SUITE_B_LOS_NOT_ALLOWED && flags.v !== initial) rv = VErr.SUITE_B_CANNOT_SIGN_P_384_WITH_P_256;
  const d = Math.min(i, chain.length - 1);
  ctx.fail(chain[d], d, rv);
}

/** X509_verify: the outer and inner signature algorithms must agree, then the signature. */
export function certificateSignatureValid(x: Certificate, issuer: Certificate): boolean {
  try {
    if (Buffer.compare(x.signatureAlgorithm.der, x.tbsSignature.der) !== 0) return false;
    const alg = certInfo(x).sigAlg ?? signatureAlgorithm(x.signatureAlgorithm);
    if (x.signature.unusedBits !== 0) return false;
    return x509Crypto().verify(alg, issuer.publicKeyInfo, x.tbs, x.signature.bytes);
  } catch {
    return false;
  }
}

function checkCertTime(ctx: Ctx, x: Certificate, d: number): void {
  if (ctx.o.noCheckTime) return;
  const now = ctx.now.getTime();
  const nb = x.notBefore.getTime();
  const na = x.notAfter.getTime();
  if (Number.isNaN(nb)) ctx.fail(x, d, VErr.ERROR_IN_CERT_NOT_BEFORE_FIELD);
  else if (nb > now) ctx.fail(x, d, VErr.CERT_NOT_YET_VALID);
  if (Number.isNaN(na)) ctx.fail(x, d, VErr.ERROR_IN_CERT_NOT_AFTER_FIELD);
  else if (na <= now) ctx.fail(x, d, VErr.CERT_HAS_EXPIRED);
}

/** internal_verify: signatures and times from the top of the chain down, then ok = 1 per certificate. */
function internalVerify(ctx: Ctx): void {
  let n = ctx.chain.length - 1;
  let xi = ctx.chain[n];
  let xs: Certificate;
  let skipToTime = false;
  if (certInfo(xi).selfSigned || issued(xi, xi)) xs = xi;
  else if (ctx.o.partialChain) {
    xs = xi;
    skipToTime = true;
  } else if (n <= 0) {
    ctx.fail(xi, 0, VErr.UNABLE_TO_VERIFY_LEAF_SIGNATURE);
    xs = xi;
    skipToTime = true;
  } else {
    n--;
    xs = ctx.chain[n];
  }
  while (n >= 0) {
    if (!skipToTime && (xs !== xi || ctx.o.checkSsSig)) {
      const issuerDepth = n + (xs === xi ? 0 : 1);
      // ossl_x509_signing_allowed: a keyUsage without keyCertSign.
      const ii = certInfo(xi);
      if (!(xs === xi && !certInfo(xs).bc?.ca) && ii.ku && !ii.ku.has('keyCertSign')) ctx.fail(xi, issuerDepth, VErr.KEYUSAGE_NO_CERTSIGN);
      if (xi.publicKeyInfo.key.type === 'unknown') ctx.fail(xi, issuerDepth, VErr.UNABLE_TO_DECODE_ISSUER_PUBLIC_KEY);
      else if (!certificateSignatureValid(xs, xi)) ctx.fail(xs, n, VErr.CERT_SIGNATURE_FAILURE);
    }
    skipToTime = false;
    checkCertTime(ctx, xs, n);
    ctx.accept(xs, n);
    if (--n >= 0) {
      xi = xs;
      xs = ctx.chain[n];
    }
  }
}

function checkNameConstraintsAll(ctx: Ctx): void {
  const num = ctx.chain.length;
  for (let d = num - 1; d >= 0; d--) {
    const x = ctx.chain[d];
    if (d !== 0 && certInfo(x).selfIssued) continue;
    for (let j = num - 1; j > d; j--) {
      const nc = certInfo(ctx.chain[j]).nc;
      if (!nc) continue;
      let rv = checkNameConstraints(x, nc);
      if (rv === VErr.OK && d === 0 && !hasDnsSan(x)) rv = checkNameConstraintsCn(x, nc);
      if (rv !== VErr.OK) ctx.fail(x, d, rv);
    }
  }
}

function checkPolicy(ctx: Ctx): void {
  const o = ctx.o;
  const on = o.policyCheck || o.explicitPolicy || o.inhibitAny || o.inhibitMap || (o.policies !== undefined && o.policies.length > 0);
  if (!on) return;
  const r = checkPolicies(ctx.chain, o);
  ctx.policy = r;
  if (r.outcome === 'invalid') {
    for (const d of r.invalidDepths) ctx.fail(ctx.chain[d], d, VErr.INVALID_POLICY_EXTENSION);
    return;
  }
  if (r.outcome === 'no-explicit') {
    ctx.error = VErr.NO_EXPLICIT_POLICY;
    const ev: VerifyEvent = { ok: 0, error: VErr.NO_EXPLICIT_POLICY, depth: ctx.errorDepth, cert: undefined, chain: [...ctx.chain], policy: r };
    ctx.events.push(ev);
    if (!ctx.cb(0, ev)) throw new Stop();
    return;
  }
  if (o.policyPrint) {
    ctx.error = VErr.OK; // OpenSSL clears the error before the notification
    const ev: VerifyEvent = { ok: 2, error: VErr.OK, depth: ctx.errorDepth, cert: undefined, chain: [...ctx.chain], policy: r };
    ctx.events.push(ev);
    if (!ctx.cb(2, ev)) throw new Stop();
  }
}

/**
 * Verifies `leaf` (X509_verify_cert). The callback decides whether to go on after each
 * error; by default verification stops at the first one.
 */
export function verifyCertificate(leaf: Certificate, o: VerifyOptions, cb: VerifyCallback = STOP_AT_FIRST_ERROR): VerifyResult {
  const ctx = new Ctx(o, cb);
  let ok = true;
  try {
    buildChain(ctx, leaf);
    checkExtensions(ctx);
    checkAuthLevel(ctx);
    checkId(ctx);
    checkRevocation(ctx);
    checkSuiteB(ctx);
    internalVerify(ctx);
    checkNameConstraintsAll(ctx);
    checkPolicy(ctx);
  } catch (e) {
    if (!(e instanceof Stop)) throw e;
    ok = false;
  }
  return { ok, error: ctx.error, errorDepth: ctx.errorDepth, chain: ctx.chain, events: ctx.events, policy: ctx.policy };
}

/**
 * Verifies a peer's chain as a TLS server does for a client (purpose sslclient unless
 * `o.purpose` says otherwise): `certs[0]` is the client's certificate, the rest are the
 * untrusted certificates it sent.
 */
export function verifyPeerChain(certs: readonly Certificate[], o: Omit<VerifyOptions, 'untrusted'>, cb?: VerifyCallback): VerifyResult {
  if (certs.length === 0) throw new RangeError('verifyPeerChain: empty chain');
  return verifyCertificate(certs[0], { purpose: 'sslclient', ...o, untrusted: certs.slice(1) }, cb);
}
