// Every Wycheproof RSA file: PKCS#1 v1.5 verification (rsa_signature_*), PSS verification
// (rsa_pss_*), PKCS#1 v1.5 signature generation (rsa_pkcs1_*_sig_gen, deterministic, so the exact
// signature is compared) and PKCS#1 v1.5 decryption (rsa_pkcs1_2048), on both implementations.
// 'acceptable' vectors may go either way; 'valid' must pass and 'invalid' must fail.
// SHA-1 inside PSS (the PSS hash or MGF1) needs SHA-1 in the core: those groups are skipped, and
// logged, while the core has no SHA-1.
import test from 'ava';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';

import { createRsaPrivateKey, hash, rsaVerifyPkcs1, rsaVerifyPss } from '../../binding';
import type { RsaHashAlgorithm, RsaPrivateKey } from '../../binding';
import { forEachImplementation } from '../helpers/impls';
import { WYCHEPROOF_DIR } from '../helpers/paths';
import { componentsFromNED } from '../helpers/rsa-keys';

/* eslint-disable @typescript-eslint/no-explicit-any */
function load(file: string): any {
  return JSON.parse(fs.readFileSync(path.join(WYCHEPROOF_DIR, file), 'utf8'));
}

function files(re: RegExp): string[] {
  return fs.readdirSync(WYCHEPROOF_DIR).filter((f) => re.test(f)).sort();
}

const HASHES: Record<string, RsaHashAlgorithm> = {
  'SHA-1': 'sha1',
  'SHA-224': 'sha224',
  'SHA-256': 'sha256',
  'SHA-384': 'sha384',
  'SHA-512': 'sha512',
};

function hashName(s: string): RsaHashAlgorithm | undefined {
  return HASHES[s];
}

function digest(alg: RsaHashAlgorithm, msgHex: string): Buffer {
  return crypto.createHash(alg).update(Buffer.from(msgHex, 'hex')).digest();
}

const coreHasSha1 = (() => {
  try {
    hash('sha1', Buffer.alloc(0));
    return true;
  } catch {
    return false;
  }
})();

function pubKey(g: any): { n: Buffer; e: Buffer } {
  const k = g.publicKey;
  return { n: Buffer.from(k.modulus, 'hex'), e: Buffer.from(k.publicExponent, 'hex') };
}

function outcome(t: any, ok: boolean, tc: any, label: string): void {
  if (tc.result === 'valid') t.true(ok, `${label} tcId ${tc.tcId} (${tc.comment}) should pass`);
  else if (tc.result === 'invalid') t.false(ok, `${label} tcId ${tc.tcId} (${tc.comment}) should fail`);
}

for (const file of files(/^rsa_signature_.*_test\.json$/)) {
  test(`Wycheproof ${file}`, (t) => {
    const data = load(file);
    let count = 0;
    forEachImplementation((impl) => {
      for (const g of data.testGroups) {
        const alg = hashName(g.sha);
        if (!alg) throw new Error(`unexpected hash ${g.sha}`);
        const key = pubKey(g);
        for (const tc of g.tests) {
          const ok = rsaVerifyPkcs1(key, alg, digest(alg, tc.msg), Buffer.from(tc.sig, 'hex'));
          outcome(t, ok, tc, `${impl} ${file}`);
          count++;
        }
      }
    });
    t.is(count, 2 * data.numberOfTests);
  });
}

for (const file of files(/^rsa_pss_.*_test\.json$/)) {
  test(`Wycheproof ${file}`, (t) => {
    const data = load(file);
    let count = 0, skipped = 0;
    forEachImplementation((impl) => {
      for (const g of data.testGroups) {
        const alg = hashName(g.sha), mgf = hashName(g.mgfSha);
        if (!alg || !mgf || g.mgf !== 'MGF1') throw new Error(`unexpected parameters ${g.sha} ${g.mgf} ${g.mgfSha}`);
        if (!coreHasSha1 && (alg === 'sha1' || mgf === 'sha1')) {
          skipped += g.tests.length;
          continue;
        }
        const key = pubKey(g);
        for (const tc of g.tests) {
          const ok = rsaVerifyPss(key, alg, digest(alg, tc.msg), Buffer.from(tc.sig, 'hex'), g.sLen, mgf);
          outcome(t, ok, tc, `${impl} ${file}`);
          count++;
        }
      }
    });
    if (skipped) t.log(`${skipped} vectors skipped: SHA-1 is not in the core yet`);
    t.is(count + skipped, 2 * data.numberOfTests);
  });
}

for (const file of files(/^rsa_pkcs1_\d+_sig_gen_test\.json$/)) {
  test(`Wycheproof ${file}`, (t) => {
    const data = load(file);
    let count = 0;
    const keys = new Map<any, RsaPrivateKey>();
    forEachImplementation((impl) => {
      for (const g of data.testGroups) {
        const alg = hashName(g.sha);
        if (!alg) throw new Error(`unexpected hash ${g.sha}`);
        let key = keys.get(g);
        if (!key) {
          const k = g.privateKey;
          key = createRsaPrivateKey(
            componentsFromNED(Buffer.from(k.modulus, 'hex'), Buffer.from(k.publicExponent, 'hex'), Buffer.from(k.privateExponent, 'hex')),
          );
          keys.set(g, key);
        }
        const pub = { n: Buffer.from(g.privateKey.modulus, 'hex'), e: Buffer.from(g.privateKey.publicExponent, 'hex') };
        for (const tc of g.tests) {
          const d = digest(alg, tc.msg);
          const sig = key.signPkcs1(alg, d);
          if (tc.result !== 'invalid') t.is(sig.toString('hex'), tc.sig, `${impl} ${file} tcId ${tc.tcId}`);
          else t.not(sig.toString('hex'), tc.sig, `${impl} ${file} tcId ${tc.tcId}`);
          t.true(rsaVerifyPkcs1(pub, alg, d, sig));
          count++;
        }
      }
    });
    t.is(count, 2 * data.numberOfTests);
  });
}

test('Wycheproof rsa_pkcs1_2048_test.json (decryption; the TLS API reveals nothing)', (t) => {
  const data = load('rsa_pkcs1_2048_test.json');
  let count = 0, valid48 = 0, invalid = 0;
  forEachImplementation((impl) => {
    for (const g of data.testGroups) {
      const k = g.privateKey;
      const key = createRsaPrivateKey({
        n: Buffer.from(k.modulus, 'hex'),
        e: Buffer.from(k.publicExponent, 'hex'),
        d: Buffer.from(k.privateExponent, 'hex'),
        p: Buffer.from(k.prime1, 'hex'),
        q: Buffer.from(k.prime2, 'hex'),
        dp: Buffer.from(k.exponent1, 'hex'),
        dq: Buffer.from(k.exponent2, 'hex'),
        qi: Buffer.from(k.coefficient, 'hex'),
      });
      t.is(key.modulusBits, g.keySize);
      for (const tc of g.tests) {
        const ct = Buffer.from(tc.ct, 'hex');
        const msg = Buffer.from(tc.msg, 'hex');
        const label = `${impl} tcId ${tc.tcId} (${tc.comment})`;
        const raw = key.decryptPkcs1Raw(ct);
        const tls1 = key.decryptPkcs1ForTls(ct, 0x0303);
        const tls2 = key.decryptPkcs1ForTls(ct, 0x0303);
        t.is(tls1.length, 48, label);
        t.is(tls2.length, 48, label);
        if (tc.result === 'valid' || tc.result === 'acceptable') {
          if (tc.result === 'valid') t.deepEqual(raw, msg, label);
          if (raw && msg.length === 48) {
            // a 48-byte message is a premaster secret for its own version bytes
            const v = msg.readUInt16BE(0);
            t.deepEqual(key.decryptPkcs1ForTls(ct, v), msg, label);
            valid48++;
          }
          if (!raw || msg.length !== 48) t.notDeepEqual(tls1, tls2, label);
        } else {
          t.is(raw, null, label);
          // invalid: fresh random bytes each time, never an error, never the message
          t.notDeepEqual(tls1, tls2, label);
          invalid++;
        }
        count++;
      }
    }
  });
  t.log(`${invalid / 2} invalid ciphertexts per implementation gave random premasters; ${valid48 / 2} valid 48-byte messages`);
  t.is(count, 2 * data.numberOfTests);
});
