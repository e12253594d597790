import type { OpenRouterError } from '@openrouter-adapters/core';
import type { CounterCharge, CounterState, Store } from '../store/store';
import { windowSeconds } from '../store/window-seconds';
import {
  fromUnits,
  limitRejection,
  streamsRejection,
  type TurnCause,
  turnRejection,
} from './limit-rejections';
import { type LimitRule, microDollarsPerUsd, type NormalizedLimits } from './limit-rules';
import type { RequestBounds } from './request-bounds';
import { type Turn, UserTurns } from './user-turns';

/** A request let through. Call `settle` exactly once when it is over (also when nothing was spent). */
export type Admission = {
  /** Frees the concurrent-stream slot (idempotent; a no-op without one). */
  releaseSlot(): Promise<void>;
  /**
   * Replaces the request's token and USD reservations with what it actually used, then lets the
   * user's next request without an upper bound run (idempotent).
   */
  settle(usage: { tokens: number; usd: number }): Promise<void>;
};

export type AdmissionResult =
  | { ok: true; admission: Admission }
  | { ok: false; rejection: OpenRouterError }
  /** The client left while the request waited for its turn: send nothing. */
  | { ok: false; clientGone: true };

export type AdmissionRequest = {
  stream: boolean;
  /** The request's upper bounds; needed when the limits hold a token or USD budget. */
  bounds: RequestBounds | undefined;
  /** Longest wait for the user's turn (requests that could overspend a budget run one at a time). */
  maxWaitMs: number;
  /** Stops waiting for the turn (the client left). */
  signal?: AbortSignal;
};

/** One limit's state for `GET /usage` (wire names, snake_case like OpenRouter's JSON). */
export type LimitReport = {
  metric: LimitRule['metric'];
  window_ms: number;
  limit: number;
  used: number;
  remaining: number;
  reset_at_ms: number | null;
};

type Planned = { charge: CounterCharge; kind: 'requests' | 'budget' | 'slot'; rule: LimitRule | undefined };

type CounterRefusal = {
  kind: 'spent' | 'requests' | 'too-large';
  rule: LimitRule;
  state: CounterState;
  amount: number;
};

type Refusal = CounterRefusal | { kind: 'streams' };

const free: Admission = { releaseSlot: async () => {}, settle: async () => {} };

/** Keys carry the user id as a Redis Cluster hash tag, so one `consume` touches one slot. */
function counterKey(rule: LimitRule, userId: string): string {
  return `${rule.metric}:${windowSeconds(rule.windowMs)}s:{${userId}}`;
}

function slotKey(userId: string): string {
  return `streams:{${userId}}`;
}

function microDollars(usd: number): number {
  return Math.ceil(usd * microDollarsPerUsd);
}

/** Which charge refused a `consume`, by priority: a spent budget, requests, streams, then a reservation too large. */
function refusalOf(planned: readonly Planned[], states: readonly CounterState[]): Refusal {
  const refusals: Refusal[] = [];
  planned.forEach(({ charge, kind, rule }, index) => {
    const state = states[index]!;
    if (state.value + charge.amount <= charge.limit) return;
    if (kind === 'slot' || rule === undefined) refusals.push({ kind: 'streams' });
    else if (kind === 'requests') refusals.push({ kind: 'requests', rule, state, amount: charge.amount });
    else
      refusals.push({
        kind: state.value >= rule.limit ? 'spent' : 'too-large',
        rule,
        state,
        amount: charge.amount,
      });
  });
  const requests = refusals
    .filter((refusal): refusal is CounterRefusal => refusal.kind === 'requests')
    .sort((a, b) => b.state.resetAtMs - a.state.resetAtMs);
  return (
    refusals.find((refusal) => refusal.kind === 'spent') ??
    requests[0] ??
    refusals.find((refusal) => refusal.kind === 'streams') ??
    refusals[0]!
  );
}

/**
 * Enforces per-user limits on a `Store`, with one atomic `consume` per admission: request counts,
 * the stream slot and, for token and USD budgets, a reservation of the request's upper bound
 * (prompt estimate + `max_tokens`, priced at the most expensive candidate model) are checked and
 * taken together, or not at all. After the request, `settle` swaps the reservation for the actual
 * usage. So concurrent requests cannot overspend a budget: each one's maximum is held while it runs.
 *
 * A request without an upper bound (no `max_tokens`, unknown price, web search) or whose bound
 * exceeds what is left waits for the user's turn on this instance, then runs if anything is left,
 * reserving its prompt. At most one such request per user runs on each instance, so a budget is
 * overspent by at most one request per instance. Stream slots are counters with a time-to-live,
 * so slots held by a crashed instance free themselves; its reservations lapse with their window.
 */
export class Limiter {
  private readonly store: Store;
  private readonly slotTtlMs: number;
  private readonly maxWaiting: number;
  private readonly turns: UserTurns;

  constructor(store: Store, options: { slotTtlMs: number; maxWaiting: number }) {
    this.store = store;
    this.slotTtlMs = options.slotTtlMs;
    this.maxWaiting = options.maxWaiting;
    this.turns = new UserTurns(options.maxWaiting);
  }

  /** Requests of `userId` waiting for their turn on this instance. */
  waiting(userId: string): number {
    return this.turns.waiting(userId);
  }

  async admit(userId: string, limits: NormalizedLimits, request: AdmissionRequest): Promise<AdmissionResult> {
    const slot = request.stream && limits.concurrentStreams !== undefined;
    if (limits.rules.length === 0 && !slot) return { ok: true, admission: free };
    const { bounds } = request;
    const boundOf = (rule: LimitRule): number | undefined =>
      rule.metric === 'tokens'
        ? bounds?.tokens
        : bounds?.usd === undefined
          ? undefined
          : microDollars(bounds.usd);
    const budgets = limits.rules.filter((rule) => rule.metric !== 'requests');
    const unbounded = budgets.find((rule) => boundOf(rule) === undefined);

    // Bounded: reserve the whole bound, or nothing.
    const reserveBounds = async (): Promise<{ result: AdmissionResult } | { tooLarge: CounterRefusal }> => {
      const planned = this.plan(userId, limits, slot, (rule) => {
        const amount = Math.max(1, boundOf(rule)!);
        return { amount, limit: rule.limit };
      });
      const consumed = await this.store.consume(planned.map((entry) => entry.charge));
      if (consumed.admitted)
        return { result: { ok: true, admission: this.admission(planned, consumed.states) } };
      const refusal = refusalOf(planned, consumed.states);
      if (refusal.kind === 'too-large') return { tooLarge: refusal };
      return { result: { ok: false, rejection: this.rejection(refusal, limits) } };
    };

    let cause: TurnCause;
    let causeRule: LimitRule;
    if (unbounded === undefined) {
      const reserved = await reserveBounds();
      if ('result' in reserved) return reserved.result;
      const refusal = reserved.tooLarge;
      causeRule = refusal.rule;
      cause = {
        kind: 'too-large',
        bound: refusal.amount,
        promptTokens: bounds?.promptTokens ?? 0,
        maxOutputTokens: bounds?.maxOutputTokens,
      };
    } else {
      causeRule = unbounded;
      const reason = unbounded.metric === 'tokens' ? bounds?.unbounded.tokens : bounds?.unbounded.usd;
      cause = { kind: 'unbounded', reason: reason ?? 'has no upper bound' };
    }

    const waited = await this.turns.acquire(userId, request.maxWaitMs, request.signal);
    if (!waited.ok) {
      if (waited.reason === 'aborted') return { ok: false, clientGone: true };
      const state = await this.store.get(counterKey(causeRule, userId)).then(
        (found) => found ?? { value: 0, resetAtMs: Number.NaN },
        () => undefined,
      );
      return {
        ok: false,
        rejection: turnRejection({
          rule: causeRule,
          state,
          cause,
          reason: waited.reason,
          waitedMs: waited.waitedMs,
          maxWaiting: this.maxWaiting,
          now: Date.now(),
        }),
      };
    }
    try {
      if (cause.kind === 'too-large' && waited.queued) {
        // Requests settled meanwhile: the bound may fit now, and then the turn is not needed.
        const reserved = await reserveBounds();
        if ('result' in reserved) {
          waited.turn.release();
          return reserved.result;
        }
      }
      // Anything left is enough (the counter is below the limit); the prompt is reserved.
      const planned = this.plan(userId, limits, slot, (rule) => {
        const prompt = rule.metric === 'tokens' ? bounds?.promptTokens : microDollars(bounds?.promptUsd ?? 0);
        const amount = Math.max(1, prompt ?? 1);
        return { amount, limit: rule.limit - 1 + amount };
      });
      const result = await this.store.consume(planned.map((entry) => entry.charge));
      if (!result.admitted) {
        waited.turn.release();
        return { ok: false, rejection: this.rejection(refusalOf(planned, result.states), limits) };
      }
      return { ok: true, admission: this.admission(planned, result.states, waited.turn) };
    } catch (error) {
      waited.turn.release();
      throw error;
    }
  }

  /** The user's counters for `GET /usage` (token and USD counters include running requests' reservations). */
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

  private plan(
    userId: string,
    limits: NormalizedLimits,
    slot: boolean,
    budget: (rule: LimitRule) => { amount: number; limit: number },
  ): Planned[] {
    const planned: Planned[] = limits.rules.map((rule) => {
      const key = counterKey(rule, userId);
      if (rule.metric === 'requests') {
        return {
          kind: 'requests',
          rule,
          charge: { key, amount: 1, limit: rule.limit, windowMs: rule.windowMs },
        };
      }
      return { kind: 'budget', rule, charge: { key, windowMs: rule.windowMs, ...budget(rule) } };
    });
    if (slot) {
      planned.push({
        kind: 'slot',
        rule: undefined,
        charge: {
          key: slotKey(userId),
          amount: 1,
          limit: limits.concurrentStreams ?? 0,
          windowMs: this.slotTtlMs,
        },
      });
    }
    return planned;
  }

  private rejection(refusal: Refusal, limits: NormalizedLimits): OpenRouterError {
    if (refusal.kind === 'streams') return streamsRejection(limits.concurrentStreams ?? 0);
    return limitRejection(refusal.rule, refusal.state, Date.now());
  }

  private admission(planned: readonly Planned[], states: readonly CounterState[], turn?: Turn): Admission {
    let slotReleased = false;
    let settled = false;
    return {
      releaseSlot: async () => {
        const index = planned.findIndex((entry) => entry.kind === 'slot');
        if (index < 0 || slotReleased) return;
        slotReleased = true;
        await this.undo(planned[index]!.charge.key, 1, this.slotTtlMs, states[index]!);
      },
      settle: async (usage) => {
        if (settled) return;
        settled = true;
        try {
          const tokens = Math.max(0, Math.ceil(usage.tokens));
          const usd = Math.max(0, microDollars(usage.usd));
          const now = Date.now();
          await Promise.all(
            planned.map(({ kind, rule, charge }, index) => {
              if (kind !== 'budget' || rule === undefined) return undefined;
              const actual = rule.metric === 'tokens' ? tokens : usd;
              // A reservation whose window ended went with it: charge the usage to the new window.
              const reserved = now < states[index]!.resetAtMs - 5 ? charge.amount : 0;
              const delta = actual - reserved;
              return delta === 0 ? undefined : this.store.increment(charge.key, delta, rule.windowMs);
            }),
          );
        } finally {
          turn?.release();
        }
      },
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
