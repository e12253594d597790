import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { benchDirectory } from './suite-paths';

const ourPackages = ['core', 'emulator', 'ai-sdk', 'langchain', 'express'] as const;

/** Milliseconds since each package's `dist/index.js` was written, or `undefined` when it is missing. */
async function distAges(): Promise<Map<string, number | undefined>> {
  const ages = new Map<string, number | undefined>();
  for (const name of ourPackages) {
    try {
      const info = await stat(join(benchDirectory, '..', '..', 'packages', name, 'dist', 'index.js'));
      ages.set(name, Date.now() - info.mtimeMs);
    } catch {
      ages.set(name, undefined);
    }
  }
  return ages;
}

/**
 * Waits (up to `maxWaitMs`) until every package of ours has a `dist/index.js` that has not changed
 * for `settledMs`: a build running elsewhere in the checkout (tsup cleans `dist` first) would
 * otherwise make a suite fail half-way. Returns the packages still missing or changing.
 */
export async function waitForBuiltPackages(
  log: (message: string) => void,
  maxWaitMs = 120_000,
  settledMs = 5_000,
): Promise<string[]> {
  const deadline = Date.now() + maxWaitMs;
  let logged = false;
  for (;;) {
    const unsettled = [...(await distAges())]
      .filter(([, age]) => age === undefined || age < settledMs)
      .map(([name]) => name);
    if (unsettled.length === 0 || Date.now() > deadline) return unsettled;
    if (!logged) {
      log(`waiting for builds to settle: ${unsettled.join(', ')}`);
      logged = true;
    }
    await new Promise((resolve) => setTimeout(resolve, 2_000));
  }
}
