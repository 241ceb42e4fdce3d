import test, { ExecutionContext } from 'ava';
import { readFileSync } from 'node:fs';
import { KEY_TYPES, KeyType, TempDir, editTbs, genKey, makeCrl, openssl, selfSigned, v1Certificate } from '../helpers/x509Material';
import { DerError, DerWriter } from '../../src/x509/der';
import { pemBlocks } from '../../src/x509/pem';
import { NODE_CRYPTO_ORACLE } from '../helpers/nodeCryptoOracle';
import { extensionText, hexBlock, hexBlockBytes } from '../helpers/opensslText';
import { Certificate, loadCertificates, parseCertificate } from '../../src/x509/certificate';
import { loadCrls } from '../../src/x509/crl';
import { signatureAlgorithm } from '../../src/x509/algorithm';
import { Extension, findExtension } from '../../src/x509/extensions';
import { GeneralName, formatIpAddress } from '../../src/x509/generalName';
import { longName } from '../../src/x509/oids';
import { nameOneline, printNameEx } from '../../src/x509/namePrint';
import { DEFAULT_NAMEOPT } from '../../src/x509/nameopt';
import { CryptoUnavailableError, setX509Crypto, x509Crypto } from '../../src/x509/crypto';
import { findDhParameters } from '../../src/x509/dhParams';

interface Material {
  file: string;
  text: string;
  cert: Certificate;
}

const t0 = new TempDir();
const material = new Map<KeyType, Material>();
let keyFiles = new Map<KeyType, string>();

test.before(() => {
  keyFiles = new Map(KEY_TYPES.map((k) => [k, genKey(t0, k)]));
  for (const k of KEY_TYPES) {
    const file = selfSigned(t0, keyFiles.get(k)!, `cert-${k}`);
    const text = openssl(['x509', '-in', file, '-noout', '-text']).toString();
    material.set(k, { file, text, cert: loadCertificates(readFileSync(file))[0] });
  }
});

test.after.always(() => t0.remove());

/** GeneralName in openssl's -text spelling (GENERAL_NAME_print). */
function gn(n: GeneralName): string {
  switch (n.type) {
    case 'dNSName': return `DNS:${n.value}`;
    case 'rfc822Name': return `email:${n.value}`;
    case 'uniformResourceIdentifier': return `URI:${n.value}`;
    case 'iPAddress': return `IP Address:${n.bytes.length === 16 ? Array.from({ length: 8 }, (_, i) => ((n.bytes[2 * i] << 8) | n.bytes[2 * i + 1]).toString(16).toUpperCase()).join(':') : formatIpAddress(n.bytes)}`;
    case 'registeredID': return `Registered ID:${n.oid}`;
    case 'directoryName': return `DirName:${nameOneline(n.name).toString('latin1')}`;
    case 'otherName': return `othername: ${n.typeId}::${Buffer.from(n.value.subarray(2)).toString('utf8')}`;
    default: return n.type;
  }
}

const hexColons = (b: Uint8Array): string => Buffer.from(b).toString('hex').toUpperCase().match(/../g)!.join(':');

const KU_TEXT: Record<string, string> = {
  digitalSignature: 'Digital Signature', nonRepudiation: 'Non Repudiation', keyEncipherment: 'Key Encipherment',
  dataEncipherment: 'Data Encipherment', keyAgreement: 'Key Agreement', keyCertSign: 'Certificate Sign',
  cRLSign: 'CRL Sign', encipherOnly: 'Encipher Only', decipherOnly: 'Decipher Only',
};

for (const k of KEY_TYPES) {
  test(`certificate fields match openssl x509 -text: ${k}`, (t) => {
    const { file, text, cert } = material.get(k)!;
    t.is(cert.version, 2);
    t.regex(text, new RegExp(`Serial Number: ${cert.serialNumber} \\(0x${cert.serialNumber.toString(16)}\\)`));
    t.is(text.match(/Signature Algorithm: (.*)/)![1].trim(), longName(cert.signatureAlgorithm.oid));
    t.is(Buffer.from(cert.tbsSignature.der).toString('hex'), Buffer.from(cert.signatureAlgorithm.der).toString('hex'));
    const line = (label: string): string => text.match(new RegExp(`${label}: (.*)`))![1];
    t.is(printNameEx(cert.subject, 0, DEFAULT_NAMEOPT).bytes.toString('utf8'), line('Subject'));
    t.is(printNameEx(cert.issuer, 0, DEFAULT_NAMEOPT).bytes.toString('utf8'), line('Issuer'));
    const dates = openssl(['x509', '-in', file, '-noout', '-startdate', '-enddate']).toString();
    t.is(cert.notBefore.getTime(), Date.parse(dates.match(/notBefore=(.*)/)![1]));
    t.is(cert.notAfter.getTime(), Date.parse(dates.match(/notAfter=(.*)/)![1]));

    const key = cert.publicKeyInfo.key;
    if (key.type === 'rsa' || key.type === 'rsa-pss') {
      t.regex(text, new RegExp(`Public-Key: \\(${key.bits} bit\\)`));
      t.is(key.n, hexBlock(text, 'Modulus:'));
      t.regex(text, new RegExp(`Exponent: ${key.e} `));
      if (key.type === 'rsa-pss') {
        t.truthy(key.pss);
        t.is(key.pss!.hash, 'sha256');
        t.is(key.pss!.mgf1Hash, 'sha256');
        t.is(key.pss!.saltLength, 32);
      }
    } else if (key.type === 'ec') {
      t.regex(text, new RegExp(`Public-Key: \\(${key.bits} bit\\)`));
      t.regex(text, new RegExp(`NIST CURVE: ${key.curve}`));
      t.deepEqual(Buffer.from(key.point), hexBlockBytes(text, 'pub:'));
    } else if (key.type === 'ed25519' || key.type === 'ed448') {
      t.regex(text, new RegExp(`${key.type.toUpperCase()} Public-Key:`));
      t.deepEqual(Buffer.from(key.key), hexBlockBytes(text, 'pub:'));
    } else {
      t.fail(`unexpected key type ${key.type}`);
    }
    checkExtensions(t, text, cert.extensions);
  });

  test(`certificate signature verifies through crypto.ts (node:crypto oracle): ${k}`, (t) => {
    const { cert } = material.get(k)!;
    const prev = setX509Crypto(NODE_CRYPTO_ORACLE);
    try {
      const alg = signatureAlgorithm(cert.signatureAlgorithm);
      t.true(x509Crypto().verify(alg, cert.publicKeyInfo, cert.tbs, cert.signature.bytes));
      const tampered = Uint8Array.from(cert.tbs);
      tampered[tampered.length - 5] ^= 1;
      t.false(x509Crypto().verify(alg, cert.publicKeyInfo, tampered, cert.signature.bytes));
    } finally {
      setX509Crypto(prev);
    }
  });

  test(`DER and PEM forms parse to the same certificate: ${k}`, (t) => {
    const { file, cert } = material.get(k)!;
    const der = openssl(['x509', '-in', file, '-outform', 'DER']);
    const fromDer = parseCertificate(der);
    t.deepEqual(Buffer.from(fromDer.der), Buffer.from(cert.der));
    t.deepEqual(loadCertificates(der)[0].serialNumber, cert.serialNumber);
  });
}

type T = ExecutionContext;

function checkExtensions(t: T, text: string, exts: readonly Extension[]): void {
  t.is(exts.filter((e) => e.error !== undefined).length, 0);
  const bc = findExtension(exts, 'basicConstraints')!;
  t.is(extensionText(text, 'X509v3 Basic Constraints'), `CA:${bc.ca ? 'TRUE' : 'FALSE'}${bc.pathLen !== undefined ? `, pathlen:${bc.pathLen}` : ''}`);
  t.true(exts.find((e) => e.oid === '2.5.29.19')!.critical);
  t.is(extensionText(text, 'X509v3 Key Usage'), findExtension(exts, 'keyUsage')!.map((b) => KU_TEXT[b]).join(', '));
  t.is(extensionText(text, 'X509v3 Extended Key Usage'), findExtension(exts, 'extendedKeyUsage')!.map(longName).join(', '));
  t.is(extensionText(text, 'X509v3 Subject Alternative Name'), findExtension(exts, 'subjectAltName')!.map(gn).join(', '));
  t.is(extensionText(text, 'X509v3 Issuer Alternative Name'), findExtension(exts, 'issuerAltName')!.map(gn).join(', '));
  t.is(extensionText(text, 'Authority Information Access'),
    findExtension(exts, 'authorityInfoAccess')!.map((a) => `${longName(a.method)} - ${gn(a.location)}`).join('\n'));
  t.is(extensionText(text, 'X509v3 CRL Distribution Points'),
    findExtension(exts, 'crlDistributionPoints')!.map((d) => `Full Name:\n${d.name!.type === 'fullName' ? d.name!.names.map(gn).join('\n') : ''}`).join('\n'));
  const pols = findExtension(exts, 'certificatePolicies')!;
  t.deepEqual(pols.map((p) => p.policy), ['1.2.3.4', '1.3.6.1.4.1.99.1']);
  t.is(pols[1].qualifiers[0].cpsUri, 'http://cps.example.com/');
  t.deepEqual(pols[1].qualifiers[1].userNotice, { organization: 'Org Name', noticeNumbers: [1n, 2n, 3n], explicitText: 'Explicit notice text' });
  const nc = findExtension(exts, 'nameConstraints')!;
  const ncText = (s: typeof nc.permitted): string => s!.map((x) => x.base.type === 'iPAddress'
    ? `IP:${formatIpAddress(x.base.bytes.subarray(0, 4))}/${formatIpAddress(x.base.bytes.subarray(4))}` : gn(x.base)).join('\n');
  t.is(extensionText(text, 'X509v3 Name Constraints'), `Permitted:\n${ncText(nc.permitted)}\nExcluded:\n${ncText(nc.excluded)}`);
  const pc = findExtension(exts, 'policyConstraints')!;
  t.is(extensionText(text, 'X509v3 Policy Constraints'), `Require Explicit Policy:${pc.requireExplicitPolicy}, Inhibit Policy Mapping:${pc.inhibitPolicyMapping}`);
  t.is(extensionText(text, 'X509v3 Inhibit Any Policy'), String(findExtension(exts, 'inhibitAnyPolicy')));
  t.is(extensionText(text, 'X509v3 Policy Mappings'), findExtension(exts, 'policyMappings')!.map((m) => `${m.issuerDomainPolicy}:${m.subjectDomainPolicy}`).join('\n'));
  t.deepEqual(findExtension(exts, 'tlsFeature'), [5]); // status_request (RFC 6066 8)
  t.is(extensionText(text, 'TLS Feature'), 'status_request');
  t.is(extensionText(text, 'X509v3 Subject Key Identifier'), hexColons(findExtension(exts, 'subjectKeyIdentifier')!));
  t.is(extensionText(text, 'X509v3 Authority Key Identifier'), hexColons(findExtension(exts, 'authorityKeyIdentifier')!.keyIdentifier!));
  const unknown = exts.filter((e) => e.decoded === undefined);
  t.deepEqual(unknown.map((e) => [e.oid, e.critical]), [['1.2.3.99.1', true], ['1.2.3.99.2', false]]);
  t.deepEqual(Buffer.from(unknown[0].value), Buffer.from([1, 1, 0xff]));
}

test('v1 certificate: no version field, no extensions', (t) => {
  const file = v1Certificate(t0, keyFiles.get('p256')!);
  const cert = loadCertificates(readFileSync(file))[0];
  t.is(cert.version, 0);
  t.deepEqual(cert.extensions, []);
  t.regex(openssl(['x509', '-in', file, '-noout', '-text']).toString(), /Version: 1 \(0x0\)/);
});

test('a PEM file with several certificates, a key and DH parameters yields every certificate in order', (t) => {
  const dh = openssl(['genpkey', '-genparam', '-algorithm', 'DH', '-pkeyopt', 'group:ffdhe2048']).toString();
  const files = ['rsa', 'p384', 'ed25519'].map((k) => readFileSync(material.get(k as KeyType)!.file, 'latin1'));
  const bundle = `junk before\n${files[0]}${readFileSync(keyFiles.get('p256')!, 'latin1')}${files[1]}${dh}${files[2]}`;
  const certs = loadCertificates(bundle);
  t.deepEqual(certs.map((c) => c.publicKeyInfo.key.type), ['rsa', 'ec', 'ed25519']);
  const params = findDhParameters(bundle)!;
  t.is(params.bits, 2048);
  const ints = [...openssl(['asn1parse'], dh).toString().matchAll(/INTEGER\s+:([0-9A-F]+)/g)].map((m) => BigInt('0x' + m[1]));
  t.deepEqual([params.p, params.g], ints.slice(0, 2));
  t.is(params.g, 2n);
});

test('CRL fields match openssl crl -text', (t) => {
  const crlFile = makeCrl(t0, keyFiles.get('p256')!, material.get('p256')!.file);
  const text = openssl(['crl', '-in', crlFile, '-noout', '-text']).toString();
  const [crl] = loadCrls(readFileSync(crlFile));
  t.is(crl.version, 1);
  t.is(printNameEx(crl.issuer, 0, DEFAULT_NAMEOPT).bytes.toString('utf8'), text.match(/Issuer: (.*)/)![1]);
  t.is(crl.thisUpdate.getTime(), Date.parse(text.match(/Last Update: (.*)/)![1]));
  t.is(crl.nextUpdate!.getTime(), Date.parse(text.match(/Next Update: (.*)/)![1]));
  t.deepEqual(crl.revoked.map((r) => r.serialNumber), [0x1234n, 0x0abcdef0n]);
  t.is(crl.revoked[0].revocationDate.getTime(), Date.UTC(2024, 0, 1));
  t.is(findExtension(crl.revoked[0].extensions, 'crlReason'), 1); // keyCompromise (RFC 5280 5.3.1)
  t.is(String(findExtension(crl.extensions, 'crlNumber')), extensionText(text, 'X509v3 CRL Number'));
  const cert = material.get('p256')!.cert;
  t.deepEqual(findExtension(crl.extensions, 'authorityKeyIdentifier')!.keyIdentifier, findExtension(cert.extensions, 'subjectKeyIdentifier'));
  const prev = setX509Crypto(NODE_CRYPTO_ORACLE);
  try {
    t.true(x509Crypto().verify(signatureAlgorithm(crl.signatureAlgorithm), cert.publicKeyInfo, crl.tbs, crl.signature.bytes));
  } finally {
    setX509Crypto(prev);
  }
});

test('without the native core, crypto calls fail clearly', (t) => {
  const { cert } = material.get('p256')!;
  t.throws(() => x509Crypto().verify(signatureAlgorithm(cert.signatureAlgorithm), cert.publicKeyInfo, cert.tbs, cert.signature.bytes), {
    instanceOf: CryptoUnavailableError,
    message: /not available yet/,
  });
});

test('explicit DEFAULT FALSE booleans and v1 with extensions load, an explicit v1 version loads: like openssl', (t) => {
  const base = pemBlocks(readFileSync(material.get('p256')!.file), 'CERTIFICATE')[0].der;
  const bc = new DerWriter().sequence((b) => b.boolean(false)).finish();
  const exts = new DerWriter().explicit(3, (e) => e.sequence((s) => s.sequence((x) => x.oid('2.5.29.19').boolean(false).octetString(bc)))).finish();
  const lenient = editTbs(base, (f) => [...f.slice(0, -1), exts]);
  const f1 = t0.write('lenient.der', lenient);
  t.regex(openssl(['x509', '-inform', 'DER', '-in', f1, '-noout', '-text']).toString(), /Basic Constraints: \n\s+CA:FALSE/);
  const cert = parseCertificate(lenient);
  t.deepEqual(findExtension(cert.extensions, 'basicConstraints'), { ca: false, pathLen: undefined });
  t.false(cert.extensions[0].critical);

  const v1 = new DerWriter().explicit(0, (v) => v.integer(0)).finish();
  const explicitV1 = editTbs(base, (f) => [v1, ...f.slice(1, -1)]);
  const f2 = t0.write('explicit-v1.der', explicitV1);
  t.regex(openssl(['x509', '-inform', 'DER', '-in', f2, '-noout', '-text']).toString(), /Version: 1 \(0x0\)/);
  t.is(parseCertificate(explicitV1).version, 0);
  const v4 = editTbs(base, (f) => [new DerWriter().explicit(0, (v) => v.integer(3)).finish(), ...f.slice(1)]);
  t.throws(() => parseCertificate(v4), { instanceOf: DerError, message: /unknown certificate version 3/ });

  // Extensions in a v1 certificate: openssl loads it (only strict verification objects).
  const v1WithExts = editTbs(base, (f) => f.slice(1));
  t.regex(openssl(['x509', '-inform', 'DER', '-in', t0.write('v1-exts.der', v1WithExts), '-noout', '-text']).toString(), /Version: 1 \(0x0\)/);
  const parsed = parseCertificate(v1WithExts);
  t.is(parsed.version, 0);
  t.true(parsed.extensions.length > 0);
});

test('a validity time not in RFC 5280 form loads (Invalid Date), as openssl loads it', (t) => {
  const base = pemBlocks(readFileSync(material.get('p256')!.file), 'CERTIFICATE')[0].der;
  // UTCTime without seconds (YYMMDDHHMMZ): valid BER-era form, not RFC 5280 4.1.2.5.1.
  const validity = new DerWriter().sequence((v) => v.primitive(0, 23, Buffer.from('2501010000Z')).utcTime(new Date(Date.UTC(2030, 0, 1)))).finish();
  const der = editTbs(base, (f) => [...f.slice(0, 4), validity, ...f.slice(5)]);
  const text = openssl(['x509', '-inform', 'DER', '-in', t0.write('short-time.der', der), '-noout', '-dates']).toString();
  t.regex(text, /notAfter=Jan  1 00:00:00 2030 GMT/);
  const cert = parseCertificate(der);
  t.true(Number.isNaN(cert.notBefore.getTime()));
  t.is(cert.notAfter.getTime(), Date.UTC(2030, 0, 1));
  const wrongTag = new DerWriter().sequence((v) => v.integer(1).integer(2)).finish();
  t.throws(() => parseCertificate(editTbs(base, (f) => [...f.slice(0, 4), wrongTag, ...f.slice(5)])), { instanceOf: DerError, message: /UTCTime or GeneralizedTime/ });
});
