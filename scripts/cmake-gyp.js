#!/usr/bin/env node
// Stands in for node-gyp when prebuildify builds a prebuild: prebuildify runs
// `<this> rebuild --target=V --arch=A --release` in its working directory and then collects
// build/Release/*.node from there. We build with cmake-js in Node-API mode instead, cross-compiling
// with a CMake toolchain file when the target architecture is not the host's.
'use strict';
const { spawnSync } = require('node:child_process');
const os = require('node:os');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');
const TOOLCHAINS = { arm64: path.join(ROOT, 'cmake', 'aarch64-linux-gnu.cmake') };

const archArg = process.argv.find((a) => a.startsWith('--arch='));
const arch = archArg ? archArg.slice('--arch='.length) : os.arch();
const cmakeJs = require.resolve('cmake-js/bin/cmake-js');
const args = [cmakeJs, 'rebuild', '--directory', ROOT, '--out', path.join(process.cwd(), 'build')];
if (arch !== os.arch()) {
  const toolchain = TOOLCHAINS[arch];
  if (!toolchain) {
    console.error(`cmake-gyp: no toolchain to cross-compile for ${arch}`);
    process.exit(1);
  }
  args.push(`--CDCMAKE_TOOLCHAIN_FILE=${toolchain}`);
}
const r = spawnSync(process.execPath, args, { stdio: 'inherit' });
process.exit(r.status === null ? 1 : r.status);
