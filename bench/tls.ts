// `npm run bench`: ts-s-server against `openssl s_server`, same flags, same machine.
//   node dist/bench/tls.js [--quick] [--json] [--reps N] [--only hs,resume,bulk,latency,memory] [--profile DIR]
//
// The server runs pinned to CPU 0, the load (openssl s_time / s_client and this process) to
// CPU 1. Server CPU time is read from /proc/PID/stat (utime+stime, all threads) before and after
// each run; the load's CPU from this process's cutime+cstime (reaped children) plus its own.
// See bench/README.md for the method and the profiling notes.
import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import * as tls from 'node:tls';

const args = process.argv.slice(2);
const QUICK = args.includes('--quick');
const JSON_OUT = args.includes('--json');
const argValue = (name: string): string | undefined => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const REPS = Number(argValue('--reps') ?? (QUICK ? 1 : 3));
const ONLY = new Set((argValue('--only') ?? 'hs,resume,bulk,latency,memory').split(','));
const PROFILE_DIR = argValue('--profile');
/** Seconds of load per handshake run. */
const HS_SECONDS = QUICK ? 1 : 3;
/** Concurrent s_time processes: enough that the server always has a handshake queued. */
const HS_CLIENTS = 4;
const BULK_BYTES = (QUICK ? 16 : 256) << 20;
const LAT_ROUNDS = QUICK ? 300 : 3000;
const CONNECT_ROUNDS = QUICK ? 60 : 400;
const IDLE_CONNS = 1000;

const ROOT = path.resolve(__dirname, '../..');
const OURS_BIN = path.join(ROOT, 'bin/ts-s-server.js');
const CLK_TCK = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout.trim()) || 100;

type ServerName = 'openssl' | 'ours';
const SERVERS: ServerName[] = ['openssl', 'ours'];
const CERTS = ['rsa2048', 'ecdsa-p256', 'ed25519'] as const;
type CertName = (typeof CERTS)[number];
const SUITES = ['TLS_AES_128_GCM_SHA256', 'TLS_AES_256_GCM_SHA384', 'TLS_CHACHA20_POLY1305_SHA256'];

function log(msg: string): void {
  if (!JSON_OUT || args.includes('--verbose')) process.stderr.write(`${msg}\n`);
}

// ---- /proc --------------------------------------------------------------------------------------

function statFields(pid: number | 'self'): string[] {
  const s = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  return s.slice(s.lastIndexOf(')') + 2).split(' ');
}
/** utime+stime of a process (all its threads), in seconds. */
function cpuOf(pid: number): number {
  const f = statFields(pid);
  return (Number(f[11]) + Number(f[12])) / CLK_TCK;
}
/** CPU of this process and of its reaped children (the load generators), in seconds. */
function loadCpu(): number {
  const f = statFields('self');
  return (Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14])) / CLK_TCK;
}
function rssKiB(pid: number): number {
  const m = /VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) : NaN;
}

// ---- Processes ----------------------------------------------------------------------------------

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

interface Server {
  readonly name: ServerName;
  readonly proc: ChildProcess;
  readonly pid: number;
  readonly port: number;
  /** Bytes the server wrote to stdout since start (the data of interactive mode). */
  stdoutBytes: number;
  /** Resolves when `text` appears in stdout after the call. */
  waitFor(text: string): Promise<void>;
  stop(): Promise<void>;
}

async function startServer(name: ServerName, dir: string, flags: string[], nodeFlags: string[] = []): Promise<Server> {
  const port = await freePort();
  const cmd = name === 'openssl' ? ['openssl', 's_server'] : [process.execPath, ...nodeFlags, OURS_BIN];
  const proc = spawn('taskset', ['-c', '0', ...cmd, '-accept', `127.0.0.1:${port}`, ...flags], { cwd: dir, stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  proc.stderr!.on('data', (d: Buffer) => {
    if (stderr.length < 4096) stderr += d.toString('latin1');
  });
  let tail = '';
  const waiters: { text: string; resolve: () => void }[] = [];
  let exited = false;
  const exitPromise = new Promise<void>((resolve) => proc.on('exit', () => { exited = true; resolve(); }));
  const server: Server = {
    name,
    proc,
    pid: proc.pid!,
    port,
    stdoutBytes: 0,
    waitFor(text) {
      return new Promise((resolve, reject) => {
        waiters.push({ text, resolve });
        exitPromise.then(() => reject(new Error(`${name} exited while waiting for ${JSON.stringify(text)}: ${stderr}`)));
      });
    },
    async stop() {
      if (!exited) proc.kill('SIGKILL');
      await exitPromise;
    },
  };
  proc.stdout!.on('data', (d: Buffer) => {
    server.stdoutBytes += d.length;
    // Only the tail matters for the markers; the data itself is dropped.
    tail = (tail + d.subarray(Math.max(0, d.length - 256)).toString('latin1')).slice(-256);
    for (let i = 0; i < waiters.length; i++) {
      if (tail.includes(waiters[i].text)) {
        tail = '';
        waiters.splice(i--, 1)[0].resolve();
      }
    }
  });
  await server.waitFor('ACCEPT');
  return server;
}

/** Runs a command on CPU 1 to completion; returns its stdout (or counts it when `count`). */
function runLoad(cmd: string[], input?: string, count = false): Promise<{ out: string; bytes: number; code: number | null }> {
  return new Promise((resolve) => {
    const p = spawn('taskset', ['-c', '1', ...cmd], { stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let bytes = 0;
    p.stdout.on('data', (d: Buffer) => {
      bytes += d.length;
      if (!count) out += d.toString('latin1');
    });
    p.stderr.on('data', (d: Buffer) => {
      if (!count && out.length < 1 << 20) out += d.toString('latin1');
    });
    p.stdin.on('error', () => undefined);
    if (input !== undefined) p.stdin.write(input);
    p.on('close', (code) => resolve({ out, bytes, code }));
    if (input === undefined) p.stdin.end();
    else p.stdin.end();
  });
}

// ---- Statistics ---------------------------------------------------------------------------------

interface Stat {
  median: number;
  /** (max - min) / median over the repetitions. */
  spread: number;
  samples: number[];
}
function stat(xs: number[]): Stat {
  const s = [...xs].sort((a, b) => a - b);
  const median = s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  return { median, spread: median ? (s[s.length - 1] - s[0]) / median : 0, samples: xs };
}
function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

interface Row {
  section: string;
  name: string;
  unit: string;
  /** True when a larger value is better (rates), false for costs (CPU, latency, memory). */
  higherBetter: boolean;
  openssl?: Stat;
  ours?: Stat;
  note?: string;
}
const rows: Row[] = [];
function addRow(section: string, name: string, unit: string, higherBetter: boolean, server: ServerName, values: number[] | undefined, note?: string): void {
  let row = rows.find((r) => r.section === section && r.name === name && r.unit === unit);
  if (!row) {
    row = { section, name, unit, higherBetter };
    rows.push(row);
  }
  if (values && values.length) row[server] = stat(values);
  if (note) row.note = row.note ? `${row.note}; ${note}` : note;
}

// ---- Set-up -------------------------------------------------------------------------------------

function makeCerts(dir: string): void {
  const key: Record<CertName, string[]> = {
    rsa2048: ['-newkey', 'rsa:2048'],
    'ecdsa-p256': ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256'],
    ed25519: ['-newkey', 'ed25519'],
  };
  for (const c of CERTS) {
    const r = spawnSync('openssl', ['req', '-x509', ...key[c], '-nodes', '-days', '2', '-subj', '/CN=localhost',
      '-keyout', path.join(dir, `${c}.key`), '-out', path.join(dir, `${c}.pem`)], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`openssl req ${c}: ${r.stderr}`);
  }
}

function makeBulkFile(dir: string): string {
  // Printable text without the words the servers print at the end of a connection ("DONE"):
  // the upload rows find the end of the data by that marker.
  const line = Buffer.from('abcdefghijklmnopqrstuvwxyz0123456789ABCXYZabcdefghijklmnopqrstuvwxyz0123456789.,;:!?+-*/=\n', 'latin1');
  const block = Buffer.alloc(1 << 20);
  for (let off = 0; off < block.length; off += line.length) line.copy(block, off);
  const fd = fs.openSync(path.join(dir, 'big.bin'), 'w');
  for (let i = 0; i < BULK_BYTES >> 20; i++) fs.writeSync(fd, block);
  fs.closeSync(fd);
  return 'big.bin';
}

const certFlags = (dir: string, c: CertName) => ['-cert', path.join(dir, `${c}.pem`), '-key', path.join(dir, `${c}.key`)];

// ---- Handshakes ---------------------------------------------------------------------------------

/** HS_CLIENTS s_time processes for HS_SECONDS; connections per second and CPU per connection. */
async function handshakeRun(server: Server, reuse: boolean): Promise<{ rate: number; serverUs: number; clientUs: number; conns: number }> {
  const cmd = ['openssl', 's_time', '-connect', `127.0.0.1:${server.port}`, reuse ? '-reuse' : '-new', '-time', String(HS_SECONDS), '-www', '/'];
  const cpu0 = cpuOf(server.pid);
  const load0 = loadCpu();
  const t0 = process.hrtime.bigint();
  const outs = await Promise.all(Array.from({ length: HS_CLIENTS }, () => runLoad(cmd)));
  const wall = Number(process.hrtime.bigint() - t0) / 1e9;
  const cpu1 = cpuOf(server.pid);
  const load1 = loadCpu();
  let conns = 0;
  for (const o of outs) {
    const m = /(\d+) connections in [\d.]+s;/.exec(o.out);
    if (!m) throw new Error(`s_time against ${server.name}: ${o.out.slice(-500)}`);
    conns += Number(m[1]);
    if (reuse && /\*{2,}/.test(o.out)) log(`  warning: ${server.name} did not resume every connection`);
  }
  if (conns === 0) throw new Error(`s_time against ${server.name}: no connection`);
  return { rate: conns / wall, serverUs: ((cpu1 - cpu0) / conns) * 1e6, clientUs: ((load1 - load0) / conns) * 1e6, conns };
}

async function benchHandshakes(dir: string, reuse: boolean): Promise<void> {
  const section = reuse ? 'resumed handshake (ticket) + GET /' : 'full handshake + GET /';
  for (const cert of CERTS) {
    for (const name of SERVERS) {
      const server = await startServer(name, dir, [...certFlags(dir, cert), '-www', '-groups', 'X25519', '-quiet']);
      try {
        await handshakeRun(server, reuse); // warm-up (JIT, caches)
        const rates: number[] = [];
        const sus: number[] = [];
        const cus: number[] = [];
        for (let r = 0; r < REPS; r++) {
          const x = await handshakeRun(server, reuse);
          rates.push(x.rate);
          sus.push(x.serverUs);
          cus.push(x.clientUs);
        }
        const label = `${cert}, X25519`;
        addRow(section, label, 'handshakes/s', true, name, rates);
        addRow(section, label, 'server CPU µs/handshake', false, name, sus);
        addRow(section, label, 'load CPU µs/handshake', false, name, cus);
        const busy = stat(rates).median * stat(sus).median / 1e6;
        log(`  ${section} ${label} ${name}: ${stat(rates).median.toFixed(0)}/s, server ${stat(sus).median.toFixed(0)} µs, load ${stat(cus).median.toFixed(0)} µs, server busy ${(busy * 100).toFixed(0)}%`);
      } finally {
        await server.stop();
      }
    }
  }
}

// ---- Bulk ---------------------------------------------------------------------------------------

async function bulkDownload(server: Server, file: string, suite: string): Promise<{ mbps: number; serverMs: number; clientMs: number; bytes: number }> {
  const cpu0 = cpuOf(server.pid);
  const load0 = loadCpu();
  const t0 = process.hrtime.bigint();
  const r = await runLoad(['openssl', 's_client', '-connect', `127.0.0.1:${server.port}`, '-quiet', '-ciphersuites', suite, '-groups', 'X25519'],
    `GET /${file} HTTP/1.0\r\n\r\n`, true);
  const wall = Number(process.hrtime.bigint() - t0) / 1e9;
  const mb = r.bytes / 1e6;
  return { mbps: mb / wall, serverMs: ((cpuOf(server.pid) - cpu0) / mb) * 1e3, clientMs: ((loadCpu() - load0) / mb) * 1e3, bytes: r.bytes };
}

async function bulkUpload(server: Server, dir: string, file: string, suite: string): Promise<{ mbps: number; serverMs: number; clientMs: number; bytes: number }> {
  const cpu0 = cpuOf(server.pid);
  const load0 = loadCpu();
  const before = server.stdoutBytes;
  const closed = server.waitFor('CONNECTION CLOSED');
  const t0 = process.hrtime.bigint();
  // s_client sends stdin to the server, then close_notify at end of input (-no_ign_eof).
  const client = runLoad(['sh', '-c', `exec openssl s_client -connect 127.0.0.1:${server.port} -quiet -no_ign_eof -ciphersuites ${suite} -groups X25519 < ${path.join(dir, file)}`], undefined, true);
  await closed;
  const wall = Number(process.hrtime.bigint() - t0) / 1e9;
  await client;
  const bytes = server.stdoutBytes - before;
  const mb = bytes / 1e6;
  return { mbps: mb / wall, serverMs: ((cpuOf(server.pid) - cpu0) / mb) * 1e3, clientMs: ((loadCpu() - load0) / mb) * 1e3, bytes };
}

async function benchBulk(dir: string, file: string): Promise<void> {
  const MB = `${BULK_BYTES >> 20} MiB`;
  for (const suite of SUITES) {
    for (const name of SERVERS) {
      // Download over -WWW.
      const server = await startServer(name, dir, [...certFlags(dir, 'ecdsa-p256'), '-WWW', '-quiet']);
      try {
        const probe = await bulkDownload(server, file, suite);
        if (probe.bytes < BULK_BYTES) {
          addRow(`bulk download, -WWW ${MB}`, suite, 'MB/s', true, name, undefined, `${name}: -WWW returned ${probe.bytes} bytes`);
          log(`  ${name} -WWW: ${probe.bytes} bytes, skipped`);
        } else {
          const m: number[] = [], s: number[] = [], c: number[] = [];
          for (let r = 0; r < REPS; r++) {
            const x = await bulkDownload(server, file, suite);
            m.push(x.mbps); s.push(x.serverMs); c.push(x.clientMs);
          }
          addRow(`bulk download, -WWW ${MB}`, suite, 'MB/s', true, name, m);
          addRow(`bulk download, -WWW ${MB}`, suite, 'server CPU ms/MB', false, name, s);
          addRow(`bulk download, -WWW ${MB}`, suite, 'load CPU ms/MB', false, name, c);
          log(`  download ${suite} ${name}: ${stat(m).median.toFixed(0)} MB/s, server ${stat(s).median.toFixed(2)} ms/MB`);
        }
      } finally {
        await server.stop();
      }
      // Upload into interactive mode (the server decrypts and writes to its stdout).
      const up = await startServer(name, dir, [...certFlags(dir, 'ecdsa-p256')]);
      try {
        const m: number[] = [], s: number[] = [], c: number[] = [];
        for (let r = 0; r < REPS; r++) {
          const x = await bulkUpload(up, dir, file, suite);
          if (x.bytes < BULK_BYTES) throw new Error(`upload to ${name}: ${x.bytes} bytes`);
          m.push(x.mbps); s.push(x.serverMs); c.push(x.clientMs);
        }
        addRow(`bulk upload, interactive ${MB}`, suite, 'MB/s', true, name, m);
        addRow(`bulk upload, interactive ${MB}`, suite, 'server CPU ms/MB', false, name, s);
        addRow(`bulk upload, interactive ${MB}`, suite, 'load CPU ms/MB', false, name, c);
        log(`  upload ${suite} ${name}: ${stat(m).median.toFixed(0)} MB/s, server ${stat(s).median.toFixed(2)} ms/MB`);
      } finally {
        await up.stop();
      }
    }
  }
}

// ---- Latency ------------------------------------------------------------------------------------

const clientOpts = (port: number): tls.ConnectionOptions => ({ host: '127.0.0.1', port, rejectUnauthorized: false, minVersion: 'TLSv1.3', ecdhCurve: 'X25519' });

function connect(port: number): Promise<tls.TLSSocket> {
  return new Promise((resolve, reject) => {
    const s = tls.connect(clientOpts(port), () => resolve(s));
    s.once('error', reject);
  });
}

/** Round trips of a 6-byte line through -rev on one connection; µs per round trip. */
async function revLatency(port: number, rounds: number): Promise<number[]> {
  const s = await connect(port);
  s.setNoDelay(true);
  const times: number[] = [];
  await new Promise<void>((resolve, reject) => {
    let got = '';
    let t0 = 0n;
    let left = rounds;
    const send = () => {
      got = '';
      t0 = process.hrtime.bigint();
      s.write('hello\n');
    };
    s.on('data', (d: Buffer) => {
      got += d.toString('latin1');
      if (!got.includes('\n')) return;
      if (!got.includes('olleh')) return reject(new Error(`-rev answered ${JSON.stringify(got)}`));
      times.push(Number(process.hrtime.bigint() - t0) / 1e3);
      if (--left > 0) send();
      else resolve();
    });
    s.on('error', reject);
    send();
  });
  s.destroy();
  return times;
}

/** connect + full handshake + GET / + the whole page, one connection at a time; µs each. */
async function connectLatency(port: number, rounds: number): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const t0 = process.hrtime.bigint();
    await new Promise<void>((resolve, reject) => {
      const s = tls.connect(clientOpts(port), () => s.write('GET / HTTP/1.0\r\n\r\n'));
      let n = 0;
      s.on('data', (d: Buffer) => { n += d.length; });
      s.on('end', () => { s.destroy(); n > 0 ? resolve() : reject(new Error('empty -www answer')); });
      s.on('error', reject);
    });
    times.push(Number(process.hrtime.bigint() - t0) / 1e3);
  }
  return times;
}

async function benchLatency(dir: string): Promise<void> {
  for (const name of SERVERS) {
    const rev = await startServer(name, dir, [...certFlags(dir, 'ecdsa-p256'), '-rev', '-quiet']);
    try {
      await revLatency(rev.port, 50);
      const p50: number[] = [], p99: number[] = [];
      for (let r = 0; r < REPS; r++) {
        const t = (await revLatency(rev.port, LAT_ROUNDS)).sort((a, b) => a - b);
        p50.push(percentile(t, 50)); p99.push(percentile(t, 99));
      }
      addRow('latency', 'request on an open connection (-rev), p50', 'µs', false, name, p50);
      addRow('latency', 'request on an open connection (-rev), p99', 'µs', false, name, p99);
    } finally {
      await rev.stop();
    }
    const www = await startServer(name, dir, [...certFlags(dir, 'ecdsa-p256'), '-www', '-groups', 'X25519', '-quiet']);
    try {
      await connectLatency(www.port, 10);
      const p50: number[] = [], p99: number[] = [];
      for (let r = 0; r < REPS; r++) {
        const t = (await connectLatency(www.port, CONNECT_ROUNDS)).sort((a, b) => a - b);
        p50.push(percentile(t, 50)); p99.push(percentile(t, 99));
      }
      addRow('latency', 'connect + handshake + GET / (-www, P-256), p50', 'µs', false, name, p50);
      addRow('latency', 'connect + handshake + GET / (-www, P-256), p99', 'µs', false, name, p99);
    } finally {
      await www.stop();
    }
    log(`  latency ${name} done`);
  }
}

// ---- Memory -------------------------------------------------------------------------------------

async function benchMemory(dir: string): Promise<void> {
  for (const name of SERVERS) {
    const server = await startServer(name, dir, [...certFlags(dir, 'ecdsa-p256'), '-www', '-quiet']);
    try {
      addRow('memory', 'resident, idle after start', 'MiB', false, name, [rssKiB(server.pid) / 1024]);
      if (name === 'openssl') {
        addRow('memory', `resident, ${IDLE_CONNS} idle TLS connections`, 'MiB', false, name, undefined, 'openssl -www serves one connection at a time: n/a');
        continue;
      }
      const socks: tls.TLSSocket[] = [];
      for (let i = 0; i < IDLE_CONNS; i += 50) {
        socks.push(...(await Promise.all(Array.from({ length: Math.min(50, IDLE_CONNS - i) }, () => connect(server.port)))));
      }
      // One round trip on the last connection so the server has finished its side of every handshake.
      const last = socks[socks.length - 1];
      await new Promise<void>((resolve) => { last.once('data', () => resolve()); last.write('GET / HTTP/1.0\r\n\r\n'); });
      addRow('memory', `resident, ${IDLE_CONNS} idle TLS connections`, 'MiB', false, name, [rssKiB(server.pid) / 1024]);
      for (const s of socks) s.destroy();
    } finally {
      await server.stop();
    }
  }
}

// ---- Profiles -----------------------------------------------------------------------------------

/** Handshake and bulk runs of ours under --cpu-prof; the .cpuprofile files land in `out`. */
async function profile(dir: string, out: string, file: string): Promise<void> {
  fs.mkdirSync(out, { recursive: true });
  const nodeFlags = (tag: string) => ['--cpu-prof', '--cpu-prof-dir', out, '--cpu-prof-name', `${tag}.cpuprofile`];
  for (const cert of CERTS) {
    const n = QUICK ? 400 : 2000;
    const s = await startServer('ours', dir, [...certFlags(dir, cert), '-www', '-groups', 'X25519', '-quiet', '-naccept', String(n)], nodeFlags(`handshake-${cert}`));
    // s_time -new until the server stops accepting; the server exits after n connections.
    const until = new Promise<void>((resolve) => s.proc.on('exit', () => resolve()));
    const loop = async () => {
      for (let done = false; !done;) {
        const r = await runLoad(['openssl', 's_time', '-connect', `127.0.0.1:${s.port}`, '-new', '-time', '1', '-www', '/']);
        done = !/connections in/.test(r.out) || s.proc.exitCode !== null;
      }
    };
    await Promise.all([loop(), until]);
  }
  const up = await startServer('ours', dir, [...certFlags(dir, 'ecdsa-p256'), '-naccept', '1'], nodeFlags('upload-aes128gcm'));
  await bulkUpload(up, dir, file, 'TLS_AES_128_GCM_SHA256');
  await new Promise<void>((resolve) => (up.proc.exitCode !== null ? resolve() : up.proc.on('exit', () => resolve())));
  log(`profiles written to ${out}; summarise with: node dist/bench/cpuprofile-top.js ${out}/<file>`);
}

// ---- Report -------------------------------------------------------------------------------------

function fmt(x: number | undefined): string {
  if (x === undefined || !Number.isFinite(x)) return 'n/a';
  if (x >= 1000) return x.toFixed(0);
  if (x >= 100) return x.toFixed(1);
  if (x >= 10) return x.toFixed(2);
  return x.toFixed(3);
}
const cell = (s?: Stat) => (s ? `${fmt(s.median)} ±${(s.spread * 50).toFixed(0)}%` : 'n/a');

function printTable(): void {
  const header = ['section', 'row', 'unit', 'openssl', 'ours', 'ours/openssl'];
  const body = rows.map((r) => [
    r.section, r.name, r.unit, cell(r.openssl), cell(r.ours),
    r.openssl && r.ours && r.openssl.median ? (r.ours.median / r.openssl.median).toFixed(2) : 'n/a',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const line = (cols: string[]) => `| ${cols.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  console.log(line(header));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const b of body) console.log(line(b));
  const notes = rows.filter((r) => r.note).map((r) => `${r.section} / ${r.name}: ${r.note}`);
  for (const n of notes) console.log(`note: ${n}`);
  console.log('(± is half the spread (max-min)/median over the repetitions; ratios > 1 are better for rates, worse for costs)');
}

async function main(): Promise<void> {
  // This process and its children (the load) run on CPU 1; the servers are started on CPU 0.
  spawnSync('taskset', ['-a', '-pc', '1', String(process.pid)], { stdio: 'ignore' });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ts-bench-'));
  const started = Date.now();
  try {
    makeCerts(dir);
    const file = makeBulkFile(dir);
    if (PROFILE_DIR) {
      await profile(dir, path.resolve(PROFILE_DIR), file);
      return;
    }
    if (ONLY.has('hs')) { log('full handshakes'); await benchHandshakes(dir, false); }
    if (ONLY.has('resume')) { log('resumed handshakes'); await benchHandshakes(dir, true); }
    if (ONLY.has('bulk')) { log('bulk'); await benchBulk(dir, file); }
    if (ONLY.has('latency')) { log('latency'); await benchLatency(dir); }
    if (ONLY.has('memory')) { log('memory'); await benchMemory(dir); }
    const meta = {
      quick: QUICK, reps: REPS, seconds: (Date.now() - started) / 1000, cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model,
      openssl: spawnSync('openssl', ['version'], { encoding: 'utf8' }).stdout.trim(), node: process.version,
      handshakeClients: HS_CLIENTS, handshakeSeconds: HS_SECONDS, bulkBytes: BULK_BYTES,
    };
    if (JSON_OUT) {
      console.log(JSON.stringify({ meta, rows: rows.map((r) => ({ ...r, ratio: r.openssl && r.ours ? r.ours.median / r.openssl.median : undefined })) }, null, 2));
    } else {
      console.log(`ts-s-server vs ${meta.openssl}; ${meta.cpuModel}; server on CPU 0, load on CPU 1; ${REPS} repetition(s); ${meta.seconds.toFixed(0)} s`);
      printTable();
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
