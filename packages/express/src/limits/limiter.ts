import type { OpenRouterError } from '@openrouter-adapters/core';
import { gatewayRejection } from '../http/gateway-rejection';
import { windowSeconds } from '../store/rate-limiter-store';
import type { CounterState, Store } from '../store/store';
import {
  describeDuration,
  describeWindow,
  type LimitRule,
  microDollarsPerUsd,
  type NormalizedLimits,
} from './limit-rules';

/** A request let through: holds its concurrent-stream slot until `release()`. */
export type Admission = {
  /** Frees the stream slot (idempotent; a no-op without one). */
  release(): Promise<void>;
};

export type AdmissionResult = { ok: true; admission: Admission } | { ok: false; rejection: OpenRouterError };

/** One limit's state for `GET /usage` (wire names, snake_case like OpenRouter's JSON). */
export type LimitReport = {
  metric: LimitRule['metric'];
  window_ms: number;
  limit: number;
  used: number;
  remaining: number;
  reset_at_ms: number | null;
};

const noSlot: Admission = { release: async () => {} };

function counterKey(rule: LimitRule, userId: string): string {
  return `${rule.metric}:${windowSeconds(rule.windowMs)}s:${userId}`;
}

function slotKey(userId: string): string {
  return `streams:${userId}`;
}

function fromUnits(rule: LimitRule, value: number): number {
  return rule.metric === 'usd' ? value / microDollarsPerUsd : value;
}

function formatAmount(rule: LimitRule, units: number): string {
  if (rule.metric !== 'usd') return `${units} ${rule.metric}`;
  const usd = units / microDollarsPerUsd;
  return `$${usd < 0.01 && usd > 0 ? usd.toFixed(6) : usd.toFixed(2)}`;
}

function limitRejection(rule: LimitRule, state: CounterState, now: number): OpenRouterError {
  const retryAfterMs = Math.max(0, state.resetAtMs - now);
  const window = describeWindow(rule.windowMs);
  const wait = describeDuration(retryAfterMs);
  const used = Math.max(state.value, rule.limit);
  const [errorType, message] =
    rule.metric === 'requests'
      ? [
          'rate_limit_exceeded',
          `Rate limit reached: ${rule.limit} requests per ${window} for this user. Try again in ${wait}.`,
        ]
      : rule.metric === 'tokens'
        ? [
            'token_limit_exceeded',
            `Token limit reached: ${used} of ${rule.limit} tokens per ${window} used. It resets in ${wait}.`,
          ]
        : [
            'budget_exceeded',
            `Budget spent: ${formatAmount(rule, used)} of ${formatAmount(rule, rule.limit)} per ${window}. It resets in ${wait}.`,
          ];
  const resetAtMs = Number.isFinite(state.resetAtMs) ? Math.ceil(state.resetAtMs) : undefined;
  return gatewayRejection(429, errorType, message, {
    retryAfterMs,
    metadata: {
      metric: rule.metric,
      limit: rule.configured,
      used: fromUnits(rule, used),
      window_ms: rule.windowMs,
      ...(resetAtMs === undefined ? {} : { reset_at_ms: resetAtMs }),
    },
    headers: {
      'retry-after': String(Math.max(1, Math.ceil(retryAfterMs / 1000))),
      'x-ratelimit-limit': String(rule.configured),
      'x-ratelimit-remaining': '0',
      ...(resetAtMs === undefined ? {} : { 'x-ratelimit-reset': String(resetAtMs) }),
    },
  });
}

/**
 * Enforces per-user limits on a `Store`. Requests are admitted atomically (increment, then compare;
 * over the limit → undo and reject). Token and USD budgets are checked before a request and
 * charged with the actual usage after it, so a budget can be exceeded by the requests already
 * in flight when it runs out (bound that with `concurrentStreams`). Stream slots are counters with
 * a time-to-live, so slots held by a crashed instance free themselves.
 */
export class Limiter {
  private readonly store: Store;
  private readonly slotTtlMs: number;

  constructor(store: Store, slotTtlMs: number) {
    this.store = store;
    this.slotTtlMs = slotTtlMs;
  }

  async admit(userId: string, limits: NormalizedLimits, stream: boolean): Promise<AdmissionResult> {
    const now = Date.now();
    const budgets = limits.rules.filter((rule) => rule.metric !== 'requests');
    const states = await Promise.all(budgets.map((rule) => this.store.get(counterKey(rule, userId))));
    for (let index = 0; index < budgets.length; index++) {
      const rule = budgets[index]!;
      const state = states[index];
      if (state !== undefined && state.value >= rule.limit)
        return { ok: false, rejection: limitRejection(rule, state, now) };
      if (rule.limit === 0)
        return {
          ok: false,
          rejection: limitRejection(rule, { value: 0, resetAtMs: now + rule.windowMs }, now),
        };
    }

    const counted = limits.rules.filter((rule) => rule.metric === 'requests');
    const counts = await Promise.all(
      counted.map((rule) => this.store.increment(counterKey(rule, userId), 1, rule.windowMs)),
    );
    const undoCounts = (): Promise<unknown> =>
      Promise.all(
        counted.map((rule, index) => this.undo(counterKey(rule, userId), 1, rule.windowMs, counts[index]!)),
      );
    let blocking: { rule: LimitRule; state: CounterState } | undefined;
    counts.forEach((state, index) => {
      const rule = counted[index]!;
      if (
        state.value > rule.limit &&
        (blocking === undefined || state.resetAtMs > blocking.state.resetAtMs)
      ) {
        blocking = { rule, state };
      }
    });
    if (blocking) {
      await undoCounts();
      return { ok: false, rejection: limitRejection(blocking.rule, blocking.state, now) };
    }

    if (!stream || limits.concurrentStreams === undefined) return { ok: true, admission: noSlot };
    const key = slotKey(userId);
    const slot = await this.store.increment(key, 1, this.slotTtlMs);
    if (slot.value > limits.concurrentStreams) {
      await Promise.all([this.undo(key, 1, this.slotTtlMs, slot), undoCounts()]);
      const limit = limits.concurrentStreams;
      return {
        ok: false,
        rejection: gatewayRejection(
          429,
          'too_many_streams',
          `Too many streams at once: ${limit} allowed per user. Wait for one to finish (or cancel it) and retry.`,
          {
            retryAfterMs: 1000,
            metadata: { metric: 'concurrent_streams', limit },
            headers: { 'retry-after': '1', 'x-ratelimit-limit': String(limit), 'x-ratelimit-remaining': '0' },
          },
        ),
      };
    }
    let released = false;
    return {
      ok: true,
      admission: {
        release: async () => {
          if (released) return;
          released = true;
          await this.undo(key, 1, this.slotTtlMs, slot);
        },
      },
    };
  }

  /** Adds actual usage to the user's token and USD counters. */
  async charge(
    userId: string,
    limits: NormalizedLimits,
    usage: { tokens: number; usd: number },
  ): Promise<void> {
    const microUsd = Math.ceil(usage.usd * microDollarsPerUsd);
    await Promise.all(
      limits.rules.map((rule) => {
        const amount =
          rule.metric === 'tokens' ? Math.ceil(usage.tokens) : rule.metric === 'usd' ? microUsd : 0;
        return amount > 0 ? this.store.increment(counterKey(rule, userId), amount, rule.windowMs) : undefined;
      }),
    );
  }

  /** The user's counters for `GET /usage`. */
  async report(
    userId: string,
    limits: NormalizedLimits,
  ): Promise<{ limits: LimitReport[]; concurrentStreams: { limit: number; active: number } | null }> {
    const [states, slot] = await Promise.all([
      Promise.all(limits.rules.map((rule) => this.store.get(counterKey(rule, userId)))),
      limits.concurrentStreams === undefined ? undefined : this.store.get(slotKey(userId)),
    ]);
    return {
      limits: limits.rules.map((rule, index) => {
        const state = states[index];
        const used = Math.max(0, state?.value ?? 0);
        return {
          metric: rule.metric,
          window_ms: rule.windowMs,
          limit: rule.configured,
          used: fromUnits(rule, used),
          remaining: fromUnits(rule, Math.max(0, rule.limit - used)),
          reset_at_ms: state && Number.isFinite(state.resetAtMs) ? Math.ceil(state.resetAtMs) : null,
        };
      }),
      concurrentStreams:
        limits.concurrentStreams === undefined
          ? null
          : { limit: limits.concurrentStreams, active: Math.max(0, slot?.value ?? 0) },
    };
  }

  /**
   * Takes back an increment, unless its window already ended: then the counter was reset (or
   * belongs to a newer window) and subtracting would hand out extra capacity.
   */
  private async undo(key: string, amount: number, windowMs: number, state: CounterState): Promise<void> {
    if (Date.now() < state.resetAtMs - 5) await this.store.increment(key, -amount, windowMs);
  }
}
