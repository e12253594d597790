import { readFileSync } from 'node:fs';

/** The exact bytes of a fixture file, e.g. `loadFixture('stream', 'truncated.sse')`. */
export function loadFixture(folder: 'sse' | 'stream', name: string): Uint8Array {
  return new Uint8Array(readFileSync(new URL(`../${folder}/__fixtures__/${name}`, import.meta.url)));
}
