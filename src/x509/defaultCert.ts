/**
 * The embedded default server certificate. openssl s_server refuses to start without a
 * certificate (`-cert` defaults to server.pem); when no -cert is given and server.pem
 * does not exist, we generate an ECDSA P-256 self-signed certificate for localhost,
 * 127.0.0.1 and ::1 instead, and say so in one line.
 *
 * The certificate is written here (DER) and signed through x509Crypto().sign; the key
 * comes from x509Crypto().generateEcKey.
 */
import { DerWriter, Tag, TagClass } from './der';
import { Certificate, parseCertificate } from './certificate';
import { x509Crypto } from './crypto';
import type { EcPrivateKey } from './keys';
import { OID } from './oids';
import { encodePem } from './pem';

export const DEFAULT_CERT_FILE = 'server.pem';
export const DEFAULT_CERT_HOSTS = { dns: ['localhost'], ip: [Uint8Array.of(127, 0, 0, 1), Uint8Array.from([...new Array<number>(15).fill(0), 1])] } as const;

const ECDSA_SHA256 = '1.2.840.10045.4.3.2';
const EKU_SERVER_AUTH = '1.3.6.1.5.5.7.3.1';

export interface DefaultCertificate {
  readonly certificate: Certificate;
  readonly key: EcPrivateKey;
  readonly certificatePem: string;
  /** PKCS#8 PEM (`-----BEGIN PRIVATE KEY-----`). */
  readonly keyPem: string;
  /** One line for stderr. */
  readonly notice: string;
}

/** Whether the embedded default applies: no -cert option and no ./server.pem. */
export function useDefaultCertificate(certOption: string | undefined, fileExists: (f: string) => boolean): boolean {
  return certOption === undefined && !fileExists(DEFAULT_CERT_FILE);
}

function extension(w: DerWriter, oid: string, critical: boolean, value: (v: DerWriter) => void): void {
  const inner = new DerWriter();
  value(inner);
  w.sequence((e) => {
    e.oid(oid);
    if (critical) e.boolean(true);
    e.octetString(inner.finish());
  });
}

/** ECPrivateKey (RFC 5915) inside PrivateKeyInfo (RFC 5208), as `openssl genpkey` writes it. */
export function encodeEcPrivateKeyPkcs8(key: EcPrivateKey): Uint8Array {
  const ec = new DerWriter();
  ec.sequence((s) => {
    s.integer(1);
    s.octetString(key.d);
    if (key.publicPoint) s.explicit(1, (p) => p.bitString(key.publicPoint!));
  });
  const w = new DerWriter();
  w.sequence((s) => {
    s.integer(0);
    s.sequence((a) => a.oid(OID.ecPublicKey).oid(key.curveOid));
    s.octetString(ec.finish());
  });
  return w.finish();
}

/** A fresh self-signed certificate (valid from one minute ago for `days` days, 30 by default). */
export function generateDefaultCertificate(o: { now?: Date; days?: number } = {}): DefaultCertificate {
  const crypto = x509Crypto();
  const key = crypto.generateEcKey('P-256');
  const point = key.publicPoint!;
  const now = o.now ?? new Date();
  const notBefore = new Date(Math.floor(now.getTime() / 1000) * 1000 - 60_000);
  const notAfter = new Date(notBefore.getTime() + (o.days ?? 30) * 86_400_000 + 60_000);
  // A 16-byte positive serial derived from the key and the time (RFC 5280 4.1.2.2: at most 20 octets).
  const serial = crypto.hash('sha256', Buffer.concat([point, Buffer.from(String(now.getTime()))])).slice(0, 16);
  serial[0] &= 0x7f;
  serial[0] |= 0x40;
  const ski = crypto.hash('sha1', point);
  const name = new DerWriter().sequence((n) => n.set((r) => r.sequence((a) => a.oid('2.5.4.3').string(Tag.UTF8String, 'localhost')))).finish();

  const tbs = new DerWriter();
  tbs.sequence((t) => {
    t.explicit(0, (v) => v.integer(2));
    t.unsignedInteger(serial);
    t.sequence((a) => a.oid(ECDSA_SHA256));
    t.raw(name);
    t.sequence((v) => v.time(notBefore).time(notAfter));
    t.raw(name);
    t.sequence((s) => {
      s.sequence((a) => a.oid(OID.ecPublicKey).oid(OID.prime256v1));
      s.bitString(point);
    });
    t.explicit(3, (x) => x.sequence((exts) => {
      extension(exts, OID.subjectAltName, false, (v) => v.sequence((g) => {
        for (const d of DEFAULT_CERT_HOSTS.dns) g.primitive(TagClass.context, 2, Buffer.from(d, 'latin1'));
        for (const ip of DEFAULT_CERT_HOSTS.ip) g.primitive(TagClass.context, 7, ip);
      }));
      extension(exts, OID.basicConstraints, true, (v) => v.sequence(() => undefined));
      extension(exts, OID.keyUsage, true, (v) => v.bitString(Uint8Array.of(0x80), 7)); // digitalSignature
      extension(exts, OID.extendedKeyUsage, false, (v) => v.sequence((s) => s.oid(EKU_SERVER_AUTH)));
      extension(exts, OID.subjectKeyIdentifier, false, (v) => v.octetString(ski));
    }));
  });
  const tbsDer = tbs.finish();
  const signature = crypto.sign({ kind: 'ecdsa', hash: 'sha256' }, key, tbsDer);
  const cert = new DerWriter();
  cert.sequence((c) => {
    c.raw(tbsDer);
    c.sequence((a) => a.oid(ECDSA_SHA256));
    c.bitString(signature);
  });
  const der = cert.finish();
  return {
    certificate: parseCertificate(der),
    key,
    certificatePem: encodePem('CERTIFICATE', der),
    keyPem: encodePem('PRIVATE KEY', encodeEcPrivateKeyPkcs8(key)),
    notice: 'No -cert given and server.pem not found: using a generated self-signed ECDSA P-256 certificate for localhost, 127.0.0.1 and ::1',
  };
}
