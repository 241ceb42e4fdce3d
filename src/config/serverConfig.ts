// ParsedArgs -> the immutable ServerConfig every other part reads. Files are read and keys
// loaded here, once; a bad value is a ConfigError with openssl's wording where it has one.
import * as fs from 'node:fs';

import * as core from '../../binding';
import type { ParsedArgs } from '../cli/parse';
import { Credential, PeerVerify, Tls13Config } from '../tls/config13';
import { GROUP_NAME, SIGNATURE_SCHEME_NAME } from '../tls/constants';
import { suiteByName, TLS13_SUITES } from '../tls/primitives';
import { ConfigError, loadCredential, signingKey } from './credentials';
import { generateDefaultCertificate, useDefaultCertificate } from '../x509/defaultCert';
import { TicketSealer } from '../tls/tickets13';
import { verifyPeerSignature } from './peerSignature';
import { peerChainVerifier } from './peerVerify';

export type Mode = 'interactive' | 'www' | 'WWW' | 'HTTP' | 'rev';

export interface ListenConfig {
  readonly host?: string;
  readonly port: number;
  readonly unixPath?: string;
  readonly unlink: boolean;
  readonly family?: 4 | 6;
}

export interface ServerConfig {
  readonly argv: readonly string[];
  readonly listen: ListenConfig;
  readonly mode: Mode;
  readonly quiet: boolean;
  readonly brief: boolean;
  readonly naccept?: number;
  readonly crlf: boolean;
  readonly ignEof: boolean;
  readonly keyLogFile?: string;
  readonly tls13: Tls13Config;
  /** Serve one connection at a time, as openssl does (interactive mode always does). */
  readonly serial: boolean;
  /** -debug: hex dumps of what each socket read and write moved. */
  readonly debug: boolean;
  /** -msg: protocol messages; to -msgfile when given. */
  readonly msg: boolean;
  readonly msgFile?: string;
  /** -state: SSL_accept state lines on stderr. */
  readonly state: boolean;
  /** -tlsextdebug: the ClientHello's extensions, hex dumped. */
  readonly tlsextDebug: boolean;
  /** -keymatexport / -keymatexportlen. */
  readonly keyMaterial?: { readonly label: string; readonly length: number };
  /** -id_prefix: session IDs start with these bytes. */
  readonly idPrefix?: string;
  /** -context: the session ID context (default: the int 1, as openssl). */
  readonly sessionIdContext: Buffer;
  /** -no_cache / -ext_cache: the internal cache is off (its size then prints as OpenSSL's default). */
  readonly noInternalCache: boolean;
  readonly extCache: boolean;
  /** -http_server_binmode: accepted; files are always served as their bytes. */
  readonly httpBinmode: boolean;
  /** -ignore_unexpected_eof: a close without close_notify is a normal end. */
  readonly ignoreUnexpectedEof: boolean;
  /** -no_renegotiation: prints "Renegotiation is DISABLED". */
  readonly noRenegotiation: boolean;
  /** -nbio: prints "Turned on non blocking io" per connection, as openssl does. */
  readonly nbio: boolean;
  /** -rand files (read, as openssl seeds from them) and -writerand (written at exit). */
  readonly randFiles: readonly string[];
  readonly writeRand?: string;
  /** -jsonlog FILE: one JSON object per connection ('-' is stderr). */
  readonly jsonLog?: string;
}

/** Flags of OpenSSL features this build lacks, refused like a build without them. */
const FEATURE_TEXT: Record<string, string> = {
  engine: 'ENGINE support',
  async: 'async job support',
  ssl_config: 'configuration-file support',
  provider: 'provider support',
  trace: 'SSL tracing (enable-ssl-trace)',
  comp: 'compression (zlib)',
  ktls: 'kernel TLS',
  sctp: 'SCTP',
  srp: 'SRP',
  ssl2: 'SSLv2',
  ssl3: 'SSLv3',
};

/** Flags that only mean something for TLS 1.2 and below, or DTLS: refused until TLS 1.2 lands. */
export const NOT_YET: readonly string[] = [
  'tls1', 'tls1_1', 'tls1_2', 'dtls', 'dtls1', 'dtls1_2', 'listen', 'mtu', 'cipher', 'no_tls1_3',
  'nextprotoneg', 'use_srtp', 'psk_hint', 'dhparam', 'named_curve',
];

/** OpenSSL 3.0's default TLS 1.3 cipher suites. */
const DEFAULT_CIPHERSUITES = 'TLS_AES_256_GCM_SHA384:TLS_CHACHA20_POLY1305_SHA256:TLS_AES_128_GCM_SHA256';
/** OpenSSL 3.0's default groups, in its order. */
const DEFAULT_GROUPS = 'X25519MLKEM768:x25519:secp256r1:x448:secp521r1:secp384r1:ffdhe2048:ffdhe3072:ffdhe4096:ffdhe6144:ffdhe8192';

const GROUP_ALIASES: Record<string, string> = { 'P-256': 'secp256r1', 'P-384': 'secp384r1', 'P-521': 'secp521r1', prime256v1: 'secp256r1' };

function parseGroups(list: string): number[] {
  const byName = new Map(Object.entries(GROUP_NAME).map(([id, name]) => [name.toLowerCase(), Number(id)]));
  return list.split(':').map((raw) => {
    const name = (GROUP_ALIASES[raw] ?? raw).toLowerCase();
    const id = byName.get(name);
    if (id === undefined) throw new ConfigError(`Error setting groups ${list}`);
    return id;
  });
}

function parseCiphersuites(list: string): number[] {
  if (list === '') return [];
  return list.split(':').map((name) => {
    const s = suiteByName(name);
    if (!s) throw new ConfigError(`Error setting TLS 1.3 ciphersuites ${list}`);
    return s.id;
  });
}

function parseSigalgs(list: string): number[] {
  const byName = new Map(Object.entries(SIGNATURE_SCHEME_NAME).map(([id, name]) => [name, Number(id)]));
  return list.split(':').map((n) => {
    const id = byName.get(n);
    if (id === undefined) throw new ConfigError(`Error setting signature algorithms ${list}`);
    return id;
  });
}

/** `-alpn a,b` -> ['a', 'b'] (openssl takes a comma-separated list). */
function parseAlpn(list: string): string[] {
  const protos = list.split(',');
  if (protos.some((p) => p.length === 0 || p.length > 255)) throw new ConfigError('Error parsing -alpn argument');
  return protos;
}

/** -accept [host:]port, with IPv6 hosts in brackets. */
function parseAccept(v: string): { host?: string; port: number } {
  let host: string | undefined;
  let port = v;
  const m = /^\[([^\]]*)\]:(.*)$/.exec(v);
  if (m) {
    host = m[1];
    port = m[2];
  } else if (v.includes(':')) {
    const i = v.lastIndexOf(':');
    host = v.slice(0, i);
    port = v.slice(i + 1);
  }
  if (host === '' || host === '*') host = undefined;
  const n = Number(port);
  if (!/^\d+$/.test(port) || n > 65535) throw new ConfigError(`s_server: -accept argument incorrect`);
  return { host, port: n };
}

function passSource(spec: string | undefined): (() => string) | undefined {
  if (spec === undefined) return undefined;
  return () => {
    if (spec.startsWith('pass:')) return spec.slice(5);
    if (spec.startsWith('env:')) {
      const v = process.env[spec.slice(4)];
      if (v === undefined) throw new ConfigError(`No environment variable ${spec.slice(4)}`);
      return v;
    }
    if (spec.startsWith('file:')) return fs.readFileSync(spec.slice(5), 'latin1').split(/\r?\n/)[0];
    if (spec.startsWith('fd:')) return fs.readFileSync(Number(spec.slice(3)), 'latin1').split(/\r?\n/)[0];
    if (spec === 'stdin') return fs.readFileSync(0, 'latin1').split(/\r?\n/)[0];
    throw new ConfigError(`Invalid password argument "${spec}"`);
  };
}

/** -psk (hex) and -psk_identity (default "Client_identity", as s_client's default). */
function parseExternalPsk(hex: string | undefined, identity: string | undefined): Tls13Config['externalPsk'] {
  if (hex === undefined) return undefined;
  if (!/^([0-9a-fA-F]{2})+$/.test(hex)) throw new ConfigError(`Not a hex number '${hex}'`);
  return { identity: Buffer.from(identity ?? 'Client_identity', 'latin1'), key: Buffer.from(hex, 'hex'), suite: 0x1301 };
}

/** Builds the configuration; throws ConfigError with the text to print. */
export function buildServerConfig(args: ParsedArgs, argv: readonly string[]): ServerConfig {
  const o = args.options as Record<string, string | true | readonly string[] | undefined>;
  for (const occ of args.occurrences) {
    const feature = occ.flag.feature;
    if (feature) throw new ConfigError(`s_server: -${occ.flag.name}: not available: this build has no ${FEATURE_TEXT[feature] ?? feature}`);
    if (NOT_YET.includes(occ.flag.name)) throw new ConfigError(`s_server: -${occ.flag.name}: not supported yet (TLS 1.3 only for now; TLS 1.2 and DTLS come later)`);
  }
  for (const v of ['min_protocol', 'max_protocol']) {
    const val = typeof o[v] === 'string' ? (o[v] as string) : undefined;
    if (val !== undefined && val !== 'TLSv1.3' && !(v === 'min_protocol' && /^(TLSv1(\.[0-2])?|SSLv3|None)$/.test(val))) {
      throw new ConfigError(`s_server: -${v} ${val}: not supported yet (TLS 1.3 only for now)`);
    }
  }
  const str = (k: string) => (typeof o[k] === 'string' ? (o[k] as string) : undefined);
  const flag = (k: string) => o[k] !== undefined;

  let listen: ListenConfig = { port: 4433, unlink: flag('unlink'), family: flag('4') ? 4 : flag('6') ? 6 : undefined };
  if (str('port') !== undefined) listen = { ...listen, port: Number(str('port')) };
  if (str('accept') !== undefined) listen = { ...listen, ...parseAccept(str('accept')!) };
  if (str('unix') !== undefined) listen = { ...listen, unixPath: str('unix') };

  const mode: Mode = flag('rev') ? 'rev' : flag('HTTP') ? 'HTTP' : flag('WWW') ? 'WWW' : flag('www') ? 'www' : 'interactive';

  const certFile = str('cert') ?? 'server.pem';
  const keyFile = str('key') ?? certFile;
  const credentials: Credential[] = [];
  if (!flag('nocert')) {
    if (str('key') === undefined && useDefaultCertificate(str('cert'), fs.existsSync)) {
      // No -cert and no ./server.pem: a fresh self-signed P-256 certificate, so that
      // `npx ts-s-server -www` works on a bare machine (openssl would stop here).
      const d = generateDefaultCertificate();
      process.stderr.write(`${d.notice}\n`);
      credentials.push({ chain: [Buffer.from(d.certificate.der)], key: signingKey(d.key) });
    } else {
      credentials.push(loadCredential(certFile, keyFile, passSource(str('pass'))));
    }
  }
  if (str('dcert') !== undefined) credentials.push(loadCredential(str('dcert')!, str('dkey') ?? str('dcert')!, passSource(str('dpass'))));

  let sni: Tls13Config['sni'];
  if (str('servername') !== undefined) {
    const cert2 = str('cert2') ?? 'server2.pem';
    sni = { name: str('servername')!, credentials: [loadCredential(cert2, str('key2') ?? cert2, passSource(str('pass')))], fatal: flag('servername_fatal') };
  }

  let verifyPeer: PeerVerify = 'none';
  if (str('verify') !== undefined) verifyPeer = 'request';
  if (str('Verify') !== undefined) verifyPeer = 'require';

  const groupsArg = str('groups') ?? str('curves');
  const tls13: Tls13Config = {
    cipherSuites: parseCiphersuites(str('ciphersuites') ?? DEFAULT_CIPHERSUITES),
    serverPreference: flag('serverpref'),
    prioritizeChaCha: flag('prioritize_chacha'),
    groups: parseGroups(groupsArg ?? DEFAULT_GROUPS),
    signatureAlgorithms: str('sigalgs') !== undefined ? parseSigalgs(str('sigalgs')!) : undefined,
    clientSignatureAlgorithms: str('client_sigalgs') !== undefined ? parseSigalgs(str('client_sigalgs')!) : undefined,
    credentials,
    sni,
    alpn: str('alpn') !== undefined ? parseAlpn(str('alpn')!) : undefined,
    verifyPeer,
    numTickets: str('num_tickets') !== undefined ? Number(str('num_tickets')) : 2,
    middleboxCompat: !flag('no_middlebox'),
    maxSendFragment: str('max_send_frag') !== undefined ? Number(str('max_send_frag')) : 16384,
    recordPadding: str('record_padding') !== undefined ? Number(str('record_padding')) : 0,
    // A fresh ticket key per run: tickets survive restarts of neither openssl nor us.
    tickets: flag('no_ticket') ? undefined : new TicketSealer(core.randomBytes(32), (n) => core.randomBytes(n)),
    ticketLifetime: 7200,
    allowNoDheKex: flag('allow_no_dhe_kex'),
    externalPsk: parseExternalPsk(str('psk'), str('psk_identity')),
    verifyClientSignature: verifyPeerSignature,
    verifyPeerChain: peerChainVerifier(args),
    random: (n) => core.randomBytes(n),
    now: () => Date.now(),
  };
  if (tls13.maxSendFragment < 512 || tls13.maxSendFragment > 16384) throw new ConfigError('Error setting maximum fragment length');
  if (!TLS13_SUITES.length) throw new ConfigError('no cipher suites');

  return {
    argv,
    listen,
    mode,
    quiet: flag('quiet'),
    brief: flag('brief'),
    naccept: str('naccept') !== undefined ? Number(str('naccept')) : undefined,
    crlf: flag('crlf'),
    ignEof: flag('ign_eof') && !flag('no_ign_eof'),
    keyLogFile: str('keylogfile'),
    tls13,
    serial: mode === 'interactive' || flag('serial'),
    debug: flag('debug'),
    msg: flag('msg'),
    msgFile: str('msgfile'),
    state: flag('state'),
    tlsextDebug: flag('tlsextdebug'),
    keyMaterial: str('keymatexport') !== undefined ? { label: str('keymatexport')!, length: str('keymatexportlen') !== undefined ? Number(str('keymatexportlen')) : 20 } : undefined,
    idPrefix: str('id_prefix'),
    sessionIdContext: str('context') !== undefined ? Buffer.from(str('context')!, 'latin1') : Buffer.from([1, 0, 0, 0]),
    noInternalCache: flag('no_cache') || flag('ext_cache'),
    extCache: flag('ext_cache') && !flag('no_cache'),
    httpBinmode: flag('http_server_binmode'),
    ignoreUnexpectedEof: flag('ignore_unexpected_eof'),
    noRenegotiation: flag('no_renegotiation'),
    nbio: flag('nbio'),
    randFiles: ((o['rand'] as readonly string[] | undefined) ?? []).flatMap((v) => v.split(':')).filter((f) => f !== ''),
    writeRand: str('writerand'),
    jsonLog: str('jsonlog'),
  };
}
