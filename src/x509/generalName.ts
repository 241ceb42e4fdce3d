/**
 * GeneralName (RFC 5280 4.2.1.6). The module uses IMPLICIT tags, except that
 * directoryName is EXPLICIT because Name is a CHOICE (X.680 31.2.7).
 */
import { DerElement, DerError, DerReader, TagClass, decodeOid, describeTag } from './der';
import { Name, readName } from './name';

export type GeneralName =
  | { readonly type: 'otherName'; readonly typeId: string; readonly value: Uint8Array }
  | { readonly type: 'rfc822Name'; readonly value: string }
  | { readonly type: 'dNSName'; readonly value: string }
  | { readonly type: 'x400Address'; readonly der: Uint8Array }
  | { readonly type: 'directoryName'; readonly name: Name }
  | { readonly type: 'ediPartyName'; readonly der: Uint8Array }
  | { readonly type: 'uniformResourceIdentifier'; readonly value: string }
  | { readonly type: 'iPAddress'; readonly bytes: Uint8Array }
  | { readonly type: 'registeredID'; readonly oid: string };

/** IA5String content as text; non-ASCII octets are kept as latin1 so nothing is lost. */
function ia5(el: DerElement): string {
  if (el.constructed) throw new DerError('constructed IA5String in GeneralName', el.offset);
  return Buffer.from(el.content).toString('latin1');
}

/** Decodes one GeneralName element. */
export function decodeGeneralName(el: DerElement, parent: DerReader): GeneralName {
  if (el.tagClass !== TagClass.context) {
    throw new DerError(`GeneralName with tag ${describeTag(el.tagClass, el.tagNumber, el.constructed)}`, el.offset);
  }
  switch (el.tagNumber) {
    case 0: {
      const r = parent.enter(el);
      const typeId = r.readOid();
      const value = r.readExplicit(0).readAny().raw;
      r.expectEnd('otherName');
      return { type: 'otherName', typeId, value };
    }
    case 1:
      return { type: 'rfc822Name', value: ia5(el) };
    case 2:
      return { type: 'dNSName', value: ia5(el) };
    case 3:
      return { type: 'x400Address', der: el.raw };
    case 4: {
      const r = parent.enter(el);
      const name = readName(r);
      r.expectEnd('directoryName');
      return { type: 'directoryName', name };
    }
    case 5:
      return { type: 'ediPartyName', der: el.raw };
    case 6:
      return { type: 'uniformResourceIdentifier', value: ia5(el) };
    case 7:
      if (el.constructed) throw new DerError('constructed iPAddress', el.offset);
      return { type: 'iPAddress', bytes: el.content };
    case 8:
      if (el.constructed) throw new DerError('constructed registeredID', el.offset);
      return { type: 'registeredID', oid: decodeOid(el) };
    default:
      throw new DerError(`unknown GeneralName tag [${el.tagNumber}]`, el.offset);
  }
}

/** GeneralNames ::= SEQUENCE SIZE (1..MAX) OF GeneralName, read from a reader over its content. */
export function readGeneralNamesContent(r: DerReader): GeneralName[] {
  const out: GeneralName[] = [];
  while (r.hasMore()) out.push(decodeGeneralName(r.next(), r));
  if (out.length === 0) throw new DerError('empty GeneralNames', r.offset);
  return out;
}

export function readGeneralNames(r: DerReader): GeneralName[] {
  return readGeneralNamesContent(r.readSequence('GeneralNames'));
}

/** openssl's text for an IP address: dotted quad, or eight colon-separated hex groups. */
export function formatIpAddress(b: Uint8Array): string {
  if (b.length === 4) return Array.from(b).join('.');
  if (b.length === 16) {
    const groups: string[] = [];
    for (let i = 0; i < 16; i += 2) groups.push(((b[i] << 8) | b[i + 1]).toString(16).toUpperCase());
    return groups.join(':');
  }
  return `<invalid length=${b.length}>`;
}
