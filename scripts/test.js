#!/usr/bin/env node
// `npm test`: builds everything, then runs every suite and ends with one line
// `N passed, N failed` counting every test that ran:
//   - the C core tests (core_test): release build, ASan+UBSan build, the constant-time
//     checks under valgrind memcheck (secrets marked undefined), and the aarch64 cross build
//     under qemu-aarch64 — each runs every test on the dispatched and the portable code;
//   - the AVA suites (test/**, compiled to dist/test/**).
// Options: --skip-c, --skip-ava, --only-c, or AVA file globs after `--`.
'use strict';
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');
const argv = process.argv.slice(2);
const dashdash = argv.indexOf('--');
const avaFiles = dashdash >= 0 ? argv.slice(dashdash + 1) : [];
const flags = new Set(dashdash >= 0 ? argv.slice(0, dashdash) : argv);
const jobs = String(Math.max(1, os.cpus().length));

let passed = 0;
let failed = 0;
const failures = [];

function log(msg) {
  process.stdout.write(`\n=== ${msg}\n`);
}

function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 28, ...opts });
  if (r.error) return { status: 127, stdout: '', stderr: String(r.error.message) };
  return r;
}

function have(cmd) {
  return run('sh', ['-c', `command -v ${cmd}`]).status === 0;
}

// A step that must succeed for anything after it to mean something (a build).
function mustRun(label, cmd, args, opts) {
  const r = run(cmd, args, opts);
  if (r.status !== 0) {
    process.stdout.write(r.stdout || '');
    process.stdout.write(r.stderr || '');
    failed++;
    failures.push(`${label} (exit ${r.status})`);
    return false;
  }
  return true;
}

// Counts a core_test run: one result per "ok"/"not ok" line.
function countCore(label, r, extraFail) {
  const out = (r.stdout || '') + (r.stderr || '');
  let p = 0;
  let f = 0;
  for (const line of out.split('\n')) {
    if (line.startsWith('ok ')) p++;
    else if (line.startsWith('not ok ')) {
      f++;
      failures.push(`${label}: ${line.slice(7)}`);
    }
  }
  const summary = /core_test: (\d+) passed, (\d+) failed/.exec(out);
  if (!summary || r.status !== 0 || extraFail) {
    process.stdout.write(out);
    if (!summary || (f === 0 && r.status !== 0)) {
      f++;
      failures.push(`${label}: exit ${r.status}${extraFail ? ` (${extraFail})` : ''}`);
    }
  }
  process.stdout.write(`${label}: ${p} passed, ${f} failed\n`);
  passed += p;
  failed += f;
}

function cmakeCore(dir, extra) {
  const b = path.join('build', dir);
  return (
    mustRun(`configure ${dir}`, 'cmake', ['-S', '.', '-B', b, '-DTS_CORE_ONLY=ON', ...extra]) &&
    mustRun(`build ${dir}`, 'cmake', ['--build', b, '-j', jobs])
  );
}

function cTests() {
  log('C core tests (release build, dispatched and portable)');
  if (cmakeCore('core', [])) countCore('core_test', run(path.join('build', 'core', 'core_test'), []));

  log('C core tests under ASan + UBSan');
  if (cmakeCore('core-asan', ['-DTS_SANITIZE=ON', '-DCMAKE_BUILD_TYPE=Debug'])) {
    countCore('core_test asan', run(path.join('build', 'core-asan', 'core_test'), [], {
      env: { ...process.env, ASAN_OPTIONS: 'detect_leaks=1', UBSAN_OPTIONS: 'print_stacktrace=1' },
    }));
  }

  log('constant-time checks: ct_* tests under valgrind memcheck, secrets marked undefined');
  if (!have('valgrind')) {
    failed++;
    failures.push('valgrind is not installed');
  } else if (cmakeCore('core-ct', ['-DTS_VALGRIND_CT=ON'])) {
    const bin = path.join('build', 'core-ct', 'core_test');
    const names = run(bin, ['--list']).stdout.split('\n').filter((n) => n.startsWith('ct_'));
    for (const name of names) {
      const r = run('valgrind', ['-q', '--error-exitcode=99', '--track-origins=yes', bin, name]);
      countCore(`valgrind ${name}`, r, r.status === 99 ? 'secret-dependent branch or index' : '');
    }
  }

  log('C core tests cross-built for aarch64, under qemu-aarch64');
  if (!have('aarch64-linux-gnu-gcc') || !have('qemu-aarch64-static')) {
    failed++;
    failures.push('aarch64 cross compiler or qemu-aarch64-static missing (apt-get install gcc-aarch64-linux-gnu g++-aarch64-linux-gnu qemu-user-static)');
  } else if (cmakeCore('core-arm64', ['-DCMAKE_TOOLCHAIN_FILE=cmake/aarch64-linux-gnu.cmake'])) {
    countCore('core_test aarch64', run('qemu-aarch64-static', ['-L', '/usr/aarch64-linux-gnu', path.join('build', 'core-arm64', 'core_test')]));
  }
}

function avaTests() {
  log('AVA suites');
  const files = avaFiles.length ? avaFiles : [];
  const r = spawnSync(process.execPath, [path.join(ROOT, 'node_modules', 'ava', 'entrypoints', 'cli.mjs'), '--tap', ...files], {
    cwd: ROOT,
    encoding: 'utf8',
    maxBuffer: 1 << 28,
    env: { ...process.env, FORCE_COLOR: '0' },
  });
  const out = (r.stdout || '') + (r.stderr || '');
  process.stdout.write(out);
  const num = (re) => {
    const m = re.exec(out);
    return m ? Number(m[1]) : 0;
  };
  const p = num(/^# pass (\d+)/m);
  const f = num(/^# fail (\d+)/m);
  for (const m of out.matchAll(/^not ok \d+ - (.*)$/gm)) failures.push(`ava: ${m[1]}`);
  if (!/^# pass \d+/m.test(out) || (r.status !== 0 && f === 0)) {
    failed++;
    failures.push(`ava: exit ${r.status} without a TAP summary`);
  }
  passed += p;
  failed += f;
  process.stdout.write(`ava: ${p} passed, ${f} failed\n`);
}

function main() {
  const onlyC = flags.has('--only-c');
  log('build: addon (cmake-js, Node-API mode) and TypeScript');
  const built =
    mustRun('build addon', process.execPath, [require.resolve('cmake-js/bin/cmake-js'), 'build', '--out', 'build']) &&
    mustRun('build TypeScript', process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.json']);
  if (!flags.has('--skip-c')) cTests();
  if (built && !onlyC && !flags.has('--skip-ava')) avaTests();
  if (failures.length) {
    process.stdout.write('\nFailures:\n');
    for (const f of failures) process.stdout.write(`  ${f}\n`);
  }
  process.stdout.write(`\n${passed} passed, ${failed} failed\n`);
  process.exitCode = failed ? 1 : 0;
}

main();
