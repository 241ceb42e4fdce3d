// ChaCha20-Poly1305 seal throughput through the binding (one-shot and keyed) and node:crypto,
// at 64 B, 1 KiB and 16 KiB. Compare with `openssl speed -evp chacha20-poly1305 -bytes N`.
// Run: npx tsc -p . && node dist/bench/chacha20poly1305.js [generic]
import * as crypto from 'node:crypto';

import { chacha20Poly1305Seal, createChaCha20Poly1305, implementations, setImplementation } from '../binding';

/** MB/s (10^6 bytes) per second of this process's CPU time, like `openssl speed` (which divides
 * by user CPU time unless given -elapsed): on a shared machine wall time mostly measures the
 * neighbours. */
function rate(fn: () => void, bytes: number): number {
  for (let i = 0; i < 2000; i++) fn(); // warm up the JIT
  const cpu = (): number => {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1e6;
  };
  const start = cpu();
  let n = 0;
  let used = 0;
  while (used < 1) {
    for (let i = 0; i < 64; i++) fn();
    n += 64;
    used = cpu() - start;
  }
  return (n * bytes) / used / 1e6;
}

if (process.argv[2] === 'generic') setImplementation('generic');
console.log('implementations:', JSON.stringify(implementations()));
const key = crypto.randomBytes(32);
const nonce = crypto.randomBytes(12);
const aad = crypto.randomBytes(13);
const keyed = createChaCha20Poly1305(key);
for (const size of [64, 1024, 16384]) {
  const pt = crypto.randomBytes(size);
  const oneShot = rate(() => chacha20Poly1305Seal(key, nonce, aad, pt), size);
  const withKey = rate(() => keyed.seal(nonce, aad, pt), size);
  const node = rate(() => {
    const c = crypto.createCipheriv('chacha20-poly1305', key, nonce, { authTagLength: 16 });
    c.setAAD(aad, { plaintextLength: size });
    c.update(pt);
    c.final();
    c.getAuthTag();
  }, size);
  console.log(
    `${String(size).padStart(6)} B: one-shot ${oneShot.toFixed(0)} MB/s, keyed ${withKey.toFixed(0)} MB/s, node:crypto ${node.toFixed(0)} MB/s`,
  );
}
