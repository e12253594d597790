import type { Extra } from './open';

// GET /key: the calling API key's limits and usage (USD).

export type WireKey = {
  label: string;
  /** Spending limit in USD, `null` for none. */
  limit: number | null;
  limit_remaining: number | null;
  /** When the limit resets (e.g. `daily`, `weekly`, `monthly`), `null` for never. */
  limit_reset: string | null;
  include_byok_in_limit: boolean;
  usage: number;
  usage_daily: number;
  usage_weekly: number;
  usage_monthly: number;
  byok_usage: number;
  byok_usage_daily: number;
  byok_usage_weekly: number;
  byok_usage_monthly: number;
  /** True until credits were ever purchased (free-model limits are lower). */
  is_free_tier: boolean;
  is_management_key: boolean;
  /** @deprecated Use `is_management_key`. */
  is_provisioning_key: boolean;
  creator_user_id: string | null;
  /** ISO 8601, `null` when the key does not expire. */
  expires_at?: string | null;
  /** @deprecated Kept by the API for older clients. */
  rate_limit: { requests: number; interval: string; note: string } & Extra;
} & Extra;

export type WireKeyResponse = { data: WireKey } & Extra;
