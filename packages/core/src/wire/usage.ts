import type { Extra } from './open';

export type WireUsage = {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
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
        image_tokens?: number | null;
        audio_tokens?: number | null;
      } & Extra)
    | null;
  cost_details?:
    | ({
        upstream_inference_cost?: number | null;
        upstream_inference_prompt_cost?: number | null;
        upstream_inference_completions_cost?: number | null;
      } & Extra)
    | null;
  server_tool_use_details?: Extra | null;
} & Extra;
