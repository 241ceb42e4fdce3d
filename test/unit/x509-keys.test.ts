import test, { ExecutionContext } from 'ava';
import { readFileSync } from 'node:fs';
import { KEY_TYPES, KeyType, TempDir, genKey, openssl } from '../helpers/x509Material';
import { NODE_CRYPTO_ORACLE } from '../helpers/nodeCryptoOracle';
import { hexBlock, hexBlockBytes } from '../helpers/opensslText';
import { PassphraseRequiredError, PrivateKey, loadPrivateKey } from '../../src/x509/keys';
import { KeyDecryptionError, parseEncryptedPrivateKeyInfo } from '../../src/x509/pbes2';
import { parseDekInfo } from '../../src/x509/pemEncryption';
import { pemBlocks, parsePem } from '../../src/x509/pem';
import { CryptoUnavailableError, setX509Crypto } from '../../src/x509/crypto';
import { DerError } from '../../src/x509/der';

const t0 = new TempDir();
const keys = new Map<KeyType, { file: string; text: string }>();
const PASS = 'correct horse';
const evenHex = (n: number): string => {
  const h = n.toString(16).toUpperCase();
  return h.length % 2 ? `0${h}` : h;
};

test.before(() => {
  for (const k of KEY_TYPES) {
    const file = genKey(t0, k);
    keys.set(k, { file, text: openssl(['pkey', '-in', file, '-noout', '-text']).toString() });
  }
});
test.after.always(() => t0.remove());

/** Every field of a parsed key against `openssl pkey -text`. */
function checkAgainstText(t: ExecutionContext, key: PrivateKey, text: string, type: KeyType): void {
  switch (key.type) {
    case 'rsa':
    case 'rsa-pss':
      t.is(key.type, type === 'rsa-pss' ? 'rsa-pss' : 'rsa');
      t.regex(text, new RegExp(`Private-Key: \\(${key.bits} bit, 2 primes\\)`));
      t.is(key.n, hexBlock(text, 'modulus:'));
      t.regex(text, new RegExp(`publicExponent: ${key.e} `));
      t.is(key.d, hexBlock(text, 'privateExponent:'));
      t.is(key.p, hexBlock(text, 'prime1:'));
      t.is(key.q, hexBlock(text, 'prime2:'));
      t.is(key.dp, hexBlock(text, 'exponent1:'));
      t.is(key.dq, hexBlock(text, 'exponent2:'));
      t.is(key.qinv, hexBlock(text, 'coefficient:'));
      if (key.type === 'rsa-pss') t.deepEqual(key.pss, { hash: 'sha256', mgf1Hash: 'sha256', saltLength: 32, trailerField: 1 });
      break;
    case 'ec':
      t.regex(text, new RegExp(`Private-Key: \\(${key.bits} bit\\)`));
      t.regex(text, new RegExp(`NIST CURVE: ${key.curve}`));
      t.is(BigInt('0x' + Buffer.from(key.d).toString('hex')), hexBlock(text, 'priv:'));
      t.deepEqual(Buffer.from(key.publicPoint!), hexBlockBytes(text, 'pub:'));
      break;
    default:
      t.regex(text, new RegExp(`${key.type.toUpperCase()} Private-Key:`));
      t.deepEqual(Buffer.from(key.privateKey), hexBlockBytes(text, 'priv:'));
  }
}

function withOracle<T>(f: () => T): T {
  const prev = setX509Crypto(NODE_CRYPTO_ORACLE);
  try {
    return f();
  } finally {
    setX509Crypto(prev);
  }
}

for (const k of KEY_TYPES) {
  test(`PKCS#8 PEM and DER match openssl pkey -text: ${k}`, (t) => {
    const { file, text } = keys.get(k)!;
    const pem = readFileSync(file);
    t.is(parsePem(pem)[0].label, 'PRIVATE KEY');
    checkAgainstText(t, loadPrivateKey(pem), text, k);
    checkAgainstText(t, loadPrivateKey(openssl(['pkey', '-in', file, '-outform', 'DER'])), text, k);
  });

  test(`encrypted PKCS#8 (PBES2) structure and decryption: ${k}`, (t) => {
    const { file, text } = keys.get(k)!;
    const variants: Array<{ args: string[]; cipher: string; prf: string }> = [
      { args: ['-v2', 'aes-256-cbc'], cipher: 'aes-256-cbc', prf: 'sha256' },
      { args: ['-v2', 'aes-128-cbc', '-v2prf', 'hmacWithSHA512', '-iter', '1000'], cipher: 'aes-128-cbc', prf: 'sha512' },
      { args: ['-v2', 'des3', '-v2prf', 'hmacWithSHA1'], cipher: 'des-ede3-cbc', prf: 'sha1' },
    ];
    for (const v of variants) {
      const pem = openssl(['pkcs8', '-topk8', '-in', file, ...v.args, '-passout', `pass:${PASS}`]);
      const [block] = pemBlocks(pem, 'ENCRYPTED PRIVATE KEY');
      const info = parseEncryptedPrivateKeyInfo(block.der);
      const dump = openssl(['asn1parse', '-inform', 'DER'], block.der).toString();
      t.is(info.cipher.cipher as string, v.cipher);
      t.is(info.kdf.prf as string, v.prf);
      t.regex(dump, new RegExp(`\\[HEX DUMP\\]:${Buffer.from(info.kdf.salt).toString('hex').toUpperCase()}`));
      t.regex(dump, new RegExp(`INTEGER\\s+:${evenHex(info.kdf.iterations)}\\b`));
      t.regex(dump, new RegExp(`\\[HEX DUMP\\]:${Buffer.from(info.cipher.iv).toString('hex').toUpperCase()}`));
      if (v.args.includes('-iter')) t.is(info.kdf.iterations, 1000);
      t.throws(() => loadPrivateKey(pem), { instanceOf: PassphraseRequiredError });
      t.throws(() => loadPrivateKey(pem, () => PASS), { instanceOf: CryptoUnavailableError });
      checkAgainstText(t, withOracle(() => loadPrivateKey(pem, () => PASS)), text, k);
      const der = openssl(['pkcs8', '-topk8', '-in', file, ...v.args, '-passout', `pass:${PASS}`, '-outform', 'DER']);
      checkAgainstText(t, withOracle(() => loadPrivateKey(der, () => Buffer.from(PASS))), text, k);
      const err = t.throws(() => withOracle(() => loadPrivateKey(pem, () => 'wrong')));
      t.true(err instanceof KeyDecryptionError || err instanceof DerError, String(err));
    }
  });
}

// `openssl rsa` needs -traditional for PKCS#1; `openssl ec` always writes SEC1.
const TRADITIONAL: Array<{ type: KeyType; cmd: string; label: string }> = [
  { type: 'rsa', cmd: 'rsa', label: 'RSA PRIVATE KEY' },
  { type: 'p256', cmd: 'ec', label: 'EC PRIVATE KEY' },
  { type: 'p384', cmd: 'ec', label: 'EC PRIVATE KEY' },
  { type: 'p521', cmd: 'ec', label: 'EC PRIVATE KEY' },
];

for (const { type, cmd, label } of TRADITIONAL) {
  test(`traditional ${label} (PKCS#1/SEC1), PEM and DER, plain and encrypted: ${type}`, (t) => {
    const { file, text } = keys.get(type)!;
    const trad = cmd === 'rsa' ? ['-traditional'] : [];
    const pem = openssl([cmd, '-in', file, ...trad]);
    t.is(parsePem(pem)[0].label, label);
    checkAgainstText(t, loadPrivateKey(pem), text, type);
    checkAgainstText(t, loadPrivateKey(openssl([cmd, '-in', file, ...trad, '-outform', 'DER'])), text, type);
    for (const [flag, cipher] of [['-aes256', 'aes-256-cbc'], ['-aes128', 'aes-128-cbc'], ['-aes192', 'aes-192-cbc'], ['-des3', 'des-ede3-cbc']]) {
      const enc = openssl([cmd, '-in', file, ...trad, flag, '-passout', `pass:${PASS}`]);
      const [block] = parsePem(enc);
      t.is(block.label, label);
      t.is(block.headers[0][0], 'Proc-Type');
      const dek = parseDekInfo(block);
      t.is(dek.cipher as string, cipher);
      t.is(Buffer.from(dek.iv).toString('hex').toUpperCase(), block.headers[1][1].split(',')[1]);
      t.throws(() => loadPrivateKey(enc), { instanceOf: PassphraseRequiredError });
      checkAgainstText(t, withOracle(() => loadPrivateKey(enc, () => PASS)), text, type);
      const err = t.throws(() => withOracle(() => loadPrivateKey(enc, () => 'nope')));
      t.true(err instanceof KeyDecryptionError || err instanceof DerError, String(err));
    }
  });
}

test('a key after certificates and parameters in one PEM file is found', (t) => {
  const { file, text } = keys.get('p256')!;
  const ecparams = openssl(['ecparam', '-name', 'prime256v1']).toString();
  const key = loadPrivateKey(`${ecparams}${readFileSync(file, 'latin1')}`);
  checkAgainstText(t, key, text, 'p256');
});

test('malformed keys fail with DerError naming the structure', (t) => {
  t.throws(() => loadPrivateKey(Uint8Array.from([0x30, 0x03, 0x02, 0x01, 0x00])), { instanceOf: DerError, message: /not a private key/ });
  t.throws(() => loadPrivateKey('no pem here'), { instanceOf: DerError });
  const pem = readFileSync(keys.get('ed25519')!.file, 'latin1').replace('PRIVATE KEY', 'PUBLIC KEY').replace('END PRIVATE KEY', 'END PUBLIC KEY');
  t.throws(() => loadPrivateKey(pem), { instanceOf: DerError, message: /no private key/ });
});
