/**
 * Running `openssl s_server` and `ts-s-server` side by side as child processes
 * (no shell), each in a throw-away empty directory so that a parse that succeeds ends
 * in "cannot load server.pem" instead of a listening server. A safety timer kills any
 * process that still runs, so no child outlives its test.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { main } from '../../src/cli/main';

export const OUR_BIN = path.resolve(__dirname, '../../../bin/ts-s-server.js');

/** Generous: these processes exit after parsing; the limit only guards against hangs. */
const KILL_AFTER_MS = 20_000;

export interface ToolResult {
  readonly stdout: string;
  readonly stderr: string;
  /** Exit status; null when killed. */
  readonly code: number | null;
  readonly timedOut: boolean;
}

function runTool(command: string, args: readonly string[], cwd: string): Promise<ToolResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, KILL_AFTER_MS);
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ stdout, stderr, code, timedOut });
    });
  });
}

export function runOpenssl(args: readonly string[], cwd: string): Promise<ToolResult> {
  return runTool('openssl', ['s_server', ...args], cwd);
}

export function runOurs(args: readonly string[], cwd: string): Promise<ToolResult> {
  return runTool(process.execPath, [OUR_BIN, ...args], cwd);
}

/**
 * Our CLI in this process, for argv that end in -help or an argument error (a successful
 * parse would start the server here). Much cheaper than a node process per case; the
 * spawned variant above covers the bin script itself.
 */
export async function runOursInProcess(argv: readonly string[]): Promise<ToolResult> {
  let stderr = '';
  const code = await main([...argv], { write: (text: string) => (stderr += text) });
  return { stdout: '', stderr, code, timedOut: false };
}

/** A fresh empty directory and a function that removes it. */
export function emptyDir(): { dir: string; remove: () => void } {
  const dir = mkdtempSync(path.join(tmpdir(), 'ts-s-server-cli-'));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Maps with at most `limit` calls in flight (2 cores; each call spawns a process). */
export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/** The nearest ancestor's `shared/<rel>` (the shared folder sits beside main and worktrees). */
export function sharedFile(rel: string): string {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'shared', rel);
    if (existsSync(candidate)) return candidate;
    if (path.dirname(dir) === dir) throw new Error(`shared/${rel} not found above ${__dirname}`);
  }
}
