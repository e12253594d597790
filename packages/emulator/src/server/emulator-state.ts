import { maskKey } from '../http/redact-headers';
import { BoundedMap } from './bounded-map';
import type { EmulatorApiKey } from './emulator-types';

/** A key (or the anonymous caller) and what it spent. */
export type Account = {
  /** The key, or `''` for requests without one. */
  key: string;
  label: string;
  limit: number | null;
  usage: number;
  /** Known key (configured or PKCE-issued); unknown keys are only accepted without `requireAuth`. */
  known: boolean;
  management: boolean;
};

export type ProviderResponseRecord = {
  id: string;
  endpoint_id: string;
  model_permaslug: string;
  provider_name: string;
  status: number;
  latency: number;
  is_byok: boolean;
};

/** What `GET /generation?id=` returns (OpenRouter's shape, snake_case). */
export type GenerationRecord = Record<string, unknown> & { id: string };

/** A finished generation; the record is built on first read (most are never read). */
export type StoredGeneration = { visibleAt: number; build: () => GenerationRecord; data?: GenerationRecord };

export type PkceGrant = {
  challenge: string | null;
  method: 'S256' | 'plain';
  callbackUrl: string;
  expiresAt: number;
};

/** Tool calls the emulator issued, so it can check what comes back on the next turn. */
export type IssuedToolCall = {
  model: string;
  /** Gemini: the thought signature detail that must come back with this call. */
  thoughtSignature?: boolean;
  /** Claude: issued while reasoning was on (the turn must come back with its signed reasoning). */
  withReasoning?: boolean;
};

type FreeTierCounter = { minuteStart: number; minuteCount: number; day: number; dayCount: number };

/** Mutable state of one emulator: spend, limits, generations, caches, PKCE grants. */
export class EmulatorState {
  readonly accounts: Map<string, Account> = new Map();
  readonly generations: BoundedMap<string, StoredGeneration> = new BoundedMap(50_000);
  readonly promptCache: BoundedMap<string, number> = new BoundedMap(20_000);
  readonly scenarioCounters: Map<string, number> = new Map();
  readonly pkceGrants: BoundedMap<string, PkceGrant> = new BoundedMap(10_000);
  readonly issuedToolCalls: BoundedMap<string, IssuedToolCall> = new BoundedMap(100_000);
  private readonly freeTier = new Map<string, FreeTierCounter>();
  private readonly configuredKeys: EmulatorApiKey[];
  private readonly managementKeys: Set<string>;
  private readonly issuedKeys = new Set<string>();

  constructor(apiKeys: EmulatorApiKey[], managementKeys: string[]) {
    this.configuredKeys = apiKeys;
    this.managementKeys = new Set(managementKeys);
    this.loadAccounts();
  }

  /** The account for a key (`undefined` key = anonymous). Unknown keys get an unlimited account. */
  account(key: string | undefined): Account {
    const id = key ?? '';
    let account = this.accounts.get(id);
    if (!account) {
      account = {
        key: id,
        label: id ? maskKey(id) : 'anonymous',
        limit: null,
        usage: 0,
        known: false,
        management: this.managementKeys.has(id),
      };
      if (account.management) account.known = true;
      this.accounts.set(id, account);
    }
    return account;
  }

  isKnownKey(key: string): boolean {
    return this.accounts.get(key)?.known === true || this.issuedKeys.has(key) || this.managementKeys.has(key);
  }

  isManagementKey(key: string | undefined): boolean {
    return key !== undefined && this.managementKeys.has(key);
  }

  /** Registers a key issued by `POST /auth/keys`. */
  issueKey(key: string): void {
    this.issuedKeys.add(key);
    this.accounts.set(key, issuedAccount(key));
  }

  totalUsage(): number {
    let total = 0;
    for (const account of this.accounts.values()) total += account.usage;
    return total;
  }

  /**
   * Counts one free-model request; returns the exceeded limit (per minute or per day) or undefined.
   * Windows: a fixed minute from the first request, and the UTC day.
   */
  countFreeRequest(
    accountKey: string,
    perMinute: number,
    perDay: number,
    now: number,
  ): { kind: 'minute' | 'day'; limit: number; resetAt: number } | undefined {
    const day = Math.floor(now / 86_400_000);
    let counter = this.freeTier.get(accountKey);
    if (!counter) {
      counter = { minuteStart: now, minuteCount: 0, day, dayCount: 0 };
      this.freeTier.set(accountKey, counter);
    }
    if (now - counter.minuteStart >= 60_000) {
      counter.minuteStart = now;
      counter.minuteCount = 0;
    }
    if (counter.day !== day) {
      counter.day = day;
      counter.dayCount = 0;
    }
    if (counter.dayCount >= perDay) return { kind: 'day', limit: perDay, resetAt: (day + 1) * 86_400_000 };
    if (counter.minuteCount >= perMinute) {
      return { kind: 'minute', limit: perMinute, resetAt: counter.minuteStart + 60_000 };
    }
    counter.minuteCount += 1;
    counter.dayCount += 1;
    return undefined;
  }

  /** Counts a use of a scenario with `times=N`; true while it still applies. */
  consumeScenario(key: string, times: number): boolean {
    const used = this.scenarioCounters.get(key) ?? 0;
    if (used >= times) return false;
    this.scenarioCounters.set(key, used + 1);
    return true;
  }

  reset(): void {
    this.accounts.clear();
    this.generations.clear();
    this.promptCache.clear();
    this.scenarioCounters.clear();
    this.freeTier.clear();
    this.issuedToolCalls.clear();
    this.loadAccounts();
    for (const key of this.issuedKeys) this.accounts.set(key, issuedAccount(key));
  }

  private loadAccounts(): void {
    for (const apiKey of this.configuredKeys) {
      this.accounts.set(apiKey.key, {
        key: apiKey.key,
        label: apiKey.label ?? maskKey(apiKey.key),
        limit: apiKey.limit ?? null,
        usage: 0,
        known: true,
        management: this.managementKeys.has(apiKey.key),
      });
    }
  }
}

/** A key issued by the PKCE exchange: known, no limit, nothing used yet. */
function issuedAccount(key: string): Account {
  return { key, label: maskKey(key), limit: null, usage: 0, known: true, management: false };
}
