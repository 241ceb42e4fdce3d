// Real TLS clients as child processes, always bounded in time.
import { spawn } from 'node:child_process';

export interface ClientResult {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs a client with `input` on its stdin; kills it after timeoutMs. */
export function runClient(cmd: string, args: string[], input = '', timeoutMs = 20000, env?: NodeJS.ProcessEnv): Promise<ClientResult> {
  return new Promise((resolve) => {
    const p = spawn(cmd, args, { env: env ?? process.env });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (d) => (stdout += d.toString('latin1')));
    p.stderr.on('data', (d) => (stderr += d.toString('latin1')));
    p.stdin.on('error', () => undefined);
    const timer = setTimeout(() => p.kill('SIGKILL'), timeoutMs);
    p.on('close', (status) => {
      clearTimeout(timer);
      resolve({ status, stdout, stderr });
    });
    p.stdin.end(input);
  });
}

/** `openssl s_client` fetching the -www page over TLS 1.3 with the given extra args. */
export function opensslGet(port: number, extra: string[] = []): Promise<ClientResult> {
  return runClient('openssl', ['s_client', '-connect', `127.0.0.1:${port}`, '-servername', 'localhost', '-ign_eof', ...extra], 'GET / HTTP/1.0\r\n\r\n');
}
