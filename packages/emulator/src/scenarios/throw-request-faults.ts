import { badRequest } from '../http/emulator-http-error';
import { httpErrorForStatus } from '../wording/error-wording';
import type { ActiveScenarios } from './parse-scenarios';

/**
 * The `rate-limit` and `http-error` scenarios, answered before any work (chat, completions and
 * embeddings alike): a 429 with the requested `retry_after`, or the requested 4xx/5xx in
 * OpenRouter's wording. An `http-error` code outside 400–599 is the caller's mistake: a 400 that
 * says so.
 */
export function throwRequestFaults(
  scenarios: ActiveScenarios,
  route: { model: string; provider: string },
): void {
  if (scenarios.has('rate-limit')) {
    throw httpErrorForStatus(429, {
      ...route,
      retryAfter: scenarios.number('rate-limit', 'retry_after', undefined),
    });
  }
  if (scenarios.has('http-error')) {
    const code = Math.floor(scenarios.number('http-error', 'code', 500));
    if (!(code >= 400 && code <= 599))
      throw badRequest(`X-Emulator-Scenario: http-error \`code\` must be a 4xx or 5xx status, got ${code}`);
    const message = scenarios.string('http-error', 'message');
    throw httpErrorForStatus(code, {
      ...route,
      retryAfter: scenarios.number('http-error', 'retry_after', undefined),
      ...(message ? { message } : {}),
    });
  }
}
