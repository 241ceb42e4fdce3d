// X25519, Ed25519, X448 and Ed448 operations per second through the binding and node:crypto.
// Compare with `openssl speed ecdhx25519 ed25519 ecdhx448 ed448`.
// Run: npx tsc -p . && node dist/bench/curves.js [generic]
import * as crypto from 'node:crypto';

import {
  ed25519PublicKey,
  ed25519Sign,
  ed25519Verify,
  ed448PublicKey,
  ed448Sign,
  ed448Verify,
  implementations,
  setImplementation,
  x25519,
  x25519PublicKey,
  x448,
  x448PublicKey,
} from '../binding';

/** Operations per second of this process's CPU time, like `openssl speed` (user CPU time): on a
 * shared machine wall time mostly measures the neighbours. */
function rate(fn: () => void): number {
  for (let i = 0; i < 200; i++) fn();
  const cpu = (): number => {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1e6;
  };
  const start = cpu();
  let n = 0;
  let used = 0;
  while (used < 1) {
    for (let i = 0; i < 16; i++) fn();
    n += 16;
    used = cpu() - start;
  }
  return n / used;
}

const b64u = (b: Buffer): string => b.toString('base64url');
function pair(crv: 'X25519' | 'X448' | 'Ed25519' | 'Ed448', d: Buffer, x: Buffer): { priv: crypto.KeyObject; pub: crypto.KeyObject } {
  return {
    priv: crypto.createPrivateKey({ key: { kty: 'OKP', crv, d: b64u(d), x: b64u(x) }, format: 'jwk' }),
    pub: crypto.createPublicKey({ key: { kty: 'OKP', crv, x: b64u(x) }, format: 'jwk' }),
  };
}

if (process.argv[2] === 'generic') setImplementation('generic');
console.log('implementations:', JSON.stringify(implementations()));
const msg = crypto.randomBytes(32);
const row = (name: string, ours: number, node: number): void =>
  console.log(`${name.padEnd(16)} ours ${ours.toFixed(0).padStart(7)}/s   node:crypto ${node.toFixed(0).padStart(7)}/s   ratio ${(ours / node).toFixed(2)}`);

{
  const a = crypto.randomBytes(32);
  const b = crypto.randomBytes(32);
  const bp = x25519PublicKey(b);
  const na = pair('X25519', a, x25519PublicKey(a));
  const nb = pair('X25519', b, bp);
  row('x25519', rate(() => x25519(a, bp)), rate(() => crypto.diffieHellman({ privateKey: na.priv, publicKey: nb.pub })));
}
{
  const seed = crypto.randomBytes(32);
  const pub = ed25519PublicKey(seed);
  const n = pair('Ed25519', seed, pub);
  const sig = ed25519Sign(seed, msg);
  row('ed25519 sign', rate(() => ed25519Sign(seed, msg)), rate(() => crypto.sign(null, msg, n.priv)));
  row('ed25519 verify', rate(() => ed25519Verify(pub, msg, sig)), rate(() => crypto.verify(null, msg, n.pub, sig)));
}
{
  const a = crypto.randomBytes(56);
  const b = crypto.randomBytes(56);
  const bp = x448PublicKey(b);
  const na = pair('X448', a, x448PublicKey(a));
  const nb = pair('X448', b, bp);
  row('x448', rate(() => x448(a, bp)), rate(() => crypto.diffieHellman({ privateKey: na.priv, publicKey: nb.pub })));
}
{
  const seed = crypto.randomBytes(57);
  const pub = ed448PublicKey(seed);
  const n = pair('Ed448', seed, pub);
  const sig = ed448Sign(seed, msg);
  row('ed448 sign', rate(() => ed448Sign(seed, msg)), rate(() => crypto.sign(null, msg, n.priv)));
  row('ed448 verify', rate(() => ed448Verify(pub, msg, sig)), rate(() => crypto.verify(null, msg, n.pub, sig)));
}
