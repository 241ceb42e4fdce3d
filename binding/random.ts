// Randomness from the kernel CSPRNG (getrandom(2)).
import { native } from './native';

export function randomBytes(n: number): Buffer {
  return native.randomBytes(n) as Buffer;
}
