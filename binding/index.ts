// The typed surface of the native crypto core. Family files add exports here.
export { cpuFeatures, implementations, setImplementation } from './cpu';
export type { CpuFeatures } from './cpu';
export { hash, hmac } from './hash';
export type { HashAlgorithm } from './hash';
export { randomBytes } from './random';
export { chacha20, chacha20Poly1305Open, chacha20Poly1305Seal, createChaCha20Poly1305, poly1305 } from './chacha';
export type { ChaCha20Poly1305 } from './chacha';
