// Side-by-side speed of our RSA and FFDHE against node:crypto (OpenSSL) in one process:
//   npx tsc -p . && node dist/bench/rsa-dh.js
// OPENSSL_ia32cap=':~0x200000' makes node's OpenSSL skip its AVX-512 IFMA RSA code.
// Compare with `openssl speed rsa2048 rsa4096` for the CLI figures.
import * as crypto from 'node:crypto';

import { createRsaPrivateKey, dhComputeSecret, dhGenerateKey, ffdheGroup, implementations, rsaVerifyPkcs1 } from '../binding';

/** Operations per second of a and b, measured in alternating 100 ms slices so that a busy
 * machine slows both alike. */
function compare(a: () => void, b: () => void, seconds = 2): [number, number] {
  const counts = [0, 0], times = [0, 0];
  const fns = [a, b];
  for (const f of fns) for (let i = 0; i < 3; i++) f();
  for (let round = 0; round < seconds * 5; round++) {
    for (let k = 0; k < 2; k++) {
      const start = process.hrtime.bigint(), end = start + 100_000_000n;
      let now = start;
      while (now < end) {
        fns[k]();
        counts[k]++;
        now = process.hrtime.bigint();
      }
      times[k] += Number(now - start) / 1e9;
    }
  }
  return [counts[0] / times[0], counts[1] / times[1]];
}

function line(name: string, [ours, theirs]: [number, number]): void {
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
  line(`rsa${bits} sign (pkcs1)`, compare(() => key.signPkcs1('sha256', digest), () => crypto.sign('sha256', msg, privateKey)));
  const sig = key.signPkcs1('sha256', digest);
  const pub = { n: b(j.n), e: b(j.e) };
  line(`rsa${bits} verify (pkcs1)`, compare(() => rsaVerifyPkcs1(pub, 'sha256', digest, sig), () => crypto.verify('sha256', msg, publicKey, sig)));
}
for (const name of ['ffdhe2048', 'ffdhe3072'] as const) {
  const { p, g } = ffdheGroup(name);
  const peer = crypto.createDiffieHellman(p, g);
  peer.generateKeys();
  const peerPub = peer.getPublicKey();
  // one key exchange = generate a key pair + compute the shared secret
  line(
    `${name} key exchange`,
    compare(
      () => {
        const k = dhGenerateKey(p, g);
        dhComputeSecret(k.privateKey, peerPub, p);
      },
      () => {
        const d = crypto.createDiffieHellman(p, g);
        d.generateKeys();
        d.computeSecret(peerPub);
      },
    ),
  );
}
