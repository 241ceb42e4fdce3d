/**
 * Diffie-Hellman parameters as `openssl dhparam` writes them:
 *  - PKCS#3 DHParameter ::= SEQUENCE { prime INTEGER, base INTEGER, privateValueLength INTEGER OPTIONAL },
 *    PEM "DH PARAMETERS";
 *  - X9.42 DomainParameters (RFC 3279 2.3.3) ::= SEQUENCE { p, g, q INTEGER, j INTEGER OPTIONAL,
 *    validationParms ValidationParms OPTIONAL }, PEM "X9.42 DH PARAMETERS".
 * s_server also looks for DH parameters inside the certificate file (-cert), so the loader
 * picks the block out of any PEM file.
 */
import { DerError, DerReader, Tag, TagClass } from './der';
import { parsePem } from './pem';

export interface DhParameters {
  readonly format: 'pkcs3' | 'x942';
  readonly p: bigint;
  readonly g: bigint;
  readonly q?: bigint;
  readonly privateValueLength?: number;
  readonly bits: number;
  readonly der: Uint8Array;
}

function checkGroup(p: bigint, g: bigint): void {
  if (p <= 2n || (p & 1n) === 0n) throw new DerError('DH prime must be odd and greater than 2');
  if (g < 2n || g >= p - 1n) throw new DerError('DH generator out of range');
}

export function parseDhParameters(der: Uint8Array): DhParameters {
  const top = new DerReader(der);
  const s = top.readSequence('DHParameter');
  top.expectEnd('DHParameter');
  const p = s.readInteger();
  const g = s.readInteger();
  const privateValueLength = s.hasMore() ? s.readSmallInteger() : undefined;
  s.expectEnd('DHParameter');
  checkGroup(p, g);
  return { format: 'pkcs3', p, g, privateValueLength, bits: p.toString(2).length, der };
}

export function parseX942DhParameters(der: Uint8Array): DhParameters {
  const top = new DerReader(der);
  const s = top.readSequence('DomainParameters');
  top.expectEnd('DomainParameters');
  const p = s.readInteger();
  const g = s.readInteger();
  const q = s.readInteger();
  if (s.peekIs(TagClass.universal, Tag.INTEGER, false)) s.readInteger(); // j
  if (s.hasMore()) s.readSequence('ValidationParms');
  s.expectEnd('DomainParameters');
  checkGroup(p, g);
  return { format: 'x942', p, g, q, bits: p.toString(2).length, der };
}

/** The first DH parameters block in a PEM file, or undefined if there is none. */
export function findDhParameters(input: Uint8Array | string): DhParameters | undefined {
  for (const b of parsePem(input)) {
    if (b.label === 'DH PARAMETERS') return parseDhParameters(b.der);
    if (b.label === 'X9.42 DH PARAMETERS') return parseX942DhParameters(b.der);
  }
  return undefined;
}
