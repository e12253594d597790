import type { Extra, Open } from './open';

export type WireReasoningFormat = Open<
  | 'unknown'
  | 'openai-responses-v1'
  | 'azure-openai-responses-v1'
  | 'bedrock-openai-responses-v1'
  | 'bedrock-xai-responses-v1'
  | 'xai-responses-v1'
  | 'meta-responses-v1'
  | 'anthropic-claude-v1'
  | 'google-gemini-v1'
>;

type ReasoningDetailBase = {
  id?: string | null;
  format?: WireReasoningFormat | null;
  /** Streaming: pieces with the same index are fragments of one detail. */
  index?: number;
} & Extra;

export type WireReasoningText = ReasoningDetailBase & {
  type: 'reasoning.text';
  text?: string | null;
  /** Claude: arrives on a final signature-only piece; must be sent back unchanged. */
  signature?: string | null;
};
export type WireReasoningSummary = ReasoningDetailBase & { type: 'reasoning.summary'; summary: string };
/** Opaque reasoning (OpenAI, Gemini thought signatures: `id` equals the tool call id). */
export type WireReasoningEncrypted = ReasoningDetailBase & { type: 'reasoning.encrypted'; data: string };
/** A server-side tool call made while reasoning. */
export type WireReasoningServerToolCall = ReasoningDetailBase & {
  type: 'reasoning.server_tool_call';
  tool_name: string;
  arguments: string;
  result: string;
  tool_call_id?: string | null;
};
/** Types we do not model: kept verbatim. */
export type WireReasoningUnknown = ReasoningDetailBase & { type: string };

export type WireReasoningDetail =
  | WireReasoningText
  | WireReasoningSummary
  | WireReasoningEncrypted
  | WireReasoningServerToolCall
  | WireReasoningUnknown;
