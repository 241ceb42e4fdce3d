// The typed surface of the native crypto core. Family files add exports here.
export { cpuFeatures, implementations, setImplementation } from './cpu';
export type { CpuFeatures } from './cpu';
export { HASH_LENGTHS, constantTimeEqual, createHash, hash, hmac, hmacVerify } from './hash';
export type { Hash, HashAlgorithm } from './hash';
export { deriveSecret, hkdfExpand, hkdfExpandLabel, hkdfExtract, pbkdf2, tlsPrf } from './kdf';
export type { TlsPrfAlgorithm } from './kdf';
export { randomBytes } from './random';
export { chacha20, chacha20Poly1305Open, chacha20Poly1305Seal, createChaCha20Poly1305, poly1305 } from './chacha';
export type { ChaCha20Poly1305 } from './chacha';
export { mlkem768Decapsulate, mlkem768Encapsulate, mlkem768GenerateKey, sha3_256, sha3_512, shake128, shake256 } from './mlkem';
export { aeadOpen, aeadSeal, aesDecryptBlock, aesEncryptBlock, cipherDecrypt, cipherEncrypt, createAead } from './aes';
export type { Aead, AeadAlgorithm, AeadOptions, AesAeadAlgorithm, CipherAlgorithm, CipherOptions } from './aes';
export { ed25519PublicKey, ed25519Sign, ed25519Verify, x25519, x25519GenerateKey, x25519PublicKey } from './curve25519';
export { ed448PublicKey, ed448Sign, ed448Verify, x448, x448GenerateKey, x448PublicKey } from './curve448';
export { ecdhComputeSecret, ecdhGenerateKey, ecdhPublicKey, ecdsaSign, ecdsaSignP1363, ecdsaVerify, ecdsaVerifyP1363 } from './ec';
export type { EcKeyPair, NistCurve } from './ec';
