// CPU features and the implementation each primitive uses.
import { native } from './native';

export interface CpuFeatures {
  /** 'x64', 'arm64' or 'generic' */
  arch: string;
  /** features the CPU has */
  detected: string[];
  /** features the dispatcher uses now (none when forced to the portable code) */
  used: string[];
}

export function cpuFeatures(): CpuFeatures {
  return native.cpuFeatures() as CpuFeatures;
}

/** Which implementation each primitive runs, e.g. `{ sha256: 'sha-ni' }`. */
export function implementations(): Record<string, string> {
  return native.implementations() as Record<string, string>;
}

/**
 * 'generic' switches every primitive to its portable implementation; 'native' back to the best
 * the CPU allows (TS_S_SERVER_CPU=generic in the environment forces portable code at load time).
 */
export function setImplementation(which: 'generic' | 'native'): void {
  native.setImplementation(which);
}
