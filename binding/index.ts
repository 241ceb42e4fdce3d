// The typed surface of the native crypto core. Family files add exports here.
export { cpuFeatures, implementations, setImplementation } from './cpu';
export type { CpuFeatures } from './cpu';
export { hash, hmac } from './hash';
export type { HashAlgorithm } from './hash';
export { randomBytes } from './random';
export { ecdhComputeSecret, ecdhGenerateKey, ecdhPublicKey, ecdsaSign, ecdsaSignP1363, ecdsaVerify, ecdsaVerifyP1363 } from './ec';
export type { EcKeyPair, NistCurve } from './ec';
