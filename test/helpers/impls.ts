// Runs a test body once per implementation set: the portable code and the CPU's best.
import { setImplementation } from '../../binding';

export const IMPLEMENTATIONS = ['native', 'generic'] as const;
export type Implementation = (typeof IMPLEMENTATIONS)[number];

/** Calls fn with each implementation selected, restoring 'native' afterwards. */
export function forEachImplementation(fn: (impl: Implementation) => void): void {
  try {
    for (const impl of IMPLEMENTATIONS) {
      setImplementation(impl);
      fn(impl);
    }
  } finally {
    setImplementation('native');
  }
}
