// RSA key helpers for tests: node:crypto key generation exported as JWK components, and the
// recovery of p and q from (n, e, d) for vectors that give only those.
import * as crypto from 'node:crypto';

import type { RsaPrivateKeyComponents } from '../../binding';

export function b64u(s: string): Buffer {
  return Buffer.from(s, 'base64url');
}

export function toBig(b: Uint8Array): bigint {
  return b.length === 0 ? 0n : BigInt('0x' + Buffer.from(b).toString('hex'));
}

export function toBuf(x: bigint, len?: number): Buffer {
  let h = x.toString(16);
  if (h.length % 2) h = '0' + h;
  const b = Buffer.from(h, 'hex');
  if (len === undefined || b.length >= len) return b;
  return Buffer.concat([Buffer.alloc(len - b.length), b]);
}

export function modPow(b: bigint, e: bigint, m: bigint): bigint {
  if (m === 1n) return 0n;
  let r = 1n;
  b %= m;
  while (e > 0n) {
    if (e & 1n) r = (r * b) % m;
    b = (b * b) % m;
    e >>= 1n;
  }
  return r;
}

function gcd(a: bigint, b: bigint): bigint {
  while (b) [a, b] = [b, a % b];
  return a;
}

export function modInv(a: bigint, m: bigint): bigint {
  let [r0, r1, s0, s1] = [a % m, m, 1n, 0n];
  while (r1) {
    const q = r0 / r1;
    [r0, r1] = [r1, r0 - q * r1];
    [s0, s1] = [s1, s0 - q * s1];
  }
  return ((s0 % m) + m) % m;
}

/** A node:crypto RSA key of `bits` as JWK components (Buffers) plus the KeyObjects. */
export function generateRsa(bits: number): {
  components: RsaPrivateKeyComponents;
  privateKey: crypto.KeyObject;
  publicKey: crypto.KeyObject;
} {
  const { privateKey, publicKey } = crypto.generateKeyPairSync('rsa', { modulusLength: bits });
  const j = privateKey.export({ format: 'jwk' }) as Record<string, string>;
  const components = {
    n: b64u(j.n),
    e: b64u(j.e),
    d: b64u(j.d),
    p: b64u(j.p),
    q: b64u(j.q),
    dp: b64u(j.dp),
    dq: b64u(j.dq),
    qi: b64u(j.qi),
  };
  return { components, privateKey, publicKey };
}

/** Factors n from (n, e, d) (RFC 8017 does not need this; the classic randomised method). */
export function componentsFromNED(nB: Uint8Array, eB: Uint8Array, dB: Uint8Array): RsaPrivateKeyComponents {
  const n = toBig(nB), e = toBig(eB), d = toBig(dB);
  const k = d * e - 1n;
  let t = k, s = 0;
  while ((t & 1n) === 0n) {
    t >>= 1n;
    s++;
  }
  for (let g = 2n; g < 1000n; g++) {
    let x = modPow(g, t, n);
    for (let i = 0; i < s; i++) {
      const y = (x * x) % n;
      if (y === 1n && x !== 1n && x !== n - 1n) {
        const p = gcd(x - 1n, n), q = n / p;
        return {
          n: Buffer.from(nB), e: Buffer.from(eB), d: Buffer.from(dB),
          p: toBuf(p), q: toBuf(q), dp: toBuf(d % (p - 1n)), dq: toBuf(d % (q - 1n)), qi: toBuf(modInv(q, p)),
        };
      }
      x = y;
    }
  }
  throw new Error('could not factor n');
}
