// The typed surface of the native crypto core. Family files add exports here.
export { cpuFeatures, implementations, setImplementation } from './cpu';
export type { CpuFeatures } from './cpu';
export { hash, hmac } from './hash';
export type { HashAlgorithm } from './hash';
export { randomBytes } from './random';
export { ed25519PublicKey, ed25519Sign, ed25519Verify, x25519, x25519GenerateKey, x25519PublicKey } from './curve25519';
export { ed448PublicKey, ed448Sign, ed448Verify, x448, x448GenerateKey, x448PublicKey } from './curve448';
