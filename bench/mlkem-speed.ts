// ML-KEM-768 operations per second and SHA-3 throughput through the binding, on the dispatched
// and the portable implementation, with node:crypto's SHA-3 (OpenSSL) alongside.
//   npx tsc -p . && node dist/bench/mlkem-speed.js
import * as crypto from 'node:crypto';

import { mlkem768Decapsulate, mlkem768Encapsulate, mlkem768GenerateKey, setImplementation, sha3_256, shake256 } from '../binding';

/** Best rate of several rounds, in operations per second of process CPU time. */
function rate(fn: (i: number) => void, perRound = 300, rounds = 10): number {
  let best = Infinity;
  for (let r = 0; r < rounds; r++) {
    const t0 = process.cpuUsage();
    for (let i = 0; i < perRound; i++) fn(i);
    const d = process.cpuUsage(t0);
    best = Math.min(best, (d.user + d.system) / 1e6 / perRound);
  }
  return 1 / best;
}

for (const impl of ['native', 'generic'] as const) {
  setImplementation(impl);
  const { encapsulationKey, decapsulationKey } = mlkem768GenerateKey();
  const { ciphertext } = mlkem768Encapsulate(encapsulationKey);
  const keygen = rate(() => mlkem768GenerateKey());
  const encaps = rate(() => mlkem768Encapsulate(encapsulationKey));
  const decaps = rate(() => mlkem768Decapsulate(decapsulationKey, ciphertext));
  console.log(`${impl.padEnd(8)} ML-KEM-768 keygen ${keygen.toFixed(0)}/s  encaps ${encaps.toFixed(0)}/s  decaps ${decaps.toFixed(0)}/s`);
  const data = crypto.randomBytes(16384);
  const sha3 = (rate(() => sha3_256(data), 200) * data.length) / 1e6;
  const shake = (rate(() => shake256(data, 32), 200) * data.length) / 1e6;
  console.log(`${impl.padEnd(8)} SHA3-256 ${sha3.toFixed(0)} MB/s  SHAKE256 ${shake.toFixed(0)} MB/s (16 KiB inputs)`);
}
setImplementation('native');
const data = crypto.randomBytes(16384);
const ossl = (rate(() => crypto.createHash('sha3-256').update(data).digest(), 200) * data.length) / 1e6;
console.log(`node:crypto SHA3-256 ${ossl.toFixed(0)} MB/s (16 KiB inputs)`);
