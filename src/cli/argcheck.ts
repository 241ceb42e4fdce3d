/**
 * Checks of option arguments by type, done while parsing, with openssl's messages.
 * Each returns the error lines openssl prints (without the final "Use -help" line), or
 * an empty array when the argument is acceptable. Meaning (e.g. which number a string
 * becomes) is left to later layers: s_server itself re-reads some numbers with atoi().
 */
import { statSync } from 'node:fs';
import type { ArgType } from './flags';
import { PROG } from './help';

const INT_MIN = -(2n ** 31n);
const INT_MAX = 2n ** 31n - 1n;
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/**
 * What C's strtol/strtoimax with base 0 accept as a whole string: leading isspace(),
 * a sign, then hex (0x…), octal (0…) or decimal digits, and nothing after them.
 * Returns undefined where they fail or overflow 64 bits (ERANGE).
 */
export function parseCInteger(text: string): bigint | undefined {
  const m = /^[ \t\n\v\f\r]*([+-]?)(?:0[xX]([0-9a-fA-F]+)|0([0-7]*)|([1-9][0-9]*))$/.exec(text);
  if (m === null) return undefined;
  const [, sign, hex, octal, decimal] = m;
  const magnitude =
    hex !== undefined
      ? BigInt(`0x${hex}`)
      : octal !== undefined
        ? BigInt(`0o${octal || '0'}`)
        : BigInt(decimal as string);
  const value = sign === '-' ? -magnitude : magnitude;
  return value < INT64_MIN || value > INT64_MAX ? undefined : value;
}

/** openssl names the base it guessed from the first characters of the raw text. */
function cantParse(text: string): string {
  const base = !text.startsWith('0')
    ? 'a number'
    : /^0[xX]/.test(text)
      ? 'a hexadecimal number'
      : 'an octal number';
  return `${PROG}: Can't parse "${text}" as ${base}`;
}

function checkNumber(type: '+int' | 'int' | 'intmax', text: string, flag: string): string[] {
  const value = parseCInteger(text);
  if (value === undefined) return [cantParse(text)];
  if (type === 'intmax') return [];
  if (value < INT_MIN || value > INT_MAX) return [`${PROG}: Value "${text}" outside integer range`];
  if (type === '+int' && value <= 0n) {
    return [`${PROG}: Non-positive number "${text}" for option -${flag}`];
  }
  return [];
}

/** File formats openssl recognises by name. */
type Format = 'PEM' | 'DER' | 'PKCS12' | 'PVK' | 'ENGINE' | 'MSBLOB' | 'SMIME' | 'NSS' | 'TEXT' | 'HTTP';

/**
 * openssl goes by the first letter for most formats ("dxyz" is DER) but wants whole words
 * after 'p' and 'n'. 'n' not followed by "ss" is its own failure: it prints the list.
 */
function formatByName(text: string): Format | 'unknown' | 'unknown-n' {
  const exact: Record<string, Format> = {
    p: 'PEM', P: 'PEM', pem: 'PEM', PEM: 'PEM', pvk: 'PVK', PVK: 'PVK',
    p12: 'PKCS12', P12: 'PKCS12', pkcs12: 'PKCS12', PKCS12: 'PKCS12',
  };
  const byFirst: Record<string, Format> = {
    d: 'DER', e: 'ENGINE', h: 'HTTP', m: 'MSBLOB', s: 'SMIME', t: 'TEXT', '1': 'PKCS12',
  };
  const first = text.charAt(0).toLowerCase();
  if (first === 'p') return exact[text] ?? 'unknown';
  if (first === 'n') return text === 'nss' || text === 'NSS' ? 'NSS' : 'unknown-n';
  return byFirst[first] ?? 'unknown';
}

const FORMAT_LIST = ['PEM/DER', 'pkcs12', 'smime', 'engine', 'msblob', 'nss', 'text', 'http', 'pvk'];

function checkFormat(type: 'PEM|DER' | 'format', text: string, flag: string): string[] {
  const format = formatByName(text);
  const allowed =
    type === 'format'
      ? format !== 'unknown' && format !== 'unknown-n'
      : format === 'PEM' || format === 'DER';
  if (allowed) return [];
  return [...badFormat(type, format, text), `${PROG}: Invalid format "${text}" for option -${flag}`];
}

/** openssl says why only for names it recognised (or the 'n' case). */
function badFormat(type: 'PEM|DER' | 'format', format: ReturnType<typeof formatByName>, text: string): string[] {
  if (format === 'unknown') return [`${PROG}: Bad format "${text}"`];
  if (type === 'PEM|DER') return [`${PROG}: Bad format "${text}"; must be pem or der`];
  return [`${PROG}: Bad format "${text}"; must be one of:`, ...FORMAT_LIST.map((f) => `   ${f}`)];
}

function checkDirectory(text: string): string[] {
  // openssl stat()s the path right away (following links); files are opened only later.
  return isDirectory(text) ? [] : [`${PROG}: Not a directory: ${text}`];
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false; // missing, unreadable parent, a file in the middle of the path …
  }
}

/** Error lines for `value` given to flag `-flag` of type `type`; [] when it is acceptable. */
export function checkArgument(type: ArgType, value: string, flag: string): string[] {
  switch (type) {
    case '+int':
    case 'int':
    case 'intmax':
      return checkNumber(type, value, flag);
    case 'PEM|DER':
    case 'format':
      return checkFormat(type, value, flag);
    case 'dir':
      return checkDirectory(value);
    case 'none':
    case 'val':
    case 'infile':
    case 'outfile':
    case 'uri':
      return [];
  }
}
