/**
 * `-build_chain`: the server's own chain built at startup (SSL_CTX_build_cert_chain with
 * s_server's flags): the server certificate is verified against the chain store
 * (-chainCAfile/-chainCApath/-chainCAstore) or, without one, the CA store; certificates
 * from -cert_chain are not used as untrusted issuers; the chain that verified replaces
 * -cert_chain, leaf removed, root kept. A failure stops s_server with "error building
 * certificate chain" and the verification error.
 */
import type { Certificate } from './certificate';
import type { CertStore } from './trustStore';
import { SuiteB, verifyCertificate } from './verify';
import { verifyErrorString } from './verifyErrors';

export interface BuiltChain {
  readonly ok: boolean;
  /** The certificates to send after the server's own (root included). */
  readonly chain: readonly Certificate[];
  readonly error: number;
  /** Empty when ok; otherwise s_server's lines (stderr). */
  readonly messages: readonly string[];
}

export function buildServerChain(cert: Certificate, store: CertStore, o: { authLevel?: number; suiteB?: SuiteB; atTime?: Date } = {}): BuiltChain {
  const r = verifyCertificate(cert, { trusted: store, authLevel: o.authLevel, suiteB: o.suiteB, atTime: o.atTime });
  if (!r.ok) {
    return { ok: false, chain: [], error: r.error, messages: ['error building certificate chain', `Verify error:${verifyErrorString(r.error)}`] };
  }
  return { ok: true, chain: r.chain.slice(1), error: 0, messages: [] };
}
