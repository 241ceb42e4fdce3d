// The one place the TLS layer reaches the native core: hashes, HKDF, AEAD and key exchange by
// TLS's names (cipher suites, named groups). Everything below is our own C core via binding/.
import * as core from '../../binding';
import { createRecordProtection, RecordError } from '../../binding/record';
import type { OpenedRecord, RecordProtection } from '../../binding/record';
import { TlsError } from './alert';
import { AlertDescription, CipherSuite, GROUP_NAME, NamedGroup } from './constants';

export type HashName = 'sha256' | 'sha384';
export type AeadName = 'aes-128-gcm' | 'aes-256-gcm' | 'chacha20-poly1305' | 'aes-128-ccm' | 'aes-128-ccm8';

export interface SuiteParams {
  readonly id: number;
  readonly name: string;
  readonly hash: HashName;
  readonly hashLen: number;
  readonly aead: AeadName;
  readonly keyLen: number;
  readonly ivLen: number;
  readonly tagLen: number;
}

/** The TLS 1.3 cipher suites (RFC 8446 §B.4), in OpenSSL 3.0's default order first. */
export const TLS13_SUITES: readonly SuiteParams[] = [
  { id: CipherSuite.TLS_AES_256_GCM_SHA384, name: 'TLS_AES_256_GCM_SHA384', hash: 'sha384', hashLen: 48, aead: 'aes-256-gcm', keyLen: 32, ivLen: 12, tagLen: 16 },
  { id: CipherSuite.TLS_CHACHA20_POLY1305_SHA256, name: 'TLS_CHACHA20_POLY1305_SHA256', hash: 'sha256', hashLen: 32, aead: 'chacha20-poly1305', keyLen: 32, ivLen: 12, tagLen: 16 },
  { id: CipherSuite.TLS_AES_128_GCM_SHA256, name: 'TLS_AES_128_GCM_SHA256', hash: 'sha256', hashLen: 32, aead: 'aes-128-gcm', keyLen: 16, ivLen: 12, tagLen: 16 },
  { id: CipherSuite.TLS_AES_128_CCM_SHA256, name: 'TLS_AES_128_CCM_SHA256', hash: 'sha256', hashLen: 32, aead: 'aes-128-ccm', keyLen: 16, ivLen: 12, tagLen: 16 },
  { id: CipherSuite.TLS_AES_128_CCM_8_SHA256, name: 'TLS_AES_128_CCM_8_SHA256', hash: 'sha256', hashLen: 32, aead: 'aes-128-ccm8', keyLen: 16, ivLen: 12, tagLen: 8 },
];

export function suiteById(id: number): SuiteParams | undefined {
  return TLS13_SUITES.find((s) => s.id === id);
}

export function suiteByName(name: string): SuiteParams | undefined {
  return TLS13_SUITES.find((s) => s.name === name);
}

/** A transcript hash that can be read mid-stream (RFC 8446 §4.4.1). */
export interface RunningHash {
  update(data: Uint8Array): void;
  /** The hash of everything so far; the running state continues. */
  peek(): Buffer;
  /** An independent copy of the running state. */
  fork(): RunningHash;
}

type NativeHash = ReturnType<typeof core.createHash>;

function wrapHash(h: NativeHash): RunningHash {
  return {
    update(data) {
      h.update(data);
    },
    peek() {
      return h.copy().digest();
    },
    fork() {
      return wrapHash(h.copy());
    },
  };
}

export function runningHash(alg: HashName): RunningHash {
  return wrapHash(core.createHash(alg));
}

export function hash(alg: HashName, data: Uint8Array): Buffer {
  return core.hash(alg, data);
}

export function hmac(alg: HashName, key: Uint8Array, data: Uint8Array): Buffer {
  return core.hmac(alg, key, data);
}

export function hkdfExtract(alg: HashName, salt: Uint8Array, ikm: Uint8Array): Buffer {
  return core.hkdfExtract(alg, salt, ikm);
}

export function hkdfExpandLabel(alg: HashName, secret: Uint8Array, label: string, context: Uint8Array, length: number): Buffer {
  return core.hkdfExpandLabel(alg, secret, label, context, length);
}

/** A keyed AEAD: the expanded key stays in native memory. */
export interface Aead {
  seal(nonce: Uint8Array, aad: Uint8Array, plaintext: Uint8Array): Buffer;
  /** The plaintext, or null when authentication fails. */
  open(nonce: Uint8Array, aad: Uint8Array, ciphertextAndTag: Uint8Array): Buffer | null;
}

export function createAead(alg: AeadName, key: Uint8Array): Aead {
  if (alg === 'chacha20-poly1305') return core.createChaCha20Poly1305(key);
  return core.createAead(alg, key);
}

export { RecordError };
export type { OpenedRecord, RecordProtection };

/**
 * One direction's TLS 1.3 record protection (RFC 8446 §5.2-5.4): the key, the static IV and the
 * sequence number live in the native core, and each record is one native call.
 */
export function recordProtection13(alg: AeadName, key: Uint8Array, iv: Uint8Array): RecordProtection {
  return createRecordProtection({ version: 'tls1.3', cipher: alg, key, iv });
}

export function randomBytes(n: number): Buffer {
  return core.randomBytes(n);
}

/** Server side of a key exchange: our share for the client, and the shared secret. */
export interface KeyExchangeResult {
  readonly serverShare: Buffer;
  readonly sharedSecret: Buffer;
}

/** An injected ephemeral key pair for `group` (tests replaying a trace), or undefined for a fresh one. */
export type EphemeralKeySource = (group: number) => { privateKey: Buffer; publicKey: Buffer } | undefined;

/**
 * Completes the key exchange for `group` against the client's key_share. A malformed share is
 * illegal_parameter (RFC 8446 §4.2.8); the checks themselves (point on curve, non-zero X25519
 * result, 1 < y < p-1) are the core's.
 */
export function keyExchange(group: number, clientShare: Uint8Array, ephemeralKey?: EphemeralKeySource): KeyExchangeResult {
  try {
    switch (group) {
      case NamedGroup.x25519: {
        if (clientShare.length !== 32) break;
        const k = ephemeralKey?.(group) ?? core.x25519GenerateKey();
        return { serverShare: k.publicKey, sharedSecret: core.x25519(k.privateKey, clientShare) };
      }
      case NamedGroup.x448: {
        if (clientShare.length !== 56) break;
        const k = ephemeralKey?.(group) ?? core.x448GenerateKey();
        return { serverShare: k.publicKey, sharedSecret: core.x448(k.privateKey, clientShare) };
      }
      case NamedGroup.secp256r1:
      case NamedGroup.secp384r1:
      case NamedGroup.secp521r1: {
        const curve = group === NamedGroup.secp256r1 ? 'P-256' : group === NamedGroup.secp384r1 ? 'P-384' : 'P-521';
        // RFC 8446 §4.2.8.2: only the uncompressed form is allowed in TLS 1.3.
        if (clientShare[0] !== 4) break;
        const k = ephemeralKey?.(group) ?? core.ecdhGenerateKey(curve);
        return { serverShare: k.publicKey, sharedSecret: core.ecdhComputeSecret(curve, k.privateKey, clientShare) };
      }
      case NamedGroup.ffdhe2048:
      case NamedGroup.ffdhe3072:
      case NamedGroup.ffdhe4096:
      case NamedGroup.ffdhe6144:
      case NamedGroup.ffdhe8192: {
        const { p, g } = core.ffdheGroup(GROUP_NAME[group] as 'ffdhe2048');
        // RFC 8446 §4.2.8.1: the share is Y left-padded to the size of p.
        if (clientShare.length !== p.length) break;
        const k = core.dhGenerateKey(p, g);
        return { serverShare: leftPad(k.publicKey, p.length), sharedSecret: core.dhComputeSecret(k.privateKey, clientShare, p) };
      }
      case NamedGroup.X25519MLKEM768: {
        // draft-ietf-tls-ecdhe-mlkem §4.1: client share = ML-KEM-768 encapsulation key (1184)
        // || X25519 share (32); ours = ciphertext (1088) || X25519 share; secret = ML-KEM || X25519.
        if (clientShare.length !== 1184 + 32) break;
        const enc = core.mlkem768Encapsulate(clientShare.subarray(0, 1184));
        const k = core.x25519GenerateKey();
        const x = core.x25519(k.privateKey, clientShare.subarray(1184));
        return { serverShare: Buffer.concat([enc.ciphertext, k.publicKey]), sharedSecret: Buffer.concat([enc.sharedSecret, x]) };
      }
      default:
        break;
    }
  } catch (err) {
    if (err instanceof TlsError) throw err;
    throw new TlsError(AlertDescription.illegal_parameter, `invalid key share for group ${group}: ${(err as Error).message}`);
  }
  throw new TlsError(AlertDescription.illegal_parameter, `invalid key share for group ${group}`);
}

function leftPad(b: Buffer, n: number): Buffer {
  return b.length >= n ? b : Buffer.concat([Buffer.alloc(n - b.length), b]);
}

/** Groups this build can do in TLS 1.3. */
export function groupSupported(group: number): boolean {
  return GROUP_NAME[group] !== undefined;
}
