// Paths tests share. Compiled tests live in dist/test/..., the repository root is above dist.
import * as fs from 'node:fs';
import * as path from 'node:path';

export const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');
/** The shared folder beside the repository (found upwards, so git worktrees work too). */
export const SHARED_DIR = findShared();

function findShared(): string {
  if (process.env.TS_SHARED_DIR) return path.resolve(process.env.TS_SHARED_DIR);
  for (let dir = path.resolve(REPO_ROOT, '..'); ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'shared');
    if (fs.existsSync(path.join(candidate, 'vectors'))) return candidate;
    if (path.dirname(dir) === dir) return path.resolve(REPO_ROOT, '..', 'shared');
  }
}
export const WYCHEPROOF_DIR = path.join(SHARED_DIR, 'vectors', 'wycheproof');
export const BIN = path.join(REPO_ROOT, 'bin', 'ts-s-server.js');
