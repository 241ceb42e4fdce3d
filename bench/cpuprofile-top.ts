// Summarises a V8 .cpuprofile (from `node --cpu-prof`): self time per function and per file,
// the top N of each. Used for the profiling notes in bench/README.md.
//   node dist/bench/cpuprofile-top.js FILE.cpuprofile [N]
import * as fs from 'node:fs';
import * as path from 'node:path';

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: Node[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

const [file, nArg] = process.argv.slice(2);
if (!file) {
  console.error('usage: cpuprofile-top FILE.cpuprofile [N]');
  process.exit(2);
}
const N = Number(nArg ?? 20);
const prof = JSON.parse(fs.readFileSync(file, 'utf8')) as Profile;
const byId = new Map(prof.nodes.map((n) => [n.id, n]));
const parent = new Map<number, number>();
for (const n of prof.nodes) for (const c of n.children ?? []) parent.set(c, n.id);

const self = new Map<number, number>();
for (let i = 0; i < prof.samples.length; i++) {
  const dt = prof.timeDeltas[i + 1] ?? 0;
  self.set(prof.samples[i], (self.get(prof.samples[i]) ?? 0) + dt);
}
const total = [...self.values()].reduce((a, b) => a + b, 0);

function where(n: Node): string {
  const url = n.callFrame.url ? path.basename(n.callFrame.url.replace(/^file:\/\//, '')) : '';
  return url ? `${url}:${n.callFrame.lineNumber + 1}` : '(native)';
}
const fnSelf = new Map<string, number>();
const fileSelf = new Map<string, number>();
// Inclusive time per function: each sample counted once per distinct function on its stack.
const fnTotal = new Map<string, number>();
for (const [id, t] of self) {
  const n = byId.get(id)!;
  const key = `${n.callFrame.functionName || '(anonymous)'} ${where(n)}`;
  fnSelf.set(key, (fnSelf.get(key) ?? 0) + t);
  const f = n.callFrame.url ? path.basename(n.callFrame.url) : n.callFrame.functionName.startsWith('(') ? n.callFrame.functionName : '(native/builtin)';
  fileSelf.set(f, (fileSelf.get(f) ?? 0) + t);
  const seen = new Set<string>();
  for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
    const m = byId.get(cur)!;
    const k = `${m.callFrame.functionName || '(anonymous)'} ${where(m)}`;
    if (seen.has(k)) continue;
    seen.add(k);
    fnTotal.set(k, (fnTotal.get(k) ?? 0) + t);
  }
}
const pct = (t: number) => `${((100 * t) / total).toFixed(1).padStart(5)}%`;
const top = (m: Map<string, number>, n: number) => [...m].sort((a, b) => b[1] - a[1]).slice(0, n);
console.log(`${path.basename(file)}: ${(total / 1e6).toFixed(2)} s sampled`);
console.log('self time by function:');
for (const [k, t] of top(fnSelf, N)) console.log(`  ${pct(t)}  ${k}`);
console.log('self time by file:');
for (const [k, t] of top(fileSelf, Math.min(N, 12))) console.log(`  ${pct(t)}  ${k}`);
console.log('inclusive time by function:');
for (const [k, t] of top(fnTotal, N)) console.log(`  ${pct(t)}  ${k}`);
