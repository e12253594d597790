import type { Extra, Open } from './open';

type ReasoningDetailBase = {
  id?: string | null;
  format?: Open<
    'unknown' | 'openai-responses-v1' | 'anthropic-claude-v1' | 'google-gemini-v1' | 'xai-responses-v1'
  > | null;
  index?: number;
} & Extra;

export type WireReasoningText = ReasoningDetailBase & {
  type: 'reasoning.text';
  text?: string | null;
  signature?: string | null;
};
export type WireReasoningSummary = ReasoningDetailBase & { type: 'reasoning.summary'; summary: string };
export type WireReasoningEncrypted = ReasoningDetailBase & { type: 'reasoning.encrypted'; data: string };
/** Types we do not model (e.g. `reasoning.server_tool_call`): kept verbatim. */
export type WireReasoningUnknown = ReasoningDetailBase & { type: string };

export type WireReasoningDetail =
  | WireReasoningText
  | WireReasoningSummary
  | WireReasoningEncrypted
  | WireReasoningUnknown;
