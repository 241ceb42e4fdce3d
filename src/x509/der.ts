/**
 * Strict DER reader and writer (ITU-T X.690, Distinguished Encoding Rules).
 *
 * The reader accepts only DER: definite lengths in their minimal form, primitive
 * encodings of string types, minimal INTEGERs, canonical BOOLEANs, zero unused bits
 * in BIT STRINGs. Every read is bounded by the enclosing element; trailing bytes are
 * an error. Nesting depth is bounded so hostile input cannot exhaust the stack.
 * Every failure is a DerError carrying the offset at which it was detected.
 */

/** A malformed or unexpected DER encoding. */
export class DerError extends Error {
  override readonly name = 'DerError';
  constructor(message: string, readonly offset: number = -1) {
    super(offset >= 0 ? `${message} (at offset ${offset})` : message);
  }
}

export const TagClass = { universal: 0, application: 1, context: 2, private: 3 } as const;
export type TagClass = (typeof TagClass)[keyof typeof TagClass];

/** Universal tag numbers (X.690 / X.680 8.4). */
export const Tag = {
  BOOLEAN: 1,
  INTEGER: 2,
  BIT_STRING: 3,
  OCTET_STRING: 4,
  NULL: 5,
  OID: 6,
  ENUMERATED: 10,
  UTF8String: 12,
  SEQUENCE: 16,
  SET: 17,
  NumericString: 18,
  PrintableString: 19,
  T61String: 20,
  VideotexString: 21,
  IA5String: 22,
  UTCTime: 23,
  GeneralizedTime: 24,
  GraphicString: 25,
  VisibleString: 26,
  GeneralString: 27,
  UniversalString: 28,
  BMPString: 30,
} as const;

/** Default bounds: deeper nesting or bigger elements than any certificate needs. */
export const DER_MAX_DEPTH = 64;
export const DER_MAX_SIZE = 16 * 1024 * 1024;

/** One decoded TLV. `raw` is the whole encoding, `content` its value octets. */
export interface DerElement {
  readonly tagClass: TagClass;
  readonly constructed: boolean;
  readonly tagNumber: number;
  readonly offset: number;
  readonly raw: Uint8Array;
  readonly content: Uint8Array;
}

export function isTag(el: DerElement, tagClass: TagClass, tagNumber: number, constructed?: boolean): boolean {
  return el.tagClass === tagClass && el.tagNumber === tagNumber && (constructed === undefined || el.constructed === constructed);
}

export function describeTag(tagClass: number, tagNumber: number, constructed: boolean): string {
  const cls = ['UNIVERSAL', 'APPLICATION', 'CONTEXT', 'PRIVATE'][tagClass];
  return `[${cls} ${tagNumber}${constructed ? ' constructed' : ''}]`;
}

/** X.690 8.1.2: identifier octets, including the high-tag-number form. */
function readIdentifier(buf: Uint8Array, pos: number, end: number): { tagClass: TagClass; constructed: boolean; tagNumber: number; next: number } {
  if (pos >= end) throw new DerError('truncated: missing tag', pos);
  const b = buf[pos];
  const tagClass = (b >> 6) as TagClass;
  const constructed = (b & 0x20) !== 0;
  let tagNumber = b & 0x1f;
  let p = pos + 1;
  if (tagNumber === 0x1f) {
    tagNumber = 0;
    for (let i = 0; ; i++) {
      if (p >= end) throw new DerError('truncated: high tag number', p);
      const c = buf[p++];
      // X.690 8.1.2.4.2 c): the first subsequent octet shall not be 0x80.
      if (i === 0 && c === 0x80) throw new DerError('non-minimal high tag number', p - 1);
      if (i >= 4) throw new DerError('tag number too large', p - 1);
      tagNumber = tagNumber * 128 + (c & 0x7f);
      if ((c & 0x80) === 0) break;
    }
    // X.690 8.1.2.3: tags below 31 must use the low-tag-number form.
    if (tagNumber < 0x1f) throw new DerError('high tag number form used for a low tag number', pos);
  }
  return { tagClass, constructed, tagNumber, next: p };
}

/** X.690 8.1.3 with the DER restrictions of 10.1: definite form, minimal octets. */
function readLength(buf: Uint8Array, pos: number, end: number): { length: number; next: number } {
  if (pos >= end) throw new DerError('truncated: missing length', pos);
  const first = buf[pos];
  if (first < 0x80) return { length: first, next: pos + 1 };
  if (first === 0x80) throw new DerError('indefinite length is not allowed in DER', pos);
  if (first === 0xff) throw new DerError('reserved length octet 0xff', pos);
  const count = first & 0x7f;
  if (count > 4) throw new DerError(`length of ${count} octets is too large`, pos);
  if (pos + 1 + count > end) throw new DerError('truncated: length octets', pos);
  let length = 0;
  for (let i = 0; i < count; i++) length = length * 256 + buf[pos + 1 + i];
  if (buf[pos + 1] === 0) throw new DerError('non-minimal length encoding (leading zero)', pos);
  if (length < 0x80) throw new DerError('non-minimal length encoding (long form for short length)', pos);
  return { length, next: pos + 1 + count };
}

/** Reads one TLV starting at `pos`, not beyond `end`. */
export function readElement(buf: Uint8Array, pos: number, end: number): DerElement {
  const id = readIdentifier(buf, pos, end);
  const len = readLength(buf, id.next, end);
  if (len.length > DER_MAX_SIZE) throw new DerError(`element of ${len.length} bytes exceeds the ${DER_MAX_SIZE}-byte limit`, pos);
  if (len.length > end - len.next) {
    throw new DerError(`truncated: length ${len.length} exceeds the ${end - len.next} remaining bytes`, id.next);
  }
  const contentEnd = len.next + len.length;
  return {
    tagClass: id.tagClass,
    constructed: id.constructed,
    tagNumber: id.tagNumber,
    offset: pos,
    raw: buf.subarray(pos, contentEnd),
    content: buf.subarray(len.next, contentEnd),
  };
}

/** The two bits of the BIT STRING type that matter: its octets and its unused-bit count. */
export interface BitString {
  readonly unusedBits: number;
  readonly bytes: Uint8Array;
}

/** A character string value: its universal tag and its raw octets (decoding is separate). */
export interface DerString {
  readonly tag: number;
  readonly bytes: Uint8Array;
}

const STRING_TAGS: ReadonlySet<number> = new Set([
  Tag.UTF8String, Tag.NumericString, Tag.PrintableString, Tag.T61String, Tag.VideotexString, Tag.IA5String,
  Tag.GraphicString, Tag.VisibleString, Tag.GeneralString, Tag.UniversalString, Tag.BMPString,
]);

export function isStringTag(tag: number): boolean {
  return STRING_TAGS.has(tag);
}

/**
 * A cursor over the content of one constructed element (or over a whole buffer).
 * Every typed read checks the tag, consumes exactly one element and validates its DER form.
 */
export class DerReader {
  private pos = 0;

  /**
   * @param buf the octets this reader walks (a whole input or one element's content)
   * @param depth nesting depth of `buf`, bounded by DER_MAX_DEPTH
   * @param base offset of `buf` in the original input, for error messages
   */
  constructor(
    private readonly buf: Uint8Array,
    private readonly depth = 0,
    private readonly base = 0,
  ) {
    if (depth > DER_MAX_DEPTH) throw new DerError(`nesting deeper than ${DER_MAX_DEPTH} levels`, base);
    if (buf.length > DER_MAX_SIZE) throw new DerError(`input of ${buf.length} bytes exceeds the ${DER_MAX_SIZE}-byte limit`);
  }

  /** Parses `der` as exactly one element (no trailing bytes) and returns a reader positioned on it. */
  static of(der: Uint8Array): DerReader {
    return new DerReader(der);
  }

  get offset(): number {
    return this.base + this.pos;
  }

  hasMore(): boolean {
    return this.pos < this.buf.length;
  }

  /** X.690 requires every byte to belong to an element: trailing data is malformed. */
  expectEnd(what = 'element'): void {
    if (this.pos !== this.buf.length) throw new DerError(`${this.buf.length - this.pos} unexpected trailing bytes after ${what}`, this.offset);
  }

  peek(): DerElement | undefined {
    if (!this.hasMore()) return undefined;
    return this.rebase(readElement(this.buf, this.pos, this.buf.length));
  }

  /** True when the next element has the given tag. */
  peekIs(tagClass: TagClass, tagNumber: number, constructed?: boolean): boolean {
    const el = this.peek();
    return el !== undefined && isTag(el, tagClass, tagNumber, constructed);
  }

  next(): DerElement {
    if (!this.hasMore()) throw new DerError('truncated: expected another element', this.offset);
    const el = readElement(this.buf, this.pos, this.buf.length);
    this.pos += el.raw.length;
    return this.rebase(el);
  }

  private rebase(el: DerElement): DerElement {
    return this.base === 0 ? el : { ...el, offset: el.offset + this.base };
  }

  /** Reads the next element and checks its tag. */
  expect(tagClass: TagClass, tagNumber: number, constructed: boolean, what: string): DerElement {
    const el = this.next();
    if (!isTag(el, tagClass, tagNumber, constructed)) {
      throw new DerError(`expected ${what} ${describeTag(tagClass, tagNumber, constructed)}, found ${describeTag(el.tagClass, el.tagNumber, el.constructed)}`, el.offset);
    }
    return el;
  }

  /** A reader over the content of a constructed element read from this reader. */
  enter(el: DerElement): DerReader {
    if (!el.constructed) throw new DerError('expected a constructed element', el.offset);
    return new DerReader(el.content, this.depth + 1, el.offset + el.raw.length - el.content.length);
  }

  readSequence(what = 'SEQUENCE'): DerReader {
    return this.enter(this.expect(TagClass.universal, Tag.SEQUENCE, true, what));
  }

  readSet(what = 'SET'): DerReader {
    return this.enter(this.expect(TagClass.universal, Tag.SET, true, what));
  }

  /** [n] EXPLICIT: a constructed context tag wrapping exactly one element. */
  readExplicit(n: number, what = `[${n}] EXPLICIT`): DerReader {
    return this.enter(this.expect(TagClass.context, n, true, what));
  }

  /** Reads [n] EXPLICIT if present. */
  optionalExplicit(n: number): DerReader | undefined {
    return this.peekIs(TagClass.context, n, true) ? this.readExplicit(n) : undefined;
  }

  /** [n] IMPLICIT: the element with its tag replaced by a context tag. */
  readImplicit(n: number, constructed: boolean, what = `[${n}] IMPLICIT`): DerElement {
    return this.expect(TagClass.context, n, constructed, what);
  }

  optionalImplicit(n: number, constructed: boolean): DerElement | undefined {
    return this.peekIs(TagClass.context, n, constructed) ? this.next() : undefined;
  }

  readBoolean(): boolean {
    return decodeBoolean(this.expect(TagClass.universal, Tag.BOOLEAN, false, 'BOOLEAN'));
  }

  /** DEFAULT FALSE booleans (X.690 11.5: a DEFAULT value shall not be encoded). */
  readOptionalBoolean(): boolean | undefined {
    return this.peekIs(TagClass.universal, Tag.BOOLEAN, false) ? this.readBoolean() : undefined;
  }

  readInteger(): bigint {
    return decodeInteger(this.expect(TagClass.universal, Tag.INTEGER, false, 'INTEGER'));
  }

  /** The INTEGER's two's-complement content octets, validated. */
  readIntegerBytes(): Uint8Array {
    const el = this.expect(TagClass.universal, Tag.INTEGER, false, 'INTEGER');
    checkIntegerContent(el);
    return el.content;
  }

  /** An INTEGER that must fit a JavaScript safe integer (versions, counts). */
  readSmallInteger(): number {
    const v = this.readInteger();
    if (v > BigInt(Number.MAX_SAFE_INTEGER) || v < BigInt(Number.MIN_SAFE_INTEGER)) throw new DerError('INTEGER too large', this.offset);
    return Number(v);
  }

  readEnumerated(): number {
    const el = this.expect(TagClass.universal, Tag.ENUMERATED, false, 'ENUMERATED');
    return Number(decodeIntegerContent(el));
  }

  readBitString(): BitString {
    return decodeBitString(this.expect(TagClass.universal, Tag.BIT_STRING, false, 'BIT STRING'));
  }

  readOctetString(): Uint8Array {
    return this.expect(TagClass.universal, Tag.OCTET_STRING, false, 'OCTET STRING').content;
  }

  readNull(): void {
    decodeNull(this.expect(TagClass.universal, Tag.NULL, false, 'NULL'));
  }

  readOid(): string {
    return decodeOid(this.expect(TagClass.universal, Tag.OID, false, 'OBJECT IDENTIFIER'));
  }

  /** Any of the character string types; the tag is returned with the raw octets. */
  readString(): DerString {
    const el = this.next();
    if (el.tagClass !== TagClass.universal || !isStringTag(el.tagNumber)) {
      throw new DerError(`expected a character string, found ${describeTag(el.tagClass, el.tagNumber, el.constructed)}`, el.offset);
    }
    // X.690 10.2: DER uses the primitive form for string types.
    if (el.constructed) throw new DerError('constructed string encoding is not allowed in DER', el.offset);
    return { tag: el.tagNumber, bytes: el.content };
  }

  /** RFC 5280 4.1.2.5: Time ::= CHOICE { utcTime UTCTime, generalTime GeneralizedTime }. */
  readTime(): Date {
    const el = this.next();
    if (isTag(el, TagClass.universal, Tag.UTCTime, false)) return decodeUtcTime(el);
    if (isTag(el, TagClass.universal, Tag.GeneralizedTime, false)) return decodeGeneralizedTime(el);
    throw new DerError(`expected UTCTime or GeneralizedTime, found ${describeTag(el.tagClass, el.tagNumber, el.constructed)}`, el.offset);
  }

  /**
   * A Time whose content may not be in RFC 5280 form: the tag must be UTCTime or
   * GeneralizedTime, but malformed content gives an Invalid Date (NaN) instead of an
   * error. openssl loads such certificates and CRLs and reports the field at
   * verification (X509_V_ERR_ERROR_IN_CERT_NOT_BEFORE_FIELD and friends).
   */
  readTimeLenient(): Date {
    const el = this.peek();
    if (el && el.tagClass === TagClass.universal && !el.constructed && (el.tagNumber === Tag.UTCTime || el.tagNumber === Tag.GeneralizedTime)) {
      this.next();
      try {
        return el.tagNumber === Tag.UTCTime ? decodeUtcTime(el) : decodeGeneralizedTime(el);
      } catch (e) {
        if (!(e instanceof DerError)) throw e;
        return new Date(Number.NaN);
      }
    }
    return this.readTime();
  }

  /** Reads the next element, whatever it is, as raw bytes. */
  readAny(): DerElement {
    return this.next();
  }
}

/** Parses `der` as one element with nothing after it and checks the outer tag is SEQUENCE. */
export function parseSequence(der: Uint8Array, what: string): DerReader {
  const top = new DerReader(der);
  const seq = top.readSequence(what);
  top.expectEnd(what);
  return seq;
}

/**
 * Validates that `der` is exactly one DER element, walking and checking every nested
 * TLV; returns the number of elements. Used to check arbitrary input.
 */
export function validateDer(der: Uint8Array): number {
  let count = 0;
  const walk = (r: DerReader): void => {
    while (r.hasMore()) {
      const el = r.next();
      count++;
      if (el.constructed) walk(r.enter(el));
    }
  };
  const top = new DerReader(der);
  if (!top.hasMore()) throw new DerError('empty input', 0);
  const el = top.next();
  top.expectEnd('top-level element');
  count++;
  if (el.constructed) walk(top.enter(el));
  return count;
}

export function decodeBoolean(el: DerElement): boolean {
  // X.690 11.1: TRUE is encoded as 0xFF in DER.
  if (el.content.length !== 1) throw new DerError('BOOLEAN must have exactly one content octet', el.offset);
  const v = el.content[0];
  if (v !== 0 && v !== 0xff) throw new DerError('BOOLEAN must be 0x00 or 0xFF in DER', el.offset);
  return v === 0xff;
}

function checkIntegerContent(el: DerElement): void {
  const c = el.content;
  if (c.length === 0) throw new DerError('INTEGER with no content octets', el.offset);
  // X.690 8.3.2: the first nine bits shall not be all zeros or all ones.
  if (c.length > 1 && ((c[0] === 0 && (c[1] & 0x80) === 0) || (c[0] === 0xff && (c[1] & 0x80) !== 0))) {
    throw new DerError('non-minimal INTEGER encoding', el.offset);
  }
}

function decodeIntegerContent(el: DerElement): bigint {
  checkIntegerContent(el);
  return bytesToSignedBigInt(el.content);
}

/** An INTEGER from its content octets alone (for [n] IMPLICIT INTEGER). */
export function integerFromContent(content: Uint8Array, offset = -1): bigint {
  return decodeIntegerContent({ tagClass: 0, constructed: false, tagNumber: Tag.INTEGER, offset, raw: content, content });
}

export function decodeInteger(el: DerElement): bigint {
  return decodeIntegerContent(el);
}

export function bytesToSignedBigInt(c: Uint8Array): bigint {
  let v = 0n;
  for (const b of c) v = (v << 8n) | BigInt(b);
  if (c.length > 0 && (c[0] & 0x80) !== 0) v -= 1n << BigInt(8 * c.length);
  return v;
}

export function bytesToUnsignedBigInt(c: Uint8Array): bigint {
  let v = 0n;
  for (const b of c) v = (v << 8n) | BigInt(b);
  return v;
}

export function decodeBitString(el: DerElement): BitString {
  const c = el.content;
  if (el.constructed) throw new DerError('constructed BIT STRING is not allowed in DER', el.offset);
  if (c.length === 0) throw new DerError('BIT STRING without the unused-bits octet', el.offset);
  const unusedBits = c[0];
  if (unusedBits > 7) throw new DerError(`BIT STRING with ${unusedBits} unused bits`, el.offset);
  if (c.length === 1 && unusedBits !== 0) throw new DerError('empty BIT STRING with unused bits', el.offset);
  // X.690 11.2.1: unused bits shall be zero in DER.
  if (unusedBits !== 0 && (c[c.length - 1] & ((1 << unusedBits) - 1)) !== 0) {
    throw new DerError('BIT STRING unused bits are not zero', el.offset);
  }
  return { unusedBits, bytes: c.subarray(1) };
}

export function decodeNull(el: DerElement): void {
  if (el.content.length !== 0) throw new DerError('NULL with content octets', el.offset);
}

/** X.690 8.19: subidentifiers in base 128, the first two arcs packed as 40*X+Y. */
export function decodeOid(el: DerElement): string {
  const c = el.content;
  if (c.length === 0) throw new DerError('OBJECT IDENTIFIER with no content octets', el.offset);
  if (c.length > 1024) throw new DerError('OBJECT IDENTIFIER too long', el.offset);
  const arcs: bigint[] = [];
  let v = 0n;
  let start = true;
  for (let i = 0; i < c.length; i++) {
    // X.690 8.19.2: the leading octet of a subidentifier shall not be 0x80.
    if (start && c[i] === 0x80) throw new DerError('non-minimal OBJECT IDENTIFIER subidentifier', el.offset);
    v = (v << 7n) | BigInt(c[i] & 0x7f);
    start = (c[i] & 0x80) === 0;
    if (start) {
      arcs.push(v);
      v = 0n;
    }
  }
  if (!start) throw new DerError('truncated OBJECT IDENTIFIER subidentifier', el.offset);
  const first = arcs[0];
  const head = first < 40n ? [0n, first] : first < 80n ? [1n, first - 40n] : [2n, first - 80n];
  return [...head, ...arcs.slice(1)].join('.');
}

function digits(s: string, el: DerElement): number {
  if (!/^[0-9]+$/.test(s)) throw new DerError(`invalid digits in time "${s}"`, el.offset);
  return Number(s);
}

function makeDate(y: number, mo: number, d: number, h: number, mi: number, s: number, el: DerElement): Date {
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 59) throw new DerError('time field out of range', el.offset);
  const t = new Date(Date.UTC(y, mo - 1, d, h, mi, s));
  t.setUTCFullYear(y);
  if (t.getUTCDate() !== d) throw new DerError('day out of range for month', el.offset);
  return t;
}

/** RFC 5280 4.1.2.5.1: YYMMDDHHMMSSZ; YY >= 50 is 19YY, otherwise 20YY. */
export function decodeUtcTime(el: DerElement): Date {
  const s = Buffer.from(el.content).toString('latin1');
  if (s.length !== 13 || s[12] !== 'Z') throw new DerError(`UTCTime "${s}" is not in the form YYMMDDHHMMSSZ`, el.offset);
  const yy = digits(s.slice(0, 2), el);
  const year = yy >= 50 ? 1900 + yy : 2000 + yy;
  return makeDate(year, digits(s.slice(2, 4), el), digits(s.slice(4, 6), el), digits(s.slice(6, 8), el), digits(s.slice(8, 10), el), digits(s.slice(10, 12), el), el);
}

/** RFC 5280 4.1.2.5.2: YYYYMMDDHHMMSSZ, no fractional seconds. */
export function decodeGeneralizedTime(el: DerElement): Date {
  const s = Buffer.from(el.content).toString('latin1');
  if (s.length !== 15 || s[14] !== 'Z') throw new DerError(`GeneralizedTime "${s}" is not in the form YYYYMMDDHHMMSSZ`, el.offset);
  return makeDate(digits(s.slice(0, 4), el), digits(s.slice(4, 6), el), digits(s.slice(6, 8), el), digits(s.slice(8, 10), el), digits(s.slice(10, 12), el), digits(s.slice(12, 14), el), el);
}

// ---------------------------------------------------------------------------
// Writer

/**
 * DER writer. Constructed elements are opened, filled and closed; the length is
 * back-patched on close (one octet is reserved and the content shifted if the
 * minimal length form needs more).
 */
export class DerWriter {
  private buf = new Uint8Array(256);
  private len = 0;
  private readonly open: number[] = [];

  private ensure(extra: number): void {
    if (this.len + extra <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.len + extra) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.buf.subarray(0, this.len));
    this.buf = next;
  }

  private byte(b: number): void {
    this.ensure(1);
    this.buf[this.len++] = b;
  }

  raw(bytes: Uint8Array): this {
    this.ensure(bytes.length);
    this.buf.set(bytes, this.len);
    this.len += bytes.length;
    return this;
  }

  private identifier(tagClass: number, constructed: boolean, tagNumber: number): void {
    const lead = (tagClass << 6) | (constructed ? 0x20 : 0);
    if (tagNumber < 0x1f) {
      this.byte(lead | tagNumber);
      return;
    }
    this.byte(lead | 0x1f);
    const groups: number[] = [];
    for (let n = tagNumber; n > 0; n = Math.floor(n / 128)) groups.unshift(n % 128);
    groups.forEach((g, i) => this.byte(i < groups.length - 1 ? g | 0x80 : g));
  }

  /** Writes a primitive TLV. */
  primitive(tagClass: number, tagNumber: number, content: Uint8Array): this {
    this.identifier(tagClass, false, tagNumber);
    this.raw(encodeLength(content.length));
    return this.raw(content);
  }

  /** Opens a constructed element; `close()` back-patches its length. */
  begin(tagClass: number, tagNumber: number): this {
    this.identifier(tagClass, true, tagNumber);
    this.byte(0);
    this.open.push(this.len);
    return this;
  }

  close(): this {
    const start = this.open.pop();
    if (start === undefined) throw new DerError('DerWriter.close() without begin()');
    const contentLength = this.len - start;
    const lenBytes = encodeLength(contentLength);
    const shift = lenBytes.length - 1;
    if (shift > 0) {
      this.ensure(shift);
      this.buf.copyWithin(start + shift, start, this.len);
      this.len += shift;
    }
    this.buf.set(lenBytes, start - 1);
    return this;
  }

  /** Writes a constructed element whose content `body` writes. */
  constructed(tagClass: number, tagNumber: number, body: (w: this) => void): this {
    this.begin(tagClass, tagNumber);
    body(this);
    return this.close();
  }

  sequence(body: (w: this) => void): this {
    return this.constructed(TagClass.universal, Tag.SEQUENCE, body);
  }

  set(body: (w: this) => void): this {
    return this.constructed(TagClass.universal, Tag.SET, body);
  }

  explicit(n: number, body: (w: this) => void): this {
    return this.constructed(TagClass.context, n, body);
  }

  /** [n] IMPLICIT primitive. */
  implicit(n: number, content: Uint8Array): this {
    return this.primitive(TagClass.context, n, content);
  }

  boolean(v: boolean): this {
    return this.primitive(TagClass.universal, Tag.BOOLEAN, Uint8Array.of(v ? 0xff : 0));
  }

  integer(v: bigint | number): this {
    return this.primitive(TagClass.universal, Tag.INTEGER, encodeInteger(BigInt(v)));
  }

  /** INTEGER from unsigned magnitude bytes (a zero octet is prepended when the top bit is set). */
  unsignedInteger(magnitude: Uint8Array): this {
    let i = 0;
    while (i < magnitude.length - 1 && magnitude[i] === 0) i++;
    const m = magnitude.subarray(i);
    const content = m.length === 0 ? Uint8Array.of(0) : m[0] & 0x80 ? concat([Uint8Array.of(0), m]) : m;
    return this.primitive(TagClass.universal, Tag.INTEGER, content);
  }

  bitString(bytes: Uint8Array, unusedBits = 0): this {
    return this.primitive(TagClass.universal, Tag.BIT_STRING, concat([Uint8Array.of(unusedBits), bytes]));
  }

  octetString(bytes: Uint8Array): this {
    return this.primitive(TagClass.universal, Tag.OCTET_STRING, bytes);
  }

  null(): this {
    return this.primitive(TagClass.universal, Tag.NULL, new Uint8Array(0));
  }

  oid(dotted: string): this {
    return this.primitive(TagClass.universal, Tag.OID, encodeOid(dotted));
  }

  /** A character string of the given universal tag; `value` is encoded for that type. */
  string(tag: number, value: string | Uint8Array): this {
    const bytes = typeof value === 'string' ? encodeStringValue(tag, value) : value;
    return this.primitive(TagClass.universal, tag, bytes);
  }

  utcTime(d: Date): this {
    const y = d.getUTCFullYear();
    if (y < 1950 || y > 2049) throw new DerError('UTCTime year out of range 1950..2049');
    return this.primitive(TagClass.universal, Tag.UTCTime, Buffer.from(formatTime(d).slice(2), 'latin1'));
  }

  generalizedTime(d: Date): this {
    return this.primitive(TagClass.universal, Tag.GeneralizedTime, Buffer.from(formatTime(d), 'latin1'));
  }

  /** RFC 5280 4.1.2.5: UTCTime through 2049, GeneralizedTime from 2050. */
  time(d: Date): this {
    const y = d.getUTCFullYear();
    return y >= 1950 && y <= 2049 ? this.utcTime(d) : this.generalizedTime(d);
  }

  finish(): Uint8Array {
    if (this.open.length !== 0) throw new DerError(`DerWriter.finish() with ${this.open.length} unclosed elements`);
    return this.buf.slice(0, this.len);
  }
}

function formatTime(d: Date): string {
  const p = (n: number, w = 2): string => String(n).padStart(w, '0');
  return `${p(d.getUTCFullYear(), 4)}${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())}${p(d.getUTCHours())}${p(d.getUTCMinutes())}${p(d.getUTCSeconds())}Z`;
}

/** X.690 10.1: the minimal definite length. */
export function encodeLength(n: number): Uint8Array {
  if (n < 0x80) return Uint8Array.of(n);
  const out: number[] = [];
  for (let v = n; v > 0; v = Math.floor(v / 256)) out.unshift(v % 256);
  return Uint8Array.from([0x80 | out.length, ...out]);
}

/** X.690 8.3: minimal two's-complement. */
export function encodeInteger(v: bigint): Uint8Array {
  const out: number[] = [];
  let x = v;
  for (;;) {
    const b = Number(x & 0xffn);
    out.unshift(b);
    x >>= 8n;
    if ((x === 0n && (b & 0x80) === 0) || (x === -1n && (b & 0x80) !== 0)) break;
  }
  return Uint8Array.from(out);
}

export function encodeOid(dotted: string): Uint8Array {
  if (!/^[0-2](\.[0-9]+)+$/.test(dotted)) throw new DerError(`invalid OBJECT IDENTIFIER "${dotted}"`);
  const arcs = dotted.split('.').map((a) => BigInt(a));
  if (arcs[0] < 2n && arcs[1] >= 40n) throw new DerError(`invalid OBJECT IDENTIFIER "${dotted}"`);
  const subs = [arcs[0] * 40n + arcs[1], ...arcs.slice(2)];
  const out: number[] = [];
  for (const s of subs) {
    const groups: number[] = [];
    let v = s;
    do {
      groups.unshift(Number(v & 0x7fn));
      v >>= 7n;
    } while (v > 0n);
    groups.forEach((g, i) => out.push(i < groups.length - 1 ? g | 0x80 : g));
  }
  return Uint8Array.from(out);
}

/** Encodes text for a string type: UTF-8, UCS-2 (BMP), UCS-4 (Universal) or one octet per char. */
export function encodeStringValue(tag: number, value: string): Uint8Array {
  const cps = Array.from(value, (ch) => ch.codePointAt(0) as number);
  if (tag === Tag.UTF8String) return Buffer.from(value, 'utf8');
  if (tag === Tag.BMPString) {
    const out = new Uint8Array(cps.length * 2);
    cps.forEach((c, i) => {
      if (c > 0xffff) throw new DerError('character outside the BMP in a BMPString');
      out[2 * i] = c >> 8;
      out[2 * i + 1] = c & 0xff;
    });
    return out;
  }
  if (tag === Tag.UniversalString) {
    const out = new Uint8Array(cps.length * 4);
    const dv = new DataView(out.buffer);
    cps.forEach((c, i) => dv.setUint32(4 * i, c));
    return out;
  }
  return Uint8Array.from(cps, (c) => {
    if (c > 0xff) throw new DerError('character does not fit a one-octet string type');
    return c;
  });
}

export function concat(parts: readonly Uint8Array[]): Uint8Array {
  const total = parts.reduce((n, p) => n + p.length, 0);
  const out = new Uint8Array(total);
  let off = 0;
  for (const p of parts) {
    out.set(p, off);
    off += p.length;
  }
  return out;
}
