import type { WireProviderPreferences } from './chat-request';
import type { Extra, Open } from './open';

// POST /embeddings.

export type WireMultimodalMedia = { data: string; format?: string };
export type WireEmbeddingContentPart =
  | { type: 'text'; text: string }
  | { type: 'image_url'; image_url: { url: string } }
  | { type: 'input_audio'; input_audio: WireMultimodalMedia }
  | { type: 'input_video'; input_video: WireMultimodalMedia }
  | { type: 'input_file'; input_file: WireMultimodalMedia };

export type WireEmbeddingInput =
  | string
  | string[]
  /** Token ids. */
  | number[]
  | number[][]
  /** Multimodal inputs: one embedding per entry. */
  | Array<{ content: WireEmbeddingContentPart[] }>;

export type WireEmbeddingRequest = {
  model: string;
  input: WireEmbeddingInput;
  /** `base64` returns each embedding as a base64 string of little-endian float32 values. */
  encoding_format?: 'float' | 'base64';
  /** Output size for models that support shortening (at least 1). */
  dimensions?: number;
  /** A model-specific hint, e.g. `search_query` or `search_document`. */
  input_type?: string;
  provider?: WireProviderPreferences;
  user?: string;
} & Extra;

export type WireEmbedding = {
  object?: Open<'embedding'>;
  /** Numbers (`encoding_format: "float"`) or a base64 string (`"base64"`). */
  embedding: number[] | string;
  index?: number;
} & Extra;

export type WireEmbeddingUsage = {
  prompt_tokens: number;
  total_tokens: number;
  cost?: number;
  is_byok?: boolean;
  prompt_tokens_details?: {
    text_tokens?: number;
    image_tokens?: number;
    audio_tokens?: number;
    video_tokens?: number;
    file_tokens?: number;
  } & Extra;
  cost_details?:
    | ({
        upstream_inference_cost?: number | null;
        upstream_inference_prompt_cost?: number;
        upstream_inference_completions_cost?: number;
      } & Extra)
    | null;
} & Extra;

export type WireEmbeddingResponse = {
  id?: string;
  object?: Open<'list'>;
  data: WireEmbedding[];
  model: string;
  provider?: string;
  usage?: WireEmbeddingUsage;
} & Extra;
