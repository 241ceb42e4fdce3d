// Encoders of the messages a TLS 1.3 server sends (RFC 8446 §4), each a whole handshake
// message (type, 24-bit length, body).
import { Writer } from './codec';
import { ExtensionType, HandshakeType, HELLO_RETRY_REQUEST_RANDOM, ProtocolVersion } from './constants';

export function handshakeMessage(type: number, body: (w: Writer) => void): Buffer {
  const w = new Writer();
  w.u8(type).vec(3, body);
  return w.finish();
}

function extension(w: Writer, type: number, body: (w: Writer) => void): void {
  w.u16(type).vec(2, body);
}

export interface ServerHelloParams {
  readonly random: Buffer;
  readonly sessionId: Buffer;
  readonly cipherSuite: number;
  readonly keyShare?: { group: number; share: Buffer };
  readonly selectedPsk?: number;
}

/** RFC 8446 §4.1.3. */
export function serverHello(p: ServerHelloParams): Buffer {
  return handshakeMessage(HandshakeType.server_hello, (w) => {
    w.u16(ProtocolVersion.TLS1_2).bytes(p.random).vecBytes(1, p.sessionId).u16(p.cipherSuite).u8(0);
    w.vec(2, (x) => {
      extension(x, ExtensionType.supported_versions, (e) => e.u16(ProtocolVersion.TLS1_3));
      if (p.keyShare) {
        const ks = p.keyShare;
        extension(x, ExtensionType.key_share, (e) => e.u16(ks.group).vecBytes(2, ks.share));
      }
      if (p.selectedPsk !== undefined) {
        const idx = p.selectedPsk;
        extension(x, ExtensionType.pre_shared_key, (e) => e.u16(idx));
      }
    });
  });
}

/** RFC 8446 §4.1.4: a ServerHello with the special random, naming the group to retry with. */
export function helloRetryRequest(sessionId: Buffer, cipherSuite: number, group: number | undefined, cookie?: Buffer): Buffer {
  return handshakeMessage(HandshakeType.server_hello, (w) => {
    w.u16(ProtocolVersion.TLS1_2).bytes(HELLO_RETRY_REQUEST_RANDOM).vecBytes(1, sessionId).u16(cipherSuite).u8(0);
    w.vec(2, (x) => {
      extension(x, ExtensionType.supported_versions, (e) => e.u16(ProtocolVersion.TLS1_3));
      if (group !== undefined) extension(x, ExtensionType.key_share, (e) => e.u16(group));
      if (cookie) extension(x, ExtensionType.cookie, (e) => e.vecBytes(2, cookie));
    });
  });
}

/** RFC 8446 §4.3.2 §4.1.4: the synthetic message_hash that replaces ClientHello1 after HRR. */
export function messageHash(hashOfClientHello1: Buffer): Buffer {
  return handshakeMessage(HandshakeType.message_hash, (w) => w.bytes(hashOfClientHello1));
}

export interface EncryptedExtensionsParams {
  readonly serverNameAck: boolean;
  readonly alpn?: string;
  readonly earlyData: boolean;
  readonly recordSizeLimit?: number;
  readonly supportedGroups?: readonly number[];
}

/** RFC 8446 §4.3.1. */
export function encryptedExtensions(p: EncryptedExtensionsParams): Buffer {
  return handshakeMessage(HandshakeType.encrypted_extensions, (w) =>
    w.vec(2, (x) => {
      if (p.supportedGroups) {
        const groups = p.supportedGroups;
        extension(x, ExtensionType.supported_groups, (e) => e.vec(2, (l) => groups.forEach((g) => l.u16(g))));
      }
      if (p.serverNameAck) extension(x, ExtensionType.server_name, () => undefined);
      if (p.alpn !== undefined) {
        const proto = Buffer.from(p.alpn, 'latin1');
        extension(x, ExtensionType.application_layer_protocol_negotiation, (e) => e.vec(2, (l) => l.vecBytes(1, proto)));
      }
      if (p.recordSizeLimit !== undefined) {
        const lim = p.recordSizeLimit;
        extension(x, ExtensionType.record_size_limit, (e) => e.u16(lim));
      }
      if (p.earlyData) extension(x, ExtensionType.early_data, () => undefined);
    }),
  );
}

/** RFC 8446 §4.3.2. */
export function certificateRequest(context: Buffer, signatureAlgorithms: readonly number[], caNames?: readonly Buffer[]): Buffer {
  return handshakeMessage(HandshakeType.certificate_request, (w) => {
    w.vecBytes(1, context);
    w.vec(2, (x) => {
      extension(x, ExtensionType.signature_algorithms, (e) => e.vec(2, (l) => signatureAlgorithms.forEach((s) => l.u16(s))));
      if (caNames && caNames.length) {
        extension(x, ExtensionType.certificate_authorities, (e) => e.vec(2, (l) => caNames.forEach((n) => l.vecBytes(2, n))));
      }
    });
  });
}

/** RFC 8446 §4.4.2: the chain, leaf first, each entry with (empty) extensions. */
export function certificate(context: Buffer, chain: readonly Buffer[], leafExtensions?: Buffer): Buffer {
  return handshakeMessage(HandshakeType.certificate, (w) => {
    w.vecBytes(1, context);
    w.vec(3, (l) =>
      chain.forEach((der, i) => {
        l.vecBytes(3, der);
        l.vecBytes(2, i === 0 && leafExtensions ? leafExtensions : Buffer.alloc(0));
      }),
    );
  });
}

/** RFC 8446 §4.4.3. */
export function certificateVerify(scheme: number, signature: Buffer): Buffer {
  return handshakeMessage(HandshakeType.certificate_verify, (w) => w.u16(scheme).vecBytes(2, signature));
}

/** RFC 8446 §4.4.4. */
export function finished(verifyData: Buffer): Buffer {
  return handshakeMessage(HandshakeType.finished, (w) => w.bytes(verifyData));
}

/** RFC 8446 §4.6.1. */
export function newSessionTicket(lifetime: number, ageAdd: number, nonce: Buffer, ticket: Buffer, maxEarlyData?: number): Buffer {
  return handshakeMessage(HandshakeType.new_session_ticket, (w) => {
    w.u32(lifetime).u32(ageAdd).vecBytes(1, nonce).vecBytes(2, ticket);
    w.vec(2, (x) => {
      if (maxEarlyData !== undefined) extension(x, ExtensionType.early_data, (e) => e.u32(maxEarlyData));
    });
  });
}

/** RFC 8446 §4.6.3. */
export function keyUpdate(requestUpdate: boolean): Buffer {
  return handshakeMessage(HandshakeType.key_update, (w) => w.u8(requestUpdate ? 1 : 0));
}

/**
 * RFC 8446 §4.4.3: the content covered by a CertificateVerify signature: 64 spaces, the
 * context string, a zero byte, then the transcript hash.
 */
export function certificateVerifyInput(server: boolean, transcriptHash: Buffer): Buffer {
  const context = server ? 'TLS 1.3, server CertificateVerify' : 'TLS 1.3, client CertificateVerify';
  return Buffer.concat([Buffer.alloc(64, 0x20), Buffer.from(context, 'latin1'), Buffer.alloc(1), transcriptHash]);
}
