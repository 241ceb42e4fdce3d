// Loads the compiled core: the build from source (build/Release) if present, else the prebuilt
// binary for this platform and architecture (prebuilds/<platform>-<arch>/), via node-gyp-build.
// Every other binding file reads the addon through `native` and adds types and checks.
import * as path from 'node:path';

// eslint-disable-next-line @typescript-eslint/no-var-requires
const load: (dir: string) => unknown = require('node-gyp-build');

/** The package root: dist/binding/native.js is two levels below it. */
export const PACKAGE_ROOT = path.resolve(__dirname, '..', '..');

/** The raw addon. Each family's file declares the functions it uses. */
export const native = load(PACKAGE_ROOT) as Record<string, (...args: unknown[]) => unknown>;
