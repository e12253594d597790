import type { Extra } from './open';

/** Token counts and cost of one request, sent exactly once (last JSON chunk when streaming). */
export type WireUsage = {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
  /** USD (credits) charged by OpenRouter. */
  cost?: number | null;
  is_byok?: boolean;
  prompt_tokens_details?:
    | ({
        cached_tokens?: number | null;
        cache_write_tokens?: number | null;
        audio_tokens?: number | null;
        video_tokens?: number | null;
      } & Extra)
    | null;
  completion_tokens_details?:
    | ({
        reasoning_tokens?: number | null;
        /** Sent by the API for image output; not in the spec. */
        image_tokens?: number | null;
        audio_tokens?: number | null;
        accepted_prediction_tokens?: number | null;
        rejected_prediction_tokens?: number | null;
      } & Extra)
    | null;
  cost_details?:
    | ({
        /** What the upstream provider charged (BYOK). */
        upstream_inference_cost?: number | null;
        upstream_inference_prompt_cost?: number | null;
        upstream_inference_completions_cost?: number | null;
      } & Extra)
    | null;
  server_tool_use_details?:
    | ({
        tool_calls_executed?: number | null;
        tool_calls_requested?: number | null;
        web_search_requests?: number | null;
      } & Extra)
    | null;
} & Extra;
