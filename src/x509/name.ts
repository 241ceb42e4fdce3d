/**
 * X.509 Name (RFC 5280 4.1.2.4):
 *
 *   Name ::= CHOICE { rdnSequence RDNSequence }
 *   RDNSequence ::= SEQUENCE OF RelativeDistinguishedName
 *   RelativeDistinguishedName ::= SET SIZE (1..MAX) OF AttributeTypeAndValue
 *   AttributeTypeAndValue ::= SEQUENCE { type OBJECT IDENTIFIER, value ANY }
 *
 * Entries are kept flat, in encoding order, each with the index of its RDN (as OpenSSL's
 * X509_NAME_ENTRY "set" field), so multi-valued RDNs print with their own separator.
 * Values keep their tag and raw octets: printing decides how to show them.
 */
import { DerElement, DerError, DerReader, DerWriter, Tag, TagClass, bytesToUnsignedBigInt, describeTag } from './der';
import { shortName } from './oids';
import { utf8Getc } from './utf8';

export interface NameEntry {
  readonly oid: string;
  /** Index of the RelativeDistinguishedName this entry belongs to. */
  readonly set: number;
  /** Universal tag of the value (12 UTF8String, 19 PrintableString, …). */
  readonly tag: number;
  readonly tagClass: number;
  readonly constructed: boolean;
  /** Value octets as OpenSSL's ASN1_STRING holds them. */
  readonly data: Uint8Array;
  /** The value's complete DER encoding (for `dump_der`). */
  readonly valueDer: Uint8Array;
}

export interface Name {
  readonly entries: readonly NameEntry[];
  /** The complete DER encoding of the Name (compared byte for byte when chaining). */
  readonly der: Uint8Array;
}

/**
 * OpenSSL converts string values to UTF-8 when it decodes a Name (to canonicalise it for
 * comparison), so a value that is not valid in its own encoding makes the whole
 * certificate unreadable. We reject the same values.
 */
function checkStringValue(el: DerElement): void {
  if (el.tagClass !== TagClass.universal || el.constructed) return;
  const c = el.content;
  if (el.tagNumber === Tag.BMPString && c.length % 2 !== 0) throw new DerError('BMPString of odd length in Name', el.offset);
  if (el.tagNumber === Tag.UniversalString && c.length % 4 !== 0) throw new DerError('UniversalString length not a multiple of 4 in Name', el.offset);
  if (el.tagNumber === Tag.UTF8String) {
    for (let p = 0; p < c.length; ) {
      const [v, n] = utf8Getc(c, p);
      if (v < 0) throw new DerError('invalid UTF-8 in UTF8String in Name', el.offset);
      p += n;
    }
  }
}

/**
 * Value types openssl accepts in an AttributeTypeAndValue (its DirectoryString-like
 * "ASN1_PRINTABLE" choice, checked against the real CLI): the string types it knows, BIT
 * STRING, SEQUENCE and a few tags it has no name for. Anything else (INTEGER, VisibleString,
 * UTCTime, context tags…) makes openssl refuse the whole certificate, and so do we.
 */
const NAME_VALUE_TAGS: ReadonlySet<number> = new Set([3, 7, 8, 9, 11, 12, 13, 14, 15, 16, 18, 19, 20, 22, 28, 29, 30]);

function checkValueType(el: DerElement): void {
  const ok = el.tagClass === TagClass.universal && NAME_VALUE_TAGS.has(el.tagNumber) && el.constructed === (el.tagNumber === Tag.SEQUENCE);
  if (!ok) throw new DerError(`attribute value of type ${describeTag(el.tagClass, el.tagNumber, el.constructed)} is not allowed in Name`, el.offset);
}

function entryData(el: DerElement): Uint8Array {
  // OpenSSL keeps a SEQUENCE (or other constructed) value as its whole encoding,
  // and a BIT STRING without its unused-bits octet.
  if (el.constructed) return el.raw;
  if (el.tagClass === TagClass.universal && el.tagNumber === Tag.BIT_STRING) return el.content.subarray(1);
  return el.content;
}

/** Reads a Name from the reader (the next element must be its SEQUENCE). */
export function readName(r: DerReader): Name {
  const el = r.expect(TagClass.universal, Tag.SEQUENCE, true, 'Name');
  const seq = r.enter(el);
  const entries: NameEntry[] = [];
  for (let set = 0; seq.hasMore(); set++) {
    const rdn = seq.readSet('RelativeDistinguishedName');
    // RFC 5280 4.1.2.4: SET SIZE (1..MAX).
    if (!rdn.hasMore()) throw new DerError('empty RelativeDistinguishedName', rdn.offset);
    while (rdn.hasMore()) {
      const atv = rdn.readSequence('AttributeTypeAndValue');
      const oid = atv.readOid();
      const value = atv.readAny();
      atv.expectEnd('AttributeTypeAndValue');
      checkValueType(value);
      checkStringValue(value);
      entries.push({
        oid,
        set,
        tag: value.tagNumber,
        tagClass: value.tagClass,
        constructed: value.constructed,
        data: entryData(value),
        valueDer: value.raw,
      });
    }
  }
  return { entries, der: el.raw };
}

export function parseName(der: Uint8Array): Name {
  const r = new DerReader(der);
  const name = readName(r);
  r.expectEnd('Name');
  return name;
}

/** Attribute values as text for programmatic use (not for display: see namePrint.ts). */
export function decodeNameValue(entry: NameEntry): string {
  const d = entry.data;
  switch (entry.tag) {
    case Tag.UTF8String:
      return Buffer.from(d).toString('utf8');
    case Tag.BMPString:
      return String.fromCodePoint(...Array.from({ length: d.length >> 1 }, (_, i) => (d[2 * i] << 8) | d[2 * i + 1]));
    case Tag.UniversalString:
      return String.fromCodePoint(...Array.from({ length: d.length >> 2 }, (_, i) => Number(bytesToUnsignedBigInt(d.subarray(4 * i, 4 * i + 4))) & 0x10ffff));
    default:
      return Buffer.from(d).toString('latin1');
  }
}

/** The first value of an attribute (e.g. the CN), or undefined. */
export function nameAttribute(name: Name, oid: string): string | undefined {
  const e = name.entries.find((x) => x.oid === oid);
  return e === undefined ? undefined : decodeNameValue(e);
}

/** A description for messages and debugging: `CN=foo, O=bar`. */
export function nameToString(name: Name): string {
  return name.entries.map((e) => `${shortName(e.oid)}=${decodeNameValue(e)}`).join(', ');
}

export interface NameAttributeSpec {
  readonly oid: string;
  readonly tag: number;
  readonly value: string | Uint8Array;
}

/** Encodes a Name from RDNs given in order (each RDN a list of attributes, kept in the given order). */
export function encodeName(rdns: ReadonlyArray<ReadonlyArray<NameAttributeSpec>>, w = new DerWriter()): Uint8Array {
  w.sequence((s) => {
    for (const rdn of rdns) {
      s.set((set) => {
        for (const a of rdn) set.sequence((atv) => atv.oid(a.oid).string(a.tag, a.value));
      });
    }
  });
  return w.finish();
}
