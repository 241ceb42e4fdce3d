/**
 * `-nameopt` option parsing, with the flag values and composition rules of OpenSSL 3.0
 * (ASN1_STRFLGS_* and XN_FLAG_*, see `man openssl-namedisplay-options`).
 *
 * Options are comma-separated, case-insensitive; a leading `-` clears an option, a
 * leading `+` (or nothing) sets it. Each option first clears its mask: the separator
 * and field-name options replace one another, and the composite options
 * (`compat`, `RFC2253`, `oneline`, `multiline`, `ca_default`) replace everything.
 */

export const StrFlag = {
  ESC_2253: 0x1,
  ESC_CTRL: 0x2,
  ESC_MSB: 0x4,
  ESC_QUOTE: 0x8,
  UTF8_CONVERT: 0x10,
  IGNORE_TYPE: 0x20,
  SHOW_TYPE: 0x40,
  DUMP_ALL: 0x80,
  DUMP_UNKNOWN: 0x100,
  DUMP_DER: 0x200,
  ESC_2254: 0x400,
} as const;

export const STRFLGS_RFC2253 =
  StrFlag.ESC_2253 | StrFlag.ESC_CTRL | StrFlag.ESC_MSB | StrFlag.UTF8_CONVERT | StrFlag.DUMP_UNKNOWN | StrFlag.DUMP_DER;

export const XnFlag = {
  COMPAT: 0,
  SEP_MASK: 0xf << 16,
  SEP_COMMA_PLUS: 1 << 16,
  SEP_CPLUS_SPC: 2 << 16,
  SEP_SPLUS_SPC: 3 << 16,
  SEP_MULTILINE: 4 << 16,
  DN_REV: 1 << 20,
  FN_MASK: 0x3 << 21,
  FN_SN: 0,
  FN_LN: 1 << 21,
  FN_OID: 2 << 21,
  FN_NONE: 3 << 21,
  SPC_EQ: 1 << 23,
  DUMP_UNKNOWN_FIELDS: 1 << 24,
  FN_ALIGN: 1 << 25,
} as const;

export const XN_FLAG_RFC2253 = STRFLGS_RFC2253 | XnFlag.SEP_COMMA_PLUS | XnFlag.DN_REV | XnFlag.FN_SN | XnFlag.DUMP_UNKNOWN_FIELDS;
export const XN_FLAG_ONELINE = STRFLGS_RFC2253 | StrFlag.ESC_QUOTE | XnFlag.SEP_CPLUS_SPC | XnFlag.SPC_EQ | XnFlag.FN_SN;
export const XN_FLAG_MULTILINE =
  StrFlag.ESC_CTRL | StrFlag.ESC_MSB | XnFlag.SEP_MULTILINE | XnFlag.SPC_EQ | XnFlag.FN_LN | XnFlag.FN_ALIGN;

const ALL = 0xffffffff;

/** name -> [flag, mask] */
const OPTIONS: ReadonlyMap<string, readonly [number, number]> = new Map([
  ['compat', [XnFlag.COMPAT, ALL]],
  ['esc_2253', [StrFlag.ESC_2253, 0]],
  ['esc_2254', [StrFlag.ESC_2254, 0]],
  ['esc_ctrl', [StrFlag.ESC_CTRL, 0]],
  ['esc_msb', [StrFlag.ESC_MSB, 0]],
  ['use_quote', [StrFlag.ESC_QUOTE, 0]],
  ['utf8', [StrFlag.UTF8_CONVERT, 0]],
  ['ignore_type', [StrFlag.IGNORE_TYPE, 0]],
  ['show_type', [StrFlag.SHOW_TYPE, 0]],
  ['dump_all', [StrFlag.DUMP_ALL, 0]],
  ['dump_nostr', [StrFlag.DUMP_UNKNOWN, 0]],
  ['dump_der', [StrFlag.DUMP_DER, 0]],
  ['sep_comma_plus', [XnFlag.SEP_COMMA_PLUS, XnFlag.SEP_MASK]],
  ['sep_comma_plus_space', [XnFlag.SEP_CPLUS_SPC, XnFlag.SEP_MASK]],
  ['sep_semi_plus_space', [XnFlag.SEP_SPLUS_SPC, XnFlag.SEP_MASK]],
  ['sep_multiline', [XnFlag.SEP_MULTILINE, XnFlag.SEP_MASK]],
  ['dn_rev', [XnFlag.DN_REV, 0]],
  ['nofname', [XnFlag.FN_NONE, XnFlag.FN_MASK]],
  ['sname', [XnFlag.FN_SN, XnFlag.FN_MASK]],
  ['lname', [XnFlag.FN_LN, XnFlag.FN_MASK]],
  ['align', [XnFlag.FN_ALIGN, 0]],
  ['oid', [XnFlag.FN_OID, XnFlag.FN_MASK]],
  ['space_eq', [XnFlag.SPC_EQ, 0]],
  ['dump_unknown', [XnFlag.DUMP_UNKNOWN_FIELDS, 0]],
  ['rfc2253', [XN_FLAG_RFC2253, ALL]],
  ['oneline', [XN_FLAG_ONELINE, ALL]],
  ['multiline', [XN_FLAG_MULTILINE, ALL]],
  ['ca_default', [XN_FLAG_MULTILINE, ALL]],
]);

export const NAMEOPT_NAMES: readonly string[] = [...OPTIONS.keys()].map((k) => (k === 'rfc2253' ? 'RFC2253' : k));

export class NameOptError extends Error {
  override readonly name = 'NameOptError';
}

/** The flags openssl 3.0 apps use when no -nameopt is given. */
export const DEFAULT_NAMEOPT = XN_FLAG_ONELINE;

/** Applies one option token (without its sign) to `flags`. */
function applyOption(flags: number, token: string, set: boolean): number {
  const entry = OPTIONS.get(token.toLowerCase());
  if (entry === undefined) throw new NameOptError(`Invalid name options: "${token}"`);
  const [flag, mask] = entry;
  let f = (flags & ~mask) >>> 0;
  f = set ? (f | flag) >>> 0 : (f & ~flag) >>> 0;
  return f;
}

/**
 * Applies one `-nameopt` argument to `flags` (start from 0 for the first one; a repeated
 * -nameopt continues from the previous result). When no separator is chosen and the
 * result is not exactly `compat`, `sep_comma_plus_space` is implied.
 */
export function applyNameOpt(flags: number, arg: string): number {
  let f = flags;
  for (const raw of arg.split(',')) {
    let token = raw;
    let set = true;
    if (token.startsWith('-')) {
      set = false;
      token = token.slice(1);
    } else if (token.startsWith('+')) {
      token = token.slice(1);
    }
    f = applyOption(f, token, set);
  }
  if (f !== XnFlag.COMPAT && (f & XnFlag.SEP_MASK) === 0) f = (f | XnFlag.SEP_CPLUS_SPC) >>> 0;
  return f;
}

/** Flags for a list of -nameopt arguments as given on the command line (empty: the default). */
export function parseNameOpts(args: readonly string[]): number {
  if (args.length === 0) return DEFAULT_NAMEOPT;
  return args.reduce((f, a) => applyNameOpt(f, a), 0);
}
