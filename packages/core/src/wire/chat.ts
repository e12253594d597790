import type { WireAnnotation } from './annotations';
import type { WireAudioOutput } from './chat-request';
import type { Extra, Open } from './open';
import type { WireReasoningDetail } from './reasoning-details';
import type { WireUsage } from './usage';

// Chat completions: the response (non-streaming) and the stream chunk. Response types are
// tolerant (they describe what may arrive): every enum is open and unknown keys are allowed.
// The request side lives in chat-request.ts and plugins.ts and is re-exported from here.

export type * from './chat-request';
export type * from './plugins';

export type WireToolCall = {
  id: string;
  type: 'function';
  function: { name: string; arguments: string };
} & Extra;

export type WireFinishReason = Open<'stop' | 'length' | 'tool_calls' | 'content_filter' | 'error'>;

/** Choice-level error (finish_reason "error"): not in the spec, sent by the API. */
export type WireChoiceError = {
  code?: number | string;
  message?: string;
  metadata?: Record<string, unknown>;
} & Extra;

/** In-band error of a stream after the first token (also the `{error}`-only chunk shape). */
export type WireStreamError = {
  /** Normally an integer (HTTP-like status); once documented as a string. */
  code?: number | string;
  message?: string;
  metadata?: { error_type?: string; provider_code?: string | number } & Extra;
} & Extra;

export type WireGeneratedImage = { type?: Open<'image_url'>; image_url: { url: string } } & Extra;

export type WireTopLogprob = { token: string; logprob: number; bytes?: number[] | null } & Extra;
export type WireTokenLogprob = WireTopLogprob & { top_logprobs?: WireTopLogprob[] };
export type WireLogprobs = {
  content?: WireTokenLogprob[] | null;
  refusal?: WireTokenLogprob[] | null;
} & Extra;

/** Routing details, present when requested with `X-OpenRouter-Metadata: enabled`. */
export type WireOpenRouterMetadata = {
  requested?: string;
  strategy?: string;
  summary?: string;
  attempt?: number;
  attempts?: Array<{ model: string; provider: string; status: number } & Extra>;
  endpoints?: {
    available?: Array<{ model: string; provider: string; selected: boolean } & Extra>;
    total?: number;
  } & Extra;
  is_byok?: boolean;
  region?: string | null;
  params?: Extra;
  pipeline?: Array<{ name: string; type: string } & Extra>;
} & Extra;

export type WireResponseMessage = {
  role: Open<'assistant'>;
  /** Always a string or null in responses (array content is a request-side form). */
  content: string | null;
  refusal?: string | null;
  reasoning?: string | null;
  reasoning_details?: WireReasoningDetail[];
  tool_calls?: WireToolCall[];
  annotations?: WireAnnotation[];
  images?: WireGeneratedImage[];
  audio?: WireAudioOutput | null;
} & Extra;

export type WireChoice = {
  index: number;
  message: WireResponseMessage;
  finish_reason: WireFinishReason | null;
  /** The provider's own reason (`end_turn`, `STOP`, `SAFETY`, ...). Not in the spec. */
  native_finish_reason?: string | null;
  logprobs?: WireLogprobs | null;
  error?: WireChoiceError;
} & Extra;

/** Non-streaming chat completion (`object: "chat.completion"`). */
export type WireChatResponse = {
  id: string;
  object?: Open<'chat.completion'>;
  created: number;
  /** The model that actually served (fallbacks, aliases, dated slugs). */
  model: string;
  /** The provider that served, e.g. "OpenAI". Not in the spec. */
  provider?: string;
  system_fingerprint?: string | null;
  service_tier?: string | null;
  choices: WireChoice[];
  usage?: WireUsage;
  openrouter_metadata?: WireOpenRouterMetadata;
} & Extra;

/** A streamed tool-call fragment: `id`/`name` arrive on the first fragment of an index. */
export type WireToolCallDelta = {
  index?: number;
  id?: string | null;
  type?: Open<'function'> | null;
  function?: { name?: string | null; arguments?: string | null };
} & Extra;

export type WireChunkDelta = {
  role?: Open<'assistant'> | null;
  content?: string | null;
  refusal?: string | null;
  reasoning?: string | null;
  reasoning_details?: WireReasoningDetail[];
  tool_calls?: WireToolCallDelta[];
  annotations?: WireAnnotation[];
  images?: WireGeneratedImage[];
  audio?: WireAudioOutput | null;
} & Extra;

export type WireChunkChoice = {
  index: number;
  delta: WireChunkDelta;
  finish_reason: WireFinishReason | null;
  native_finish_reason?: string | null;
  logprobs?: WireLogprobs | null;
  error?: WireChoiceError;
} & Extra;

/** One `data:` payload of a chat stream. `choices` is empty on the usage-only final chunk. */
export type WireChatChunk = {
  id?: string;
  object?: Open<'chat.completion.chunk'>;
  created?: number;
  model?: string;
  provider?: string;
  system_fingerprint?: string | null;
  service_tier?: string | null;
  choices?: WireChunkChoice[];
  usage?: WireUsage | null;
  /** In-band error after the first token (also the `{error}`-only shape). */
  error?: WireStreamError;
  /** The `debug` echo (first chunk, `choices: []`) when `debug.echo_upstream_body` is set. */
  debug?: Extra;
  openrouter_metadata?: WireOpenRouterMetadata;
} & Extra;
