// The TLS 1.3 server handshake (RFC 8446) as a pure state machine: each state takes one parsed
// handshake message and returns its successor, writing what to send and which keys to install
// into an output sink, in order. No sockets, no timers, no printing.
import { TlsError } from './alert';
import { ClientHello, KeyShareEntry, parseClientHello } from './clientHello';
import { Reader } from './codec';
import { AlertDescription, CipherSuite, HandshakeType, ProtocolVersion, PskKeyExchangeMode, SignatureScheme } from './constants';
import { Credential, Tls13Config } from './config13';
import { finishedVerifyData, KeySchedule13, nextTrafficSecret } from './keySchedule13';
import { groupSupported, keyExchange, RunningHash, runningHash, suiteById, SuiteParams } from './primitives';
import * as msg from './serverMessages13';
import { TicketState, ticketPsk } from './tickets13';

export type Direction = 'read' | 'write';
export type Epoch = 'handshake' | 'application';

/** Where the state machine's effects go, in the order they must happen. */
export interface HandshakeSink {
  /** A handshake message, protected with the current write keys (or in plaintext before). */
  sendHandshake(message: Buffer): void;
  /** A change_cipher_spec record for middlebox compatibility (RFC 8446 §D.4). */
  sendChangeCipherSpec(): void;
  /** Install traffic keys for one direction from `secret`. */
  installKeys(direction: Direction, epoch: Epoch, suite: SuiteParams, secret: Buffer): void;
  /** NSS key log line (label, client random, secret). */
  keyLog(label: string, clientRandom: Buffer, secret: Buffer): void;
  /** The handshake is complete. */
  handshakeDone(info: NegotiatedInfo): void;
  /** s_server's verify lines for the client's chain, printed whether or not it verified. */
  peerVerifyLines?(lines: readonly Buffer[]): void;
  /** The client's records of rejected 0-RTT data are to be skipped (RFC 8446 §4.2.10). */
  skipEarlyData?(): void;
}

export interface NegotiatedInfo {
  readonly version: number;
  readonly suite: SuiteParams;
  readonly group?: number;
  readonly signatureScheme?: number;
  readonly alpn?: string;
  readonly serverName?: string;
  readonly helloRetry: boolean;
  /** The session was resumed from a ticket. */
  readonly resumed: boolean;
  readonly clientHello: ClientHello;
  readonly peerChain?: Buffer[];
  /** The scheme of the client's CertificateVerify, when it sent a certificate. */
  readonly peerSignatureScheme?: number;
  readonly exporterSecret: Buffer;
  readonly resumptionMasterSecret: Buffer;
}

export interface HandshakeMessage {
  readonly type: number;
  readonly body: Buffer;
  readonly raw: Buffer;
}

export interface State {
  readonly name: string;
  handle(m: HandshakeMessage, out: HandshakeSink): State;
}

/** Everything negotiated so far, shared by the states of one handshake. */
interface Negotiation {
  readonly config: Tls13Config;
  readonly hello: ClientHello;
  readonly suite: SuiteParams;
  readonly transcript: RunningHash;
  readonly schedule: KeySchedule13;
  readonly credential?: Credential;
  readonly scheme?: number;
  readonly group?: number;
  readonly alpn?: string;
  readonly serverName?: string;
  readonly helloRetry: boolean;
  readonly resumed?: AcceptedPsk;
  clientHandshakeSecret?: Buffer;
  clientAppSecret?: Buffer;
  serverAppSecret?: Buffer;
  exporterSecret?: Buffer;
  peerChain?: Buffer[];
  peerVerifyResult?: number;
  peerSignatureScheme?: number;
}

function unexpected(state: string, type: number): never {
  throw new TlsError(AlertDescription.unexpected_message, `unexpected handshake message ${type} in state ${state}`);
}

// ---- Choices (each in one place, as OpenSSL makes them) -----------------------------------

/**
 * The cipher suite: the client's order by default, ours with -serverpref (with ChaCha20 moved
 * first when -prioritize_chacha is set and the client lists it first).
 */
export function chooseCipherSuite(config: Tls13Config, offered: readonly number[]): SuiteParams | undefined {
  const ours = config.cipherSuites.filter((id) => suiteById(id));
  // With an external PSK configured OpenSSL prefers a SHA-256 suite, the hash a bare -psk
  // key is bound to, so the PSK can be used.
  if (config.externalPsk) {
    const first = chooseFrom(config, ours.filter((id) => suiteById(id)!.hash === 'sha256'), offered);
    if (first) return first;
  }
  return chooseFrom(config, ours, offered);
}

function chooseFrom(config: Tls13Config, ours: readonly number[], offered: readonly number[]): SuiteParams | undefined {
  let order: readonly number[];
  if (config.serverPreference) {
    order = ours;
    if (config.prioritizeChaCha && offered[0] === CipherSuite.TLS_CHACHA20_POLY1305_SHA256 && ours.includes(offered[0])) {
      order = [offered[0], ...ours.filter((id) => id !== offered[0])];
    }
    const id = order.find((s) => offered.includes(s));
    return id === undefined ? undefined : suiteById(id);
  }
  const id = offered.find((s) => ours.includes(s));
  return id === undefined ? undefined : suiteById(id);
}

/** The key share to use: the first the client sent for a group we enable (RFC 8446 §4.2.8). */
export function chooseKeyShare(config: Tls13Config, hello: ClientHello): KeyShareEntry | undefined {
  const clientGroups = hello.supportedGroups ?? [];
  return (hello.keyShares ?? []).find((ks) => config.groups.includes(ks.group) && clientGroups.includes(ks.group) && groupSupported(ks.group));
}

/** The group to ask for in a HelloRetryRequest: the first group both enable, by our order with -serverpref. */
export function chooseRetryGroup(config: Tls13Config, hello: ClientHello): number | undefined {
  const clientGroups = hello.supportedGroups ?? [];
  const order = config.serverPreference ? config.groups : clientGroups;
  return order.find((g) => config.groups.includes(g) && clientGroups.includes(g) && groupSupported(g));
}

/** Signature schemes a key can make in TLS 1.3 (RFC 8446 §4.2.3). */
export function schemesForKey(c: Credential): number[] {
  switch (c.key.kind) {
    case 'rsa':
      return [SignatureScheme.rsa_pss_rsae_sha256, SignatureScheme.rsa_pss_rsae_sha384, SignatureScheme.rsa_pss_rsae_sha512];
    case 'rsa-pss':
      return [SignatureScheme.rsa_pss_pss_sha256, SignatureScheme.rsa_pss_pss_sha384, SignatureScheme.rsa_pss_pss_sha512];
    case 'ec':
      // TLS 1.3 binds each ECDSA scheme to its curve.
      if (c.key.curve === 'P-256') return [SignatureScheme.ecdsa_secp256r1_sha256];
      if (c.key.curve === 'P-384') return [SignatureScheme.ecdsa_secp384r1_sha384];
      if (c.key.curve === 'P-521') return [SignatureScheme.ecdsa_secp521r1_sha512];
      return [];
    case 'ed25519':
      return [SignatureScheme.ed25519];
    case 'ed448':
      return [SignatureScheme.ed448];
  }
}

/** The credential and scheme: the first credential that can sign with a scheme the client accepts. */
export function chooseCredential(config: Tls13Config, hello: ClientHello, candidates: readonly Credential[]): { credential: Credential; scheme: number } | undefined {
  const clientSchemes = hello.signatureAlgorithms ?? [];
  for (const credential of candidates) {
    const allowed = schemesForKey(credential).filter((s) => !config.signatureAlgorithms || config.signatureAlgorithms.includes(s));
    const scheme = clientSchemes.find((s) => allowed.includes(s));
    if (scheme !== undefined) return { credential, scheme };
  }
  return undefined;
}

/** ALPN (RFC 7301 §3.2): the first of our protocols the client offers, by our order. */
export function chooseAlpn(config: Tls13Config, hello: ClientHello): string | undefined {
  if (!config.alpn || !hello.alpn) return undefined;
  const match = config.alpn.find((p) => hello.alpn!.includes(p));
  // OpenSSL's s_server answers a mismatch by not sending ALPN (its callback returns NOACK).
  return match;
}

/** A PSK we accepted from a ticket, and how to use it. */
export interface AcceptedPsk {
  readonly index: number;
  readonly state: TicketState;
  /** psk_dhe_ke (a fresh key exchange too) or psk_ke. */
  readonly dhe: boolean;
}

/**
 * RFC 8446 §4.2.11: resumption from a ticket. The first identity that is one of our tickets,
 * still valid, for a suite with the same hash, and whose binder verifies. `prefix` is the
 * transcript before this ClientHello (message_hash and HelloRetryRequest after a retry).
 * A wrong binder is fatal (decrypt_error); anything else just means a full handshake.
 */
export function tryResume(config: Tls13Config, hello: ClientHello, suite: SuiteParams, prefix: RunningHash): AcceptedPsk | undefined {
  if (!hello.psk || (!config.tickets && !config.externalPsk)) return undefined;
  const modes = hello.pskModes ?? [];
  // RFC 8446 §4.2.9: without psk_key_exchange_modes the server MUST NOT resume.
  const dhe = modes.includes(PskKeyExchangeMode.psk_dhe_ke);
  const plain = modes.includes(PskKeyExchangeMode.psk_ke) && config.allowNoDheKex;
  if (!dhe && !plain) return undefined;
  for (let index = 0; index < hello.psk.identities.length; index++) {
    const identity = hello.psk.identities[index].identity;
    const external = config.externalPsk && identity.equals(config.externalPsk.identity) ? config.externalPsk : undefined;
    const state = external ? externalPskState(external, config) : config.tickets?.open(identity);
    if (!state) continue;
    const ticketSuite = suiteById(state.suite);
    // RFC 8446 §4.2.11: the PSK's hash must be the suite's hash.
    if (!ticketSuite || ticketSuite.hash !== suite.hash) continue;
    const ageMs = config.now() - state.issued;
    if (ageMs < 0 || ageMs > state.lifetime * 1000) continue;
    const schedule = new KeySchedule13(suite.hash, suite.hashLen, state.psk);
    const t = prefix.fork();
    t.update(hello.raw.subarray(0, hello.psk.truncatedLength));
    // RFC 8446 §7.1: "ext binder" for external PSKs, "res binder" for tickets.
    const expected = finishedVerifyData(suite.hash, schedule.binderKey(external !== undefined), t.peek());
    const binder = hello.psk.binders[index];
    if (binder.length !== expected.length || !timingSafeEqual(binder, expected)) {
      throw new TlsError(AlertDescription.decrypt_error, 'PSK binder does not verify');
    }
    return { index, state, dhe };
  }
  return undefined;
}

/**
 * An external PSK (-psk, -psk_identity) as a ticket-like state. OpenSSL's s_client and s_server
 * bind a bare -psk key to SHA-256 (TLS_AES_128_GCM_SHA256) in TLS 1.3.
 */
function externalPskState(psk: NonNullable<Tls13Config['externalPsk']>, config: Tls13Config): TicketState {
  return { suite: psk.suite, psk: psk.key, issued: config.now(), ageAdd: 0, lifetime: 0xffffffff, maxEarlyData: 0, alpn: '', serverName: '' };
}

// ---- States --------------------------------------------------------------------------------

/** Checks common to every ClientHello (RFC 8446 §4.1.2, §9.2). */
function checkClientHello(hello: ClientHello): void {
  if (!hello.supportedVersions || !hello.supportedVersions.includes(ProtocolVersion.TLS1_3)) {
    throw new TlsError(AlertDescription.protocol_version, 'client does not offer TLS 1.3');
  }
  // A TLS 1.3 ClientHello must offer only the null compression method.
  if (hello.compressionMethods.length !== 1 || hello.compressionMethods[0] !== 0) {
    throw new TlsError(AlertDescription.illegal_parameter, 'TLS 1.3 ClientHello with compression');
  }
  // RFC 8446 §9.2: key_share needs supported_groups; signature_algorithms is mandatory without a PSK.
  if (hello.keyShares && !hello.supportedGroups) throw new TlsError(AlertDescription.missing_extension, 'key_share without supported_groups');
  if (!hello.psk && !hello.signatureAlgorithms) throw new TlsError(AlertDescription.missing_extension, 'no signature_algorithms');
  if (!hello.keyShares && !hello.psk) throw new TlsError(AlertDescription.missing_extension, 'no key_share');
}

export class ExpectClientHello implements State {
  readonly name = 'ExpectClientHello';

  constructor(private readonly config: Tls13Config) {}

  handle(m: HandshakeMessage, out: HandshakeSink): State {
    if (m.type !== HandshakeType.client_hello) unexpected(this.name, m.type);
    const hello = parseClientHello(m.raw);
    checkClientHello(hello);
    const suite = chooseCipherSuite(this.config, hello.cipherSuites);
    if (!suite) throw new TlsError(AlertDescription.handshake_failure, 'no shared cipher');
    const share = chooseKeyShare(this.config, hello);
    const transcript = runningHash(suite.hash);
    const psk = tryResume(this.config, hello, suite, transcript);
    transcript.update(m.raw);
    if (psk && !psk.dhe) return sendServerFlight(this.config, hello, suite, undefined, transcript, false, out, psk);
    if (!share) {
      // RFC 8446 §4.1.4: ask for a share of a group we both support.
      const group = chooseRetryGroup(this.config, hello);
      if (group === undefined) throw new TlsError(AlertDescription.handshake_failure, 'no shared group');
      const hash1 = transcript.peek();
      const retryTranscript = runningHash(suite.hash);
      retryTranscript.update(msg.messageHash(hash1));
      const hrr = msg.helloRetryRequest(hello.sessionId, suite.id, group);
      retryTranscript.update(hrr);
      out.sendHandshake(hrr);
      if (this.config.middleboxCompat) out.sendChangeCipherSpec();
      if (hello.earlyData) out.skipEarlyData?.();
      return new ExpectClientHello2(this.config, hello, suite, group, retryTranscript);
    }
    return sendServerFlight(this.config, hello, suite, share, transcript, false, out, psk);
  }
}

/** After a HelloRetryRequest (RFC 8446 §4.1.4): the second ClientHello must follow the request. */
export class ExpectClientHello2 implements State {
  readonly name = 'ExpectClientHello2';

  constructor(
    private readonly config: Tls13Config,
    private readonly first: ClientHello,
    private readonly suite: SuiteParams,
    private readonly group: number,
    private readonly transcript: RunningHash,
  ) {}

  handle(m: HandshakeMessage, out: HandshakeSink): State {
    if (m.type !== HandshakeType.client_hello) unexpected(this.name, m.type);
    const hello = parseClientHello(m.raw);
    checkClientHello(hello);
    if (!hello.cipherSuites.includes(this.suite.id)) throw new TlsError(AlertDescription.illegal_parameter, 'second ClientHello dropped the cipher suite');
    if (!hello.sessionId.equals(this.first.sessionId)) throw new TlsError(AlertDescription.illegal_parameter, 'second ClientHello changed legacy_session_id');
    if (hello.earlyData) throw new TlsError(AlertDescription.illegal_parameter, 'early_data after HelloRetryRequest');
    const shares = hello.keyShares ?? [];
    if (shares.length !== 1 || shares[0].group !== this.group) {
      throw new TlsError(AlertDescription.illegal_parameter, 'second ClientHello does not answer the HelloRetryRequest');
    }
    const psk = tryResume(this.config, hello, this.suite, this.transcript);
    this.transcript.update(m.raw);
    return sendServerFlight(this.config, hello, this.suite, shares[0], this.transcript, true, out, psk);
  }
}

/** ServerHello through server Finished (RFC 8446 §4.1.3 – §4.4.4). */
function sendServerFlight(
  config: Tls13Config,
  hello: ClientHello,
  suite: SuiteParams,
  share: KeyShareEntry | undefined,
  transcript: RunningHash,
  helloRetry: boolean,
  out: HandshakeSink,
  psk?: AcceptedPsk,
): State {
  // Certificate choice: SNI first (-servername with -cert2), then the default credentials.
  let candidates = config.credentials;
  // RFC 6066 §3 as s_server does it: a name is only acknowledged (and kept in the session) when
  // -servername is given and the client's name matches it; another name is ignored, or fatal
  // with -servername_fatal.
  let serverName: string | undefined;
  if (hello.serverName !== undefined && config.sni) {
    if (hello.serverName.toLowerCase() === config.sni.name.toLowerCase()) {
      candidates = config.sni.credentials;
      serverName = hello.serverName;
    } else if (config.sni.fatal) {
      throw new TlsError(AlertDescription.unrecognized_name, `unrecognized server name ${hello.serverName}`);
    }
  }
  // A resumed session authenticates by its PSK: no certificate is sent (RFC 8446 §2.2).
  const chosen = psk ? undefined : chooseCredential(config, hello, candidates);
  if (!psk && !chosen) throw new TlsError(AlertDescription.handshake_failure, 'no certificate for the signature algorithms the client accepts');
  const alpn = chooseAlpn(config, hello);

  const kx = share ? keyExchange(share.group, share.keyExchange, config.ephemeralKey) : undefined;
  const schedule = new KeySchedule13(suite.hash, suite.hashLen, psk?.state.psk);
  schedule.enterHandshake(kx?.sharedSecret);

  // RFC 8446 §4.1.3: 32 random bytes; a TLS 1.3 server sets no downgrade sentinel.
  const sh = msg.serverHello({
    random: config.random(32),
    sessionId: hello.sessionId,
    cipherSuite: suite.id,
    keyShare: share && kx ? { group: share.group, share: kx.serverShare } : undefined,
    selectedPsk: psk?.index,
  });
  transcript.update(sh);
  out.sendHandshake(sh);
  // RFC 8446 §D.4: one change_cipher_spec right after the first ServerHello (or the HRR).
  if (config.middleboxCompat && !helloRetry) out.sendChangeCipherSpec();
  if (hello.earlyData) out.skipEarlyData?.();

  const hs = schedule.handshakeTrafficSecrets(transcript.peek());
  out.keyLog('SERVER_HANDSHAKE_TRAFFIC_SECRET', hello.random, hs.server);
  out.keyLog('CLIENT_HANDSHAKE_TRAFFIC_SECRET', hello.random, hs.client);
  out.installKeys('write', 'handshake', suite, hs.server);
  out.installKeys('read', 'handshake', suite, hs.client);

  const send = (m: Buffer) => {
    transcript.update(m);
    out.sendHandshake(m);
  };
  // RFC 6066 §3: an empty server_name in EncryptedExtensions acknowledges the name.
  send(msg.encryptedExtensions({ serverNameAck: serverName !== undefined, alpn, earlyData: false }));
  if (chosen) {
    if (config.verifyPeer !== 'none') {
      const sigalgs = config.clientSignatureAlgorithms ?? DEFAULT_CLIENT_SIGALGS;
      send(msg.certificateRequest(Buffer.alloc(0), sigalgs));
    }
    send(msg.certificate(Buffer.alloc(0), chosen.credential.chain));
    const signature = chosen.credential.key.sign(chosen.scheme, msg.certificateVerifyInput(true, transcript.peek()));
    send(msg.certificateVerify(chosen.scheme, signature));
  }
  send(msg.finished(finishedVerifyData(suite.hash, hs.server, transcript.peek())));

  schedule.enterMaster();
  const app = schedule.applicationSecrets(transcript.peek());
  out.keyLog('SERVER_TRAFFIC_SECRET_0', hello.random, app.server);
  out.keyLog('CLIENT_TRAFFIC_SECRET_0', hello.random, app.client);
  out.keyLog('EXPORTER_SECRET', hello.random, app.exporter);
  out.installKeys('write', 'application', suite, app.server);

  const n: Negotiation = {
    config,
    hello,
    suite,
    transcript,
    schedule,
    credential: chosen?.credential,
    scheme: chosen?.scheme,
    group: share?.group,
    alpn,
    serverName,
    helloRetry,
    resumed: psk,
    clientHandshakeSecret: hs.client,
    clientAppSecret: app.client,
    serverAppSecret: app.server,
    exporterSecret: app.exporter,
  };
  if (chosen && config.verifyPeer !== 'none') return new ExpectCertificate(n);
  return new ExpectFinished(n);
}

/** Signature schemes we accept from clients when no -client_sigalgs is given (OpenSSL's defaults, TLS 1.3 subset). */
export const DEFAULT_CLIENT_SIGALGS: readonly number[] = [
  SignatureScheme.ecdsa_secp256r1_sha256,
  SignatureScheme.ecdsa_secp384r1_sha384,
  SignatureScheme.ecdsa_secp521r1_sha512,
  SignatureScheme.ed25519,
  SignatureScheme.ed448,
  SignatureScheme.rsa_pss_pss_sha256,
  SignatureScheme.rsa_pss_pss_sha384,
  SignatureScheme.rsa_pss_pss_sha512,
  SignatureScheme.rsa_pss_rsae_sha256,
  SignatureScheme.rsa_pss_rsae_sha384,
  SignatureScheme.rsa_pss_rsae_sha512,
  SignatureScheme.rsa_pkcs1_sha256,
  SignatureScheme.rsa_pkcs1_sha384,
  SignatureScheme.rsa_pkcs1_sha512,
];

/** The client's Certificate (RFC 8446 §4.4.2), when we asked for one. */
class ExpectCertificate implements State {
  readonly name = 'ExpectCertificate';

  constructor(private readonly n: Negotiation) {}

  handle(m: HandshakeMessage, out: HandshakeSink): State {
    if (m.type !== HandshakeType.certificate) unexpected(this.name, m.type);
    const r = new Reader(m.body, 'Certificate');
    const context = r.vec(1);
    if (context.length !== 0) throw new TlsError(AlertDescription.illegal_parameter, 'client Certificate with a request context during the handshake');
    const list = r.sub(3, 'certificate_list');
    r.end();
    const chain: Buffer[] = [];
    while (list.remaining) {
      chain.push(Buffer.from(list.vec(3, 1)));
      list.vec(2);
    }
    this.n.transcript.update(m.raw);
    if (chain.length === 0) {
      if (this.n.config.verifyPeer === 'require') throw new TlsError(AlertDescription.certificate_required, 'peer did not return a certificate');
      return new ExpectFinished(this.n);
    }
    this.n.peerChain = chain;
    const verdict = this.n.config.verifyPeerChain?.(chain);
    if (verdict) {
      out.peerVerifyLines?.(verdict.lines);
      this.n.peerVerifyResult = verdict.verifyResult;
      // Without -verify_return_error a failed chain is only reported (s_server's default).
      if (!verdict.proceed) throw new TlsError((verdict.alert ?? AlertDescription.bad_certificate) as AlertDescription, `client certificate verification failed (${verdict.verifyResult})`);
    }
    return new ExpectCertificateVerify(this.n);
  }
}

/** The client's CertificateVerify (RFC 8446 §4.4.3). The signature check is the verifier's. */
class ExpectCertificateVerify implements State {
  readonly name = 'ExpectCertificateVerify';

  constructor(private readonly n: Negotiation) {}

  handle(m: HandshakeMessage, out: HandshakeSink): State {
    if (m.type !== HandshakeType.certificate_verify) unexpected(this.name, m.type);
    const r = new Reader(m.body, 'CertificateVerify');
    const scheme = r.u16();
    const signature = Buffer.from(r.vec(2, 1));
    r.end();
    const accepted = this.n.config.clientSignatureAlgorithms ?? DEFAULT_CLIENT_SIGALGS;
    if (!accepted.includes(scheme) || scheme === SignatureScheme.rsa_pkcs1_sha256 || scheme === SignatureScheme.rsa_pkcs1_sha384 || scheme === SignatureScheme.rsa_pkcs1_sha512) {
      throw new TlsError(AlertDescription.illegal_parameter, `client signed with scheme 0x${scheme.toString(16)}`);
    }
    const input = msg.certificateVerifyInput(false, this.n.transcript.peek());
    const verify = this.n.config.verifyClientSignature;
    let verified = false;
    try {
      verified = verify !== undefined && verify(this.n.peerChain![0], scheme, input, signature);
    } catch (err) {
      // A leaf the verifier cannot read (bad DER, unsupported key) is the client's fault.
      if (err instanceof TlsError) throw err;
      throw new TlsError(AlertDescription.bad_certificate, `client certificate unusable: ${(err as Error).message}`);
    }
    if (!verified) {
      throw new TlsError(AlertDescription.decrypt_error, 'client CertificateVerify signature does not verify');
    }
    this.n.peerSignatureScheme = scheme;
    this.n.transcript.update(m.raw);
    return new ExpectFinished(this.n);
  }
}

/** The client's Finished (RFC 8446 §4.4.4), then tickets. */
class ExpectFinished implements State {
  readonly name = 'ExpectFinished';

  constructor(private readonly n: Negotiation) {}

  handle(m: HandshakeMessage, out: HandshakeSink): State {
    if (m.type !== HandshakeType.finished) unexpected(this.name, m.type);
    const n = this.n;
    const expected = finishedVerifyData(n.suite.hash, n.clientHandshakeSecret!, n.transcript.peek());
    if (m.body.length !== expected.length || !timingSafeEqual(m.body, expected)) {
      throw new TlsError(AlertDescription.decrypt_error, 'client Finished does not verify');
    }
    n.transcript.update(m.raw);
    out.installKeys('read', 'application', n.suite, n.clientAppSecret!);
    const rms = n.schedule.resumptionMasterSecret(n.transcript.peek());
    out.handshakeDone({
      version: ProtocolVersion.TLS1_3,
      suite: n.suite,
      group: n.group,
      signatureScheme: n.scheme,
      alpn: n.alpn,
      serverName: n.serverName,
      helloRetry: n.helloRetry,
      resumed: n.resumed !== undefined,
      clientHello: n.hello,
      peerChain: n.peerChain,
      peerSignatureScheme: n.peerSignatureScheme,
      exporterSecret: n.exporterSecret!,
      resumptionMasterSecret: rms,
    });
    sendTickets(n, rms, out);
    return new Connected(n.suite, n.clientAppSecret!, n.serverAppSecret!);
  }
}

/**
 * RFC 8446 §4.6.1: NewSessionTickets after the client's Finished. OpenSSL sends -num_tickets
 * (2 by default) after a full handshake and one after a resumption.
 */
function sendTickets(n: Negotiation, resumptionMasterSecret: Buffer, out: HandshakeSink): void {
  const sealer = n.config.tickets;
  if (!sealer) return;
  const count = n.resumed ? Math.min(1, n.config.numTickets) : n.config.numTickets;
  for (let i = 0; i < count; i++) {
    const nonce = Buffer.alloc(8);
    nonce.writeUInt32BE(i, 4);
    const ageAdd = n.config.random(4).readUInt32BE(0);
    const ticket = sealer.seal({
      suite: n.suite.id,
      psk: ticketPsk(n.suite.hash, resumptionMasterSecret, nonce, n.suite.hashLen),
      issued: n.config.now(),
      ageAdd,
      lifetime: n.config.ticketLifetime,
      maxEarlyData: 0,
      alpn: n.alpn ?? '',
      serverName: n.serverName ?? '',
    });
    out.sendHandshake(msg.newSessionTicket(n.config.ticketLifetime, ageAdd, nonce, ticket));
  }
}

/** After the handshake: KeyUpdate (RFC 8446 §4.6.3); anything else is unexpected here. */
export class Connected implements State {
  readonly name = 'Connected';

  constructor(
    private readonly suite: SuiteParams,
    private clientSecret: Buffer,
    private serverSecret: Buffer,
  ) {}

  handle(m: HandshakeMessage, out: HandshakeSink): State {
    if (m.type !== HandshakeType.key_update) unexpected(this.name, m.type);
    // RFC 8446 §4.6.3: a KeyUpdate is one byte; a request_update other than 0 or 1 is illegal_parameter.
    if (m.body.length !== 1) throw new TlsError(AlertDescription.decode_error, 'KeyUpdate of the wrong length');
    if (m.body[0] > 1) throw new TlsError(AlertDescription.illegal_parameter, 'bad KeyUpdate request_update');
    this.clientSecret = nextTrafficSecret(this.suite.hash, this.clientSecret, this.suite.hashLen);
    out.installKeys('read', 'application', this.suite, this.clientSecret);
    if (m.body[0] === 1) this.updateOwnKeys(out, false);
    return this;
  }

  /** Sends a KeyUpdate and moves our write keys forward (the `k`/`K` commands). */
  updateOwnKeys(out: HandshakeSink, requestPeer: boolean): void {
    out.sendHandshake(msg.keyUpdate(requestPeer));
    this.serverSecret = nextTrafficSecret(this.suite.hash, this.serverSecret, this.suite.hashLen);
    out.installKeys('write', 'application', this.suite, this.serverSecret);
  }
}

/** Compares two equal-length secrets without an early exit. */
function timingSafeEqual(a: Uint8Array, b: Uint8Array): boolean {
  let d = 0;
  for (let i = 0; i < a.length; i++) d |= a[i] ^ b[i];
  return d === 0;
}
