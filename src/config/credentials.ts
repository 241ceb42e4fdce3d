// Certificates and keys from files, turned into what the TLS layer signs with. Keys go into the
// native core; TLS sees only `sign(scheme, message)`.
import * as fs from 'node:fs';

import * as core from '../../binding';
import { Credential, SigningKey } from '../tls/config13';
import { SignatureScheme } from '../tls/constants';
import { loadCertificates } from '../x509/certificate';
import { loadPrivateKey, PrivateKey } from '../x509/keys';

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** A non-negative bigint as big-endian bytes (at least one byte). */
export function bigintBytes(v: bigint, size = 0): Buffer {
  let hex = v.toString(16);
  if (hex.length % 2) hex = `0${hex}`;
  const b = Buffer.from(hex, 'hex');
  if (size > b.length) return Buffer.concat([Buffer.alloc(size - b.length), b]);
  return b;
}

const PSS_HASH: Record<number, 'sha256' | 'sha384' | 'sha512'> = {
  [SignatureScheme.rsa_pss_rsae_sha256]: 'sha256',
  [SignatureScheme.rsa_pss_rsae_sha384]: 'sha384',
  [SignatureScheme.rsa_pss_rsae_sha512]: 'sha512',
  [SignatureScheme.rsa_pss_pss_sha256]: 'sha256',
  [SignatureScheme.rsa_pss_pss_sha384]: 'sha384',
  [SignatureScheme.rsa_pss_pss_sha512]: 'sha512',
};
const HASH_LEN = { sha256: 32, sha384: 48, sha512: 64 } as const;
const ECDSA_HASH: Record<number, 'sha256' | 'sha384' | 'sha512'> = {
  [SignatureScheme.ecdsa_secp256r1_sha256]: 'sha256',
  [SignatureScheme.ecdsa_secp384r1_sha384]: 'sha384',
  [SignatureScheme.ecdsa_secp521r1_sha512]: 'sha512',
};

/** A signing key for the TLS layer from a parsed private key. */
export function signingKey(key: PrivateKey): SigningKey {
  switch (key.type) {
    case 'rsa':
    case 'rsa-pss': {
      const native = core.createRsaPrivateKey({
        n: bigintBytes(key.n),
        e: bigintBytes(key.e),
        d: bigintBytes(key.d),
        p: bigintBytes(key.p),
        q: bigintBytes(key.q),
        dp: bigintBytes(key.dp),
        dq: bigintBytes(key.dq),
        qi: bigintBytes(key.qinv),
      });
      return {
        kind: key.type,
        bits: key.bits,
        sign(scheme, message) {
          const h = PSS_HASH[scheme];
          if (!h) throw new Error(`RSA key cannot sign with scheme 0x${scheme.toString(16)}`);
          // RFC 8446 §4.2.3: RSASSA-PSS with MGF1 of the same hash and a salt of the hash length.
          return native.signPss(h, core.hash(h, message), HASH_LEN[h]);
        },
      };
    }
    case 'ec': {
      const d = Buffer.from(key.d);
      return {
        kind: 'ec',
        curve: key.curve,
        bits: key.bits,
        sign(scheme, message) {
          const h = ECDSA_HASH[scheme];
          if (!h) throw new Error(`EC key cannot sign with scheme 0x${scheme.toString(16)}`);
          return core.ecdsaSign(key.curve, d, core.hash(h, message));
        },
      };
    }
    case 'ed25519': {
      const seed = Buffer.from(key.privateKey);
      return { kind: 'ed25519', bits: 253, sign: (_scheme, message) => core.ed25519Sign(seed, message) };
    }
    case 'ed448': {
      const seed = Buffer.from(key.privateKey);
      return { kind: 'ed448', bits: 456, sign: (_scheme, message) => core.ed448Sign(seed, message) };
    }
    default:
      throw new ConfigError(`a ${key.type} key cannot sign`);
  }
}

/** Reads a certificate file (PEM or DER; with PEM, extra certificates after the first form the chain). */
export function readCertificateChain(file: string): Buffer[] {
  let data: Buffer;
  try {
    data = fs.readFileSync(file);
  } catch {
    throw new ConfigError(`Could not open file or uri for loading server certificate from ${file}`);
  }
  const certs = loadCertificates(data);
  if (!certs.length) throw new ConfigError(`unable to load server certificate from ${file}`);
  return certs.map((c) => Buffer.from(c.der));
}

/** Reads a private key file (any form openssl writes). */
export function readPrivateKey(file: string, passphrase?: () => string | Uint8Array): PrivateKey {
  let data: Buffer;
  try {
    data = fs.readFileSync(file);
  } catch {
    throw new ConfigError(`Could not open file or uri for loading server certificate private key from ${file}`);
  }
  return loadPrivateKey(data, passphrase);
}

/** A credential from a certificate file and a key file (the key may be in the certificate file). */
export function loadCredential(certFile: string, keyFile: string, passphrase?: () => string | Uint8Array): Credential {
  // openssl loads the key before the certificate, so a missing server.pem is reported as the key.
  const key = readPrivateKey(keyFile, passphrase);
  const chain = readCertificateChain(certFile);
  return { chain, key: signingKey(key) };
}
