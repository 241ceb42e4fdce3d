// `npm run bench:crypto`: each primitive of the native core side by side, in one run, with
// `openssl speed` (OpenSSL's assembly: the ceiling) and node:crypto (what a JavaScript user
// would pick). Prints a table of rates and ratios ours/openssl and ours/node; `--json` prints JSON.
//   node dist/bench/crypto.js [--json] [--quick] [filter]
import { spawnSync } from 'node:child_process';
import * as crypto from 'node:crypto';

import * as binding from '../binding';

const core = binding as unknown as Record<string, (...a: any[]) => any>;
const args = process.argv.slice(2);
const JSON_OUT = args.includes('--json');
const QUICK = args.includes('--quick');
const filter = args.find((a) => !a.startsWith('--'));
const REPS = QUICK ? 1 : 3;
const MIN_MS = QUICK ? 150 : 400;

type Unit = 'MB/s' | 'ops/s';

interface Row {
  readonly name: string;
  readonly unit: Unit;
  /** Bytes per op for MB/s rows. */
  readonly bytes?: number;
  readonly ours?: () => void;
  readonly node?: () => void;
  /** Arguments to `openssl speed -mr`, and how to read its rate (per second, in the row's unit). */
  readonly openssl?: { args: string[]; rate: (mr: string) => number | undefined };
}

interface Result {
  name: string;
  unit: Unit;
  ours?: number;
  oursSpread?: number;
  openssl?: number;
  node?: number;
  ratioOpenssl?: number;
  ratioNode?: number;
}

function has(...names: string[]): boolean {
  return names.every((n) => typeof core[n] === 'function');
}

/** Median and relative spread (max-min)/median of REPS timed runs, in ops/s. */
function measure(fn: () => void): { median: number; spread: number } {
  for (let i = 0; i < 20; i++) fn();
  const rates: number[] = [];
  for (let r = 0; r < REPS; r++) {
    let ops = 0;
    const start = process.hrtime.bigint();
    let elapsed = 0;
    while (elapsed < MIN_MS) {
      for (let i = 0; i < 16; i++) fn();
      ops += 16;
      elapsed = Number(process.hrtime.bigint() - start) / 1e6;
    }
    rates.push((ops * 1000) / elapsed);
  }
  rates.sort((a, b) => a - b);
  const median = rates[Math.floor(rates.length / 2)];
  return { median, spread: (rates[rates.length - 1] - rates[0]) / median };
}

function opensslSpeed(args: string[]): string {
  const r = spawnSync('openssl', ['speed', '-mr', '-seconds', QUICK ? '1' : '2', ...args], { encoding: 'utf8' });
  return `${r.stdout}${r.stderr}`;
}

/** `+F:idx:name:bytes_per_second` for -evp/-bytes runs. */
const evpRate = (mr: string) => {
  const m = /^\+F:\d+:[^:]+:([\d.]+)/m.exec(mr);
  return m ? Number(m[1]) / 1e6 : undefined;
};
/** `+F<n>:idx:bits:sign/s:verify/s` (RSA, ECDSA) or `+F6:idx:bits:name:sign/s:verify/s` (EdDSA). */
const signRate = (mr: string) => {
  const m = /^\+F[246]:\d+:\d+:(?:[A-Za-z0-9]+:)?([\d.]+):([\d.]+)/m.exec(mr);
  return m ? Number(m[1]) : undefined;
};
const verifyRate = (mr: string) => {
  const m = /^\+F[246]:\d+:\d+:(?:[A-Za-z0-9]+:)?([\d.]+):([\d.]+)/m.exec(mr);
  return m ? Number(m[2]) : undefined;
};
/** `+F5:idx:bits:ops/s:s/op` (ECDH). */
const ecdhRate = (mr: string) => {
  const m = /^\+F5:\d+:\d+:([\d.]+)/m.exec(mr);
  return m ? Number(m[1]) : undefined;
};

function rows(): Row[] {
  const out: Row[] = [];
  const sizes = [64, 1024, 16384];
  for (const alg of ['sha256', 'sha384', 'sha512', 'sha1']) {
    for (const size of sizes) {
      const data = crypto.randomBytes(size);
      out.push({
        name: `${alg} ${size} B`,
        unit: 'MB/s',
        bytes: size,
        ours: has('hash') ? () => core.hash(alg, data) : undefined,
        node: () => crypto.createHash(alg).update(data).digest(),
        openssl: { args: ['-evp', alg, '-bytes', String(size)], rate: evpRate },
      });
    }
  }
  const aeads: Array<[string, string, number]> = [
    ['aes-128-gcm', 'aes-128-gcm', 16],
    ['aes-256-gcm', 'aes-256-gcm', 32],
    ['chacha20-poly1305', 'chacha20-poly1305', 32],
  ];
  for (const [alg, nodeAlg, keyLen] of aeads) {
    const key = crypto.randomBytes(keyLen);
    const nonce = crypto.randomBytes(12);
    const aad = crypto.randomBytes(13);
    for (const size of sizes) {
      const pt = crypto.randomBytes(size);
      let ours: (() => void) | undefined;
      if (alg === 'chacha20-poly1305' && has('createChaCha20Poly1305')) {
        const k = core.createChaCha20Poly1305(key);
        ours = () => k.seal(nonce, aad, pt);
      } else if (alg !== 'chacha20-poly1305' && has('createAead')) {
        const k = core.createAead(alg, key);
        ours = () => k.seal(nonce, aad, pt);
      }
      out.push({
        name: `seal ${alg} ${size} B`,
        unit: 'MB/s',
        bytes: size,
        ours,
        node: () => {
          const c = crypto.createCipheriv(nodeAlg as crypto.CipherGCMTypes, key, nonce, { authTagLength: 16 });
          c.setAAD(aad, { plaintextLength: size });
          c.update(pt);
          c.final();
          c.getAuthTag();
        },
        openssl: { args: ['-evp', alg, '-bytes', String(size)], rate: evpRate },
      });
    }
  }
  // Public-key rows.
  const { privateKey: rsa2048, publicKey: rsa2048pub } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
  const { privateKey: rsa4096 } = crypto.generateKeyPairSync('rsa', { modulusLength: 4096 });
  const digest = crypto.createHash('sha256').update('bench').digest();
  const rsaNative = (k: crypto.KeyObject) => {
    const j = k.export({ format: 'jwk' }) as Record<string, string>;
    const b = (s: string) => Buffer.from(s, 'base64url');
    return has('createRsaPrivateKey') ? core.createRsaPrivateKey({ n: b(j.n), e: b(j.e), d: b(j.d), p: b(j.p), q: b(j.q), dp: b(j.dp), dq: b(j.dq), qi: b(j.qi) }) : undefined;
  };
  for (const [bits, key] of [[2048, rsa2048], [4096, rsa4096]] as const) {
    const ours = rsaNative(key);
    out.push({
      name: `rsa${bits} sign (PKCS#1)`,
      unit: 'ops/s',
      ours: ours ? () => ours.signPkcs1('sha256', digest) : undefined,
      node: () => crypto.sign('sha256', digest, key),
      openssl: { args: [`rsa${bits}`], rate: signRate },
    });
  }
  const j = rsa2048pub.export({ format: 'jwk' }) as Record<string, string>;
  const pub = { n: Buffer.from(j.n, 'base64url'), e: Buffer.from(j.e, 'base64url') };
  const sig2048 = crypto.sign('sha256', digest, rsa2048);
  out.push({
    name: 'rsa2048 verify (PKCS#1)',
    unit: 'ops/s',
    ours: has('rsaVerifyPkcs1') ? () => core.rsaVerifyPkcs1(pub, 'sha256', digest, sig2048) : undefined,
    node: () => crypto.verify('sha256', digest, rsa2048pub, sig2048),
    openssl: { args: ['rsa2048'], rate: verifyRate },
  });
  const peer25519 = crypto.generateKeyPairSync('x25519');
  const peerRaw = (peer25519.publicKey.export({ format: 'jwk' }) as { x: string }).x;
  out.push({
    name: 'x25519 key exchange (keygen+derive)',
    unit: 'ops/s',
    ours: has('x25519GenerateKey', 'x25519') ? () => core.x25519(core.x25519GenerateKey().privateKey, Buffer.from(peerRaw, 'base64url')) : undefined,
    node: () => crypto.diffieHellman({ privateKey: crypto.generateKeyPairSync('x25519').privateKey, publicKey: peer25519.publicKey }),
    openssl: { args: ['ecdhx25519'], rate: ecdhRate },
  });
  const edKey = crypto.generateKeyPairSync('ed25519');
  const edSeed = Buffer.from((edKey.privateKey.export({ format: 'jwk' }) as { d: string }).d, 'base64url');
  const msg = Buffer.from('a TLS 1.3 CertificateVerify input of about a hundred and thirty bytes'.repeat(2));
  out.push({
    name: 'ed25519 sign',
    unit: 'ops/s',
    ours: has('ed25519Sign') ? () => core.ed25519Sign(edSeed, msg) : undefined,
    node: () => crypto.sign(null, msg, edKey.privateKey),
    openssl: { args: ['ed25519'], rate: signRate },
  });
  for (const [curve, nodeCurve, speedEcdh, speedEcdsa, hashAlg] of [
    ['P-256', 'prime256v1', 'ecdhp256', 'ecdsap256', 'sha256'],
    ['P-384', 'secp384r1', 'ecdhp384', 'ecdsap384', 'sha384'],
  ] as const) {
    const peer = crypto.createECDH(nodeCurve);
    peer.generateKeys();
    const peerPub = peer.getPublicKey();
    out.push({
      name: `${curve} ECDH (keygen+derive)`,
      unit: 'ops/s',
      ours: has('ecdhGenerateKey', 'ecdhComputeSecret') ? () => core.ecdhComputeSecret(curve, core.ecdhGenerateKey(curve).privateKey, peerPub) : undefined,
      node: () => {
        const e = crypto.createECDH(nodeCurve);
        e.generateKeys();
        e.computeSecret(peerPub);
      },
      openssl: { args: [speedEcdh], rate: ecdhRate },
    });
    const ecKey = crypto.generateKeyPairSync('ec', { namedCurve: nodeCurve });
    const d = Buffer.from((ecKey.privateKey.export({ format: 'jwk' }) as { d: string }).d, 'base64url');
    const h = crypto.createHash(hashAlg).update('bench').digest();
    out.push({
      name: `${curve} ECDSA sign`,
      unit: 'ops/s',
      ours: has('ecdsaSign') ? () => core.ecdsaSign(curve, d, h) : undefined,
      node: () => crypto.sign(hashAlg, Buffer.from('bench'), ecKey.privateKey),
      openssl: { args: [speedEcdsa], rate: signRate },
    });
  }
  return out;
}

function fmt(v: number | undefined, unit: Unit): string {
  if (v === undefined) return 'n/a';
  return unit === 'MB/s' ? v.toFixed(1) : v.toFixed(0);
}

function main(): void {
  const results: Result[] = [];
  const opensslCache = new Map<string, string>();
  for (const row of rows()) {
    if (filter && !row.name.includes(filter)) continue;
    const toUnit = (opsPerSec: number) => (row.unit === 'MB/s' ? (opsPerSec * (row.bytes ?? 0)) / 1e6 : opsPerSec);
    const res: Result = { name: row.name, unit: row.unit };
    if (row.ours) {
      const m = measure(row.ours);
      res.ours = toUnit(m.median);
      res.oursSpread = m.spread;
    }
    if (row.node) res.node = toUnit(measure(row.node).median);
    if (row.openssl) {
      const key = row.openssl.args.join(' ');
      if (!opensslCache.has(key)) opensslCache.set(key, opensslSpeed(row.openssl.args));
      res.openssl = row.openssl.rate(opensslCache.get(key)!);
    }
    if (res.ours !== undefined && res.openssl) res.ratioOpenssl = res.ours / res.openssl;
    if (res.ours !== undefined && res.node) res.ratioNode = res.ours / res.node;
    results.push(res);
    if (!JSON_OUT) {
      process.stdout.write(
        `${row.name.padEnd(38)} ${row.unit.padEnd(6)} ours ${fmt(res.ours, row.unit).padStart(10)} (±${((res.oursSpread ?? 0) * 50).toFixed(0)}%)  openssl ${fmt(res.openssl, row.unit).padStart(10)}  node ${fmt(res.node, row.unit).padStart(10)}  ours/openssl ${res.ratioOpenssl?.toFixed(2) ?? 'n/a'}  ours/node ${res.ratioNode?.toFixed(2) ?? 'n/a'}\n`,
      );
    }
  }
  if (JSON_OUT) process.stdout.write(JSON.stringify({ cpu: binding.cpuFeatures(), implementations: binding.implementations(), results }, null, 2) + '\n');
  else process.stdout.write(`\nimplementations: ${JSON.stringify(binding.implementations())}\n`);
}

main();
