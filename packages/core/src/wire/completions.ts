import type { WireChoiceError, WireFinishReason, WireLogprobs, WireStreamError } from './chat';
import type { WireRoutingParams, WireSamplingParams } from './chat-request';
import type { Extra, Open } from './open';
import type { WireReasoningDetail } from './reasoning-details';
import type { WireUsage } from './usage';

// Legacy text completions (POST /completions). The spec does not describe this endpoint; the
// shapes follow OpenRouter's documentation and OpenAI's legacy API, with OpenRouter's extensions.

/** POST /completions body: a raw `prompt` instead of `messages`. */
export type WireCompletionRequest = WireSamplingParams &
  WireRoutingParams & {
    /** Text, several texts, or token ids. */
    prompt: string | string[] | number[] | number[][];
    suffix?: string | null;
    echo?: boolean | null;
  } & Extra;

export type WireCompletionChoice = {
  index: number;
  text: string;
  finish_reason: WireFinishReason | null;
  native_finish_reason?: string | null;
  logprobs?: WireLogprobs | null;
  reasoning?: string | null;
  reasoning_details?: WireReasoningDetail[];
  error?: WireChoiceError;
} & Extra;

/** Non-streaming legacy completion (`object: "text_completion"`). */
export type WireCompletionResponse = {
  id: string;
  object?: Open<'text_completion'>;
  created: number;
  model: string;
  provider?: string;
  system_fingerprint?: string | null;
  choices: WireCompletionChoice[];
  usage?: WireUsage;
} & Extra;

/** One `data:` payload of a legacy completion stream: `choices[].text` carries the next fragment. */
export type WireCompletionChunk = {
  id?: string;
  object?: Open<'text_completion'>;
  created?: number;
  model?: string;
  provider?: string;
  system_fingerprint?: string | null;
  choices?: WireCompletionChoice[];
  usage?: WireUsage | null;
  error?: WireStreamError;
} & Extra;
