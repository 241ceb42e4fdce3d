// The texts s_server prints about a connection: the summary after a handshake, the -brief
// summary, the session-cache statistics and the -www status page. Pure functions of what the
// connection negotiated and of the server's counters.
import type { ServerConfig } from '../config/serverConfig';
import type { NegotiatedInfo } from '../tls/server13';
import { CipherSuite, SignatureScheme } from '../tls/constants';
import { DEFAULT_TLS12_CIPHERS, KNOWN_CIPHERS } from './cipherTable';
import { groupName, sigalgName } from './names';
import { SessionFields, sessionPem, sessionText } from './format';

const KNOWN_BY_ID = new Map(KNOWN_CIPHERS.map((c) => [c.id, c]));

/** OpenSSL's name of a cipher suite, or undefined when OpenSSL does not know it. */
export function opensslCipherName(id: number): string | undefined {
  return KNOWN_BY_ID.get(id)?.name;
}

/** The server's cipher list as SSL_get_ciphers gives it: our TLS 1.3 suites, then OpenSSL's default TLS 1.2 list. */
export function serverCipherList(config: ServerConfig): { id: number; name: string; version: string }[] {
  const tls13 = config.tls13.cipherSuites.map((id) => ({ id, name: opensslCipherName(id) ?? `0x${id.toString(16)}`, version: 'TLSv1.3' }));
  return [...tls13, ...DEFAULT_TLS12_CIPHERS];
}

/** SSL_get_shared_ciphers: the client's suites (its order) that are in the server's list. */
export function sharedCiphers(config: ServerConfig, offered: readonly number[]): string[] {
  const ours = new Set(serverCipherList(config).map((c) => c.id));
  return offered.filter((id) => ours.has(id)).map((id) => opensslCipherName(id)!);
}

/** print_raw_cipherlist: every suite the client offered, by OpenSSL's name, SCSV, or 0x.... */
export function clientCipherList(offered: readonly number[]): string {
  return offered
    .map((id) => opensslCipherName(id) ?? `0x${id.toString(16).toUpperCase().padStart(4, '0')}`)
    .join(':');
}

/** OpenSSL 3.0's default signature algorithm list (tls12_sigalgs), which a server shares from. */
const DEFAULT_SERVER_SIGALGS: readonly number[] = [
  0x0403, 0x0503, 0x0603, 0x0807, 0x0808, 0x0809, 0x080a, 0x080b, 0x0804, 0x0805, 0x0806, 0x0401, 0x0501, 0x0601,
  0x0303, 0x0203, 0x0301, 0x0201, 0x0302, 0x0202, 0x0402, 0x0502, 0x0602,
];

/** Sigalgs OpenSSL never shares in TLS 1.3 at its default security level: DSA, SHA-1 and MD5 ones. */
function sharable(scheme: number): boolean {
  const sig = scheme & 0xff;
  const hash = scheme >> 8;
  if (scheme >= 0x0800) return true;
  return sig !== 2 && hash !== 1 && hash !== 2;
}

/** tls1_set_shared_sigalgs: the client's order, or ours with -serverpref. */
export function sharedSigalgs(config: ServerConfig, offered: readonly number[]): number[] {
  const ours = (config.tls13.signatureAlgorithms ?? DEFAULT_SERVER_SIGALGS).filter(sharable);
  if (config.tls13.serverPreference) return ours.filter((s) => offered.includes(s));
  return offered.filter((s) => ours.includes(s));
}

/** SSL_get_shared_group: the client's order, or ours with -serverpref. */
export function sharedGroups(config: ServerConfig, offered: readonly number[]): number[] {
  const ours = config.tls13.groups;
  if (config.tls13.serverPreference) return ours.filter((g) => offered.includes(g));
  return offered.filter((g) => ours.includes(g));
}

/** The lines of ssl_print_sigalgs and ssl_print_groups, as a server prints them in TLS 1.3. */
export function sigalgAndGroupLines(config: ServerConfig, info: NegotiatedInfo, shared = true): string[] {
  const hello = info.clientHello;
  const lines: string[] = [];
  const sigalgs = hello.signatureAlgorithms ?? [];
  if (sigalgs.length) {
    lines.push(`Signature Algorithms: ${sigalgs.map(sigalgName).join(':')}`);
    const both = sharedSigalgs(config, sigalgs);
    if (shared && both.length) lines.push(`Shared Signature Algorithms: ${both.map(sigalgName).join(':')}`);
  }
  if (info.peerChain && info.peerSignatureScheme !== undefined) {
    const digest = peerDigest(info.peerSignatureScheme);
    if (digest) lines.push(`Peer signing digest: ${digest}`);
    lines.push(`Peer signature type: ${peerSignatureType(info.peerSignatureScheme)}`);
  }
  const groups = hello.supportedGroups ?? [];
  if (groups.length) {
    lines.push(`Supported groups: ${groups.map(groupName).join(':')}`);
    if (shared) {
      const both = sharedGroups(config, groups);
      lines.push(`Shared groups: ${both.length ? both.map(groupName).join(':') : 'NONE'}`);
    }
  }
  return lines;
}

function peerDigest(scheme: number): string | undefined {
  if (scheme === SignatureScheme.ed25519 || scheme === SignatureScheme.ed448) return undefined;
  if (scheme >= 0x0804 && scheme <= 0x080b) return ['SHA256', 'SHA384', 'SHA512'][(scheme - 0x0804) % 3];
  return ({ 2: 'SHA1', 3: 'SHA224', 4: 'SHA256', 5: 'SHA384', 6: 'SHA512' } as Record<number, string>)[scheme >> 8];
}

function peerSignatureType(scheme: number): string {
  if (scheme === SignatureScheme.ed25519) return 'Ed25519';
  if (scheme === SignatureScheme.ed448) return 'Ed448';
  if (scheme >= 0x0804 && scheme <= 0x080b) return 'RSA-PSS';
  return ({ 1: 'RSA', 2: 'DSA', 3: 'ECDSA' } as Record<number, string>)[scheme & 0xff] ?? 'RSA';
}

/** "Secure Renegotiation IS supported": the client sent renegotiation_info or the SCSV. */
export function secureRenegotiation(info: NegotiatedInfo): boolean {
  return info.clientHello.secureRenegotiation || info.clientHello.cipherSuites.includes(CipherSuite.TLS_EMPTY_RENEGOTIATION_INFO_SCSV);
}

/** The session-cache counters of SSL_CTX_sess_*(). */
export interface CacheStats {
  items: number;
  accepts: number;
  acceptsGood: number;
  hits: number;
  misses: number;
  timeouts: number;
  cbHits: number;
  cacheFull: number;
  cacheSize: number;
}

export function statsText(s: CacheStats): string {
  const n = (v: number) => String(v).padStart(4, ' ');
  return [
    `${n(s.items)} items in the session cache`,
    `${n(0)} client connects (SSL_connect())`,
    `${n(0)} client renegotiates (SSL_connect())`,
    `${n(0)} client connects that finished`,
    `${n(s.accepts)} server accepts (SSL_accept())`,
    `${n(0)} server renegotiates (SSL_accept())`,
    `${n(s.acceptsGood)} server accepts that finished`,
    `${n(s.hits)} session cache hits`,
    `${n(s.misses)} session cache misses`,
    `${n(s.timeouts)} session cache timeouts`,
    `${n(s.cbHits)} callback cache hits`,
    `${n(s.cacheFull)} cache full overflows (${s.cacheSize} allowed)`,
  ].join('\n') + '\n';
}

/** Extra per-connection facts the summary prints. */
export interface SummaryExtras {
  readonly session: SessionFields;
  /** PEM of the client certificate and its subject/issuer lines, when there is one. */
  readonly peerCertificate?: { pem: string; subject: string; issuer: string; text?: string };
  readonly keyingMaterial?: { label: string; length: number; value?: Buffer };
}

/** print_connection_info without the -brief part: what goes to stdout after a handshake. */
export function connectionSummary(config: ServerConfig, info: NegotiatedInfo, x: SummaryExtras): string {
  let out = sessionPem(x.session);
  if (x.peerCertificate) out += `Client certificate\n${x.peerCertificate.pem}subject=${x.peerCertificate.subject}\nissuer=${x.peerCertificate.issuer}\n`;
  const lines: string[] = [];
  const shared = sharedCiphers(config, info.clientHello.cipherSuites);
  if (shared.length) lines.push(`Shared ciphers:${shared.join(':')}`);
  lines.push(...sigalgAndGroupLines(config, info));
  lines.push(`CIPHER is ${info.suite.name}`);
  if (info.resumed) lines.push('Reused session-id');
  lines.push(`Secure Renegotiation IS${secureRenegotiation(info) ? '' : ' NOT'} supported`);
  if (config.noRenegotiation) lines.push('Renegotiation is DISABLED');
  if (x.keyingMaterial) {
    const k = x.keyingMaterial;
    lines.push('Keying material exporter:', `    Label: '${k.label}'`, `    Length: ${k.length} bytes`);
    lines.push(k.value ? `    Keying material: ${k.value.toString('hex').toUpperCase()}` : '    Error');
  }
  return out + lines.join('\n') + '\n';
}

/** print_ssl_summary (stderr, -brief and -rev). */
export function briefSummary(config: ServerConfig, info: NegotiatedInfo, peerSubject?: string, verifyResult = 0): string {
  const hello = info.clientHello;
  const lines = ['Protocol version: TLSv1.3', `Client cipher list: ${clientCipherList(hello.cipherSuites)}`, `Ciphersuite: ${info.suite.name}`];
  const sigalgs = hello.signatureAlgorithms ?? [];
  if (sigalgs.length) lines.push(`Signature Algorithms: ${sigalgs.map(sigalgName).join(':')}`);
  if (peerSubject !== undefined && info.peerSignatureScheme !== undefined) {
    lines.push(`Peer certificate: ${peerSubject}`);
    const digest = peerDigest(info.peerSignatureScheme);
    if (digest) lines.push(`Hash used: ${digest}`);
    lines.push(`Signature type: ${peerSignatureType(info.peerSignatureScheme)}`);
    lines.push(verifyResult === 0 ? 'Verification: OK' : `Verification error: ${verifyResultText(verifyResult)}`);
  } else {
    lines.push('No peer certificate');
  }
  const groups = hello.supportedGroups ?? [];
  if (groups.length) lines.push(`Supported groups: ${groups.map(groupName).join(':')}`);
  return lines.join('\n') + '\n';
}

function verifyResultText(code: number): string {
  return code === 18 ? 'self-signed certificate' : code === 20 ? 'unable to get local issuer certificate' : `error ${code}`;
}

function escapeHtml(s: string): string {
  return s.replace(/[<>&]/g, (c) => (c === '<' ? '&lt;' : c === '>' ? '&gt;' : '&amp;'));
}

/** The -www status page (also -WWW's GET /stats), byte for byte as www_body writes it. */
export function wwwPage(config: ServerConfig, info: NegotiatedInfo, session: SessionFields, stats: CacheStats, peerCertificate?: { text: string; pem: string }): string {
  let out = 'HTTP/1.0 200 ok\r\nContent-type: text/html\r\n\r\n<HTML><BODY BGCOLOR="#ffffff">\n<pre>\n\n';
  out += ['s_server', ...config.argv].map((a) => `${escapeHtml(a)} `).join('') + '\n';
  out += `Secure Renegotiation IS${secureRenegotiation(info) ? '' : ' NOT'} supported\n`;
  out += 'Ciphers supported in s_server binary\n';
  const list = serverCipherList(config);
  list.forEach((c, i) => {
    out += `${c.version.padEnd(11)}:${c.name.padEnd(25)} `;
    if ((i + 1) % 2 === 0 && i + 1 !== list.length) out += '\n';
  });
  out += '\n';
  const shared = sharedCiphers(config, info.clientHello.cipherSuites);
  if (shared.length) {
    out += '---\nCiphers common between both SSL end points:\n';
    shared.forEach((name, i) => {
      out += name;
      if (i + 1 < shared.length) out += ' '.repeat(Math.max(0, 26 - name.length)) + ((i + 1) % 3 ? ' ' : '\n');
    });
    out += '\n';
  }
  for (const line of sigalgAndGroupLines(config, info)) out += `${line}\n`;
  out += `---\n${info.resumed ? 'Reused' : 'New'}, TLSv1.3, Cipher is ${info.suite.name}\n`;
  out += sessionText(session, info.suite.name);
  out += '---\n';
  out += statsText(stats);
  out += '---\n';
  if (peerCertificate) out += `Client certificate\n${peerCertificate.text}${peerCertificate.pem}`;
  else out += 'no client certificate available\n';
  out += '</pre></BODY></HTML>\r\n\r\n';
  return out;
}
