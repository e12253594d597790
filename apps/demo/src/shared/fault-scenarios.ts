/**
 * Emulator fault scenarios the page offers in emulator mode. The page sends a scenario's id; the
 * server maps it to the emulator's `X-Emulator-Scenario` header (never a client-written header).
 */
export type FaultScenario = {
  id: string;
  label: string;
  /** The `X-Emulator-Scenario` header value. */
  header: string;
  description: string;
};

export const FAULT_SCENARIOS: readonly FaultScenario[] = [
  {
    id: 'rate-limit',
    label: 'Rate limit (429)',
    header: 'rate-limit; retry_after=30',
    description: 'The provider answers 429 before the first token, asking to retry in 30 s.',
  },
  {
    id: 'mid-stream-error',
    label: 'Provider error mid-stream',
    header: 'mid-stream-error; after=8; code=502',
    description: 'The provider fails after a few tokens: the partial answer stays, the error is explained.',
  },
  {
    id: 'slow-tokens',
    label: 'Slow tokens',
    header: 'slow-tokens; interval_ms=150',
    description: 'Tokens arrive slowly (150 ms apart): try the Stop button.',
  },
  {
    id: 'slow-first-token',
    label: 'Slow first token',
    header: 'slow-first-token; delay_ms=4000',
    description: 'The provider thinks for 4 s, sending keep-alive comments meanwhile.',
  },
  {
    id: 'provider-down',
    label: 'First provider down',
    header: 'unavailable; provider=OpenAI',
    description:
      'One provider is down: OpenRouter routes to the next one (see the provider under the reply).',
  },
  {
    id: 'unavailable',
    label: 'All providers down (503)',
    header: 'unavailable; retry_after=20',
    description: 'Every provider is unavailable: the middleware retries, then explains.',
  },
];

export function findFaultScenario(id: string | undefined): FaultScenario | undefined {
  return id === undefined ? undefined : FAULT_SCENARIOS.find((scenario) => scenario.id === id);
}
