// -WWW and -HTTP: `GET /path` serves ./path. The answers and texts are openssl's (www_body);
// unlike openssl, nothing outside the served directory is ever read: `..` components (also
// percent-encoded), absolute paths, drive letters and symbolic links that lead out are refused.
import * as fs from 'node:fs';
import * as path from 'node:path';

const TEXT_HEADER = 'HTTP/1.0 200 ok\r\nContent-type: text/plain\r\n\r\n';
const HTML_HEADER = 'HTTP/1.0 200 ok\r\nContent-type: text/html\r\n\r\n';

export type FileAnswer =
  /** Bytes to send, then close. `logged` is the path for the `FILE:` line. */
  | { readonly kind: 'reply'; readonly data: Buffer; readonly logged?: string }
  /** `GET /stats ` in -WWW mode: the -www page. */
  | { readonly kind: 'stats' }
  /** Not a request this mode answers: keep reading lines. */
  | { readonly kind: 'ignore' };

/** openssl's scan of the path: a `..` component (either slash) or a ':' anywhere before the space. */
function hasDotDot(p: string): boolean {
  let dot = 1;
  for (const ch of p) {
    if (ch === ':') return true;
    switch (dot) {
      case 1:
        dot = ch === '.' ? 2 : 0;
        break;
      case 2:
        dot = ch === '.' ? 3 : 0;
        break;
      case 3:
        dot = ch === '/' || ch === '\\' ? -1 : 0;
        break;
    }
    if (dot === -1) return true;
    if (dot === 0) dot = ch === '/' || ch === '\\' ? 1 : 0;
  }
  return dot === 3;
}

/** The same scan after percent-decoding, so `%2e%2e/` cannot climb either. */
function decodedHasDotDot(p: string): boolean {
  let decoded = p;
  for (let i = 0; i < 3 && /%[0-9a-fA-F]{2}/.test(decoded); i++) {
    decoded = decoded.replace(/%([0-9a-fA-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
  }
  return decoded !== p && (hasDotDot(decoded) || decoded.startsWith('/') || decoded.startsWith('\\'));
}

/** True when `p` (relative to `root`) resolves, symbolic links followed, to something inside `root`. */
function staysInside(root: string, p: string): boolean {
  try {
    const real = fs.realpathSync(path.resolve(root, p));
    const realRoot = fs.realpathSync(root);
    return real === realRoot || real.startsWith(realRoot + path.sep);
  } catch {
    // A missing file: its parent directories must stay inside (they may be links).
    const parent = path.dirname(path.resolve(root, p));
    try {
      const real = fs.realpathSync(parent);
      const realRoot = fs.realpathSync(root);
      return real === realRoot || real.startsWith(realRoot + path.sep);
    } catch {
      return true; // nothing exists there, so nothing can be read
    }
  }
}

/** OpenSSL's error text for a file it cannot open (ERR_print_errors of BIO_new_file). */
function openError(name: string, mode: string, tid: string): string {
  return (
    `Error opening '${name}' mode='${mode}'\r\n` +
    `${tid}:error:80000002:system library:BIO_new_file:No such file or directory:../crypto/bio/bss_file.c:67:calling fopen(${name}, ${mode})\n` +
    `${tid}:error:10000080:BIO routines:BIO_new_file:no such file:../crypto/bio/bss_file.c:75:\n`
  );
}

/**
 * Answers one request line (as BIO_gets returned it, newline included) in -WWW (`www` = 2)
 * or -HTTP (`www` = 3) mode, for files under `root`.
 */
export function answerFileRequest(line: string, mode: 'WWW' | 'HTTP', root: string, binmode: boolean, tid: string): FileAnswer {
  if (mode === 'WWW' && line.startsWith('GET /stats ')) return { kind: 'stats' };
  if (!line.startsWith('GET /')) return { kind: 'ignore' };
  const rest = line.slice(5);
  const space = rest.indexOf(' ');
  // openssl stops at the first space, a ':' or a `..` component.
  const upTo = space < 0 ? rest : rest.slice(0, space);
  if (hasDotDot(upTo) || decodedHasDotDot(upTo)) {
    return { kind: 'reply', data: Buffer.from(`${TEXT_HEADER}'${upTo}' contains '..' or ':'\r\n`, 'latin1') };
  }
  if (space < 0) return { kind: 'reply', data: Buffer.from(`${TEXT_HEADER}'${rest}' is an invalid file name\r\n`, 'latin1') };
  const name = upTo;
  if (name.startsWith('/') || name.startsWith('\\') || !staysInside(root, name)) {
    return { kind: 'reply', data: Buffer.from(`${TEXT_HEADER}'${name}' is an invalid path\r\n`, 'latin1') };
  }
  const full = path.resolve(root, name);
  let stat: fs.Stats | undefined;
  try {
    stat = fs.statSync(full);
  } catch {
    stat = undefined;
  }
  if (name !== '' && stat?.isDirectory()) return { kind: 'reply', data: Buffer.from(`${TEXT_HEADER}'${name}' is a directory\r\n`, 'latin1') };
  const opmode = binmode ? 'rb' : 'r';
  let body: Buffer;
  try {
    if (!stat || name === '') throw new Error('missing');
    body = fs.readFileSync(full);
  } catch {
    return { kind: 'reply', data: Buffer.from(TEXT_HEADER + openError(name, opmode, tid), 'latin1') };
  }
  if (mode === 'HTTP') return { kind: 'reply', data: body, logged: name };
  const html = (name.length > 5 && name.endsWith('.html')) || (name.length > 4 && (name.endsWith('.php') || name.endsWith('.htm')));
  return { kind: 'reply', data: Buffer.concat([Buffer.from(html ? HTML_HEADER : TEXT_HEADER, 'latin1'), body]), logged: name };
}
