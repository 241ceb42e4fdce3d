// PBKDF2 / HKDF / TLS PRF cost against node:crypto (best of several rounds).
// Run after `npx tsc -p .`: node bench/kdf.js
'use strict';
const crypto = require('node:crypto');
const b = require('../dist/binding');

function best(fn, reps) {
  let m = Infinity;
  for (let r = 0; r < 7; r++) {
    const s = process.hrtime.bigint();
    for (let i = 0; i < reps; i++) fn();
    m = Math.min(m, Number(process.hrtime.bigint() - s) / reps);
  }
  return m;
}
const pw = Buffer.from('password'), salt = crypto.randomBytes(16);
for (const alg of ['sha1', 'sha256', 'sha512']) {
  const ours = best(() => b.pbkdf2(alg, pw, salt, 10000, 32), 3);
  const node = best(() => crypto.pbkdf2Sync(pw, salt, 10000, 32, alg), 3);
  console.log(`pbkdf2 ${alg} 10000 it: ours ${(ours / 1e6).toFixed(2)} ms, node ${(node / 1e6).toFixed(2)} ms`);
}
const s32 = crypto.randomBytes(32), seed = crypto.randomBytes(64);
console.log(`hkdfExpandLabel sha256 32 B: ours ${best(() => b.hkdfExpandLabel('sha256', s32, 'key', Buffer.alloc(0), 32), 20000).toFixed(0)} ns, node hkdfSync(expand only n/a)`);
console.log(`hkdf extract+expand sha256 32 B: ours ${best(() => b.hkdfExpand('sha256', b.hkdfExtract('sha256', seed, s32), seed, 32), 20000).toFixed(0)} ns, node hkdfSync ${best(() => crypto.hkdfSync('sha256', s32, seed, seed, 32), 20000).toFixed(0)} ns`);
console.log(`tlsPrf sha256 key block 104 B: ${best(() => b.tlsPrf('sha256', s32, 'key expansion', seed, 104), 20000).toFixed(0)} ns`);
