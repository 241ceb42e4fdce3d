// Throughput of the binding's hash / HMAC / createHash against node:crypto, at 64 B, 1 KiB and 16 KiB.
// Run after `npx tsc -p .`: node bench/hash.js
'use strict';
const crypto = require('node:crypto');
const b = require('../dist/binding');

function rate(fn, bytes) {
  const deadline = process.hrtime.bigint() + 500_000_000n;
  let n = 0;
  for (let i = 0; i < 200; i++) fn(); // warm up
  const start = process.hrtime.bigint();
  while (process.hrtime.bigint() < deadline) {
    for (let i = 0; i < 100; i++) fn();
    n += 100;
  }
  const secs = Number(process.hrtime.bigint() - start) / 1e9;
  return (n * bytes) / secs / 1e6; // MB/s
}

const algs = (process.argv[2] || 'sha256,sha1,sha512,sha384,md5').split(',');
const key = crypto.randomBytes(32);
for (const alg of algs) {
  for (const size of [64, 1024, 16384]) {
    const data = crypto.randomBytes(size);
    const ours = rate(() => b.hash(alg, data), size);
    const node = rate(() => crypto.createHash(alg).update(data).digest(), size);
    const oursH = rate(() => b.hmac(alg, key, data), size);
    const nodeH = rate(() => crypto.createHmac(alg, key).update(data).digest(), size);
    const oursS = rate(() => b.createHash(alg).update(data).digest(), size);
    console.log(
      `${alg.padEnd(6)} ${String(size).padStart(5)} B  hash ${ours.toFixed(0).padStart(5)} MB/s (node ${node.toFixed(0).padStart(5)})` +
        `  hmac ${oursH.toFixed(0).padStart(5)} (node ${nodeH.toFixed(0).padStart(5)})  createHash ${oursS.toFixed(0).padStart(5)}`,
    );
  }
}
