import { afterAll, beforeAll, it } from 'vitest';
import { createCapture } from './harness/capture';
import { createApiKey } from './harness/create-api-key';
import { attemptsFor, startPathsUnderTest, stopPathsUnderTest, type PathUnderTest } from './fault-matrix/matrix-stack';
import type { ChatPathName } from './paths/chat-path';

const scenarios: Array<[string, string | undefined, string, string[]?]> = [
  ['ok', undefined, 'openai/gpt-4o-mini'],
  ['mid', 'mid-stream-error; after=2; code=502', 'openai/gpt-4o-mini'],
  ['rl-ra', 'rate-limit; retry_after=1; times=1', 'openai/gpt-4o-mini'],
  ['rl', 'rate-limit; times=1', 'openai/gpt-4o-mini'],
  ['rl-persist', 'rate-limit', 'openai/gpt-4o-mini'],
  ['free-day', 'free-tier-daily-limit', 'meta-llama/llama-3.3-70b-instruct:free'],
  ['unavail-provider', 'unavailable; provider=OpenAI', 'openai/gpt-4o-mini'],
  ['unavail-all', 'unavailable; retry_after=0', 'openai/gpt-4o-mini'],
  ['402', 'http-error; code=402', 'openai/gpt-4o-mini'],
  ['403', 'http-error; code=403', 'openai/gpt-4o-mini'],
  ['404', 'http-error; code=404', 'openai/gpt-4o-mini'],
  ['408', 'http-error; code=408', 'openai/gpt-4o-mini'],
  ['524', 'http-error; code=524', 'openai/gpt-4o-mini'],
  ['529', 'http-error; code=529', 'openai/gpt-4o-mini'],
  ['slow-first', 'slow-first-token; delay_ms=400; keepalive_ms=50', 'openai/gpt-4o-mini'],
  ['slow-first-nokeep', 'slow-first-token; delay_ms=800; keepalive_ms=5000', 'openai/gpt-4o-mini'],
  ['disconnect', 'disconnect; after=2', 'openai/gpt-4o-mini'],
  ['malformed', 'malformed-chunk; after=2', 'openai/gpt-4o-mini'],
  ['err200', 'error-in-200-body; code=502', 'openai/gpt-4o-mini'],
  ['ws', 'leading-whitespace; count=3; interval_ms=20', 'openai/gpt-4o-mini'],
  ['truncate', 'truncate; after=3', 'openai/gpt-4o-mini'],
  ['503', undefined, 'emulator/always-503'],
  ['503-fallback', undefined, 'emulator/always-503', ['emulator/always-503', 'openai/gpt-4o-mini']],
];

let paths: Map<ChatPathName, PathUnderTest>;
const capture = createCapture();
beforeAll(async () => {
  paths = await startPathsUnderTest({ capture, serverKey: createApiKey(), idleTimeoutMs: 500 });
});
afterAll(async () => stopPathsUnderTest(paths));

it('explores', { timeout: 120_000 }, async () => {
  const rows: string[] = [];
  await Promise.all(
    [...paths.values()].map(async ({ path, emulator }) => {
      for (const [name, scenario, model, models] of scenarios) {
        const marker = `m-${name}-${Math.random().toString(36).slice(2)}`;
        const started = Date.now();
        const outcome = await path.run({ marker, scenario, model, models, signal: AbortSignal.timeout(15_000) });
        const error = outcome.error as { name?: string; status?: number; message?: string; cause?: { name?: string; status?: number } } | undefined;
        rows.push(
          `${path.name.padEnd(26)} ${name.padEnd(18)} ok=${outcome.ok} att=${attemptsFor(emulator, marker)} fin=${outcome.finishReason} text=${outcome.text.length} err=${error?.name ?? error?.constructor?.name}/${error?.status} cause=${error?.cause?.name}/${error?.cause?.status} model=${outcome.servedModel} ${Date.now() - started}ms msg=${String(error?.message ?? '').slice(0, 90)}`,
        );
      }
    }),
  );
  rows.sort();
  console.log(rows.join('\n'));
});
