#!/usr/bin/env node
// Builds prebuilds/linux-x64/ and, cross-compiled, prebuilds/linux-arm64/ with prebuildify
// (cmake-js through scripts/cmake-gyp.js). Each architecture builds in its own staging folder
// so the source build in build/ is left alone.
//   node scripts/prebuild.js [x64] [arm64]
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const prebuildify = require('prebuildify');

const ROOT = path.resolve(__dirname, '..');
const archs = process.argv.slice(2).length ? process.argv.slice(2) : ['x64', 'arm64'];

function build(arch) {
  const staging = path.join(ROOT, 'build', `prebuild-${arch}`);
  fs.mkdirSync(staging, { recursive: true });
  return new Promise((resolve, reject) => {
    prebuildify(
      {
        napi: true,
        name: 'ts-s-server',
        tagLibc: true,
        arch,
        platform: 'linux',
        cwd: staging,
        out: ROOT,
        nodeGyp: `"${process.execPath}" "${path.join(__dirname, 'cmake-gyp.js')}"`,
        shell: true,
      },
      (err) => (err ? reject(err) : resolve()),
    );
  });
}

(async () => {
  for (const arch of archs) {
    console.log(`prebuild: linux-${arch}`);
    await build(arch);
  }
  for (const arch of archs) {
    const dir = path.join(ROOT, 'prebuilds', `linux-${arch}`);
    console.log(`prebuild: ${path.relative(ROOT, dir)}: ${fs.readdirSync(dir).join(', ')}`);
  }
})().catch((err) => {
  console.error(`prebuild: ${err.message}`);
  process.exit(1);
});
