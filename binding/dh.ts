// Finite-field Diffie-Hellman from the native core (RFC 7919 groups and arbitrary p, g).
// Numbers are big-endian Buffers.
import { native } from './native';

export type FfdheGroupName = 'ffdhe2048' | 'ffdhe3072' | 'ffdhe4096' | 'ffdhe6144' | 'ffdhe8192';

interface NativeDh {
  ffdheGroup(name: string): { p: Buffer; g: Buffer };
  dhGenerateKey(p: Uint8Array, g: Uint8Array): { privateKey: Buffer; publicKey: Buffer };
  dhComputeSecret(privateKey: Uint8Array, peerPublic: Uint8Array, p: Uint8Array): Buffer;
}

const dh = native as unknown as NativeDh;

/** The prime and generator (2) of an RFC 7919 group. */
export function ffdheGroup(name: FfdheGroupName): { p: Buffer; g: Buffer } {
  return dh.ffdheGroup(name);
}

/**
 * A key pair for the group (p, g); p odd, 512..8192 bits, 1 < g < p - 1. For the RFC 7919
 * groups the private exponent is short (RFC 7919 section 5.2: 225 bits for ffdhe2048 up to 400
 * for ffdhe8192, rounded up to whole bytes); for any other p it has bits(p) - 1 bits. The public key is as long as p.
 */
export function dhGenerateKey(p: Uint8Array, g: Uint8Array): { privateKey: Buffer; publicKey: Buffer } {
  return dh.dhGenerateKey(p, g);
}

/**
 * The shared secret peerPublic^privateKey mod p, left-padded to the length of p (RFC 8446
 * section 7.4.1). Throws RangeError unless 1 < peerPublic < p - 1, and Error when the secret is
 * 1 or p - 1.
 */
export function dhComputeSecret(privateKey: Uint8Array, peerPublic: Uint8Array, p: Uint8Array): Buffer {
  return dh.dhComputeSecret(privateKey, peerPublic, p);
}
