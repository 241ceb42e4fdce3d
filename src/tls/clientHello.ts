// ClientHello (RFC 8446 §4.1.2) and the extensions a TLS 1.3 server reads from it, decoded
// strictly: exact lengths, no duplicates, bounded sizes.
import { TlsError } from './alert';
import { Reader } from './codec';
import { AlertDescription, ExtensionType } from './constants';

export interface KeyShareEntry {
  readonly group: number;
  readonly keyExchange: Buffer;
}

export interface OfferedPsk {
  readonly identities: { identity: Buffer; obfuscatedTicketAge: number }[];
  readonly binders: Buffer[];
  /** Bytes of the ClientHello up to the binders list (the truncated hello, RFC 8446 §4.2.11.2). */
  readonly truncatedLength: number;
}

export interface ClientHello {
  readonly raw: Buffer;
  readonly legacyVersion: number;
  readonly random: Buffer;
  readonly sessionId: Buffer;
  readonly cipherSuites: number[];
  readonly compressionMethods: Buffer;
  /** Extensions in the order the client sent them. */
  readonly extensionOrder: number[];
  readonly extensions: Map<number, Buffer>;
  readonly supportedVersions?: number[];
  readonly serverName?: string;
  readonly supportedGroups?: number[];
  readonly signatureAlgorithms?: number[];
  readonly signatureAlgorithmsCert?: number[];
  readonly keyShares?: KeyShareEntry[];
  readonly alpn?: string[];
  readonly pskModes?: number[];
  readonly psk?: OfferedPsk;
  readonly earlyData: boolean;
  readonly cookie?: Buffer;
  readonly postHandshakeAuth: boolean;
  readonly recordSizeLimit?: number;
  readonly ecPointFormats?: number[];
  readonly statusRequest: boolean;
  readonly secureRenegotiation: boolean;
}

function u16List(ext: Buffer, what: string, lenBytes: 1 | 2 = 2, min = 2): number[] {
  const r = new Reader(ext, what);
  const list = r.sub(lenBytes, what, min, 0xffff);
  r.end();
  if (list.remaining % 2) throw new TlsError(AlertDescription.decode_error, `${what}: odd length`);
  const out: number[] = [];
  while (list.remaining) out.push(list.u16());
  return out;
}

function parseServerName(ext: Buffer): string | undefined {
  // RFC 6066 §3: a list with at most one host_name.
  const r = new Reader(ext, 'server_name');
  const list = r.sub(2, 'server_name list', 1, 0xffff);
  r.end();
  let host: string | undefined;
  while (list.remaining) {
    const type = list.u8();
    const name = list.vec(2, 1, 0xffff);
    if (type !== 0) continue;
    if (host !== undefined) throw new TlsError(AlertDescription.illegal_parameter, 'server_name: two host names');
    for (const b of name) {
      if (b === 0) throw new TlsError(AlertDescription.illegal_parameter, 'server_name: NUL in host name');
    }
    host = Buffer.from(name).toString('latin1');
  }
  return host;
}

function parseKeyShares(ext: Buffer): KeyShareEntry[] {
  const r = new Reader(ext, 'key_share');
  const list = r.sub(2, 'key_share list', 0, 0xffff);
  r.end();
  const out: KeyShareEntry[] = [];
  const seen = new Set<number>();
  while (list.remaining) {
    const group = list.u16();
    const keyExchange = Buffer.from(list.vec(2, 1, 0xffff));
    // RFC 8446 §4.2.8: clients MUST NOT offer two shares for one group.
    if (seen.has(group)) throw new TlsError(AlertDescription.illegal_parameter, 'key_share: duplicate group');
    seen.add(group);
    out.push({ group, keyExchange });
  }
  return out;
}

function parseAlpn(ext: Buffer): string[] {
  const r = new Reader(ext, 'alpn');
  const list = r.sub(2, 'alpn list', 2, 0xffff);
  r.end();
  const out: string[] = [];
  while (list.remaining) out.push(Buffer.from(list.vec(1, 1, 0xff)).toString('latin1'));
  return out;
}

function parsePsk(ext: Buffer, dataStartInHello: number): OfferedPsk {
  const r = new Reader(ext, 'pre_shared_key');
  const ids = r.sub(2, 'psk identities', 7, 0xffff);
  const identities: OfferedPsk['identities'] = [];
  while (ids.remaining) identities.push({ identity: Buffer.from(ids.vec(2, 1, 0xffff)), obfuscatedTicketAge: ids.u32() });
  const identitiesLen = 2 + (ext.length - r.remaining - 2);
  const bindersReader = r.sub(2, 'psk binders', 33, 0xffff);
  r.end();
  const binders: Buffer[] = [];
  while (bindersReader.remaining) binders.push(Buffer.from(bindersReader.vec(1, 32, 255)));
  if (binders.length !== identities.length) throw new TlsError(AlertDescription.illegal_parameter, 'pre_shared_key: binders do not match identities');
  return { identities, binders, truncatedLength: dataStartInHello + identitiesLen };
}

/** Decodes a ClientHello body (after the 4-byte handshake header). raw is the whole message. */
export function parseClientHello(raw: Buffer): ClientHello {
  const body = raw.subarray(4);
  const r = new Reader(body, 'ClientHello');
  const legacyVersion = r.u16();
  const random = Buffer.from(r.bytes(32));
  const sessionId = Buffer.from(r.vec(1, 0, 32));
  const suitesReader = r.sub(2, 'cipher_suites', 2, 0xfffe);
  if (suitesReader.remaining % 2) throw new TlsError(AlertDescription.decode_error, 'cipher_suites: odd length');
  const cipherSuites: number[] = [];
  while (suitesReader.remaining) cipherSuites.push(suitesReader.u16());
  const compressionMethods = Buffer.from(r.vec(1, 1, 0xff));
  const extensions = new Map<number, Buffer>();
  const extensionOrder: number[] = [];
  let psk: OfferedPsk | undefined;
  if (r.remaining) {
    const exts = r.sub(2, 'extensions', 0, 0xffff);
    while (exts.remaining) {
      const type = exts.u16();
      const startInBody = body.length - r.remaining - exts.remaining - 2;
      const data = Buffer.from(exts.vec(2));
      // RFC 8446 §4.2: no extension type twice.
      if (extensions.has(type)) throw new TlsError(AlertDescription.illegal_parameter, `extension ${type} appears twice`);
      extensions.set(type, data);
      extensionOrder.push(type);
      if (type === ExtensionType.pre_shared_key) {
        // RFC 8446 §4.2.11: pre_shared_key MUST be the last extension.
        if (exts.remaining) throw new TlsError(AlertDescription.illegal_parameter, 'pre_shared_key is not the last extension');
        // The extension's data starts after its type and length (4 bytes) in the whole message.
        psk = parsePsk(data, 4 + startInBody + 4);
      }
    }
  }
  r.end();

  const get = (t: number) => extensions.get(t);
  const sv = get(ExtensionType.supported_versions);
  let supportedVersions: number[] | undefined;
  if (sv) supportedVersions = u16List(sv, 'supported_versions', 1);
  const groups = get(ExtensionType.supported_groups);
  const sigalgs = get(ExtensionType.signature_algorithms);
  const sigalgsCert = get(ExtensionType.signature_algorithms_cert);
  const ks = get(ExtensionType.key_share);
  const sni = get(ExtensionType.server_name);
  const alpn = get(ExtensionType.application_layer_protocol_negotiation);
  const modes = get(ExtensionType.psk_key_exchange_modes);
  const cookieExt = get(ExtensionType.cookie);
  const rsl = get(ExtensionType.record_size_limit);
  const pf = get(ExtensionType.ec_point_formats);
  let cookie: Buffer | undefined;
  if (cookieExt) {
    const cr = new Reader(cookieExt, 'cookie');
    cookie = Buffer.from(cr.vec(2, 1, 0xffff));
    cr.end();
  }
  let recordSizeLimit: number | undefined;
  if (rsl) {
    const rr = new Reader(rsl, 'record_size_limit');
    recordSizeLimit = rr.u16();
    rr.end();
    // RFC 8449 §4: a value below 64 is illegal_parameter.
    if (recordSizeLimit < 64) throw new TlsError(AlertDescription.illegal_parameter, 'record_size_limit below 64');
  }
  let pskModes: number[] | undefined;
  if (modes) {
    const mr = new Reader(modes, 'psk_key_exchange_modes');
    pskModes = [...mr.vec(1, 1, 0xff)];
    mr.end();
  }
  let ecPointFormats: number[] | undefined;
  if (pf) {
    const pr = new Reader(pf, 'ec_point_formats');
    ecPointFormats = [...pr.vec(1, 1, 0xff)];
    pr.end();
  }
  const early = get(ExtensionType.early_data);
  if (early && early.length !== 0) throw new TlsError(AlertDescription.decode_error, 'early_data extension is not empty');
  const pha = get(ExtensionType.post_handshake_auth);
  if (pha && pha.length !== 0) throw new TlsError(AlertDescription.decode_error, 'post_handshake_auth extension is not empty');

  return {
    raw,
    legacyVersion,
    random,
    sessionId,
    cipherSuites,
    compressionMethods,
    extensionOrder,
    extensions,
    supportedVersions,
    serverName: sni ? parseServerName(sni) : undefined,
    supportedGroups: groups ? u16List(groups, 'supported_groups') : undefined,
    signatureAlgorithms: sigalgs ? u16List(sigalgs, 'signature_algorithms') : undefined,
    signatureAlgorithmsCert: sigalgsCert ? u16List(sigalgsCert, 'signature_algorithms_cert') : undefined,
    keyShares: ks ? parseKeyShares(ks) : undefined,
    alpn: alpn ? parseAlpn(alpn) : undefined,
    pskModes,
    psk,
    earlyData: early !== undefined,
    cookie,
    postHandshakeAuth: pha !== undefined,
    recordSizeLimit,
    ecPointFormats,
    statusRequest: extensions.has(ExtensionType.status_request),
    secureRenegotiation: extensions.has(ExtensionType.renegotiation_info) || cipherSuites.includes(0x00ff),
  };
}
