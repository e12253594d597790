import { MODEL_IDS } from '@openrouter-adapters/emulator';
import type { ChatPathName } from '../paths/chat-path';

/**
 * The expected outcome of one (scenario × path) cell.
 * - `success`: the call resolved with a complete reply after `attempts` requests reached the emulator.
 * - `error`: the call failed with `errorClass` (core's class; for the AI SDK the `cause` of its
 *   `APICallError`; `openai:<Class>` for the official client through the middleware), after
 *   `attempts` requests; `partial` = text received before the failure is kept and non-empty.
 * - `incomplete`: no error thrown, but the reply is marked unfinished (`finishReason`), partial text kept.
 */
export type ExpectedCell =
  | {
      outcome: 'success';
      attempts: number;
      finishReason: string;
      /** The hint was honoured: the call took at least this long. */
      minElapsedMs?: number;
      servedModel?: string;
      /** Keep-alive pings surfaced by the path (core's stream). */
      minPings?: number;
    }
  | {
      outcome: 'error';
      attempts: number;
      errorClass: string;
      /** HTTP status (or in-band code) on the error, when the class carries one. */
      status?: number;
      partial: boolean;
      finishReason?: string;
    }
  | { outcome: 'incomplete'; attempts: number; partial: true; finishReason: string };

export type FaultRow = {
  id: string;
  /** What the row injects, as the issue names it. */
  fault: string;
  /** `X-Emulator-Scenario` header (forwarded by the middleware through `forwardHeaders`). */
  scenario?: string;
  model: string;
  models?: string[];
  cells: Record<ChatPathName, ExpectedCell>;
};

const stop = 'stop';
const ok = (
  attempts = 1,
  extra: Partial<Extract<ExpectedCell, { outcome: 'success' }>> = {},
): ExpectedCell => ({
  outcome: 'success',
  attempts,
  finishReason: stop,
  ...extra,
});
const fail = (
  errorClass: string,
  attempts: number,
  extra: Partial<Extract<ExpectedCell, { outcome: 'error' }>> = {},
): ExpectedCell => ({ outcome: 'error', errorClass, attempts, partial: false, ...extra });
const partialFail = (
  errorClass: string,
  extra: Partial<Extract<ExpectedCell, { outcome: 'error' }>> = {},
): ExpectedCell => ({ outcome: 'error', errorClass, attempts: 1, partial: true, ...extra });
const interrupted: ExpectedCell = {
  outcome: 'incomplete',
  attempts: 1,
  partial: true,
  finishReason: 'interrupted',
};

/** Every path succeeds the same way. */
const everywhere = (cell: ExpectedCell): Record<ChatPathName, ExpectedCell> => ({
  'core.send': cell,
  'core.stream': cell,
  'ai-sdk.generateText': cell,
  'ai-sdk.streamText': cell,
  'langchain.invoke': cell,
  'langchain.stream': cell,
  'openai.create→middleware': cell,
  'openai.stream→middleware': cell,
});

/** An error answered before the first byte: the same class on every path, `attempts` requests. */
const beforeFirstByte = (
  coreClass: string,
  openAiClass: string,
  status: number,
  attempts: number,
): Record<ChatPathName, ExpectedCell> => {
  const core = fail(coreClass, attempts, { status });
  return {
    ...everywhere(core),
    'openai.create→middleware': fail(`openai:${openAiClass}`, attempts, { status }),
    'openai.stream→middleware': fail(`openai:${openAiClass}`, attempts, { status }),
  };
};

/** OpenRouter's status table (NOTES.md): class, `openai` client class, retried (3 attempts) or not. */
const httpErrorRows: FaultRow[] = (
  [
    [400, 'BadRequestError', 'BadRequestError', false],
    [401, 'AuthenticationError', 'AuthenticationError', false],
    [402, 'InsufficientCreditsError', 'APIError', false],
    [403, 'ModerationError', 'PermissionDeniedError', false],
    [404, 'NoEndpointsError', 'NotFoundError', false],
    [408, 'RequestTimeoutError', 'APIError', true],
    [413, 'PayloadTooLargeError', 'APIError', false],
    [422, 'UnprocessableEntityError', 'UnprocessableEntityError', false],
    [429, 'RateLimitError', 'RateLimitError', true],
    [500, 'InternalServerError', 'InternalServerError', true],
    [502, 'ProviderError', 'InternalServerError', true],
    [503, 'ServiceUnavailableError', 'InternalServerError', true],
    [504, 'EdgeTimeoutError', 'InternalServerError', true],
    [524, 'EdgeTimeoutError', 'InternalServerError', true],
    [529, 'ProviderOverloadedError', 'InternalServerError', true],
  ] as const
).map(([status, coreClass, openAiClass, retried]) => ({
  id: `http-${status}`,
  fault: `HTTP ${status} before the first byte`,
  scenario: `http-error; code=${status}`,
  model: MODEL_IDS.gpt4oMini,
  cells: beforeFirstByte(coreClass, openAiClass, status, retried ? 3 : 1),
}));

/**
 * THE fault matrix: every emulator scenario × every path, with the outcome each cell must have.
 * Clients retry twice (3 attempts) with 5 ms initial backoff, a 2 s maximum hint and a 500 ms idle
 * timeout; the middleware retries the same way and the `openai` client does not retry itself.
 */
export const faultMatrix: FaultRow[] = [
  { id: 'baseline', fault: 'no fault (control)', model: MODEL_IDS.gpt4oMini, cells: everywhere(ok()) },
  {
    id: 'mid-stream-error',
    fault: 'in-band error after 2 chunks (502)',
    scenario: 'mid-stream-error; after=2; code=502',
    model: MODEL_IDS.gpt4oMini,
    cells: {
      // Non-streamed: a 200 whose choice carries the error and the partial content.
      'core.send': partialFail('ProviderError', { status: 502, finishReason: 'error' }),
      'core.stream': partialFail('StreamError', { status: 502, finishReason: 'error' }),
      'ai-sdk.generateText': partialFail('ProviderError', { status: 502 }),
      'ai-sdk.streamText': partialFail('StreamError', { status: 502, finishReason: 'error' }),
      'langchain.invoke': partialFail('ProviderError', { status: 502 }),
      'langchain.stream': partialFail('StreamError', { status: 502 }),
      // The middleware forwards the 200 untouched: the choice says `error` and keeps the text.
      'openai.create→middleware': {
        outcome: 'incomplete',
        attempts: 1,
        partial: true,
        finishReason: 'error',
      },
      'openai.stream→middleware': partialFail('openai:APIError'),
    },
  },
  {
    id: 'rate-limit-retry-after',
    fault: '429 with Retry-After: 1, once',
    scenario: 'rate-limit; retry_after=1; times=1',
    model: MODEL_IDS.gpt4oMini,
    cells: everywhere(ok(2, { minElapsedMs: 950 })),
  },
  {
    id: 'rate-limit-no-retry-after',
    fault: '429 without Retry-After, once',
    scenario: 'rate-limit; times=1',
    model: MODEL_IDS.gpt4oMini,
    cells: everywhere(ok(2)),
  },
  {
    id: 'rate-limit-persistent',
    fault: '429 without Retry-After, every time',
    scenario: 'rate-limit',
    model: MODEL_IDS.gpt4oMini,
    cells: beforeFirstByte('RateLimitError', 'RateLimitError', 429, 3),
  },
  {
    id: 'free-tier-daily-limit',
    fault: 'free-models-per-day 429 (reset at UTC midnight: beyond the maximum wait, fails fast)',
    scenario: 'free-tier-daily-limit',
    model: MODEL_IDS.llamaFree,
    cells: beforeFirstByte('RateLimitError', 'RateLimitError', 429, 1),
  },
  {
    id: 'unavailable-provider',
    fault: 'one provider down (routing falls back to the next)',
    scenario: 'unavailable; provider=OpenAI',
    model: MODEL_IDS.gpt4oMini,
    cells: everywhere(ok(1)),
  },
  {
    id: 'unavailable-all',
    fault: 'every provider down (503, availability retryable)',
    scenario: 'unavailable; retry_after=0',
    model: MODEL_IDS.gpt4oMini,
    cells: beforeFirstByte('ServiceUnavailableError', 'InternalServerError', 503, 3),
  },
  ...httpErrorRows,
  {
    id: 'slow-first-token-keepalives',
    fault: 'first token after 700 ms, keep-alives every 50 ms (idle timeout 500 ms)',
    scenario: 'slow-first-token; delay_ms=700; keepalive_ms=50',
    model: MODEL_IDS.gpt4oMini,
    cells: { ...everywhere(ok(1)), 'core.stream': ok(1, { minPings: 5 }) },
  },
  {
    id: 'slow-first-token-silent',
    fault: 'first token after 800 ms with no keep-alive (streams hit the 500 ms idle timeout)',
    scenario: 'slow-first-token; delay_ms=800; keepalive_ms=5000',
    model: MODEL_IDS.gpt4oMini,
    cells: {
      // Non-streamed requests wait for headers (connect timeout), not for idle bytes.
      ...everywhere(ok(1)),
      'core.stream': fail('TimeoutError', 1),
      'ai-sdk.streamText': fail('TimeoutError', 1, { finishReason: 'error' }),
      'langchain.stream': fail('TimeoutError', 1),
      'openai.stream→middleware': fail('openai:APIError', 1),
    },
  },
  {
    id: 'slow-tokens',
    fault: 'a chunk every 30 ms',
    scenario: 'slow-tokens; interval_ms=30',
    model: MODEL_IDS.gpt4oMini,
    cells: everywhere(ok(1)),
  },
  {
    id: 'disconnect',
    fault: 'socket destroyed after 2 chunks (non-streamed: before any byte)',
    scenario: 'disconnect; after=2',
    model: MODEL_IDS.gpt4oMini,
    cells: {
      'core.send': fail('ConnectionError', 3),
      'core.stream': partialFail('ConnectionError'),
      'ai-sdk.generateText': fail('ConnectionError', 3),
      'ai-sdk.streamText': interrupted,
      'langchain.invoke': fail('ConnectionError', 3),
      'langchain.stream': partialFail('ConnectionError'),
      'openai.create→middleware': fail('openai:InternalServerError', 3, { status: 502 }),
      'openai.stream→middleware': partialFail('openai:APIError'),
    },
  },
  {
    id: 'malformed-chunk',
    fault: 'truncated JSON in a data line after 2 chunks (non-streamed: truncated body)',
    scenario: 'malformed-chunk; after=2',
    model: MODEL_IDS.gpt4oMini,
    cells: {
      'core.send': fail('ResponseParseError', 1),
      'core.stream': partialFail('ResponseParseError'),
      'ai-sdk.generateText': fail('ResponseParseError', 1),
      'ai-sdk.streamText': partialFail('ResponseParseError', { finishReason: 'error' }),
      'langchain.invoke': fail('ResponseParseError', 1),
      'langchain.stream': partialFail('ResponseParseError'),
      'openai.create→middleware': fail('openai:InternalServerError', 1, { status: 502 }),
      // Forwarded untouched: the official client itself rejects the malformed event.
      'openai.stream→middleware': partialFail('openai:SyntaxError'),
    },
  },
  {
    id: 'error-in-200-body',
    fault: 'status 200 whose body is only {"error": …} (502)',
    scenario: 'error-in-200-body; code=502',
    model: MODEL_IDS.gpt4oMini,
    cells: {
      'core.send': fail('ProviderError', 1, { status: 502 }),
      'core.stream': fail('StreamError', 1, { status: 502 }),
      'ai-sdk.generateText': fail('ProviderError', 1, { status: 502 }),
      'ai-sdk.streamText': fail('StreamError', 1, { status: 502, finishReason: 'error' }),
      'langchain.invoke': fail('ProviderError', 1, { status: 502 }),
      'langchain.stream': fail('StreamError', 1, { status: 502 }),
      'openai.create→middleware': fail('openai:InternalServerError', 1, { status: 502 }),
      'openai.stream→middleware': fail('openai:APIError', 1),
    },
  },
  {
    id: 'leading-whitespace',
    fault: 'non-streamed body preceded by whitespace keep-alives',
    scenario: 'leading-whitespace; count=3; interval_ms=20',
    model: MODEL_IDS.gpt4oMini,
    cells: everywhere(ok(1)),
  },
  {
    id: 'truncate',
    fault: 'reply ends after 3 chunks: no finish, no usage, no [DONE] (non-streamed: body cut in half)',
    scenario: 'truncate; after=3',
    model: MODEL_IDS.gpt4oMini,
    cells: {
      'core.send': fail('ResponseParseError', 1),
      'core.stream': partialFail('StreamTruncatedError'),
      'ai-sdk.generateText': fail('ResponseParseError', 1),
      'ai-sdk.streamText': interrupted,
      'langchain.invoke': fail('ResponseParseError', 1),
      'langchain.stream': partialFail('StreamTruncatedError'),
      'openai.create→middleware': fail('openai:InternalServerError', 1, { status: 502 }),
      'openai.stream→middleware': partialFail('openai:APIError'),
    },
  },
  {
    id: 'always-503',
    fault: 'model emulator/always-503 without fallbacks',
    model: MODEL_IDS.always503,
    cells: beforeFirstByte('ServiceUnavailableError', 'InternalServerError', 503, 3),
  },
  {
    id: 'always-503-with-fallback',
    fault: 'emulator/always-503 first in `models`, then a working model',
    model: MODEL_IDS.always503,
    models: [MODEL_IDS.always503, MODEL_IDS.gpt4oMini],
    cells: everywhere(ok(1, { servedModel: MODEL_IDS.gpt4oMini })),
  },
];
