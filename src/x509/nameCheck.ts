/**
 * Name checks of verification: the peer identity (`-verify_hostname`, `-verify_email`,
 * `-verify_ip`: X509_check_host/email/ip, RFC 6125 style) and name constraints (RFC 5280
 * 4.2.1.10, with OpenSSL's matching rules and error numbers).
 */
import type { Certificate } from './certificate';
import { certInfo } from './certInfo';
import type { GeneralSubtree, NameConstraints } from './extensions';
import type { GeneralName } from './generalName';
import { Name, decodeNameValue } from './name';
import { canonicalName } from './nameCanon';
import { Tag } from './der';
import { VErr } from './verifyErrors';

const CN = '2.5.4.3';
const EMAIL = '1.2.840.113549.1.9.1';

const lower = (s: string): string => s.replace(/[A-Z]/g, (c) => c.toLowerCase());

/** Wildcard match of one presented DNS identifier against a reference host (equal_wildcard). */
function hostMatches(pattern: string, host: string): boolean {
  const p = lower(pattern.replace(/\.$/, ''));
  const h = lower(host.replace(/\.$/, ''));
  if (p === h) return p.length > 0;
  const star = p.indexOf('*');
  if (star < 0) return false;
  const firstDot = p.indexOf('.');
  // The wildcard must be in the leftmost label, alone in the pattern, with at least two
  // labels after it, and not in an IDNA label.
  if (firstDot < 0 || star > firstDot || p.indexOf('*', star + 1) >= 0) return false;
  if (p.slice(firstDot + 1).split('.').length < 2) return false;
  if (p.startsWith('xn--')) return false;
  const prefix = p.slice(0, star);
  const suffix = p.slice(star + 1);
  if (h.length < prefix.length + suffix.length) return false;
  if (!h.startsWith(prefix) || !h.endsWith(suffix)) return false;
  const middle = h.slice(prefix.length, h.length - suffix.length);
  if (middle.includes('.')) return false;
  if (middle === '' && prefix === '') return false;
  // A host in an IDNA label is not matched by a partial wildcard.
  if ((prefix !== '' || suffix[0] !== '.') && h.startsWith('xn--')) return false;
  return true;
}

function subjectValues(name: Name, oid: string): string[] {
  return name.entries.filter((e) => e.oid === oid).map(decodeNameValue);
}

/** X509_check_host: DNS names of the subjectAltName, or the subject CNs when it has none. */
export function checkHost(cert: Certificate, host: string): boolean {
  const san = certInfo(cert).san ?? [];
  const dns = san.filter((g) => g.type === 'dNSName') as Array<Extract<GeneralName, { type: 'dNSName' }>>;
  if (dns.length > 0) return dns.some((g) => hostMatches(g.value, host));
  return subjectValues(cert.subject, CN).some((cn) => hostMatches(cn, host));
}

/** Local part exact, domain case-insensitive (equal_email). */
function emailEqual(a: string, b: string): boolean {
  const ia = a.lastIndexOf('@');
  const ib = b.lastIndexOf('@');
  if (ia < 0 || ib < 0) return lower(a) === lower(b);
  return a.slice(0, ia) === b.slice(0, ib) && lower(a.slice(ia)) === lower(b.slice(ib));
}

export function checkEmail(cert: Certificate, email: string): boolean {
  const san = certInfo(cert).san ?? [];
  const emails = san.filter((g) => g.type === 'rfc822Name') as Array<Extract<GeneralName, { type: 'rfc822Name' }>>;
  if (emails.length > 0) return emails.some((g) => emailEqual(g.value, email));
  return subjectValues(cert.subject, EMAIL).some((v) => emailEqual(v, email));
}

/** Text to address bytes (a2i_IPADDRESS): dotted quad or IPv6 with `::`; undefined if invalid. */
export function parseIpAddress(text: string): Uint8Array | undefined {
  const v4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(text);
  if (v4) {
    const b = v4.slice(1).map(Number);
    return b.every((x) => x <= 255) ? Uint8Array.from(b) : undefined;
  }
  if (!text.includes(':')) return undefined;
  let head = text;
  let tail = '';
  const dbl = text.indexOf('::');
  if (dbl >= 0) {
    head = text.slice(0, dbl);
    tail = text.slice(dbl + 2);
    if (tail.includes('::')) return undefined;
  }
  const groups = (s: string): number[] | undefined => {
    if (s === '') return [];
    const out: number[] = [];
    const parts = s.split(':');
    for (let i = 0; i < parts.length; i++) {
      const p = parts[i];
      if (i === parts.length - 1 && p.includes('.')) {
        const v = parseIpAddress(p);
        if (!v || v.length !== 4) return undefined;
        out.push((v[0] << 8) | v[1], (v[2] << 8) | v[3]);
      } else {
        if (!/^[0-9a-fA-F]{1,4}$/.test(p)) return undefined;
        out.push(parseInt(p, 16));
      }
    }
    return out;
  };
  const h = groups(head);
  const t = groups(tail);
  if (!h || !t) return undefined;
  const fill = 8 - h.length - t.length;
  if (dbl >= 0 ? fill < 1 : fill !== 0) return undefined;
  const all = [...h, ...new Array<number>(dbl >= 0 ? fill : 0).fill(0), ...t];
  const out = new Uint8Array(16);
  all.forEach((g, i) => {
    out[2 * i] = g >> 8;
    out[2 * i + 1] = g & 0xff;
  });
  return out;
}

export function checkIp(cert: Certificate, ip: Uint8Array): boolean {
  const san = certInfo(cert).san ?? [];
  return san.some((g) => g.type === 'iPAddress' && Buffer.compare(g.bytes, ip) === 0);
}

// ---- Name constraints ----

type Candidate =
  | { type: 'directoryName'; name: Name }
  | { type: 'rfc822Name' | 'dNSName' | 'uniformResourceIdentifier'; value: string }
  | { type: 'iPAddress'; bytes: Uint8Array }
  | { type: 'other'; gn: GeneralName };

const ieq = (a: string, b: string): boolean => lower(a) === lower(b);

function ncDns(dns: string, base: string): number {
  if (base === '') return VErr.OK;
  let d = dns;
  if (d.length > base.length) {
    d = dns.slice(dns.length - base.length);
    if (base[0] !== '.' && dns[dns.length - base.length - 1] !== '.') return VErr.PERMITTED_VIOLATION;
  }
  return ieq(base, d) ? VErr.OK : VErr.PERMITTED_VIOLATION;
}

function ncEmail(eml: string, base: string): number {
  const emlAt = eml.indexOf('@');
  if (emlAt < 0) return VErr.UNSUPPORTED_NAME_SYNTAX;
  const baseAt = base.indexOf('@');
  if (baseAt < 0 && base[0] === '.') {
    if (eml.length > base.length && ieq(eml.slice(eml.length - base.length), base)) return VErr.OK;
    return VErr.PERMITTED_VIOLATION;
  }
  let host = base;
  if (baseAt >= 0) {
    if (baseAt !== 0 && base.slice(0, baseAt) !== eml.slice(0, emlAt)) return VErr.PERMITTED_VIOLATION;
    host = base.slice(baseAt + 1);
  }
  return ieq(host, eml.slice(emlAt + 1)) ? VErr.OK : VErr.PERMITTED_VIOLATION;
}

function ncUri(uri: string, base: string): number {
  const sep = uri.indexOf('://');
  if (sep < 0) return VErr.UNSUPPORTED_NAME_SYNTAX;
  const rest = uri.slice(sep + 3);
  const end = rest.search(/[:/]/);
  const host = end < 0 ? rest : rest.slice(0, end);
  if (host === '') return VErr.UNSUPPORTED_NAME_SYNTAX;
  if (base[0] === '.') {
    return host.length > base.length && ieq(host.slice(host.length - base.length), base) ? VErr.OK : VErr.PERMITTED_VIOLATION;
  }
  return ieq(host, base) ? VErr.OK : VErr.PERMITTED_VIOLATION;
}

function ncIp(ip: Uint8Array, base: Uint8Array): number {
  if (base.length !== 2 * ip.length) return VErr.PERMITTED_VIOLATION;
  for (let i = 0; i < ip.length; i++) {
    const m = base[ip.length + i];
    if ((ip[i] & m) !== (base[i] & m)) return VErr.PERMITTED_VIOLATION;
  }
  return VErr.OK;
}

function ncDn(nm: Name, base: Name): number {
  const b = canonicalName(base);
  const n = canonicalName(nm);
  if (b.length > n.length) return VErr.PERMITTED_VIOLATION;
  return Buffer.compare(Buffer.from(b), Buffer.from(n.subarray(0, b.length))) === 0 ? VErr.OK : VErr.PERMITTED_VIOLATION;
}

function matchSingle(c: Candidate, base: GeneralName): number {
  switch (c.type) {
    case 'directoryName':
      return base.type === 'directoryName' ? ncDn(c.name, base.name) : VErr.UNSUPPORTED_CONSTRAINT_TYPE;
    case 'dNSName':
      return base.type === 'dNSName' ? ncDns(c.value, base.value) : VErr.UNSUPPORTED_CONSTRAINT_TYPE;
    case 'rfc822Name':
      return base.type === 'rfc822Name' ? ncEmail(c.value, base.value) : VErr.UNSUPPORTED_CONSTRAINT_TYPE;
    case 'uniformResourceIdentifier':
      return base.type === 'uniformResourceIdentifier' ? ncUri(c.value, base.value) : VErr.UNSUPPORTED_CONSTRAINT_TYPE;
    case 'iPAddress':
      return base.type === 'iPAddress' ? ncIp(c.bytes, base.bytes) : VErr.UNSUPPORTED_CONSTRAINT_TYPE;
    default:
      return VErr.UNSUPPORTED_CONSTRAINT_TYPE;
  }
}

function typeOf(c: Candidate): string {
  return c.type === 'other' ? c.gn.type : c.type;
}

/** nc_match: at least one permitted subtree of the same type must match; no excluded one may. */
function ncMatch(c: Candidate, nc: NameConstraints): number {
  const t = typeOf(c);
  const same = (s: GeneralSubtree): boolean => s.base.type === t;
  let match = 0;
  for (const s of (nc.permitted ?? []).filter(same)) {
    if (s.minimum !== 0 || s.maximum !== undefined) return VErr.SUBTREE_MINMAX;
    if (match === 2) continue;
    if (match === 0) match = 1;
    const r = matchSingle(c, s.base);
    if (r === VErr.OK) match = 2;
    else if (r !== VErr.PERMITTED_VIOLATION) return r;
  }
  if (match === 1) return VErr.PERMITTED_VIOLATION;
  for (const s of (nc.excluded ?? []).filter(same)) {
    if (s.minimum !== 0 || s.maximum !== undefined) return VErr.SUBTREE_MINMAX;
    const r = matchSingle(c, s.base);
    if (r === VErr.OK) return VErr.EXCLUDED_VIOLATION;
    if (r !== VErr.PERMITTED_VIOLATION) return r;
  }
  return VErr.OK;
}

function candidateOf(g: GeneralName): Candidate {
  switch (g.type) {
    case 'directoryName': return { type: 'directoryName', name: g.name };
    case 'rfc822Name':
    case 'dNSName':
    case 'uniformResourceIdentifier': return { type: g.type, value: g.value };
    case 'iPAddress': return { type: 'iPAddress', bytes: g.bytes };
    default: return { type: 'other', gn: g };
  }
}

/** NAME_CONSTRAINTS_check: the subject DN, its emailAddress attributes, then every SAN entry. */
export function checkNameConstraints(cert: Certificate, nc: NameConstraints): number {
  if (cert.subject.entries.length > 0) {
    let r = ncMatch({ type: 'directoryName', name: cert.subject }, nc);
    if (r !== VErr.OK) return r;
    for (const e of cert.subject.entries.filter((x) => x.oid === EMAIL)) {
      if (e.tag !== Tag.IA5String) return VErr.UNSUPPORTED_NAME_SYNTAX;
      r = ncMatch({ type: 'rfc822Name', value: decodeNameValue(e) }, nc);
      if (r !== VErr.OK) return r;
    }
  }
  for (const g of certInfo(cert).san ?? []) {
    const r = ncMatch(candidateOf(g), nc);
    if (r !== VErr.OK) return r;
  }
  return VErr.OK;
}

/** cn2dnsid: a CN that looks like a DNS name (letters, digits, '-', '_', dots between labels, at least one dot). */
function cnAsDns(cn: string): string | undefined {
  const v = cn.replace(/\.$/, '');
  if (!/^(\*\.)?[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)+$/.test(v)) return undefined;
  if (v.split('.').some((l) => l.startsWith('-') || l.endsWith('-'))) return undefined;
  return v;
}

/** NAME_CONSTRAINTS_check_CN: CNs that look like host names checked as DNS names. */
export function checkNameConstraintsCn(cert: Certificate, nc: NameConstraints): number {
  for (const cn of subjectValues(cert.subject, CN)) {
    const dns = cnAsDns(cn);
    if (dns === undefined) continue;
    const r = ncMatch({ type: 'dNSName', value: dns }, nc);
    if (r !== VErr.OK) return r;
  }
  return VErr.OK;
}

export function hasDnsSan(cert: Certificate): boolean {
  return (certInfo(cert).san ?? []).some((g) => g.type === 'dNSName');
}
