// Text formats OpenSSL's s_server prints, reproduced byte for byte: BIO_dump hex dumps, the
// -msg trace lines, -state names, -tlsextdebug lines, the DER SSL_SESSION of the connection
// summary and SSL_SESSION_print's text.
import { encodePem } from '../x509';
import { ContentType, HandshakeType } from '../tls/constants';

/** BIO_dump_indent: 16 bytes a line, `%04x - `, a dash after the 8th byte, then the ASCII column. */
export function bioDump(data: Uint8Array, indent = 0): string {
  const pad = ' '.repeat(indent);
  let out = '';
  for (let off = 0; off < data.length; off += 16) {
    let line = `${pad}${off.toString(16).padStart(4, '0')} - `;
    for (let j = 0; j < 16; j++) {
      if (off + j < data.length) line += data[off + j].toString(16).padStart(2, '0') + (j === 7 ? '-' : ' ');
      else line += '   ';
    }
    line += '  ';
    for (let j = 0; j < 16 && off + j < data.length; j++) {
      const c = data[off + j];
      line += c >= 0x20 && c <= 0x7e ? String.fromCharCode(c) : '.';
    }
    out += `${line}\n`;
  }
  return out;
}

const VERSION_TEXT: Record<number, string> = {
  0x0300: 'SSL 3.0',
  0x0301: 'TLS 1.0',
  0x0302: 'TLS 1.1',
  0x0303: 'TLS 1.2',
  0x0304: 'TLS 1.3',
  0xfeff: 'DTLS 1.0',
  0x0100: 'DTLS 1.0 (bad)',
};

const ALERT_NAME: Record<number, string> = {
  0: 'close_notify', 1: 'end_of_early_data', 10: 'unexpected_message', 20: 'bad_record_mac', 21: 'decryption_failed',
  22: 'record_overflow', 30: 'decompression_failure', 40: 'handshake_failure', 42: 'bad_certificate',
  43: 'unsupported_certificate', 44: 'certificate_revoked', 45: 'certificate_expired', 46: 'certificate_unknown',
  47: 'illegal_parameter', 48: 'unknown_ca', 49: 'access_denied', 50: 'decode_error', 51: 'decrypt_error',
  60: 'export_restriction', 70: 'protocol_version', 71: 'insufficient_security', 80: 'internal_error',
  86: 'inappropriate_fallback', 90: 'user_canceled', 100: 'no_renegotiation', 109: 'missing_extension',
  110: 'unsupported_extension', 111: 'certificate_unobtainable', 112: 'unrecognized_name',
  113: 'bad_certificate_status_response', 114: 'bad_certificate_hash_value', 115: 'unknown_psk_identity',
  116: 'certificate_required',
};

const HANDSHAKE_NAME: Record<number, string> = {
  0: 'HelloRequest', 1: 'ClientHello', 2: 'ServerHello', 3: 'HelloVerifyRequest', 4: 'NewSessionTicket',
  5: 'EndOfEarlyData', 8: 'EncryptedExtensions', 11: 'Certificate', 12: 'ServerKeyExchange',
  13: 'CertificateRequest', 14: 'ServerHelloDone', 15: 'CertificateVerify', 16: 'ClientKeyExchange',
  20: 'Finished', 21: 'CertificateUrl', 22: 'CertificateStatus', 23: 'SupplementalData', 24: 'KeyUpdate',
  67: 'NextProto', 254: 'MessageHash',
};

/** Pseudo content types of OpenSSL's message callback. */
export const RT_HEADER = 256;
export const RT_INNER_CONTENT_TYPE = 257;

/** One -msg entry (OpenSSL's msg_cb): the title line and the bytes, 16 a line. */
export function msgLine(write: boolean, version: number, contentType: number, data: Uint8Array): string {
  let versionText: string;
  let typeText = '';
  let details1 = '';
  let details2 = '';
  if (VERSION_TEXT[version] !== undefined) {
    versionText = VERSION_TEXT[version];
    switch (contentType) {
      case ContentType.change_cipher_spec:
        typeText = ', ChangeCipherSpec';
        break;
      case ContentType.alert:
        typeText = ', Alert';
        details1 = ', ???';
        if (data.length === 2) {
          details1 = data[0] === 1 ? ', warning' : data[0] === 2 ? ', fatal' : ', ???';
          details2 = ALERT_NAME[data[1]] !== undefined ? ` ${ALERT_NAME[data[1]]}` : ' ???';
        }
        break;
      case ContentType.handshake:
        typeText = ', Handshake';
        details1 = '???';
        if (data.length > 0) details1 = HANDSHAKE_NAME[data[0]] !== undefined ? `, ${HANDSHAKE_NAME[data[0]]}` : '???';
        break;
      case ContentType.application_data:
        typeText = ', ApplicationData';
        break;
      case RT_HEADER:
        typeText = ', RecordHeader';
        break;
      case RT_INNER_CONTENT_TYPE:
        typeText = ', InnerContent';
        break;
      default:
        typeText = `, Unknown (content_type=${contentType})`;
    }
  } else {
    versionText = `Not TLS data or unknown version (version=${version}, content_type=${contentType})`;
  }
  let out = `${write ? '>>>' : '<<<'} ${versionText}${typeText} [length ${data.length.toString(16).padStart(4, '0')}]${details1}${details2}\n`;
  if (data.length > 0) {
    out += '   ';
    for (let i = 0; i < data.length; i++) {
      if (i % 16 === 0 && i > 0) out += '\n   ';
      out += ` ${data[i].toString(16).padStart(2, '0')}`;
    }
    out += '\n';
  }
  return out;
}

/** SSL_state_string_long() after OpenSSL's server reads (`in`) or writes (`out`) a handshake message. */
export function stateAfterMessage(dir: 'in' | 'out', type: number): string | undefined {
  if (dir === 'in') {
    switch (type) {
      case HandshakeType.client_hello: return 'SSLv3/TLS read client hello';
      case HandshakeType.certificate: return 'SSLv3/TLS read client certificate';
      case HandshakeType.certificate_verify: return 'SSLv3/TLS read certificate verify';
      case HandshakeType.finished: return 'SSLv3/TLS read finished';
      case HandshakeType.end_of_early_data: return 'SSLv3/TLS read end of early data';
      case HandshakeType.key_update: return 'SSLv3/TLS read client key update';
      default: return undefined;
    }
  }
  switch (type) {
    case HandshakeType.server_hello: return 'SSLv3/TLS write server hello';
    case HandshakeType.encrypted_extensions: return 'TLSv1.3 write encrypted extensions';
    case HandshakeType.certificate_request: return 'SSLv3/TLS write certificate request';
    case HandshakeType.certificate: return 'SSLv3/TLS write certificate';
    case HandshakeType.certificate_verify: return 'TLSv1.3 write server certificate verify';
    case HandshakeType.finished: return 'SSLv3/TLS write finished';
    case HandshakeType.new_session_ticket: return 'SSLv3/TLS write session ticket';
    case HandshakeType.key_update: return 'SSLv3/TLS write server key update';
    default: return undefined;
  }
}

/** OpenSSL's names of TLS extensions (-tlsextdebug). */
const EXTENSION_NAME: Record<number, string> = {
  0: 'server name', 1: 'max fragment length', 2: 'client certificate URL', 3: 'trusted CA keys', 4: 'truncated HMAC',
  5: 'status request', 6: 'user mapping', 7: 'client authz', 8: 'server authz', 9: 'cert type',
  10: 'supported_groups', 11: 'EC point formats', 12: 'SRP', 13: 'signature algorithms', 14: 'use SRTP',
  35: 'session ticket', 0xff01: 'renegotiation info', 18: 'signed certificate timestamps', 21: 'TLS padding',
  13172: 'next protocol', 22: 'encrypt-then-mac', 16: 'application layer protocol negotiation',
  23: 'extended master secret', 51: 'key share', 43: 'supported versions', 41: 'psk', 45: 'psk kex modes',
  47: 'certificate authorities', 49: 'post handshake auth',
};

/** One -tlsextdebug entry (OpenSSL's tlsext_cb for a ClientHello extension). */
export function tlsextLine(type: number, data: Uint8Array): string {
  return `TLS client extension "${EXTENSION_NAME[type] ?? 'unknown'}" (id=${type}), len=${data.length}\n${bioDump(data)}`;
}

// ---- SSL_SESSION --------------------------------------------------------------------------

function derLength(n: number): Buffer {
  if (n < 0x80) return Buffer.from([n]);
  const bytes: number[] = [];
  for (let v = n; v > 0; v = Math.floor(v / 256)) bytes.unshift(v & 0xff);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

function tlv(tag: number, content: Uint8Array): Buffer {
  return Buffer.concat([Buffer.from([tag]), derLength(content.length), content]);
}

/** DER INTEGER of a non-negative number (minimal, with a leading zero byte when the top bit is set). */
function derInteger(v: number | bigint): Buffer {
  let n = BigInt(v);
  const bytes: number[] = [];
  do {
    bytes.unshift(Number(n & 0xffn));
    n >>= 8n;
  } while (n > 0n);
  if (bytes[0] & 0x80) bytes.unshift(0);
  return tlv(0x02, Buffer.from(bytes));
}

const explicit = (n: number, inner: Buffer) => tlv(0xa0 | n, inner);

/** What OpenSSL's server keeps of a TLS 1.3 session. */
export interface SessionFields {
  readonly version: number;
  readonly cipher: number;
  readonly sessionId: Buffer;
  /** The resumption PSK (of the last ticket sent, or the resumption master secret without tickets). */
  readonly masterKey: Buffer;
  /** Seconds since the epoch. */
  readonly time: number;
  readonly timeout: number;
  readonly peer?: Buffer;
  readonly sessionIdContext: Buffer;
  readonly verifyResult: number;
  readonly hostname?: string;
  readonly ticketAgeAdd?: number;
  readonly maxEarlyData: number;
  readonly alpn?: string;
  readonly kexGroup?: number;
}

/** i2d_SSL_SESSION: OpenSSL's SSL_SESSION_ASN1 with the fields a TLS 1.3 server session has. */
export function sessionDer(s: SessionFields): Buffer {
  const parts: Buffer[] = [
    derInteger(1),
    derInteger(s.version),
    tlv(0x04, Buffer.from([s.cipher >> 8, s.cipher & 0xff])),
    tlv(0x04, s.sessionId),
    tlv(0x04, s.masterKey),
    explicit(1, derInteger(s.time)),
    explicit(2, derInteger(s.timeout)),
  ];
  if (s.peer) parts.push(explicit(3, s.peer));
  parts.push(explicit(4, tlv(0x04, s.sessionIdContext)));
  if (s.verifyResult !== 0) parts.push(explicit(5, derInteger(s.verifyResult)));
  if (s.hostname !== undefined) parts.push(explicit(6, tlv(0x04, Buffer.from(s.hostname, 'latin1'))));
  if (s.ticketAgeAdd !== undefined && s.ticketAgeAdd !== 0) parts.push(explicit(14, derInteger(s.ticketAgeAdd)));
  if (s.maxEarlyData !== 0) parts.push(explicit(15, derInteger(s.maxEarlyData)));
  if (s.alpn !== undefined) parts.push(explicit(16, tlv(0x04, Buffer.from(s.alpn, 'latin1'))));
  if (s.kexGroup !== undefined) parts.push(explicit(19, derInteger(s.kexGroup)));
  return tlv(0x30, Buffer.concat(parts));
}

export function sessionPem(s: SessionFields): string {
  return encodePem('SSL SESSION PARAMETERS', sessionDer(s));
}

/** X509_verify_cert_error_string for the results a server session can hold. */
export function verifyErrorString(code: number): string {
  const text: Record<number, string> = {
    0: 'ok',
    2: 'unable to get issuer certificate',
    7: 'certificate signature failure',
    9: 'certificate is not yet valid',
    10: 'certificate has expired',
    18: 'self-signed certificate',
    19: 'self-signed certificate in certificate chain',
    20: 'unable to get local issuer certificate',
    21: 'unable to verify the first certificate',
  };
  return text[code] ?? `unknown certificate verification error`;
}

const hexUpper = (b: Uint8Array) => Buffer.from(b).toString('hex').toUpperCase();

/** SSL_SESSION_print for a TLS 1.3 server session (the -www page). */
export function sessionText(s: SessionFields, cipherName: string): string {
  const lines = [
    'SSL-Session:',
    '    Protocol  : TLSv1.3',
    `    Cipher    : ${cipherName}`,
    `    Session-ID: ${hexUpper(s.sessionId)}`,
    `    Session-ID-ctx: ${hexUpper(s.sessionIdContext)}`,
    `    Resumption PSK: ${hexUpper(s.masterKey)}`,
    '    PSK identity: None',
    '    PSK identity hint: None',
    '    SRP username: None',
    `    Start Time: ${s.time}`,
    `    Timeout   : ${s.timeout} (sec)`,
    `    Verify return code: ${s.verifyResult} (${verifyErrorString(s.verifyResult)})`,
    '    Extended master secret: no',
    `    Max Early Data: ${s.maxEarlyData}`,
  ];
  return `${lines.join('\n')}\n`;
}
