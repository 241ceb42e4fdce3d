// The typed surface of the native crypto core. Family files add exports here.
export { cpuFeatures, implementations, setImplementation } from './cpu';
export type { CpuFeatures } from './cpu';
export { hash, hmac } from './hash';
export type { HashAlgorithm } from './hash';
export { randomBytes } from './random';
export { createRsaPrivateKey, modexp, rsaEncryptPkcs1, rsaVerifyPkcs1, rsaVerifyPss } from './rsa';
export type { RsaHashAlgorithm, RsaPrivateKey, RsaPrivateKeyComponents, RsaPublicKeyComponents } from './rsa';
export { dhComputeSecret, dhGenerateKey, ffdheGroup } from './dh';
export type { FfdheGroupName } from './dh';
