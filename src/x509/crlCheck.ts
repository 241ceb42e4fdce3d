/**
 * Revocation checking of one certificate of the chain (-crl_check, -crl_check_all,
 * -use_deltas, -extended_crl), following OpenSSL's check_cert:
 *
 * - Every CRL is scored against the certificate (get_crl_score): issuer name, no
 *   unhandled critical extension, current times, issuer found on the path through the
 *   CRL's AKID, and scope (issuing distribution point against the certificate's CRL
 *   distribution points, user/CA-only flags). The best score wins; on a tie the newer
 *   CRL. The -CRL CRLs are scored first, then those of the store.
 * - Without -extended_crl, CRLs with reason partitions or indirect CRLs are not used,
 *   and a delta CRL is scored like any other CRL (OpenSSL's behaviour); with it, delta
 *   CRLs are only used as deltas.
 * - With -use_deltas, a delta is looked for only when the certificate or the base CRL has
 *   a freshest CRL extension.
 * - The chosen CRL is checked (issuer key usage cRLSign, scope, times, signature), then
 *   the certificate is looked up in it; a CRL that gave no scope leaves the reasons
 *   unfinished, which ends with "unable to get certificate CRL" as in OpenSSL.
 */
import type { Certificate } from './certificate';
import type { Crl } from './crl';
import { certInfo, checkAkid } from './certInfo';
import { DistributionPointName, findExtension } from './extensions';
import type { GeneralName } from './generalName';
import { namesEqual } from './nameCanon';
import { signatureAlgorithm } from './algorithm';
import { x509Crypto } from './crypto';
import { OID } from './oids';
import { VErr } from './verifyErrors';
import type { Ctx } from './verify';

const SCORE_NOCRITICAL = 0x100;
const SCORE_SCOPE = 0x080;
const SCORE_TIME = 0x040;
const SCORE_ISSUER_NAME = 0x020;
const SCORE_SAME_PATH = 0x008;
const SCORE_AKID = 0x004;
const SCORE_TIME_DELTA = 0x002;
const SCORE_ISSUER_CERT = 0x018;
const SCORE_VALID = SCORE_NOCRITICAL | SCORE_TIME | SCORE_SCOPE;
const ALL_REASONS = 0x807f;

/** CRL extensions that may be critical without making the CRL unusable (crl_cb). */
const CRL_CRITICAL_OK: ReadonlySet<string> = new Set([OID.issuingDistributionPoint, OID.authorityKeyIdentifier, OID.deltaCrl]);

interface CrlFacts {
  readonly critical: boolean;
  readonly baseNumber?: bigint;
  readonly number?: bigint;
  readonly idp?: NonNullable<ReturnType<typeof findExtension<'issuingDistributionPoint'>>>;
  readonly idpInvalid: boolean;
  readonly freshest: boolean;
}

function facts(crl: Crl): CrlFacts {
  return {
    critical: crl.extensions.some((e) => e.critical && !CRL_CRITICAL_OK.has(e.oid)) ||
      crl.revoked.some((r) => r.extensions.some((e) => e.critical && e.oid !== OID.certificateIssuer)),
    baseNumber: findExtension(crl.extensions, 'deltaCRL'),
    number: findExtension(crl.extensions, 'crlNumber'),
    idp: findExtension(crl.extensions, 'issuingDistributionPoint'),
    idpInvalid: crl.extensions.some((e) => e.oid === OID.issuingDistributionPoint && e.error !== undefined),
    freshest: crl.extensions.some((e) => e.oid === OID.freshestCrl),
  };
}

/** The 0/1 mask of reasons in an IDP's onlySomeReasons or a DP's reasons (CRLDP_ALL_REASONS when absent). */
function reasonMask(reasons: readonly string[] | undefined): number {
  if (reasons === undefined) return ALL_REASONS;
  const bits = ['unused', 'keyCompromise', 'cACompromise', 'affiliationChanged', 'superseded', 'cessationOfOperation', 'certificateHold', 'privilegeWithdrawn', 'aACompromise'];
  let m = 0;
  for (const r of reasons) {
    const i = bits.indexOf(r);
    if (i >= 0) m |= i < 8 ? 0x80 >> i : 0x8000;
  }
  return m;
}

function gnEqual(a: GeneralName, b: GeneralName): boolean {
  if (a.type !== b.type) return false;
  switch (a.type) {
    case 'directoryName': return namesEqual(a.name, (b as typeof a).name);
    case 'iPAddress': return Buffer.compare(a.bytes, (b as typeof a).bytes) === 0;
    case 'registeredID': return a.oid === (b as typeof a).oid;
    case 'otherName': return a.typeId === (b as typeof a).typeId && Buffer.compare(a.value, (b as typeof a).value) === 0;
    case 'x400Address':
    case 'ediPartyName': return Buffer.compare(a.der, (b as typeof a).der) === 0;
    default: return a.value === (b as typeof a).value;
  }
}

/** idp_check_dp: distribution point names match (either absent matches). */
function dpNamesMatch(a: DistributionPointName | undefined, b: DistributionPointName | undefined): boolean {
  if (!a || !b) return true;
  if (a.type === 'fullName' && b.type === 'fullName') return a.names.some((x) => b.names.some((y) => gnEqual(x, y)));
  return false; // relative names are not resolved here
}

/** crl_crldp_check: the CRL's scope covers the certificate; returns the reasons or undefined. */
function crldpCheck(x: Certificate, crl: Crl, f: CrlFacts, score: number): number | undefined {
  const idp = f.idp;
  if (idp?.onlyContainsAttributeCerts) return undefined;
  const ca = certInfo(x).bc?.ca === true;
  if (ca ? idp?.onlyContainsUserCerts : idp?.onlyContainsCACerts) return undefined;
  let reasons = reasonMask(idp?.onlySomeReasons);
  for (const dp of findExtension(x.extensions, 'crlDistributionPoints') ?? []) {
    const issuerOk = dp.crlIssuer
      ? dp.crlIssuer.some((g) => g.type === 'directoryName' && namesEqual(g.name, crl.issuer))
      : (score & SCORE_ISSUER_NAME) !== 0;
    if (issuerOk && (!idp || dpNamesMatch(dp.name, idp.name))) {
      reasons &= reasonMask(dp.reasons);
      return reasons;
    }
  }
  return (!idp || !idp.name) && (score & SCORE_ISSUER_NAME) !== 0 ? reasons : undefined;
}

function crlTimeError(ctx: Ctx, crl: Crl, deltaTimeOk = false): number {
  if (ctx.o.noCheckTime && !ctx.o.atTime) return VErr.OK;
  const now = ctx.now.getTime();
  const last = crl.thisUpdate.getTime();
  if (Number.isNaN(last)) return VErr.ERROR_IN_CRL_LAST_UPDATE_FIELD;
  if (last > now) return VErr.CRL_NOT_YET_VALID;
  if (crl.nextUpdate) {
    const next = crl.nextUpdate.getTime();
    if (Number.isNaN(next)) return VErr.ERROR_IN_CRL_NEXT_UPDATE_FIELD;
    if (next <= now && !deltaTimeOk) return VErr.CRL_HAS_EXPIRED;
  }
  return VErr.OK;
}

/** X509_CRL_verify: matching algorithm identifiers and a good signature. */
export function crlSignatureValid(crl: Crl, issuer: Certificate): boolean {
  try {
    if (Buffer.compare(crl.signatureAlgorithm.der, crl.tbsSignature.der) !== 0) return false;
    if (crl.signature.unusedBits !== 0) return false;
    return x509Crypto().verify(signatureAlgorithm(crl.signatureAlgorithm), issuer.publicKeyInfo, crl.tbs, crl.signature.bytes);
  } catch {
    return false;
  }
}

interface Scored {
  crl: Crl;
  f: CrlFacts;
  score: number;
  issuer?: Certificate;
  reasons: number;
}

/** get_crl_score. */
function scoreCrl(ctx: Ctx, d: number, crl: Crl, reasonsSoFar: number): Scored | undefined {
  const x = ctx.chain[d];
  const f = facts(crl);
  const ext = !!ctx.o.extendedCrl;
  if (f.idpInvalid) return undefined;
  const idpReasons = f.idp?.onlySomeReasons !== undefined;
  if (!ext) {
    if (f.idp?.indirectCRL || idpReasons) return undefined;
  } else if (idpReasons) {
    if ((reasonMask(f.idp!.onlySomeReasons) & ~reasonsSoFar) === 0) return undefined;
  } else if (f.baseNumber !== undefined) return undefined; // deltas are looked at later
  let score = 0;
  if (!namesEqual(x.issuer, crl.issuer)) {
    if (!f.idp?.indirectCRL) return undefined;
  } else score |= SCORE_ISSUER_NAME;
  if (!f.critical) score |= SCORE_NOCRITICAL;
  if (crlTimeError(ctx, crl) === VErr.OK) score |= SCORE_TIME;
  // crl_akid_check: the issuer on the path.
  const akid = findExtension(crl.extensions, 'authorityKeyIdentifier');
  let issuer: Certificate | undefined;
  let cidx = d === ctx.chain.length - 1 ? d : d + 1;
  const first = ctx.chain[cidx];
  if (checkAkid(first, akid) === VErr.OK && score & SCORE_ISSUER_NAME) {
    score |= SCORE_AKID | SCORE_ISSUER_CERT;
    issuer = first;
  } else {
    for (cidx++; cidx < ctx.chain.length; cidx++) {
      const c = ctx.chain[cidx];
      if (!namesEqual(c.subject, crl.issuer)) continue;
      if (checkAkid(c, akid) === VErr.OK) {
        score |= SCORE_AKID | SCORE_SAME_PATH;
        issuer = c;
        break;
      }
    }
  }
  if (!(score & SCORE_AKID)) return undefined;
  let reasons = reasonsSoFar;
  const r = crldpCheck(x, crl, f, score);
  if (r !== undefined) {
    if ((r & ~reasonsSoFar) === 0) return undefined;
    reasons |= r;
    score |= SCORE_SCOPE;
  }
  return { crl, f, score, issuer, reasons };
}

/** check_delta_base. */
function isDeltaOf(delta: Crl, df: CrlFacts, base: Crl, bf: CrlFacts): boolean {
  if (df.number === undefined || bf.number === undefined || df.baseNumber === undefined) return false;
  if (!namesEqual(delta.issuer, base.issuer)) return false;
  const extDer = (c: Crl, oid: string): string => Buffer.from(c.extensions.find((e) => e.oid === oid)?.value ?? []).toString('hex');
  if (extDer(delta, OID.authorityKeyIdentifier) !== extDer(base, OID.authorityKeyIdentifier)) return false;
  if (extDer(delta, OID.issuingDistributionPoint) !== extDer(base, OID.issuingDistributionPoint)) return false;
  return df.baseNumber <= bf.number && df.number > bf.number;
}

/** get_crl_sk over one list, improving `best`. */
function bestCrl(ctx: Ctx, d: number, crls: readonly Crl[], best: Scored | undefined, reasonsSoFar: number): Scored | undefined {
  let b = best;
  for (const crl of crls) {
    const s = scoreCrl(ctx, d, crl, reasonsSoFar);
    if (!s || s.score === 0 || (b && s.score < b.score)) continue;
    if (b && s.score === b.score && !(crl.thisUpdate.getTime() > b.crl.thisUpdate.getTime())) continue;
    b = s;
  }
  return b;
}

function cfail(ctx: Ctx, d: number, err: number): void {
  ctx.fail(ctx.chain[d], d, err);
}

/** check_crl. */
function checkCrl(ctx: Ctx, d: number, crl: Crl, f: CrlFacts, s: Scored): void {
  const chnum = ctx.chain.length - 1;
  let issuer = s.issuer;
  if (!issuer) {
    if (d < chnum) issuer = ctx.chain[d + 1];
    else {
      issuer = ctx.chain[chnum];
      if (!certInfo(issuer).selfSigned) cfail(ctx, d, VErr.UNABLE_TO_GET_CRL_ISSUER);
    }
  }
  if (f.baseNumber === undefined) {
    const ii = certInfo(issuer);
    if (ii.ku && !ii.ku.has('cRLSign')) cfail(ctx, d, VErr.KEYUSAGE_NO_CRL_SIGN);
    if (!(s.score & SCORE_SCOPE)) cfail(ctx, d, VErr.DIFFERENT_CRL_SCOPE);
    if (f.idpInvalid) cfail(ctx, d, VErr.INVALID_EXTENSION);
  }
  if (!(s.score & SCORE_TIME)) {
    const te = crlTimeError(ctx, crl, (s.score & SCORE_TIME_DELTA) !== 0);
    if (te !== VErr.OK) cfail(ctx, d, te);
  }
  if (issuer.publicKeyInfo.key.type === 'unknown') cfail(ctx, d, VErr.UNABLE_TO_DECODE_ISSUER_PUBLIC_KEY);
  else if (!crlSignatureValid(crl, issuer)) cfail(ctx, d, VErr.CRL_SIGNATURE_FAILURE);
}

/** cert_crl: 2 when the entry says removeFromCRL. */
function certCrl(ctx: Ctx, d: number, crl: Crl, f: CrlFacts): number {
  const x = ctx.chain[d];
  if (!ctx.o.ignoreCritical && f.critical) cfail(ctx, d, VErr.UNHANDLED_CRITICAL_CRL_EXTENSION);
  const entry = crl.revoked.find((r) => r.serialNumber === x.serialNumber);
  if (entry) {
    if (findExtension(entry.extensions, 'crlReason') === 8) return 2;
    cfail(ctx, d, VErr.CERT_REVOKED);
  }
  return 1;
}

/** check_cert for the certificate at depth `d`. */
export function checkCertRevocation(ctx: Ctx, d: number): void {
  const x = ctx.chain[d];
  let reasons = 0;
  while (reasons !== ALL_REASONS) {
    const last = reasons;
    const own = ctx.o.crls ?? [];
    let best = bestCrl(ctx, d, own, undefined, reasons);
    if (!best || (best.score & SCORE_VALID) !== SCORE_VALID) best = bestCrl(ctx, d, ctx.o.trusted.crlsByIssuerName(x.issuer), best, reasons);
    if (!best) {
      cfail(ctx, d, VErr.UNABLE_TO_GET_CRL);
      return;
    }
    let delta: { crl: Crl; f: CrlFacts } | undefined;
    if (ctx.o.useDeltas && (x.extensions.some((e) => e.oid === OID.freshestCrl) || best.f.freshest)) {
      const pool = [...own, ...ctx.o.trusted.crlsByIssuerName(x.issuer)];
      for (const c of pool) {
        const cf = facts(c);
        if (isDeltaOf(c, cf, best.crl, best.f)) {
          if (crlTimeError(ctx, c) === VErr.OK) best.score |= SCORE_TIME_DELTA;
          delta = { crl: c, f: cf };
          break;
        }
      }
    }
    reasons = best.reasons;
    checkCrl(ctx, d, best.crl, best.f, best);
    let ok = 1;
    if (delta) {
      checkCrl(ctx, d, delta.crl, delta.f, best);
      ok = certCrl(ctx, d, delta.crl, delta.f);
    }
    if (ok !== 2) certCrl(ctx, d, best.crl, best.f);
    if (last === reasons) {
      cfail(ctx, d, VErr.UNABLE_TO_GET_CRL);
      return;
    }
  }
}
