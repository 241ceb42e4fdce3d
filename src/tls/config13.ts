// What the TLS 1.3 server needs to know, decided once from the command line (src/cli) and
// read-only here. Randomness and time are injected so handshakes can be replayed in tests.

/** A private key able to sign for a certificate, kept in the native core. */
export interface SigningKey {
  /** 'rsa' (rsaEncryption), 'rsa-pss' (id-RSASSA-PSS), 'ec', 'ed25519' or 'ed448'. */
  readonly kind: 'rsa' | 'rsa-pss' | 'ec' | 'ed25519' | 'ed448';
  /** For 'ec': 'P-256' | 'P-384' | 'P-521'. */
  readonly curve?: string;
  /** Size in bits (RSA modulus, curve order). */
  readonly bits: number;
  /** Signs `message` with `scheme` (a TLS SignatureScheme this key supports). */
  sign(scheme: number, message: Buffer): Buffer;
}

/** A certificate chain (leaf first, DER) with its key. */
export interface Credential {
  readonly chain: Buffer[];
  readonly key: SigningKey;
}

export type PeerVerify = 'none' | 'request' | 'require';

export interface PeerChainVerdict {
  readonly proceed: boolean;
  readonly alert?: number;
  /** Lines for stderr, without newlines. */
  readonly lines: readonly Buffer[];
  /** X509_V_* result, 0 when the chain verified. */
  readonly verifyResult: number;
}

export interface Tls13Config {
  /** TLS 1.3 cipher suites enabled, in the server's order (-ciphersuites). */
  readonly cipherSuites: readonly number[];
  /** -serverpref: choose by our order, not the client's. */
  readonly serverPreference: boolean;
  /** -prioritize_chacha: with -serverpref, ChaCha20 first when the client puts it first. */
  readonly prioritizeChaCha: boolean;
  /** Groups enabled, in preference order (-groups / -curves). */
  readonly groups: readonly number[];
  /** -sigalgs: the schemes we may sign with, if restricted. */
  readonly signatureAlgorithms?: readonly number[];
  /** -client_sigalgs: schemes we accept from clients (CertificateRequest). */
  readonly clientSignatureAlgorithms?: readonly number[];
  /** Credentials to choose from (-cert/-key, -dcert/-dkey). */
  readonly credentials: readonly Credential[];
  /** -servername with -cert2/-key2: used when SNI matches. */
  readonly sni?: { readonly name: string; readonly credentials: readonly Credential[]; readonly fatal: boolean };
  /** -alpn, in server preference order. */
  readonly alpn?: readonly string[];
  readonly verifyPeer: PeerVerify;
  /** -num_tickets (default 2). */
  readonly numTickets: number;
  /** Middlebox compatibility mode (RFC 8446 §D.4), on unless -no_middlebox. */
  readonly middleboxCompat: boolean;
  /** -max_send_frag (default 16384). */
  readonly maxSendFragment: number;
  /** -record_padding: pad records to a multiple of this many bytes (0 = off). */
  readonly recordPadding: number;
  /** Seals session tickets; undefined with -no_ticket (no resumption by ticket). */
  readonly tickets?: import('./tickets13').TicketSealer;
  /** Ticket lifetime hint in seconds (RFC 8446 §4.6.1: at most 7 days). */
  readonly ticketLifetime: number;
  /** -psk with -psk_identity: an external PSK (RFC 8446 §4.2.11) and the suite whose hash it uses. */
  readonly externalPsk?: { readonly identity: Buffer; readonly key: Buffer; readonly suite: number };
  /** -allow_no_dhe_kex: accept psk_ke (resumption without a fresh key exchange). */
  readonly allowNoDheKex: boolean;
  /**
   * Validates the client's chain (leaf first) with the -verify options: whether the handshake
   * goes on, the alert otherwise, s_server's verify lines, and the verify result to record.
   */
  readonly verifyPeerChain?: (chain: Buffer[]) => PeerChainVerdict;
  /** Verifies a client's CertificateVerify signature with the public key of its leaf certificate. */
  readonly verifyClientSignature?: (leaf: Buffer, scheme: number, data: Buffer, signature: Buffer) => boolean;
  /** Injected randomness (the native CSPRNG in production). */
  readonly random: (n: number) => Buffer;
  /** Injected clock, milliseconds. */
  readonly now: () => number;
  /**
   * Injected ephemeral (EC)DH key pairs for X25519, X448 and the NIST curves, for replaying a
   * published trace (RFC 8448); absent or returning undefined, a fresh key pair each time.
   */
  readonly ephemeralKey?: (group: number) => { privateKey: Buffer; publicKey: Buffer } | undefined;
}
