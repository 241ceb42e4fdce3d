/**
 * What the TLS layer calls to verify a client's certificate chain the way s_server does:
 * purpose sslclient, the security level as -auth_level, s_server's verify callback (its
 * stderr lines), and the alert to send when the handshake must fail.
 */
import type { Certificate } from './certificate';
import type { Crl } from './crl';
import type { CertStore } from './trustStore';
import { VerifyResult, verifyPeerChain } from './verify';
import type { VerifyFlags } from './verifyArgs';
import { SServerVerifyArgs, sServerVerifyCallback } from './verifyCallback';
import { alertForVerifyError } from './verifyErrors';

export interface ClientVerifyConfig {
  /** The -verifyCAfile/-verifyCApath store if given, else the CA store (buildTrustStore). */
  readonly trusted: CertStore;
  /** -CRL files and downloaded CRLs (downloadCrls) to use with -crl_check. */
  readonly crls?: readonly Crl[];
  /** The -verify_* and other verification options (parseVerifyArgs / applyVerifyOption). */
  readonly flags?: VerifyFlags;
  /** The TLS security level (-auth_level overrides it in flags). */
  readonly securityLevel: number;
  /** -verify/-Verify depth, -verify_return_error, -verify_quiet, -nameopt. */
  readonly callback: SServerVerifyArgs;
}

export interface ClientVerifyOutcome {
  /** Whether the handshake goes on. */
  readonly proceed: boolean;
  /** The verify result to record (SSL_get_verify_result: 0 when fine). */
  readonly verifyResult: number;
  /** Lines for stderr, each without its newline (bytes: names may not be UTF-8). */
  readonly lines: readonly Buffer[];
  /** When the handshake must fail: the alert to send (RFC 8446 AlertDescription). */
  readonly alert?: number;
  readonly result: VerifyResult;
}

/** Verifies the client's chain (`certs[0]` is the client certificate). */
export function verifyClientChain(certs: readonly Certificate[], cfg: ClientVerifyConfig): ClientVerifyOutcome {
  const cb = sServerVerifyCallback(cfg.callback);
  const result = verifyPeerChain(certs, { authLevel: cfg.securityLevel, ...cfg.flags, trusted: cfg.trusted, crls: cfg.crls }, cb.callback);
  return {
    proceed: result.ok,
    verifyResult: result.error,
    lines: cb.lines,
    alert: result.ok ? undefined : alertForVerifyError(result.error),
    result,
  };
}
