// Paths tests share. Compiled tests live in dist/test/..., the repository root is above dist.
import * as fs from 'node:fs';
import * as path from 'node:path';

export const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');
// ../shared beside the repository; a git worktree one level deeper (/work/wt/<name>) finds it
// one level further up.
export const SHARED_DIR = [path.resolve(REPO_ROOT, '..', 'shared'), path.resolve(REPO_ROOT, '..', '..', 'shared')].find(
  (d) => fs.existsSync(path.join(d, 'vectors')),
) ?? path.resolve(REPO_ROOT, '..', 'shared');
export const WYCHEPROOF_DIR = path.join(SHARED_DIR, 'vectors', 'wycheproof');
export const BIN = path.join(REPO_ROOT, 'bin', 'ts-s-server.js');
