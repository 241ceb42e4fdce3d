/** The flag table against what the real tool and the manual page list. */
import { readFileSync } from 'node:fs';
import test from 'ava';
import { FLAGS, type FlagSpec, type OptionalFeature } from '../../src/cli/flags';
import { emptyDir, runOpenssl, sharedFile } from './tools';

interface ListedFlag {
  readonly name: string;
  readonly arg: string;
  readonly section: string;
  readonly help: string;
}

/** Flags as `openssl s_server -help` lists them, with their section heading. */
async function opensslListedFlags(): Promise<ListedFlag[]> {
  const { dir, remove } = emptyDir();
  try {
    const { stderr } = await runOpenssl(['-help'], dir);
    const listed: ListedFlag[] = [];
    let section = '';
    for (const line of stderr.split('\n')) {
      const heading = /^(\S.*):$/.exec(line);
      if (heading !== null) section = heading[1] as string;
      const m = /^ -(\S+)(?: (\S+))?\s{2,}(.*)$/.exec(line);
      if (m !== null) {
        listed.push({ name: m[1] as string, arg: m[2] ?? 'none', section, help: m[3] as string });
      }
    }
    return listed;
  } finally {
    remove();
  }
}

const table: readonly FlagSpec[] = FLAGS;
const tableListed = table.filter((f) => f.inHelp !== false);

test('the flags openssl lists == the listed flags of the table, in order, with arg, section, help', async (t) => {
  const listed = await opensslListedFlags();
  t.true(listed.length > 180, 'parsed the real -help');
  const fromTable = tableListed.map(({ name, arg, section, help }) => ({ name, arg, section, help }));
  t.deepEqual(fromTable, listed);
});

test('flag names are unique', (t) => {
  t.is(new Set(table.map((f) => f.name)).size, table.length);
});

test('every flag of the manual page is in the table', (t) => {
  const pod = readFileSync(sharedFile('spec/openssl-s_server.pod'), 'utf8');
  const names = new Set([...pod.matchAll(/B<-([A-Za-z0-9_-]+)/g)].map((m) => m[1] as string));
  t.true(names.size > 150, 'read the manual page');
  const missing = [...names].filter((name) => !table.some((f) => f.name === name));
  t.deepEqual(missing, []);
});

test('flags the 3.0.19 -help lacks are hidden and marked with a feature (or are the -h alias)', (t) => {
  // ts-s-server's own flags (-serial, -jsonlog) are hidden too: -help prints openssl's text.
  const hidden = table.filter((f) => f.inHelp === false && !f.own);
  t.deepEqual(
    hidden.map((f) => f.name).sort(),
    ['h', 'ktls', 'no_ssl2', 'sctp', 'sctp_label_bug', 'ssl2', 'ssl3'],
  );
  for (const flag of hidden) t.true(flag.feature !== undefined || flag.aliasOf === 'help', flag.name);
});

test('flags of features ts-s-server is built without carry their feature', (t) => {
  const expected: Record<string, OptionalFeature> = {
    engine: 'engine', async: 'async', ssl_config: 'ssl_config', provider: 'provider',
    'provider-path': 'provider', propquery: 'provider', trace: 'trace', comp: 'comp',
    sendfile: 'ktls', ktls: 'ktls', sctp: 'sctp', sctp_label_bug: 'sctp',
  };
  for (const [name, feature] of Object.entries(expected)) {
    t.is(table.find((f) => f.name === name)?.feature, feature, name);
  }
});
