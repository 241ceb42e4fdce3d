/**
 * Pass-phrase arguments as openssl's apps parse them (`-pass`, `-passin`, `-passout`;
 * see openssl-passphrase-options(1)):
 *
 *   pass:password   the password itself
 *   env:var         the value of environment variable `var`
 *   file:pathname   the first line of the file
 *   fd:number       the first line read from the file descriptor
 *   stdin           the first line of standard input
 *
 * A line is read up to 1023 octets and cut at the first '\n' (a '\r' is kept, as openssl
 * keeps it). When -passin and -passout name the same file, fd or stdin, the first line is
 * the input pass phrase and the second the output one.
 */
import { closeSync, openSync, readSync } from 'node:fs';

export class PassphraseError extends Error {
  override readonly name = 'PassphraseError';
}

/** Where lines come from; injectable so tests need no real descriptors. */
export interface PassphraseIo {
  env(name: string): string | undefined;
  /** Opens a line source for `file:`, `fd:` or `stdin`; returns undefined if it cannot. */
  open(kind: 'file' | 'fd' | 'stdin', target: string): LineSource | undefined;
}

export interface LineSource {
  /** The next line without its '\n', or undefined at end of input. */
  readLine(max: number): Uint8Array | undefined;
  close(): void;
}

const APP_PASS_LEN = 1024;
const PASS_SOURCE_SIZE_MAX = 5;

/** A line reader over a file descriptor, reading one octet at a time so nothing past the line is consumed. */
class FdLineSource implements LineSource {
  constructor(private readonly fd: number, private readonly owned: boolean) {}
  readLine(max: number): Uint8Array | undefined {
    const out: number[] = [];
    const b = Buffer.alloc(1);
    while (out.length < max - 1) {
      let n: number;
      try {
        n = readSync(this.fd, b, 0, 1, null);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'EAGAIN') continue;
        throw e;
      }
      if (n === 0) break;
      out.push(b[0]);
      if (b[0] === 0x0a) break;
    }
    if (out.length === 0) return undefined;
    const nl = out.indexOf(0x0a);
    return Uint8Array.from(nl >= 0 ? out.slice(0, nl) : out);
  }
  close(): void {
    if (this.owned) closeSync(this.fd);
  }
}

/** C atoi: optional whitespace and sign, then digits; anything else gives 0 (so `fd:abc` is fd 0). */
export function atoi(s: string): number {
  const m = /^[ \t\n\v\f\r]*([+-]?[0-9]+)/.exec(s);
  return m ? Number.parseInt(m[1], 10) : 0;
}

export const NODE_PASSPHRASE_IO: PassphraseIo = {
  env: (name) => process.env[name],
  open(kind, target) {
    try {
      if (kind === 'file') return new FdLineSource(openSync(target, 'r'), true);
      if (kind === 'stdin') return new FdLineSource(0, false);
      const fd = atoi(target);
      return fd < 0 ? undefined : new FdLineSource(fd, false);
    } catch {
      return undefined;
    }
  },
};

function sourceKind(arg: string): { kind: 'file' | 'fd' | 'stdin'; target: string } {
  if (arg.startsWith('file:')) return { kind: 'file', target: arg.slice(5) };
  if (arg.startsWith('fd:')) return { kind: 'fd', target: arg.slice(3) };
  if (arg === 'stdin') return { kind: 'stdin', target: '' };
  const colon = arg.indexOf(':');
  // Do not echo the whole argument: it may be a password typed without its "pass:" prefix.
  if (colon < 0 || colon > PASS_SOURCE_SIZE_MAX) {
    throw new PassphraseError(`Invalid password argument, missing ':' within the first ${PASS_SOURCE_SIZE_MAX} chars`);
  }
  throw new PassphraseError(`Invalid password argument, starting with "${arg.slice(0, colon + 1)}"`);
}

function readFrom(src: LineSource): Uint8Array {
  const line = src.readLine(APP_PASS_LEN);
  if (line === undefined) throw new PassphraseError('Error reading password from BIO');
  return line;
}

function openSource(arg: string, io: PassphraseIo): LineSource {
  const { kind, target } = sourceKind(arg);
  const src = io.open(kind, target);
  if (src === undefined) {
    throw new PassphraseError(kind === 'file' ? `Can't open file ${target}` : kind === 'fd' ? `Can't access file descriptor ${target}` : "Can't open BIO for stdin");
  }
  return src;
}

/** Resolves one pass-phrase argument (app_get_pass). */
export function getPassphrase(arg: string, io: PassphraseIo = NODE_PASSPHRASE_IO): Uint8Array {
  if (arg.startsWith('pass:')) return Buffer.from(arg.slice(5), 'utf8');
  if (arg.startsWith('env:')) {
    const v = io.env(arg.slice(4));
    if (v === undefined) throw new PassphraseError(`No environment variable ${arg.slice(4)}`);
    return Buffer.from(v, 'utf8');
  }
  const src = openSource(arg, io);
  try {
    return readFrom(src);
  } finally {
    src.close();
  }
}

/**
 * Resolves -passin and -passout together (app_passwd): when both name the same
 * non-literal source, one line is read for each from a single open source.
 */
export function getPassphrases(
  passin: string | undefined,
  passout: string | undefined,
  io: PassphraseIo = NODE_PASSPHRASE_IO,
): { passin?: Uint8Array; passout?: Uint8Array } {
  const literal = (a: string): boolean => a.startsWith('pass:') || a.startsWith('env:');
  if (passin !== undefined && passout !== undefined && passin === passout && !literal(passin)) {
    const src = openSource(passin, io);
    try {
      return { passin: readFrom(src), passout: readFrom(src) };
    } finally {
      src.close();
    }
  }
  return {
    passin: passin === undefined ? undefined : getPassphrase(passin, io),
    passout: passout === undefined ? undefined : getPassphrase(passout, io),
  };
}
