// The package as users get it: `npm pack`, installed into an empty directory on a PATH with no
// C compiler, cmake or make, runs `npx ts-s-server -help` from the prebuilt binary; and the
// arm64 prebuild loads in Debian's arm64 Node under qemu and hashes a buffer.
import test from 'ava';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import { REPO_ROOT } from '../helpers/paths';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ts-s-server-pack-'));
test.after.always(() => fs.rmSync(tmp, { recursive: true, force: true }));

function sh(cmd: string, args: string[], opts: { cwd?: string; env?: NodeJS.ProcessEnv } = {}) {
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 1 << 26, timeout: 600_000, ...opts });
  return { status: r.status, out: `${r.stdout ?? ''}${r.stderr ?? ''}`, stdout: r.stdout ?? '' };
}

/** A bin folder holding only node, npm and npx: no cc, gcc, c++, cmake or make. */
function bareBin(): string {
  const bin = path.join(tmp, 'bin');
  fs.mkdirSync(bin, { recursive: true });
  fs.symlinkSync(process.execPath, path.join(bin, 'node'));
  // npm runs lifecycle scripts through sh, which every machine has.
  fs.symlinkSync('/bin/sh', path.join(bin, 'sh'));
  const npmCli = fs.realpathSync(sh('sh', ['-c', 'command -v npm']).stdout.trim());
  const npmDir = path.dirname(npmCli);
  fs.symlinkSync(npmCli, path.join(bin, 'npm'));
  fs.symlinkSync(path.join(npmDir, 'npx-cli.js'), path.join(bin, 'npx'));
  return bin;
}

let installed = '';

test.serial('npm pack, then install into an empty directory with no compiler on PATH', (t) => {
  const pre = sh(process.execPath, [path.join(REPO_ROOT, 'scripts', 'prebuild.js')], { cwd: REPO_ROOT });
  t.is(pre.status, 0, pre.out);
  t.true(fs.existsSync(path.join(REPO_ROOT, 'prebuilds', 'linux-x64')));
  t.true(fs.existsSync(path.join(REPO_ROOT, 'prebuilds', 'linux-arm64')));
  // dist/ was built by `npm test` before the suites; --ignore-scripts keeps pack from rebuilding
  // it under the other running tests.
  const pack = sh('npm', ['pack', '--ignore-scripts', '--pack-destination', tmp], { cwd: REPO_ROOT });
  t.is(pack.status, 0, pack.out);
  const tarball = fs.readdirSync(tmp).find((f) => f.endsWith('.tgz'));
  t.truthy(tarball, pack.out);

  const bin = bareBin();
  const env = { PATH: bin, HOME: path.join(tmp, 'home'), npm_config_cache: path.join(tmp, 'cache') };
  fs.mkdirSync(env.HOME, { recursive: true });
  for (const tool of ['cc', 'gcc', 'c++', 'g++', 'cmake', 'make']) {
    t.not(sh('/bin/sh', ['-c', `command -v ${tool}`], { env }).status, 0, `${tool} must not be on PATH`);
  }
  const app = path.join(tmp, 'app');
  fs.mkdirSync(app);
  fs.writeFileSync(path.join(app, 'package.json'), '{"name":"app","version":"1.0.0","private":true}\n');
  const inst = sh('npm', ['install', '--no-audit', '--no-fund', path.join(tmp, tarball!)], { cwd: app, env });
  t.is(inst.status, 0, inst.out);
  installed = path.join(app, 'node_modules', 'ts-s-server');
  t.false(fs.existsSync(path.join(installed, 'build')), 'nothing was built from source');

  const help = sh('npx', ['ts-s-server', '-help'], { cwd: app, env });
  t.is(help.status, 0, help.out);
  t.regex(help.out, /^Usage: s_server \[options\]/m);

  const probe = sh(
    'node',
    ['-e', "const b=require('ts-s-server/binding');console.log(require('node-gyp-build').resolve(require('path').dirname(require.resolve('ts-s-server/package.json'))));console.log(b.hash('sha256',Buffer.from('abc')).toString('hex'))"],
    { cwd: app, env },
  );
  t.is(probe.status, 0, probe.out);
  t.regex(probe.stdout, /prebuilds\/linux-x64\/ts-s-server\.glibc\.node/);
  t.regex(probe.stdout, /ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad/);
});

test.serial('the arm64 prebuild loads in arm64 Node under qemu and hashes a buffer', (t) => {
  t.truthy(installed, 'needs the installed package from the previous test');
  const setup = sh(path.join(REPO_ROOT, 'scripts', 'arm64-node.sh'), [path.join(REPO_ROOT, 'build', 'arm64-node')]);
  t.is(setup.status, 0, setup.out);
  const cmd = setup.stdout.trim().split('\n').pop()!.split(' ');
  const script =
    "const b=require('./dist/binding');" +
    "console.log(process.arch, require('node-gyp-build').resolve('.'));" +
    "console.log(b.hash('sha256',Buffer.from('abc')).toString('hex'), JSON.stringify(b.implementations()))";
  const r = sh(cmd[0], [...cmd.slice(1), '-e', script], { cwd: installed });
  t.is(r.status, 0, r.out);
  t.regex(r.stdout, /^arm64 .*prebuilds\/linux-arm64\/ts-s-server\.glibc\.node/m);
  t.regex(r.stdout, /ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad/);
  t.regex(r.stdout, /"sha256":"armv8-sha2"/);
});
