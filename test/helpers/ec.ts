// Minimal DER readers for EC tests: SubjectPublicKeyInfo (RFC 5480) to the raw point, and
// Wycheproof integers to fixed-size big-endian scalars.
export const CURVE_OIDS: Record<string, string> = {
  '2a8648ce3d030107': 'P-256',
  '2b81040022': 'P-384',
  '2b81040023': 'P-521',
};

interface Tlv {
  tag: number;
  body: Buffer;
  end: number;
}

function readTlv(buf: Buffer, pos: number): Tlv | null {
  if (pos + 2 > buf.length) return null;
  const tag = buf[pos];
  let len = buf[pos + 1];
  let off = pos + 2;
  if (len & 0x80) {
    const n = len & 0x7f;
    if (n === 0 || n > 2 || off + n > buf.length) return null;
    len = 0;
    for (let i = 0; i < n; i++) len = (len << 8) | buf[off + i];
    off += n;
  }
  if (off + len > buf.length) return null;
  return { tag, body: buf.subarray(off, off + len), end: off + len };
}

/** The curve name and the raw point of an EC SubjectPublicKeyInfo, or null if it is not one
 * with a named curve we know (explicit parameters, other algorithms, bad DER). */
export function parseEcSpki(der: Buffer): { curve: string; point: Buffer } | null {
  const spki = readTlv(der, 0);
  if (!spki || spki.tag !== 0x30 || spki.end !== der.length) return null;
  const alg = readTlv(spki.body, 0);
  if (!alg || alg.tag !== 0x30) return null;
  const oid = readTlv(alg.body, 0);
  if (!oid || oid.tag !== 0x06 || oid.body.toString('hex') !== '2a8648ce3d0201') return null;
  const params = readTlv(alg.body, oid.end);
  if (!params || params.tag !== 0x06 || params.end !== alg.body.length) return null;
  const curve = CURVE_OIDS[params.body.toString('hex')];
  if (!curve) return null;
  const bits = readTlv(spki.body, alg.end);
  if (!bits || bits.tag !== 0x03 || bits.end !== spki.body.length || bits.body.length < 1 || bits.body[0] !== 0) return null;
  return { curve, point: bits.body.subarray(1) };
}

/** A big-endian unsigned integer (possibly with a sign byte or short) as exactly len bytes,
 * or null when it does not fit. */
export function fixedScalar(hex: string, len: number): Buffer | null {
  let b = Buffer.from(hex, 'hex');
  let i = 0;
  while (i < b.length && b[i] === 0) i++;
  b = b.subarray(i);
  if (b.length > len) return null;
  return Buffer.concat([Buffer.alloc(len - b.length), b]);
}

export const SCALAR_LEN: Record<string, number> = { 'P-256': 32, 'P-384': 48, 'P-521': 66 };
export const NODE_CURVE: Record<string, string> = { 'P-256': 'prime256v1', 'P-384': 'secp384r1', 'P-521': 'secp521r1' };
