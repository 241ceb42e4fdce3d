// Runs the real `openssl s_server` and ts-s-server with the same flags, drives each with the
// same `openssl s_client` session, and masks what differs from run to run (random values,
// ports, times, hex dumps of random or ticket bytes), so their output can be compared.
import { spawn } from 'node:child_process';

import { RunningServer, startServer } from './server';

export interface Step {
  /** Bytes for s_client's stdin. */
  readonly client?: string;
  /** Bytes for the server's stdin. */
  readonly server?: string;
  /** Then wait until the server's stdout (or stderr) matches. */
  readonly until?: RegExp;
  readonly untilStderr?: RegExp;
  /** Close s_client's stdin after this step. */
  readonly endClient?: boolean;
}

export interface SessionResult {
  readonly stdout: string;
  readonly stderr: string;
  readonly client: string;
  readonly server: RunningServer;
}

function waitUntil(get: () => string, re: RegExp, what: string, timeoutMs = 20000): Promise<void> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const tick = () => {
      if (re.test(get())) return resolve();
      if (Date.now() - started > timeoutMs) return reject(new Error(`timed out waiting for ${re} in ${what}:\n${get()}`));
      setTimeout(tick, 10);
    };
    tick();
  });
}

/** One s_client session against a fresh server; the server is killed at the end unless `keep`. */
export async function runSession(
  kind: 'openssl' | 'ts',
  serverArgs: string[],
  clientArgs: string[],
  steps: Step[],
  opts: { cwd?: string; keep?: boolean; noAccept?: boolean } = {},
): Promise<SessionResult> {
  const server = await startServer(serverArgs, { openssl: kind === 'openssl', cwd: opts.cwd, noAccept: opts.noAccept });
  let errText = '';
  server.proc.stderr.on('data', (d: Buffer) => (errText += d.toString('latin1')));
  const client = spawn('openssl', ['s_client', '-connect', `127.0.0.1:${server.port}`, ...clientArgs]);
  let cout = '';
  client.stdout.on('data', (d: Buffer) => (cout += d.toString('latin1')));
  client.stderr.on('data', () => undefined);
  client.stdin.on('error', () => undefined);
  const clientExit = new Promise<void>((r) => client.on('close', () => r()));
  try {
    for (const step of steps) {
      if (step.client !== undefined) client.stdin.write(step.client);
      if (step.server !== undefined) server.proc.stdin.write(step.server);
      if (step.endClient) client.stdin.end();
      if (step.until) await waitUntil(() => server.stdout(), step.until, `${kind} stdout`);
      if (step.untilStderr) await waitUntil(() => errText, step.untilStderr, `${kind} stderr`);
    }
  } finally {
    client.stdin.end();
    const t = setTimeout(() => client.kill('SIGKILL'), 10000);
    await clientExit;
    clearTimeout(t);
    if (!opts.keep) await server.kill();
  }
  return { stdout: server.stdout(), stderr: errText, client: cout, server };
}

/** Masks what legitimately differs between two runs (and between openssl and us). */
export function mask(text: string, port?: number): string {
  let t = text;
  if (port !== undefined) t = t.split(String(port)).join('PORT');
  t = t.replace(/-----BEGIN SSL SESSION PARAMETERS-----\n[\s\S]*?-----END SSL SESSION PARAMETERS-----\n/g, '<SESSION PEM>\n');
  // -msg hex lines and -debug/-tlsextdebug dumps
  t = t.replace(/(?:^ {3}(?: [0-9a-f]{2})+\n)+/gm, '    <hex>\n');
  t = t.replace(/(?:^[0-9a-f]{4} - [0-9a-f -]{48}  .*\n)+/gm, '<dump>\n');
  t = t.replace(/\[length [0-9a-f]{4}\], NewSessionTicket/g, '[length NNNN], NewSessionTicket');
  t = t.replace(/(read from|write to) 0x[0-9a-f]+ \[0x[0-9a-f]+\] \((\d+) bytes => \d+ \(0x[0-9A-F]+\)\)/g, '$1 BIO [BUF] (N bytes)');
  t = t.replace(/^(\s*(?:Session-ID|Resumption PSK): )[0-9A-F]+$/gm, '$1<hex>');
  t = t.replace(/^(\s*Start Time: )\d+$/gm, '$1<time>');
  t = t.replace(/^[0-9A-F]{16}:error:/gm, '<tid>:error:');
  return t;
}

/** The -www page out of s_client's output. */
export function pageOf(clientOut: string): string {
  const start = clientOut.indexOf('HTTP/1.0 200 ok');
  const end = clientOut.indexOf('</HTML>\r\n\r\n');
  return start < 0 ? '' : clientOut.slice(start, end < 0 ? undefined : end + 11);
}
