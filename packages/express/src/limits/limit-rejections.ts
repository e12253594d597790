import type { OpenRouterError } from '@openrouter-adapters/core';
import { gatewayRejection } from '../http/gateway-rejection';
import type { CounterState } from '../store/store';
import { describeDuration, describeWindow, type LimitRule, microDollarsPerUsd } from './limit-rules';

/** A rule's counter units as the user configured them (USD for `usd`). */
export function fromUnits(rule: LimitRule, value: number): number {
  return rule.metric === 'usd' ? value / microDollarsPerUsd : value;
}

/** "1,200 tokens" or "$0.25" (small amounts with six decimals). */
export function formatAmount(rule: LimitRule, units: number): string {
  if (rule.metric !== 'usd') return `${units} ${rule.metric}`;
  const usd = units / microDollarsPerUsd;
  return `$${usd < 0.01 && usd > 0 ? usd.toFixed(6) : usd.toFixed(2)}`;
}

/** "460 tokens per minute", "$1.00 per day". */
export function describeBudget(rule: LimitRule): string {
  return `${formatAmount(rule, rule.limit)} per ${describeWindow(rule.windowMs)}`;
}

function resetHeaders(rule: LimitRule, state: CounterState | undefined, remaining: number | undefined) {
  const resetAtMs =
    state !== undefined && Number.isFinite(state.resetAtMs) ? Math.ceil(state.resetAtMs) : undefined;
  return {
    resetAtMs,
    headers: {
      'x-ratelimit-limit': String(rule.configured),
      ...(remaining === undefined ? {} : { 'x-ratelimit-remaining': String(fromUnits(rule, remaining)) }),
      ...(resetAtMs === undefined ? {} : { 'x-ratelimit-reset': String(resetAtMs) }),
    },
  };
}

/**
 * A request, token or USD limit is reached: 429 saying which limit, how much is used and left,
 * and when it resets (`Retry-After`, `X-RateLimit-*`). Token and USD counters include what
 * requests still running have reserved.
 */
export function limitRejection(rule: LimitRule, state: CounterState, now: number): OpenRouterError {
  const retryAfterMs = Math.max(0, state.resetAtMs - now);
  const window = describeWindow(rule.windowMs);
  const wait = describeDuration(retryAfterMs);
  const used = Math.max(state.value, rule.limit);
  const running = `requests still running count with what they may ${rule.metric === 'usd' ? 'spend' : 'use'}`;
  const [errorType, message] =
    rule.metric === 'requests'
      ? [
          'rate_limit_exceeded',
          `Rate limit reached: ${rule.limit} requests per ${window} for this user. Try again in ${wait}.`,
        ]
      : rule.metric === 'tokens'
        ? [
            'token_limit_exceeded',
            `Token limit reached: ${used} of ${rule.limit} tokens per ${window} used. It resets in ${wait}. Nothing is left (${running}).`,
          ]
        : [
            'budget_exceeded',
            `Budget spent: ${formatAmount(rule, used)} of ${formatAmount(rule, rule.limit)} per ${window}. It resets in ${wait}. Nothing is left (${running}).`,
          ];
  const { resetAtMs, headers } = resetHeaders(rule, state, 0);
  return gatewayRejection(429, errorType, message, {
    retryAfterMs,
    metadata: {
      metric: rule.metric,
      limit: rule.configured,
      used: fromUnits(rule, used),
      remaining: 0,
      window_ms: rule.windowMs,
      ...(resetAtMs === undefined ? {} : { reset_at_ms: resetAtMs }),
    },
    headers: { 'retry-after': String(Math.max(1, Math.ceil(retryAfterMs / 1000))), ...headers },
  });
}

/** The user's concurrent streams are all in use. */
export function streamsRejection(limit: number): OpenRouterError {
  return gatewayRejection(
    429,
    'too_many_streams',
    `Too many streams at once: ${limit} allowed per user. Wait for one to finish (or cancel it) and retry.`,
    {
      retryAfterMs: 1000,
      metadata: { metric: 'concurrent_streams', limit },
      headers: { 'retry-after': '1', 'x-ratelimit-limit': String(limit), 'x-ratelimit-remaining': '0' },
    },
  );
}

/** Why a request had to wait for the user's turn, for the rejection when the wait fails. */
export type TurnCause =
  /** No upper bound: the reason (e.g. "sets no `max_tokens`"). */
  | { kind: 'unbounded'; reason: string }
  /** A bound that does not fit in what is left. */
  | { kind: 'too-large'; bound: number; promptTokens: number; maxOutputTokens: number | undefined };

/**
 * The request waited for this user's turn (requests that could overspend a token or USD budget
 * run one at a time per user and instance) longer than allowed, or too many already wait.
 */
export function turnRejection(input: {
  rule: LimitRule;
  /** The rule's counter when known (for "how much is left" and the reset time). */
  state: CounterState | undefined;
  cause: TurnCause;
  reason: 'timeout' | 'full';
  waitedMs: number;
  maxWaiting: number;
  now: number;
}): OpenRouterError {
  const { rule, state, cause } = input;
  const left = state === undefined ? undefined : Math.max(0, rule.limit - state.value);
  const resetsIn =
    state !== undefined && Number.isFinite(state.resetAtMs)
      ? `, resets in ${describeDuration(state.resetAtMs - input.now)}`
      : '';
  const budget = `the ${describeBudget(rule)} budget${left === undefined ? '' : ` (${formatAmount(rule, left)} left${resetsIn})`}`;
  const busy =
    input.reason === 'full'
      ? `${input.maxWaiting} requests of this user already wait for their turn`
      : `another one of this user is still running after ${input.waitedMs < 1000 ? `${input.waitedMs} ms` : describeDuration(input.waitedMs)}`;
  let message: string;
  if (cause.kind === 'unbounded') {
    const advice = cause.reason.includes('max_tokens')
      ? 'Set `max_tokens` so requests run side by side, or retry shortly.'
      : 'Retry shortly.';
    message = `This request ${cause.reason}, so it could overspend ${budget}: such requests run one at a time per user, and ${busy}. ${advice}`;
  } else {
    const bound = formatAmount(rule, cause.bound);
    const lower =
      rule.metric === 'tokens' && left !== undefined && cause.maxOutputTokens !== undefined
        ? ` (to ${Math.max(1, left - cause.promptTokens)} or less)`
        : '';
    message = `This request may use up to ${bound}, more than is left of ${budget}, so it runs only when no other such request of this user is running, and ${busy}. Lower \`max_tokens\`${lower} to run it now, or retry shortly.`;
  }
  const { resetAtMs, headers } = resetHeaders(rule, state, left);
  return gatewayRejection(
    429,
    input.reason === 'full' ? 'budget_queue_full' : 'budget_queue_timeout',
    message,
    {
      retryAfterMs: 1000,
      metadata: {
        metric: rule.metric,
        limit: rule.configured,
        window_ms: rule.windowMs,
        ...(left === undefined ? {} : { remaining: fromUnits(rule, left) }),
        ...(resetAtMs === undefined ? {} : { reset_at_ms: resetAtMs }),
        waited_ms: input.waitedMs,
      },
      headers: { 'retry-after': '1', ...headers },
    },
  );
}
