/**
 * Printing X.509 Names the way openssl 3.0 does for `-nameopt` (X509_NAME_print_ex) and
 * for `compat` (X509_NAME_oneline). Output is bytes, not text: with some options openssl
 * writes raw octets that are not valid UTF-8, and we must match it byte for byte.
 *
 * The escaping rules are those of RFC 2253 section 2.4 (`esc_2253`), RFC 2254 section 4
 * (`esc_2254`), RFC 1779 quoting (`use_quote`), plus control-character and
 * high-bit escapes, as described in openssl-namedisplay-options(1).
 */
import { Name, NameEntry } from './name';
import { Tag } from './der';
import { longName, oidInfo, shortName } from './oids';
import { StrFlag, XnFlag } from './nameopt';
import { utf8Getc, utf8Putc } from './utf8';

const ESC_FLAGS = StrFlag.ESC_2253 | StrFlag.ESC_2254 | StrFlag.ESC_QUOTE | StrFlag.ESC_CTRL | StrFlag.ESC_MSB;

// Per-character classes. Bits shared with StrFlag mean "escaped when that flag is on";
// FIRST/LAST mean "escaped (RFC 2253) when first/last character of the value".
const C_2253 = StrFlag.ESC_2253;
const C_CTRL = StrFlag.ESC_CTRL;
const C_QUOTABLE = StrFlag.ESC_QUOTE;
const C_2254 = StrFlag.ESC_2254;
const C_FIRST = 0x20;
const C_LAST = 0x40;
const BS_ESC = C_2253 | C_FIRST | C_LAST;

function charClass(c: number): number {
  let t = c < 0x20 || c === 0x7f ? C_CTRL : 0;
  switch (String.fromCharCode(c)) {
    case ' ':
      t |= C_QUOTABLE | C_FIRST | C_LAST;
      break;
    case '#':
      t |= C_QUOTABLE | C_FIRST;
      break;
    case ',': case '+': case '<': case '>': case ';':
      t |= C_QUOTABLE | C_2253;
      break;
    case '"':
      t |= C_2253;
      break;
    case '\\':
      t |= C_2253 | C_2254;
      break;
    case '(': case ')': case '*': case '\0':
      t |= C_2254;
      break;
  }
  return t;
}

const CHAR_CLASS: readonly number[] = Array.from({ length: 128 }, (_, c) => charClass(c));

/** Collects output bytes; `quotes` records that RFC 1779 quoting was needed. */
class Out {
  readonly bytes: number[] = [];
  quotes = false;
  ascii(s: string): void {
    for (let i = 0; i < s.length; i++) this.bytes.push(s.charCodeAt(i) & 0xff);
  }
  push(b: number): void {
    this.bytes.push(b);
  }
}

class InvalidValue extends Error {}

const hex = (n: number, width: number): string => n.toString(16).toUpperCase().padStart(width, '0');

/** One character, escaped as the flags ask. */
function escChar(out: Out, c: number, flags: number): void {
  if (c > 0xffff) return out.ascii(`\\W${hex(c, 8)}`);
  if (c > 0xff) return out.ascii(`\\U${hex(c, 4)}`);
  const cls = c > 0x7f ? flags & StrFlag.ESC_MSB : CHAR_CLASS[c] & flags;
  if (cls & BS_ESC) {
    // With use_quote, characters that quoting protects are written bare and the value quoted.
    if (cls & StrFlag.ESC_QUOTE) {
      out.quotes = true;
      return out.push(c);
    }
    out.push(0x5c);
    return out.push(c);
  }
  if (cls & (StrFlag.ESC_CTRL | StrFlag.ESC_MSB | StrFlag.ESC_2254)) return out.ascii(`\\${hex(c, 2)}`);
  // Any escaping at all means the escape character itself must be escaped.
  if (c === 0x5c && flags & ESC_FLAGS) return out.ascii('\\\\');
  out.push(c);
}

/** Character width by universal tag: 0 = UTF-8, 1/2/4 octets, -1 = not a string (dump). */
function tagWidth(tag: number): number {
  switch (tag) {
    case Tag.UTF8String:
      return 0;
    case Tag.NumericString: case Tag.PrintableString: case Tag.T61String: case Tag.IA5String:
    case Tag.UTCTime: case Tag.GeneralizedTime: case Tag.VisibleString:
      return 1;
    case Tag.UniversalString:
      return 4;
    case Tag.BMPString:
      return 2;
    default:
      return -1;
  }
}

/** Decodes `data` as characters of `width` and escapes each (the value without quotes). */
function writeChars(out: Out, data: Uint8Array, width: number, toUtf8: boolean, flags: number): void {
  if ((width === 4 && data.length % 4) || (width === 2 && data.length % 2)) throw new InvalidValue('bad string length');
  let p = 0;
  while (p < data.length) {
    const first = p === 0;
    let c: number;
    if (width === 4) c = ((data[p] << 24) | (data[p + 1] << 16) | (data[p + 2] << 8) | data[p + 3]) >>> 0;
    else if (width === 2) c = (data[p] << 8) | data[p + 1];
    else if (width === 1) c = data[p];
    else {
      const [v, n] = utf8Getc(data, p);
      if (v < 0) throw new InvalidValue('invalid UTF-8');
      c = v;
      p += n - 1;
    }
    p += width === 0 ? 1 : width;
    // RFC 2253 2.4: a leading '#' or ' ' and a trailing ' ' are escaped. For a
    // one-character value only the trailing rule applies, as in openssl.
    let pos = first && flags & StrFlag.ESC_2253 ? C_FIRST : 0;
    if (p === data.length && flags & StrFlag.ESC_2253) pos = C_LAST;
    if (toUtf8) for (const b of utf8Putc(c)) escChar(out, b, flags | pos);
    else escChar(out, c, flags | pos);
  }
}

const TAG_NAMES = [
  'EOC', 'BOOLEAN', 'INTEGER', 'BIT STRING', 'OCTET STRING', 'NULL', 'OBJECT', 'OBJECT DESCRIPTOR', 'EXTERNAL', 'REAL',
  'ENUMERATED', '<ASN1 11>', 'UTF8STRING', '<ASN1 13>', '<ASN1 14>', '<ASN1 15>', 'SEQUENCE', 'SET', 'NUMERICSTRING',
  'PRINTABLESTRING', 'T61STRING', 'VIDEOTEXSTRING', 'IA5STRING', 'UTCTIME', 'GENERALIZEDTIME', 'GRAPHICSTRING',
  'VISIBLESTRING', 'GENERALSTRING', 'UNIVERSALSTRING', '<ASN1 29>', 'BMPSTRING',
];

/** ASN1_tag2str. */
export function tagName(tag: number): string {
  return tag >= 0 && tag <= 30 ? TAG_NAMES[tag] : '(unknown)';
}

/** RFC 2253 2.4: "#" then the hex of the value's octets (or of its whole DER with dump_der). */
function dumpValue(out: Out, entry: NameEntry, lflags: number): void {
  out.ascii('#');
  const bytes = lflags & StrFlag.DUMP_DER ? entry.valueDer : entry.data;
  for (const b of bytes) out.ascii(hex(b, 2));
}

/** One attribute value (do_print_ex). */
function printValue(out: Out, entry: NameEntry, lflags: number): void {
  const flags = lflags & ESC_FLAGS;
  const tag = entry.tagClass === 0 ? entry.tag : -1;
  if (lflags & StrFlag.SHOW_TYPE) out.ascii(`${tagName(tag)}:`);
  let width: number;
  if (lflags & StrFlag.DUMP_ALL) width = -1;
  else if (lflags & StrFlag.IGNORE_TYPE) width = 1;
  else {
    width = tag > 0 && tag < 31 ? tagWidth(tag) : -1;
    if (width === -1 && !(lflags & StrFlag.DUMP_UNKNOWN)) width = 1;
  }
  if (width === -1) return dumpValue(out, entry, lflags);
  let toUtf8 = false;
  if (lflags & StrFlag.UTF8_CONVERT) {
    // A UTF8String converted to UTF-8 is passed through one octet at a time.
    if (width === 0) width = 1;
    else toUtf8 = true;
  }
  const value = new Out();
  writeChars(value, entry.data, width, toUtf8, flags);
  if (value.quotes) out.push(0x22);
  for (const b of value.bytes) out.push(b);
  if (value.quotes) out.push(0x22);
}

function fieldName(entry: NameEntry, fnOpt: number): { text: string; width: number } {
  const known = oidInfo(entry.oid) !== undefined;
  if (fnOpt === XnFlag.FN_OID || !known) return { text: entry.oid, width: 0 };
  if (fnOpt === XnFlag.FN_SN) return { text: shortName(entry.oid), width: 10 };
  return { text: longName(entry.oid), width: 25 };
}

interface Separators {
  dn: string;
  mv: string;
  indentAfterDn: boolean;
}

function separators(flags: number): Separators | undefined {
  switch (flags & XnFlag.SEP_MASK) {
    case XnFlag.SEP_MULTILINE:
      return { dn: '\n', mv: ' + ', indentAfterDn: true };
    case XnFlag.SEP_COMMA_PLUS:
      return { dn: ',', mv: '+', indentAfterDn: false };
    case XnFlag.SEP_CPLUS_SPC:
      return { dn: ', ', mv: ' + ', indentAfterDn: false };
    case XnFlag.SEP_SPLUS_SPC:
      return { dn: '; ', mv: ' + ', indentAfterDn: false };
    default:
      return undefined;
  }
}

export interface NamePrintResult {
  readonly bytes: Buffer;
  /** False when openssl would stop part-way (an undecodable value); `bytes` is what it wrote. */
  readonly ok: boolean;
}

/** X509_NAME_print_ex with flags other than compat. */
export function printNameEx(name: Name, indent: number, flags: number): NamePrintResult {
  const out = new Out();
  const seps = separators(flags);
  if (seps === undefined) return { bytes: Buffer.alloc(0), ok: false };
  const ind = Math.max(indent, 0);
  out.ascii(' '.repeat(ind));
  const eq = flags & XnFlag.SPC_EQ ? ' = ' : '=';
  const fnOpt = flags & XnFlag.FN_MASK;
  const n = name.entries.length;
  let prev = -1;
  for (let i = 0; i < n; i++) {
    const entry = name.entries[flags & XnFlag.DN_REV ? n - i - 1 : i];
    if (prev !== -1) {
      if (prev === entry.set) out.ascii(seps.mv);
      else {
        out.ascii(seps.dn);
        if (seps.indentAfterDn) out.ascii(' '.repeat(ind));
      }
    }
    prev = entry.set;
    if (fnOpt !== XnFlag.FN_NONE) {
      const fn = fieldName(entry, fnOpt);
      out.ascii(fn.text);
      if (flags & XnFlag.FN_ALIGN && fn.text.length < fn.width) out.ascii(' '.repeat(fn.width - fn.text.length));
      out.ascii(eq);
    }
    // Unknown attribute types are dumped in hex when dump_unknown is set.
    const orFlags = oidInfo(entry.oid) === undefined && flags & XnFlag.DUMP_UNKNOWN_FIELDS ? StrFlag.DUMP_ALL : 0;
    try {
      printValue(out, entry, flags | orFlags);
    } catch (e) {
      if (e instanceof InvalidValue) return { bytes: Buffer.from(out.bytes), ok: false };
      throw e;
    }
  }
  return { bytes: Buffer.from(out.bytes), ok: true };
}

/** X509_NAME_oneline: `/C=US/O=Org/CN=name`, non-printable octets as \xHH. */
export function nameOneline(name: Name): Buffer {
  const out = new Out();
  let prevSet = -1;
  for (const e of name.entries) {
    // Members of a multi-valued RDN are joined with '+'; '/' and '+' in values are escaped.
    out.ascii(`${e.set === prevSet ? '+' : '/'}${shortName(e.oid)}=`);
    prevSet = e.set;
    const q = e.data;
    // A GeneralString whose octets look like UCS-4 with three zero octets per character
    // prints only the low octet of each.
    let keep = [true, true, true, true];
    if (e.tag === Tag.GeneralString && q.length % 4 === 0) {
      const nz = [false, false, false, false];
      q.forEach((b, j) => {
        if (b !== 0) nz[j & 3] = true;
      });
      keep = nz[0] || nz[1] || nz[2] ? [true, true, true, true] : [false, false, false, true];
    }
    q.forEach((b, j) => {
      if (!keep[j & 3]) return;
      if (b < 0x20 || b > 0x7e) out.ascii(`\\x${hex(b, 2)}`);
      else if (b === 0x2f || b === 0x2b) out.ascii(`\\${String.fromCharCode(b)}`);
      else out.push(b);
    });
  }
  return Buffer.from(out.bytes);
}

/**
 * X509_NAME_print, used by X509_NAME_print_ex when the flags are exactly `compat` (as in
 * `openssl x509 -text -nameopt compat`): the X509_NAME_oneline text without its first
 * '/', each later "/XX=" or "/X=" (one or two upper-case letters then '=') turned into ", ".
 */
export function nameCompatPrint(name: Name): Buffer {
  const b = nameOneline(name);
  if (b.length === 0) return b;
  const s = b.subarray(1);
  const out: number[] = [];
  const upper = (c: number | undefined): boolean => c !== undefined && c >= 0x41 && c <= 0x5a;
  let start = 0;
  for (let i = 0; i <= s.length; i++) {
    const boundary = i === s.length || (s[i] === 0x2f && upper(s[i + 1]) && (s[i + 2] === 0x3d || (upper(s[i + 2]) && s[i + 3] === 0x3d)));
    if (!boundary) continue;
    out.push(...s.subarray(start, i));
    start = i + 1;
    if (i < s.length) out.push(0x2c, 0x20);
  }
  return Buffer.from(out);
}

/**
 * A name the way `openssl x509 -subject`/`-issuer` prints it (apps' print_name):
 * the title, then the name with the flags, then a newline. Multiline starts on a new
 * line with a four-space indent; exactly `compat` uses X509_NAME_oneline.
 */
export function printNameLine(title: string, name: Name, flags: number): Buffer {
  if (flags === XnFlag.COMPAT) return Buffer.concat([Buffer.from(title, 'latin1'), nameOneline(name), Buffer.from('\n')]);
  const multiline = (flags & XnFlag.SEP_MASK) === XnFlag.SEP_MULTILINE;
  const head = Buffer.from(title + (multiline ? '\n' : ''), 'latin1');
  return Buffer.concat([head, printNameEx(name, multiline ? 4 : 0, flags).bytes, Buffer.from('\n')]);
}
