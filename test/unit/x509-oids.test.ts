import test from 'ava';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

const dir = mkdtempSync(path.join(tmpdir(), 'x509-oids-'));
test.after.always(() => rmSync(dir, { recursive: true, force: true }));
import { allOids, longName, oidFromName, shortName } from '../../src/x509/oids';
import { DerWriter } from '../../src/x509/der';

/** Runs `openssl asn1parse -genstr OID:<name>` and returns [long name printed, DER hex]. */
function opensslOid(name: string): [string, string] {
  const file = path.join(dir, 'oid.der');
  const out = execFileSync('openssl', ['asn1parse', '-genstr', `OID:${name}`, '-out', file]).toString();
  return [out.replace(/^.*OBJECT\s+:/s, '').trim(), readFileSync(file).toString('hex')];
}

test('every short and long name in the table is openssl\'s spelling for that OID', (t) => {
  const infos = allOids();
  t.true(infos.length > 100);
  for (const info of infos) {
    const der = Buffer.from(new DerWriter().oid(info.oid).finish()).toString('hex');
    t.deepEqual(opensslOid(info.sn), [info.ln, der], `sn ${info.sn}`);
    t.deepEqual(opensslOid(info.oid), [info.ln, der], `oid ${info.oid}`);
  }
});

test('lookups fall back to the dotted form', (t) => {
  t.is(shortName('2.5.4.3'), 'CN');
  t.is(longName('2.5.4.3'), 'commonName');
  t.is(shortName('1.2.3.4'), '1.2.3.4');
  t.is(oidFromName('CN'), '2.5.4.3');
  t.is(oidFromName('X509v3 Basic Constraints'), '2.5.29.19');
  t.is(oidFromName('1.2.3'), '1.2.3');
  t.is(oidFromName('nonsense'), undefined);
});
