// The typed surface of the native crypto core. Family files add exports here.
export { cpuFeatures, implementations, setImplementation } from './cpu';
export type { CpuFeatures } from './cpu';
export { hash, hmac } from './hash';
export type { HashAlgorithm } from './hash';
export { randomBytes } from './random';
export { mlkem768Decapsulate, mlkem768Encapsulate, mlkem768GenerateKey, sha3_256, sha3_512, shake128, shake256 } from './mlkem';
