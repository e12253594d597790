import type { Extra, Open } from './open';

/** Why routing failed (not in the spec): on 404/503 bodies, under `error.availability`. */
export type WireAvailability = {
  code: Open<
    | 'model_not_found'
    | 'no_endpoints'
    | 'capacity_exhausted'
    | 'temporarily_unavailable'
    | 'privacy_restricted'
    | 'constraint_filtered'
  >;
  retryable?: boolean;
  retry_after?: number | null;
  requested_models?: string[];
  excluded_by?: unknown;
  fallback_models?: string[];
  constraint?: unknown;
  docs_url?: string;
} & Extra;

/** OpenRouter's error envelope: `{ error: { code, message, metadata } }` (some bodies omit `code`). */
export type WireErrorBody = {
  error: {
    code?: number | string | null;
    message?: string;
    metadata?:
      | ({
          error_type?: string;
          provider_code?: string | number;
          provider_name?: string;
          raw?: unknown;
          headers?: Record<string, string>;
          retry_after_seconds?: number;
          limit_source?: string;
          reasons?: string[];
          flagged_input?: string;
        } & Extra)
      | null;
    availability?: WireAvailability;
    error_type?: string;
    http_status?: number;
  } & Extra;
  user_id?: string | null;
  openrouter_metadata?: Extra | null;
} & Extra;
