// Per-call cost of the binding against node:crypto (best of several rounds, ns per call and MB/s).
// Run after `npx tsc -p .`: node bench/hash-calls.js
'use strict';
const crypto = require('node:crypto');
const b = require('../dist/binding');

let N = 2000;
function nsPerCall(fn) {
  let best = Infinity;
  for (let r = 0; r < 15; r++) {
    const start = process.hrtime.bigint();
    for (let i = 0; i < N; i++) fn();
    const ns = Number(process.hrtime.bigint() - start) / N;
    if (ns < best) best = ns;
  }
  return best;
}
const key = crypto.randomBytes(32);
for (const alg of ['sha256', 'sha1', 'sha512', 'md5']) {
  for (const size of [64, 1024, 16384]) {
    const d = crypto.randomBytes(size);
    N = size > 2000 ? 200 : 2000;
    const r = {
      hash: nsPerCall(() => b.hash(alg, d)),
      nodeHash: nsPerCall(() => crypto.createHash(alg).update(d).digest()),
      hmac: nsPerCall(() => b.hmac(alg, key, d)),
      nodeHmac: nsPerCall(() => crypto.createHmac(alg, key).update(d).digest()),
      stream: nsPerCall(() => b.createHash(alg).update(d).digest()),
    };
    console.log(`${alg.padEnd(6)} ${String(size).padStart(5)} B ` + Object.entries(r).map(([k, v]) => `${k} ${v.toFixed(0)} ns (${((size * 1000) / v).toFixed(0)} MB/s)`).join('  '));
  }
}
