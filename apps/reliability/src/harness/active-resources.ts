/** Counts of `process.getActiveResourcesInfo()` by resource type (e.g. `Timeout`, `TCPSocketWrap`). */
export type ResourceCounts = Record<string, number>;

export function activeResourceCounts(): ResourceCounts {
  const counts: ResourceCounts = {};
  for (const type of process.getActiveResourcesInfo()) counts[type] = (counts[type] ?? 0) + 1;
  return counts;
}

/** Types whose count grew from `before` to `after`, with both counts. */
export function resourceGrowth(
  before: ResourceCounts,
  after: ResourceCounts,
): Array<{ type: string; before: number; after: number }> {
  const growth: Array<{ type: string; before: number; after: number }> = [];
  for (const [type, count] of Object.entries(after)) {
    const previous = before[type] ?? 0;
    if (count > previous) growth.push({ type, before: previous, after: count });
  }
  return growth;
}

/**
 * Waits (polling, up to `settleMs`) until no resource type has more instances than in `before`;
 * returns what is still left over when the time is up (empty: nothing leaked).
 */
export async function waitForResourcesToSettle(
  before: ResourceCounts,
  settleMs = 2_000,
): Promise<Array<{ type: string; before: number; after: number }>> {
  const deadline = Date.now() + settleMs;
  for (;;) {
    // Let pending closes and timers run before counting.
    await new Promise((resolve) => setImmediate(resolve));
    const growth = resourceGrowth(before, activeResourceCounts());
    if (growth.length === 0 || Date.now() >= deadline) return growth;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
