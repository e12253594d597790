import { cpus, loadavg } from 'node:os';

export type QuietOptions = {
  /** Give up waiting (and run anyway) after this long. */
  maxWaitMs: number;
  /** 1-minute load average to wait for (default: half the cores). */
  threshold?: number;
  pollMs?: number;
  log: (message: string) => void;
};

/**
 * Waits until the 1-minute load average drops below `threshold`, so a suite does not start while
 * other work (or the previous suite's tail) competes for the CPU. Never waits longer than
 * `maxWaitMs`; the load at the start of each suite is recorded in RESULTS.md either way.
 */
export async function waitForQuietMachine(options: QuietOptions): Promise<number> {
  const threshold = options.threshold ?? Math.max(0.5, cpus().length / 2);
  const pollMs = options.pollMs ?? 10_000;
  const deadline = Date.now() + options.maxWaitMs;
  let load = loadavg()[0] ?? 0;
  if (load < threshold) return load;
  options.log(`waiting for the machine to quieten (1-minute load ${load.toFixed(2)}, want < ${threshold})`);
  while (Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, pollMs));
    load = loadavg()[0] ?? 0;
    if (load < threshold) return load;
  }
  options.log(
    `still busy after ${Math.round(options.maxWaitMs / 1_000)} s (load ${load.toFixed(2)}): running anyway`,
  );
  return load;
}
