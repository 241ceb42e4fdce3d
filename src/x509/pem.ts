/**
 * PEM (RFC 7468 textual encoding, with the RFC 1421 headers that OpenSSL's
 * traditional encrypted keys use: `Proc-Type` and `DEK-Info`).
 *
 * A file may hold several blocks with any labels; text between blocks is ignored,
 * as openssl does. Inside a block the base64 is strict (RFC 4648 alphabet, padding only
 * at the end, no stray characters); any fault is a PemError naming the line.
 */

export class PemError extends Error {
  override readonly name = 'PemError';
}

export interface PemBlock {
  readonly label: string;
  /** RFC 1421 4.6 encapsulated header fields, in order (e.g. Proc-Type, DEK-Info). */
  readonly headers: ReadonlyArray<readonly [string, string]>;
  readonly der: Uint8Array;
}

const BEGIN = /^-----BEGIN ([^-\s](?:[^-]*[^-\s])?)-----\s*$/;
const END = /^-----END (.*)-----\s*$/;
const B64_LINE = /^[A-Za-z0-9+/]*={0,2}$/;

export function header(block: PemBlock, name: string): string | undefined {
  const lower = name.toLowerCase();
  return block.headers.find(([k]) => k.toLowerCase() === lower)?.[1];
}

/** Decodes strict base64 (RFC 4648 section 4): length a multiple of 4, padding only at the end. */
export function decodeBase64Strict(text: string, where = 'base64'): Uint8Array {
  if (text.length % 4 !== 0) throw new PemError(`${where}: length ${text.length} is not a multiple of 4`);
  const pad = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  const body = text.slice(0, text.length - pad);
  const bad = body.search(/[^A-Za-z0-9+/]/);
  if (bad >= 0) throw new PemError(`${where}: invalid base64 character ${JSON.stringify(body[bad])} at position ${bad}`);
  const out = Buffer.from(text, 'base64');
  // RFC 4648 3.5: the pad bits of the last quantum must be zero in canonical encoding.
  if (Buffer.from(out).toString('base64') !== text) throw new PemError(`${where}: non-canonical base64 (non-zero padding bits)`);
  return new Uint8Array(out.buffer, out.byteOffset, out.length);
}

export function encodeBase64Lines(der: Uint8Array, width = 64): string[] {
  const b64 = Buffer.from(der).toString('base64');
  const lines: string[] = [];
  for (let i = 0; i < b64.length; i += width) lines.push(b64.slice(i, i + width));
  return lines;
}

/** Parses every PEM block in `text`. */
export function parsePem(input: string | Uint8Array): PemBlock[] {
  const text = typeof input === 'string' ? input : Buffer.from(input).toString('latin1');
  const lines = text.split(/\r?\n/);
  const blocks: PemBlock[] = [];
  for (let i = 0; i < lines.length; i++) {
    const m = BEGIN.exec(lines[i]);
    if (!m) continue;
    const { block, next } = parseBlock(lines, i, m[1]);
    blocks.push(block);
    i = next;
  }
  return blocks;
}

/** Blocks with one of the given labels, in file order. */
export function pemBlocks(input: string | Uint8Array, ...labels: string[]): PemBlock[] {
  return parsePem(input).filter((b) => labels.includes(b.label));
}

function parseBlock(lines: string[], beginLine: number, label: string): { block: PemBlock; next: number } {
  const where = (n: number): string => `PEM ${label} line ${n + 1}`;
  let i = beginLine + 1;
  const headers: Array<[string, string]> = [];
  // RFC 1421 4.4: header fields, continuation lines start with whitespace, then a blank line.
  if (i < lines.length && /^[A-Za-z0-9-]+:/.test(lines[i])) {
    while (i < lines.length && lines[i].trim() !== '') {
      const line = lines[i];
      if (line.startsWith('-----')) throw new PemError(`${where(i)}: missing blank line after headers`);
      if (/^\s/.test(line) && headers.length > 0) {
        headers[headers.length - 1][1] += line.trim();
      } else {
        const colon = line.indexOf(':');
        if (colon <= 0) throw new PemError(`${where(i)}: malformed header line`);
        headers.push([line.slice(0, colon).trim(), line.slice(colon + 1).trim()]);
      }
      i++;
    }
    if (i >= lines.length) throw new PemError(`${where(i - 1)}: missing blank line after headers`);
    i++;
  }
  let b64 = '';
  let sawPadding = false;
  for (; i < lines.length; i++) {
    const line = lines[i].trim();
    const end = END.exec(line);
    if (end) {
      if (end[1] !== label) throw new PemError(`${where(i)}: END label "${end[1]}" does not match BEGIN label "${label}"`);
      return { block: { label, headers, der: decodeBase64Strict(b64, `PEM ${label}`) }, next: i };
    }
    if (line.startsWith('-----')) throw new PemError(`${where(i)}: unexpected boundary line inside block`);
    if (line === '') continue;
    if (!B64_LINE.test(line)) {
      const bad = line.search(/[^A-Za-z0-9+/=]/);
      throw new PemError(`${where(i)}: invalid base64 character ${JSON.stringify(line[bad >= 0 ? bad : line.indexOf('=')])}`);
    }
    if (sawPadding) throw new PemError(`${where(i)}: base64 data after padding`);
    if (line.includes('=')) sawPadding = true;
    b64 += line;
  }
  throw new PemError(`PEM ${label}: missing "-----END ${label}-----"`);
}

/** Writes one PEM block the way openssl does (64-column lines, headers then a blank line). */
export function encodePem(label: string, der: Uint8Array, headers: ReadonlyArray<readonly [string, string]> = []): string {
  const head = headers.length ? headers.map(([k, v]) => `${k}: ${v}\n`).join('') + '\n' : '';
  return `-----BEGIN ${label}-----\n${head}${encodeBase64Lines(der).join('\n')}\n-----END ${label}-----\n`;
}

/** True when the input looks like PEM rather than DER. */
export function looksLikePem(input: Uint8Array | string): boolean {
  const text = typeof input === 'string' ? input : Buffer.from(input.subarray(0, 65536)).toString('latin1');
  return text.includes('-----BEGIN ');
}
