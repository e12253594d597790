/** Every fault-injection scenario, its parameters and what it does (the README table mirrors this). */
export const SCENARIOS = {
  'mid-stream-error': {
    parameters: ['after', 'code', 'message', 'done'],
    description:
      'Streams `after` chunks (default 2), then an in-band error chunk (`code`, default 502) with `finish_reason: "error"`, then `[DONE]` (`done=false`: EOF instead). Non-streamed: 200 with a choice-level `error` and the partial content.',
  },
  'rate-limit': {
    parameters: ['retry_after'],
    description:
      'A 429 before the first byte ("temporarily rate-limited upstream"). `retry_after` (seconds) adds `Retry-After`; absent → no `Retry-After`.',
  },
  unavailable: {
    parameters: ['provider', 'retry_after'],
    description:
      'With `provider=<name>`: that provider fails with 503 and routing falls back to the next one. Without: every provider is down → 503 with `availability` (`temporarily_unavailable`, retryable) and `Retry-After` (default 1).',
  },
  'http-error': {
    parameters: ['code', 'message', 'retry_after'],
    description:
      'Answers `code` (any 4xx/5xx, default 500) with OpenRouter’s wording for that status (502/529: "Provider returned error" with a nested JSON string in `metadata.raw`; 403: moderation metadata; 404: `availability`).',
  },
  'slow-first-token': {
    parameters: ['delay_ms', 'keepalive_ms'],
    description:
      'Waits `delay_ms` (default 3000) before the first token, sending `: OPENROUTER PROCESSING` comments (streams) or whitespace (JSON) every `keepalive_ms` (default: the `keepAliveIntervalMs` option, 1000).',
  },
  'slow-tokens': {
    parameters: ['interval_ms'],
    description: 'Waits `interval_ms` (default 200) between streamed chunks.',
  },
  disconnect: {
    parameters: ['after'],
    description:
      'Destroys the socket after `after` chunks (default 2). Non-streamed: destroys it before any response byte.',
  },
  'malformed-chunk': {
    parameters: ['after'],
    description:
      'After `after` chunks (default 2) sends a `data:` line with truncated JSON, then continues. Non-streamed: a 200 body with truncated JSON.',
  },
  'error-in-200-body': {
    parameters: ['code', 'message'],
    description:
      'Status 200 whose body is only `{"error": {...}}` (`code` default 502). Streamed: one `data: {"error": ...}` event without `id`/`choices`, then `[DONE]`.',
  },
  'leading-whitespace': {
    parameters: ['count', 'interval_ms'],
    description:
      'Non-streamed: `count` (default 3) whitespace keep-alive lines before the JSON body, `interval_ms` apart (default 0).',
  },
  cache: {
    parameters: [],
    description:
      'Prompt caching on: a request reads what earlier requests with the same prefix wrote (`cached_tokens`), and writes the rest (`cache_write_tokens` on models that bill cache writes).',
  },
  'free-tier-daily-limit': {
    parameters: [],
    description:
      'A 429 "Rate limit exceeded: free-models-per-day" with `X-RateLimit-Limit/Remaining/Reset` (reset in epoch ms, next UTC midnight).',
  },
  truncate: {
    parameters: ['after'],
    description:
      'Streams `after` chunks (default: all content), then ends the response: no finish chunk, no usage, no `[DONE]`. Non-streamed: a 200 body cut in half.',
  },
  'always-503': {
    parameters: [],
    description:
      'Every provider attempt fails with 503 (as model `emulator/always-503`: with `models` fallbacks the next model serves).',
  },
  byok: {
    parameters: [],
    description:
      'Bring-your-own-key accounting: `is_byok: true`, `cost` is OpenRouter’s 5 % fee, `cost_details.upstream_inference_cost` the provider’s price.',
  },
  'usage-shape': {
    parameters: ['choices'],
    description:
      'Shape of the final usage chunk: `choices=null-finish` (default: one choice, empty delta, `finish_reason: null`), `empty` (`choices: []`), `repeat-stop` (the finish reason repeated).',
  },
  keepalives: {
    parameters: ['every'],
    description: 'Sends a `: OPENROUTER PROCESSING` comment after every `every` chunks (default 1).',
  },
} as const;

export type ScenarioName = keyof typeof SCENARIOS;

/** Names of every scenario, for `X-Emulator-Scenario` and `emulator/<name>` model ids. */
export const SCENARIO_NAMES: ScenarioName[] = Object.keys(SCENARIOS) as ScenarioName[];

export function isScenarioName(name: string): name is ScenarioName {
  return Object.hasOwn(SCENARIOS, name);
}
