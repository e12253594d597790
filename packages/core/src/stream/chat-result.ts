import type { ResponseMeta } from '../client/response-meta';
import type { NormalizedUsage } from '../usage';
import type { WireAnnotation } from '../wire/annotations';
import type { WireChoiceError, WireFinishReason, WireGeneratedImage, WireLogprobs } from '../wire/chat';
import type { WireReasoningDetail } from '../wire/reasoning-details';

/** A tool call with reconciled id (unique within the response) and complete arguments text. */
export type ChatToolCall = {
  /** Position in the response (0-based, in order of first appearance). */
  index: number;
  id: string;
  name: string;
  /** The JSON arguments exactly as the model produced them (may be invalid JSON). */
  arguments: string;
};

/**
 * The accumulated result of a chat completion, streamed or not: the same shape either way.
 */
export type ChatResult = {
  /** The generation id (`gen-...`), equal to `X-Generation-Id`. */
  generationId: string | undefined;
  /** The model that actually served (fallbacks, aliases, dated slugs). */
  model: string | undefined;
  /** The provider that served, e.g. "OpenAI". */
  provider: string | undefined;
  created: number | undefined;
  systemFingerprint: string | undefined;
  text: string;
  refusal: string | undefined;
  /** Plain reasoning text (`delta.reasoning` / `message.reasoning`). */
  reasoning: string;
  /** Fragments merged by index; signatures and unknown types kept verbatim; send back unchanged. */
  reasoningDetails: WireReasoningDetail[];
  toolCalls: ChatToolCall[];
  annotations: WireAnnotation[];
  images: WireGeneratedImage[];
  logprobs: WireLogprobs | undefined;
  /** Sticky: a later `null` never erases it. `undefined` until a finish arrives. */
  finishReason: WireFinishReason | undefined;
  nativeFinishReason: string | undefined;
  usage: NormalizedUsage | undefined;
  /** A choice-level or top-level in-band error, as received. */
  error: WireChoiceError | undefined;
  /** Response metadata (status, headers, generation id, attempts). */
  response: ResponseMeta | undefined;
};

/** What one chunk changed, in order; adapters map these to their framework's stream parts. */
export type ChatDelta =
  | {
      type: 'metadata';
      generationId: string | undefined;
      model: string | undefined;
      provider: string | undefined;
      created: number | undefined;
    }
  | { type: 'text'; text: string }
  | { type: 'refusal'; text: string }
  | { type: 'reasoning'; text: string }
  /** A raw `reasoning_details` fragment as received (the merged list is on the result). */
  | { type: 'reasoning-detail'; detail: WireReasoningDetail }
  | { type: 'tool-call-start'; index: number; id: string; name: string }
  | { type: 'tool-call-delta'; index: number; id: string; argumentsDelta: string }
  /** Emitted for every open tool call once a finish reason (or the end) arrives. */
  | { type: 'tool-call-end'; toolCall: ChatToolCall }
  | { type: 'annotation'; annotation: WireAnnotation }
  | { type: 'image'; image: WireGeneratedImage }
  | { type: 'logprobs'; logprobs: WireLogprobs }
  | { type: 'finish'; finishReason: WireFinishReason; nativeFinishReason: string | undefined }
  | { type: 'usage'; usage: NormalizedUsage };
