/**
 * OpenSSL's canonical form of a Name, used to compare names (X509_NAME_cmp) and to compute
 * the subject hash of `openssl x509 -hash`, which names the files of a `-CApath`
 * directory (`openssl rehash`).
 *
 * The canonical encoding, as OpenSSL builds it (x_name.c, x509name canon):
 * - each string value of type UTF8String, BMPString, UniversalString, PrintableString,
 *   T61String (read as Latin-1), IA5String or VisibleString is converted to UTF-8, leading
 *   and trailing white space removed, inner runs of white space collapsed to one space and
 *   ASCII letters lower-cased, then re-tagged as UTF8String; other values stay as they are;
 * - each RDN is encoded as a SET OF AttributeTypeAndValue (DER: members sorted), and the
 *   RDN encodings are concatenated without the outer SEQUENCE. An empty Name is empty.
 * The hash is the first four bytes of the SHA-1 of that encoding, read little-endian.
 */
import { DerWriter, Tag, TagClass, encodeLength } from './der';
import type { Name, NameEntry } from './name';
import { utf8Putc } from './utf8';
import { x509Crypto } from './crypto';

const CANON_TAGS: ReadonlySet<number> = new Set([
  Tag.UTF8String, Tag.BMPString, Tag.UniversalString, Tag.PrintableString, Tag.T61String, Tag.IA5String, 26 /* VisibleString */,
]);

/** Code points of a string value in its own encoding. */
function codePoints(e: NameEntry): number[] {
  const d = e.data;
  const out: number[] = [];
  switch (e.tag) {
    case Tag.BMPString:
      for (let i = 0; i + 1 < d.length; i += 2) out.push((d[i] << 8) | d[i + 1]);
      return out;
    case Tag.UniversalString:
      for (let i = 0; i + 3 < d.length; i += 4) out.push(((d[i] << 24) | (d[i + 1] << 16) | (d[i + 2] << 8) | d[i + 3]) >>> 0);
      return out;
    case Tag.UTF8String:
      return [...Buffer.from(d).toString('utf8')].map((c) => c.codePointAt(0)!);
    default:
      return Array.from(d);
  }
}

/** OpenSSL's ossl_isspace: space, \t, \n, \v, \f, \r. */
function isSpace(b: number): boolean {
  return b === 0x20 || (b >= 0x09 && b <= 0x0d);
}

/** The canonical UTF-8 bytes of a string value (asn1_string_canon). */
export function canonicalValue(e: NameEntry): Uint8Array {
  const utf8: number[] = [];
  if (e.tag === Tag.UTF8String) utf8.push(...e.data);
  else for (const cp of codePoints(e)) utf8.push(...utf8Putc(cp));
  let start = 0;
  let end = utf8.length;
  while (start < end && utf8[start] < 0x80 && isSpace(utf8[start])) start++;
  while (end > start && utf8[end - 1] < 0x80 && isSpace(utf8[end - 1])) end--;
  const out: number[] = [];
  for (let i = start; i < end; ) {
    const b = utf8[i];
    if (b < 0x80 && isSpace(b)) {
      out.push(0x20);
      while (i < end && utf8[i] < 0x80 && isSpace(utf8[i])) i++;
      continue;
    }
    out.push(b >= 0x41 && b <= 0x5a ? b + 0x20 : b);
    i++;
  }
  return Uint8Array.from(out);
}

function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return a.length - b.length;
}

function encodeEntry(e: NameEntry): Uint8Array {
  const w = new DerWriter();
  w.sequence((s) => {
    s.oid(e.oid);
    if (e.tagClass === TagClass.universal && !e.constructed && CANON_TAGS.has(e.tag)) s.primitive(TagClass.universal, Tag.UTF8String, canonicalValue(e));
    else s.raw(e.valueDer);
  });
  return w.finish();
}

const cache = new WeakMap<Name, Uint8Array>();

/** The canonical encoding (see the file comment). Cached per Name object. */
export function canonicalName(name: Name): Uint8Array {
  const hit = cache.get(name);
  if (hit) return hit;
  const rdns = new Map<number, Uint8Array[]>();
  for (const e of name.entries) {
    const list = rdns.get(e.set) ?? [];
    list.push(encodeEntry(e));
    rdns.set(e.set, list);
  }
  const parts: Uint8Array[] = [];
  for (const set of [...rdns.keys()].sort((a, b) => a - b)) {
    const members = rdns.get(set)!.sort(compareBytes);
    const len = members.reduce((n, m) => n + m.length, 0);
    parts.push(Uint8Array.of(0x31), encodeLength(len), ...members);
  }
  const out = Buffer.concat(parts);
  cache.set(name, out);
  return out;
}

/** A string key for maps: names compare equal exactly when X509_NAME_cmp says so. */
export function nameKey(name: Name): string {
  return Buffer.from(canonicalName(name)).toString('latin1');
}

/** X509_NAME_cmp == 0. */
export function namesEqual(a: Name, b: Name): boolean {
  return nameKey(a) === nameKey(b);
}

/** `openssl x509 -hash`: X509_NAME_hash_ex, as an unsigned 32-bit number. */
export function subjectNameHash(name: Name): number {
  const h = x509Crypto().hash('sha1', canonicalName(name));
  return (h[0] | (h[1] << 8) | (h[2] << 16) | (h[3] << 24)) >>> 0;
}

/** The hash as `openssl rehash` spells it in file names (`%08x`). */
export function nameHashHex(name: Name): string {
  return subjectNameHash(name).toString(16).padStart(8, '0');
}
