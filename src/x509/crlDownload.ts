/**
 * `-crl_download`: CRLs fetched from the http: URIs of the certificates' CRL distribution
 * points (as openssl's store_setup_crl_download does, first http URI of each full name).
 * Only plain HTTP is fetched (openssl's loader does the same: no https, no ldap); a CRL
 * that cannot be reached or parsed is skipped and verification then reports "unable to
 * get certificate CRL" (3). Verification itself is synchronous: call this first, with the
 * peer's certificates, and pass the result as VerifyOptions.crls.
 */
import * as http from 'node:http';
import type { Certificate } from './certificate';
import { Crl, loadCrls } from './crl';
import { findExtension } from './extensions';

/** The http: CRL URI openssl would fetch for a certificate, if any. */
export function crlDownloadUri(cert: Certificate): string | undefined {
  for (const dp of findExtension(cert.extensions, 'crlDistributionPoints') ?? []) {
    if (dp.name?.type !== 'fullName') continue;
    for (const g of dp.name.names) if (g.type === 'uniformResourceIdentifier' && /^http:\/\//i.test(g.value)) return g.value;
  }
  return undefined;
}

function get(uri: string, timeoutMs: number, maxBytes: number): Promise<Buffer | undefined> {
  return new Promise((resolve) => {
    const req = http.get(uri, { timeout: timeoutMs }, (res) => {
      if (res.statusCode !== 200) {
        res.resume();
        resolve(undefined);
        return;
      }
      const parts: Buffer[] = [];
      let n = 0;
      res.on('data', (d: Buffer) => {
        n += d.length;
        if (n > maxBytes) req.destroy();
        else parts.push(d);
      });
      res.on('end', () => resolve(Buffer.concat(parts)));
      res.on('error', () => resolve(undefined));
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(undefined));
  });
}

/** Downloads the CRLs of `certs` (duplicates fetched once). */
export async function downloadCrls(certs: readonly Certificate[], o: { timeoutMs?: number; maxBytes?: number } = {}): Promise<Crl[]> {
  const uris = [...new Set(certs.map(crlDownloadUri).filter((u): u is string => u !== undefined))];
  const out: Crl[] = [];
  for (const uri of uris) {
    const body = await get(uri, o.timeoutMs ?? 10_000, o.maxBytes ?? 16 * 1024 * 1024);
    if (!body) continue;
    try {
      out.push(...loadCrls(body));
    } catch {
      // not a CRL: skipped
    }
  }
  return out;
}
