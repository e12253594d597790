/**
 * A `fetch` that adds `X-Emulator-Scenario` to the first `times` requests only: lets a test
 * fail the first attempt (e.g. a 429) and watch the retry succeed.
 */
export function fetchWithScenarioOnFirst(scenario: string, times = 1): typeof globalThis.fetch {
  let calls = 0;
  return (input, init) => {
    calls++;
    if (calls > times) return globalThis.fetch(input, init);
    const headers = new Headers(init?.headers);
    headers.set('X-Emulator-Scenario', scenario);
    return globalThis.fetch(input, { ...init, headers });
  };
}
