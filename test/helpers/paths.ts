// Paths tests share. Compiled tests live in dist/test/..., the repository root is above dist.
import * as path from 'node:path';

export const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');
// A git worktree elsewhere than beside ../shared can point TS_SHARED_DIR at it.
export const SHARED_DIR = process.env.TS_SHARED_DIR
  ? path.resolve(process.env.TS_SHARED_DIR)
  : path.resolve(REPO_ROOT, '..', 'shared');
export const WYCHEPROOF_DIR = path.join(SHARED_DIR, 'vectors', 'wycheproof');
export const BIN = path.join(REPO_ROOT, 'bin', 'ts-s-server.js');
