/**
 * Object identifiers with OpenSSL's short and long names (the spellings openssl prints
 * in `x509 -text`, `asn1parse` and `-nameopt sname/lname`). Unknown OIDs print as dotted
 * numbers, as OBJ_obj2txt does.
 */

export interface OidInfo {
  readonly oid: string;
  readonly sn: string;
  readonly ln: string;
}

const TABLE: ReadonlyArray<readonly [string, string, string]> = [
  // X.520 / RFC 5280 4.1.2.4 name attributes
  ['2.5.4.3', 'CN', 'commonName'],
  ['2.5.4.4', 'SN', 'surname'],
  ['2.5.4.5', 'serialNumber', 'serialNumber'],
  ['2.5.4.6', 'C', 'countryName'],
  ['2.5.4.7', 'L', 'localityName'],
  ['2.5.4.8', 'ST', 'stateOrProvinceName'],
  ['2.5.4.9', 'street', 'streetAddress'],
  ['2.5.4.10', 'O', 'organizationName'],
  ['2.5.4.11', 'OU', 'organizationalUnitName'],
  ['2.5.4.12', 'title', 'title'],
  ['2.5.4.13', 'description', 'description'],
  ['2.5.4.15', 'businessCategory', 'businessCategory'],
  ['2.5.4.16', 'postalAddress', 'postalAddress'],
  ['2.5.4.17', 'postalCode', 'postalCode'],
  ['2.5.4.18', 'postOfficeBox', 'postOfficeBox'],
  ['2.5.4.20', 'telephoneNumber', 'telephoneNumber'],
  ['2.5.4.41', 'name', 'name'],
  ['2.5.4.42', 'GN', 'givenName'],
  ['2.5.4.43', 'initials', 'initials'],
  ['2.5.4.44', 'generationQualifier', 'generationQualifier'],
  ['2.5.4.45', 'x500UniqueIdentifier', 'x500UniqueIdentifier'],
  ['2.5.4.46', 'dnQualifier', 'dnQualifier'],
  ['2.5.4.65', 'pseudonym', 'pseudonym'],
  ['2.5.4.72', 'role', 'role'],
  ['2.5.4.97', 'organizationIdentifier', 'organizationIdentifier'],
  ['1.2.840.113549.1.9.1', 'emailAddress', 'emailAddress'],
  ['1.2.840.113549.1.9.2', 'unstructuredName', 'unstructuredName'],
  ['1.2.840.113549.1.9.8', 'unstructuredAddress', 'unstructuredAddress'],
  ['0.9.2342.19200300.100.1.1', 'UID', 'userId'],
  ['0.9.2342.19200300.100.1.25', 'DC', 'domainComponent'],
  ['1.3.6.1.4.1.311.60.2.1.1', 'jurisdictionL', 'jurisdictionLocalityName'],
  ['1.3.6.1.4.1.311.60.2.1.2', 'jurisdictionST', 'jurisdictionStateOrProvinceName'],
  ['1.3.6.1.4.1.311.60.2.1.3', 'jurisdictionC', 'jurisdictionCountryName'],

  // Public key algorithms (RFC 8017, RFC 5480, RFC 8410) and curves
  ['1.2.840.113549.1.1.1', 'rsaEncryption', 'rsaEncryption'],
  ['1.2.840.113549.1.1.10', 'RSASSA-PSS', 'rsassaPss'],
  ['1.2.840.113549.1.1.8', 'MGF1', 'mgf1'],
  ['1.2.840.10045.2.1', 'id-ecPublicKey', 'id-ecPublicKey'],
  ['1.2.840.10040.4.1', 'DSA', 'dsaEncryption'],
  ['1.2.840.113549.1.3.1', 'dhKeyAgreement', 'dhKeyAgreement'],
  ['1.3.101.110', 'X25519', 'X25519'],
  ['1.3.101.111', 'X448', 'X448'],
  ['1.3.101.112', 'ED25519', 'ED25519'],
  ['1.3.101.113', 'ED448', 'ED448'],
  ['1.2.840.10045.3.1.7', 'prime256v1', 'prime256v1'],
  ['1.3.132.0.34', 'secp384r1', 'secp384r1'],
  ['1.3.132.0.35', 'secp521r1', 'secp521r1'],
  ['1.3.132.0.10', 'secp256k1', 'secp256k1'],

  // Signature algorithms
  ['1.2.840.113549.1.1.4', 'RSA-MD5', 'md5WithRSAEncryption'],
  ['1.2.840.113549.1.1.5', 'RSA-SHA1', 'sha1WithRSAEncryption'],
  ['1.2.840.113549.1.1.11', 'RSA-SHA256', 'sha256WithRSAEncryption'],
  ['1.2.840.113549.1.1.12', 'RSA-SHA384', 'sha384WithRSAEncryption'],
  ['1.2.840.113549.1.1.13', 'RSA-SHA512', 'sha512WithRSAEncryption'],
  ['1.2.840.113549.1.1.14', 'RSA-SHA224', 'sha224WithRSAEncryption'],
  ['1.2.840.10045.4.1', 'ecdsa-with-SHA1', 'ecdsa-with-SHA1'],
  ['1.2.840.10045.4.3.1', 'ecdsa-with-SHA224', 'ecdsa-with-SHA224'],
  ['1.2.840.10045.4.3.2', 'ecdsa-with-SHA256', 'ecdsa-with-SHA256'],
  ['1.2.840.10045.4.3.3', 'ecdsa-with-SHA384', 'ecdsa-with-SHA384'],
  ['1.2.840.10045.4.3.4', 'ecdsa-with-SHA512', 'ecdsa-with-SHA512'],

  // Digests, MACs, PBES2 (RFC 8018) and ciphers
  ['1.2.840.113549.2.5', 'MD5', 'md5'],
  ['1.3.14.3.2.26', 'SHA1', 'sha1'],
  ['2.16.840.1.101.3.4.2.1', 'SHA256', 'sha256'],
  ['2.16.840.1.101.3.4.2.2', 'SHA384', 'sha384'],
  ['2.16.840.1.101.3.4.2.3', 'SHA512', 'sha512'],
  ['2.16.840.1.101.3.4.2.4', 'SHA224', 'sha224'],
  ['1.2.840.113549.2.7', 'hmacWithSHA1', 'hmacWithSHA1'],
  ['1.2.840.113549.2.8', 'hmacWithSHA224', 'hmacWithSHA224'],
  ['1.2.840.113549.2.9', 'hmacWithSHA256', 'hmacWithSHA256'],
  ['1.2.840.113549.2.10', 'hmacWithSHA384', 'hmacWithSHA384'],
  ['1.2.840.113549.2.11', 'hmacWithSHA512', 'hmacWithSHA512'],
  ['1.2.840.113549.1.5.12', 'PBKDF2', 'PBKDF2'],
  ['1.2.840.113549.1.5.13', 'PBES2', 'PBES2'],
  ['2.16.840.1.101.3.4.1.2', 'AES-128-CBC', 'aes-128-cbc'],
  ['2.16.840.1.101.3.4.1.22', 'AES-192-CBC', 'aes-192-cbc'],
  ['2.16.840.1.101.3.4.1.42', 'AES-256-CBC', 'aes-256-cbc'],
  ['1.2.840.113549.3.7', 'DES-EDE3-CBC', 'des-ede3-cbc'],

  // Certificate and CRL extensions (RFC 5280 4.2, 5.2, 5.3)
  ['2.5.29.14', 'subjectKeyIdentifier', 'X509v3 Subject Key Identifier'],
  ['2.5.29.15', 'keyUsage', 'X509v3 Key Usage'],
  ['2.5.29.16', 'privateKeyUsagePeriod', 'X509v3 Private Key Usage Period'],
  ['2.5.29.17', 'subjectAltName', 'X509v3 Subject Alternative Name'],
  ['2.5.29.18', 'issuerAltName', 'X509v3 Issuer Alternative Name'],
  ['2.5.29.19', 'basicConstraints', 'X509v3 Basic Constraints'],
  ['2.5.29.20', 'crlNumber', 'X509v3 CRL Number'],
  ['2.5.29.21', 'CRLReason', 'X509v3 CRL Reason Code'],
  ['2.5.29.24', 'invalidityDate', 'Invalidity Date'],
  ['2.5.29.27', 'deltaCRL', 'X509v3 Delta CRL Indicator'],
  ['2.5.29.28', 'issuingDistributionPoint', 'X509v3 Issuing Distribution Point'],
  ['2.5.29.29', 'certificateIssuer', 'X509v3 Certificate Issuer'],
  ['2.5.29.30', 'nameConstraints', 'X509v3 Name Constraints'],
  ['2.5.29.31', 'crlDistributionPoints', 'X509v3 CRL Distribution Points'],
  ['2.5.29.32', 'certificatePolicies', 'X509v3 Certificate Policies'],
  ['2.5.29.32.0', 'anyPolicy', 'X509v3 Any Policy'],
  ['2.5.29.33', 'policyMappings', 'X509v3 Policy Mappings'],
  ['2.5.29.35', 'authorityKeyIdentifier', 'X509v3 Authority Key Identifier'],
  ['2.5.29.36', 'policyConstraints', 'X509v3 Policy Constraints'],
  ['2.5.29.37', 'extendedKeyUsage', 'X509v3 Extended Key Usage'],
  ['2.5.29.37.0', 'anyExtendedKeyUsage', 'Any Extended Key Usage'],
  ['2.5.29.46', 'freshestCRL', 'X509v3 Freshest CRL'],
  ['2.5.29.54', 'inhibitAnyPolicy', 'X509v3 Inhibit Any Policy'],
  ['1.3.6.1.5.5.7.1.1', 'authorityInfoAccess', 'Authority Information Access'],
  ['1.3.6.1.5.5.7.1.24', 'tlsfeature', 'TLS Feature'],
  ['1.3.6.1.5.5.7.48.1', 'OCSP', 'OCSP'],
  ['1.3.6.1.5.5.7.48.2', 'caIssuers', 'CA Issuers'],
  ['1.3.6.1.5.5.7.48.1.5', 'noCheck', 'OCSP No Check'],
  ['1.3.6.1.5.5.7.2.1', 'id-qt-cps', 'Policy Qualifier CPS'],
  ['1.3.6.1.5.5.7.2.2', 'id-qt-unotice', 'Policy Qualifier User Notice'],
  ['1.3.6.1.4.1.11129.2.4.2', 'ct_precert_scts', 'CT Precertificate SCTs'],
  ['2.16.840.1.113730.1.1', 'nsCertType', 'Netscape Cert Type'],
  ['2.16.840.1.113730.1.13', 'nsComment', 'Netscape Comment'],

  // Extended key usages (RFC 5280 4.2.1.12)
  ['1.3.6.1.5.5.7.3.1', 'serverAuth', 'TLS Web Server Authentication'],
  ['1.3.6.1.5.5.7.3.2', 'clientAuth', 'TLS Web Client Authentication'],
  ['1.3.6.1.5.5.7.3.3', 'codeSigning', 'Code Signing'],
  ['1.3.6.1.5.5.7.3.4', 'emailProtection', 'E-mail Protection'],
  ['1.3.6.1.5.5.7.3.8', 'timeStamping', 'Time Stamping'],
  ['1.3.6.1.5.5.7.3.9', 'OCSPSigning', 'OCSP Signing'],
];

const BY_OID = new Map<string, OidInfo>(TABLE.map(([oid, sn, ln]) => [oid, { oid, sn, ln }]));
const BY_NAME = new Map<string, OidInfo>();
for (const info of BY_OID.values()) {
  BY_NAME.set(info.sn, info);
  BY_NAME.set(info.ln, info);
}

export function allOids(): readonly OidInfo[] {
  return [...BY_OID.values()];
}

export function oidInfo(oid: string): OidInfo | undefined {
  return BY_OID.get(oid);
}

/** OBJ_nid2sn, falling back to the dotted form for unknown OIDs. */
export function shortName(oid: string): string {
  return BY_OID.get(oid)?.sn ?? oid;
}

/** OBJ_nid2ln, falling back to the dotted form for unknown OIDs. */
export function longName(oid: string): string {
  return BY_OID.get(oid)?.ln ?? oid;
}

/** The OID for a short name, long name or dotted string (OBJ_txt2obj). */
export function oidFromName(name: string): string | undefined {
  if (/^[0-2](\.[0-9]+)+$/.test(name)) return name;
  return BY_NAME.get(name)?.oid;
}

/** Well-known OIDs used by the parsers, named for readability. */
export const OID = {
  rsaEncryption: '1.2.840.113549.1.1.1',
  rsassaPss: '1.2.840.113549.1.1.10',
  mgf1: '1.2.840.113549.1.1.8',
  ecPublicKey: '1.2.840.10045.2.1',
  x25519: '1.3.101.110',
  x448: '1.3.101.111',
  ed25519: '1.3.101.112',
  ed448: '1.3.101.113',
  prime256v1: '1.2.840.10045.3.1.7',
  secp384r1: '1.3.132.0.34',
  secp521r1: '1.3.132.0.35',
  sha1: '1.3.14.3.2.26',
  sha256: '2.16.840.1.101.3.4.2.1',
  sha384: '2.16.840.1.101.3.4.2.2',
  sha512: '2.16.840.1.101.3.4.2.3',
  sha224: '2.16.840.1.101.3.4.2.4',
  hmacWithSHA1: '1.2.840.113549.2.7',
  pbes2: '1.2.840.113549.1.5.13',
  pbkdf2: '1.2.840.113549.1.5.12',
  aes128cbc: '2.16.840.1.101.3.4.1.2',
  aes192cbc: '2.16.840.1.101.3.4.1.22',
  aes256cbc: '2.16.840.1.101.3.4.1.42',
  desEde3cbc: '1.2.840.113549.3.7',
  dhKeyAgreement: '1.2.840.113549.1.3.1',
  subjectKeyIdentifier: '2.5.29.14',
  keyUsage: '2.5.29.15',
  subjectAltName: '2.5.29.17',
  issuerAltName: '2.5.29.18',
  basicConstraints: '2.5.29.19',
  crlNumber: '2.5.29.20',
  crlReason: '2.5.29.21',
  invalidityDate: '2.5.29.24',
  deltaCrl: '2.5.29.27',
  issuingDistributionPoint: '2.5.29.28',
  certificateIssuer: '2.5.29.29',
  nameConstraints: '2.5.29.30',
  crlDistributionPoints: '2.5.29.31',
  certificatePolicies: '2.5.29.32',
  anyPolicy: '2.5.29.32.0',
  policyMappings: '2.5.29.33',
  authorityKeyIdentifier: '2.5.29.35',
  policyConstraints: '2.5.29.36',
  extendedKeyUsage: '2.5.29.37',
  anyExtendedKeyUsage: '2.5.29.37.0',
  freshestCrl: '2.5.29.46',
  inhibitAnyPolicy: '2.5.29.54',
  authorityInfoAccess: '1.3.6.1.5.5.7.1.1',
  tlsFeature: '1.3.6.1.5.5.7.1.24',
  ocsp: '1.3.6.1.5.5.7.48.1',
  caIssuers: '1.3.6.1.5.5.7.48.2',
  qtCps: '1.3.6.1.5.5.7.2.1',
  qtUnotice: '1.3.6.1.5.5.7.2.2',
} as const;
