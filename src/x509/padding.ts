/** PKCS#7 / RFC 8018 6.1.1 step 4 padding, as used by PBES2 and PEM encryption (RFC 1423 1.1). */

/**
 * Returns the plaintext without its padding, or undefined if the padding is malformed.
 * This is constant-time in the padding content: every byte of the last block is examined.
 */
export function removePkcs7Padding(data: Uint8Array, blockSize: number): Uint8Array | undefined {
  if (data.length === 0 || data.length % blockSize !== 0) return undefined;
  const n = data[data.length - 1];
  let bad = (n === 0 ? 1 : 0) | (n > blockSize ? 1 : 0);
  for (let i = 1; i <= blockSize; i++) {
    const inPad = i <= n ? 1 : 0;
    bad |= inPad & (data[data.length - i] !== n ? 1 : 0);
  }
  return bad ? undefined : data.subarray(0, data.length - n);
}
