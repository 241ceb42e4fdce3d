#!/usr/bin/env node
// npm's install step. An installed package with a prebuilt binary for this platform needs
// nothing: the loader (node-gyp-build) finds it. In a source checkout, or where no prebuild
// matches, build the addon from source with cmake-js in Node-API mode. Loading never depends
// on this script having run when a prebuild matches (npm may be told to skip scripts).
'use strict';
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');

function prebuildLoads() {
  try {
    const load = require('node-gyp-build');
    const file = load.resolve(ROOT);
    return file && file.includes(`${path.sep}prebuilds${path.sep}`) ? file : null;
  } catch {
    return null;
  }
}

const isSourceCheckout = fs.existsSync(path.join(ROOT, '.git')) || fs.existsSync(path.join(ROOT, 'tsconfig.json'));
if (!isSourceCheckout) {
  const prebuilt = prebuildLoads();
  if (prebuilt) process.exit(0);
}

let cmakeJs;
try {
  cmakeJs = require.resolve('cmake-js/bin/cmake-js');
} catch {
  console.error('ts-s-server: no prebuilt binary for ' + `${process.platform}-${process.arch}` +
    ' and cmake-js is not installed; install cmake-js, cmake and a C/C++ compiler to build from source.');
  process.exit(1);
}
const r = spawnSync(process.execPath, [cmakeJs, 'build', '--directory', ROOT, '--out', path.join(ROOT, 'build')], {
  stdio: 'inherit',
});
process.exit(r.status === null ? 1 : r.status);
