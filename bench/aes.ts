// AES-GCM throughput: the binding (keyed object and one-shot) against node:crypto and
// `openssl speed -evp`, best of several rounds. Rates are per CPU second (user + system) of
// this process, as `openssl speed` divides by CPU user time unless given -elapsed: on a
// loaded shared machine wall-clock rates say more about the neighbours than about the code.
//   npx tsc -p . && node dist/bench/aes.js
import { execFileSync } from 'node:child_process';
import * as crypto from 'node:crypto';

import { aeadSeal, createAead, implementations } from '../binding';

function rate(fn: () => void, bytes: number, ms = 300): number {
  let it = 0;
  const c0 = process.cpuUsage();
  let used = 0;
  do {
    for (let i = 0; i < 100; i++) fn();
    it += 100;
    const c = process.cpuUsage(c0);
    used = (c.user + c.system) / 1e6;
  } while (used * 1000 < ms);
  return (it * bytes) / used / 1e6; // MB per CPU second
}

function best(fn: () => void, bytes: number, rounds = 5): number {
  let b = 0;
  for (let r = 0; r < rounds; r++) b = Math.max(b, rate(fn, bytes));
  return b;
}

function opensslSpeed(alg: string, bytes: number): number {
  try {
    const out = execFileSync('openssl', ['speed', '-evp', alg, '-bytes', String(bytes), '-seconds', '1'], {
      stdio: ['ignore', 'pipe', 'ignore'],
    }).toString();
    const line = out.trim().split('\n').pop() ?? '';
    const m = /([\d.]+)k\s*$/.exec(line);
    return m ? (Number(m[1]) * 1000) / 1e6 : NaN;
  } catch {
    return NaN;
  }
}

console.log('implementations:', JSON.stringify(implementations()));
for (const bits of [128, 256] as const) {
  const alg = `aes-${bits}-gcm` as const;
  const key = crypto.randomBytes(bits / 8);
  const iv = crypto.randomBytes(12);
  const aad = crypto.randomBytes(13);
  const aead = createAead(alg, key);
  for (const len of [64, 1024, 16384]) {
    const pt = crypto.randomBytes(len);
    const ct = aead.seal(iv, aad, pt);
    const keyed = best(() => aead.seal(iv, aad, pt), len);
    const into = Buffer.alloc(len + 16);
    const keyedInto = best(() => aead.sealInto(into, iv, aad, pt), len);
    const keyedOpen = best(() => aead.open(iv, aad, ct), len);
    const oneShot = best(() => aeadSeal(alg, key, iv, aad, pt), len);
    const node = best(() => {
      const c = crypto.createCipheriv(alg, key, iv);
      c.setAAD(aad);
      Buffer.concat([c.update(pt), c.final(), c.getAuthTag()]);
    }, len);
    let ossl = 0;
    for (let r = 0; r < 3; r++) ossl = Math.max(ossl, opensslSpeed(alg, len) || 0);
    console.log(
      `${alg} ${String(len).padStart(5)} B  keyed seal ${keyed.toFixed(0).padStart(6)} MB/s  sealInto ${keyedInto.toFixed(0).padStart(6)}  open ${keyedOpen.toFixed(0).padStart(6)}` +
        `  aeadSeal ${oneShot.toFixed(0).padStart(6)}  node:crypto ${node.toFixed(0).padStart(6)}  openssl speed ${ossl.toFixed(0).padStart(6)}` +
        `  keyed/openssl ${(keyed / ossl).toFixed(2)}  sealInto/openssl ${(keyedInto / ossl).toFixed(2)}`,
    );
  }
}
