// Per-call cost of the binding at small sizes (best of several rounds, ns per call).
// Run after `npx tsc -p .`: node bench/hash-calls.js
'use strict';
const crypto = require('node:crypto');
const b = require('../dist/binding');

function nsPerCall(fn) {
  let best = Infinity;
  for (let r = 0; r < 15; r++) {
    const start = process.hrtime.bigint();
    for (let i = 0; i < 20000; i++) fn();
    const ns = Number(process.hrtime.bigint() - start) / 20000;
    if (ns < best) best = ns;
  }
  return best;
}
const key = crypto.randomBytes(32);
for (const alg of ['sha256', 'sha1', 'sha512', 'md5']) {
  for (const size of [64, 1024]) {
    const d = crypto.randomBytes(size);
    const r = {
      hash: nsPerCall(() => b.hash(alg, d)),
      nodeHash: nsPerCall(() => crypto.createHash(alg).update(d).digest()),
      hmac: nsPerCall(() => b.hmac(alg, key, d)),
      nodeHmac: nsPerCall(() => crypto.createHmac(alg, key).update(d).digest()),
      stream: nsPerCall(() => b.createHash(alg).update(d).digest()),
    };
    console.log(`${alg.padEnd(6)} ${String(size).padStart(5)} B ` + Object.entries(r).map(([k, v]) => `${k} ${v.toFixed(0)} ns`).join('  '));
  }
}
