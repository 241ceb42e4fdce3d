// Side-by-side speed of our RSA and FFDHE against node:crypto (OpenSSL) in one process:
//   npx tsc -p . && node dist/bench/rsa-dh.js
// Compare with `openssl speed rsa2048 rsa4096` for the CLI figures.
import * as crypto from 'node:crypto';

import { createRsaPrivateKey, dhComputeSecret, dhGenerateKey, ffdheGroup, implementations, rsaVerifyPkcs1 } from '../binding';

function rate(fn: () => void, seconds = 2): number {
  for (let i = 0; i < 3; i++) fn();
  const end = process.hrtime.bigint() + BigInt(Math.round(seconds * 1e9));
  let n = 0;
  const start = process.hrtime.bigint();
  while (process.hrtime.bigint() < end) {
    fn();
    n++;
  }
  return n / (Number(process.hrtime.bigint() - start) / 1e9);
}

function line(name: string, ours: number, theirs: number): void {
  console.log(`${name.padEnd(28)} ours ${ours.toFixed(1).padStart(9)}/s   node ${theirs.toFixed(1).padStart(9)}/s   ratio ${(ours / theirs).toFixed(2)}`);
}

console.log('implementations:', JSON.stringify(implementations()));
for (const bits of [2048, 3072, 4096]) {
  const { privateKey, publicKey } = crypto.generateKeyPairSync('rsa', { modulusLength: bits });
  const j = privateKey.export({ format: 'jwk' }) as Record<string, string>;
  const b = (s: string): Buffer => Buffer.from(s, 'base64url');
  const key = createRsaPrivateKey({ n: b(j.n), e: b(j.e), d: b(j.d), p: b(j.p), q: b(j.q), dp: b(j.dp), dq: b(j.dq), qi: b(j.qi) });
  const msg = Buffer.from('benchmark');
  const digest = crypto.createHash('sha256').update(msg).digest();
  line(`rsa${bits} sign (pkcs1)`, rate(() => key.signPkcs1('sha256', digest)), rate(() => crypto.sign('sha256', msg, privateKey)));
  const sig = key.signPkcs1('sha256', digest);
  const pub = { n: b(j.n), e: b(j.e) };
  line(`rsa${bits} verify (pkcs1)`, rate(() => rsaVerifyPkcs1(pub, 'sha256', digest, sig), 1), rate(() => crypto.verify('sha256', msg, publicKey, sig), 1));
}
for (const name of ['ffdhe2048', 'ffdhe3072'] as const) {
  const { p, g } = ffdheGroup(name);
  const peer = crypto.createDiffieHellman(p, g);
  peer.generateKeys();
  const peerPub = peer.getPublicKey();
  // one key exchange = generate a key pair + compute the shared secret
  line(
    `${name} key exchange`,
    rate(() => {
      const k = dhGenerateKey(p, g);
      dhComputeSecret(k.privateKey, peerPub, p);
    }),
    rate(() => {
      const d = crypto.createDiffieHellman(p, g);
      d.generateKeys();
      d.computeSecret(peerPub);
    }),
  );
}
