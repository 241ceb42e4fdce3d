// Starting ts-s-server (or openssl s_server) as a child process on 127.0.0.1 and a free port,
// waiting for "ACCEPT", and always killing it.
import { ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import * as net from 'node:net';

import { BIN } from './paths';

/** A port that was free a moment ago on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

export interface RunningServer {
  readonly port: number;
  readonly proc: ChildProcessWithoutNullStreams;
  stdout(): string;
  stderr(): string;
  /** Resolves when stdout matches. */
  waitFor(re: RegExp, timeoutMs?: number): Promise<string>;
  kill(): Promise<void>;
}

const running = new Set<ChildProcessWithoutNullStreams>();
process.on('exit', () => {
  for (const p of running) p.kill('SIGKILL');
});

/** Starts a server with `args` plus `-accept 127.0.0.1:<port>`; resolves once it printed ACCEPT. */
/** Resolves once something accepts TCP connections on 127.0.0.1:port (for modes that print no ACCEPT). */
export async function waitForListener(port: number, timeoutMs = 20000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const s = net.connect(port, '127.0.0.1');
      s.once('connect', () => {
        s.destroy();
        resolve(true);
      });
      s.once('error', () => resolve(false));
    });
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`nothing listens on port ${port}`);
    await new Promise((r) => setImmediate(r));
  }
}

/**
 * Starts a server with `args` plus `-accept 127.0.0.1:<port>`; resolves once it printed ACCEPT.
 * `openssl: true` runs the real `openssl s_server`, with its stdout unbuffered (stdbuf -o0) so
 * its output can be compared as it happens. `noAccept: true` is for -quiet/-brief, which print
 * no ACCEPT: the listener is then probed (which counts as one connection for -naccept).
 */
export async function startServer(args: string[], opts: { cwd?: string; openssl?: boolean; env?: NodeJS.ProcessEnv; noAccept?: boolean } = {}): Promise<RunningServer> {
  for (let attempt = 0; ; attempt++) {
    const port = await freePort();
    const cmd = opts.openssl ? 'stdbuf' : process.execPath;
    const argv = opts.openssl ? ['-o0', 'openssl', 's_server', ...args, '-accept', `127.0.0.1:${port}`] : [BIN, ...args, '-accept', `127.0.0.1:${port}`];
    const proc = spawn(cmd, argv, { cwd: opts.cwd, env: opts.env ?? process.env });
    running.add(proc);
    let out = '';
    let err = '';
    const waiters: Array<() => void> = [];
    proc.stdout.on('data', (d) => {
      out += d.toString('latin1');
      waiters.splice(0).forEach((w) => w());
    });
    proc.stderr.on('data', (d) => {
      err += d.toString('latin1');
    });
    let exited = false;
    const exitPromise = new Promise<void>((resolve) =>
      proc.on('exit', () => {
        exited = true;
        running.delete(proc);
        waiters.splice(0).forEach((w) => w());
        resolve();
      }),
    );
    const waitFor = (re: RegExp, timeoutMs = 20000) =>
      new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`timed out waiting for ${re} in stdout:\n${out}\nstderr:\n${err}`)), timeoutMs);
        const check = () => {
          const m = re.exec(out);
          if (m) {
            clearTimeout(timer);
            resolve(m[0]);
          } else if (exited) {
            clearTimeout(timer);
            reject(new Error(`server exited (${proc.exitCode}) before ${re}; stdout:\n${out}\nstderr:\n${err}`));
          } else {
            waiters.push(check);
          }
        };
        check();
      });
    const server: RunningServer = {
      port,
      proc,
      stdout: () => out,
      stderr: () => err,
      waitFor,
      kill: async () => {
        if (!exited) proc.kill('SIGKILL');
        await exitPromise;
      },
    };
    try {
      if (opts.noAccept) await Promise.race([waitForListener(port), exitPromise.then(() => Promise.reject(new Error(`server exited: ${err}`)))]);
      else await waitFor(/^ACCEPT$/m);
      return server;
    } catch (e) {
      await server.kill();
      // The port may have been taken in between; try again a few times.
      if (attempt < 3 && /address already in use|EADDRINUSE/i.test(err)) continue;
      throw e;
    }
  }
}
