import { fileURLToPath } from 'node:url';

export type SuiteName = 'decode' | 'gateway' | 'streams' | 'size';
export type SuiteMode = 'full' | 'smoke';

export const suiteNames: readonly SuiteName[] = ['decode', 'gateway', 'streams', 'size'];

/** apps/bench */
export const benchDirectory: string = fileURLToPath(new URL('../..', import.meta.url));

/** Where a suite run leaves its JSON (git-ignored): `.cache/results` (full) or `.cache/smoke`. */
export const resultFile = (suite: SuiteName, mode: SuiteMode): string =>
  fileURLToPath(
    new URL(`../../.cache/${mode === 'full' ? 'results' : 'smoke'}/${suite}.json`, import.meta.url),
  );

export const isSuiteName = (value: string | undefined): value is SuiteName =>
  value !== undefined && (suiteNames as readonly string[]).includes(value);
