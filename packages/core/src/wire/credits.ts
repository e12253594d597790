import type { Extra } from './open';

// GET /credits: the account's purchased credits and total spend (USD).

export type WireCredits = {
  total_credits: number;
  total_usage: number;
} & Extra;

export type WireCreditsResponse = { data: WireCredits } & Extra;
