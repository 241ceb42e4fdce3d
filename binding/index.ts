// The typed surface of the native crypto core. Family files add exports here.
export { cpuFeatures, implementations, setImplementation } from './cpu';
export type { CpuFeatures } from './cpu';
export { hash, hmac } from './hash';
export type { HashAlgorithm } from './hash';
export { randomBytes } from './random';
export { aeadOpen, aeadSeal, aesDecryptBlock, aesEncryptBlock, cipherDecrypt, cipherEncrypt, createAead } from './aes';
export type { Aead, AeadAlgorithm, AeadOptions, AesAeadAlgorithm, CipherAlgorithm, CipherOptions } from './aes';
