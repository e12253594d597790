import type { WireReasoningDetail } from '@openrouter-adapters/core';
import type { ProviderMetadata, UIMessage } from 'ai';

/** A finished tool call of an assistant turn, with the result the model saw. */
export type TurnToolCall = {
  id: string;
  name: string;
  input: unknown;
  output: { type: 'result'; value: unknown } | { type: 'error'; message: string };
};

export type UserTurn = { role: 'user'; text: string };

/** One model request's answer: text, its reasoning details (sent back verbatim) and tool calls. */
export type AssistantTurn = {
  role: 'assistant';
  text: string;
  reasoningDetails: WireReasoningDetail[];
  toolCalls: TurnToolCall[];
};

export type ConversationTurn = UserTurn | AssistantTurn;

type AnyPart = UIMessage['parts'][number];

/**
 * Turns the page's UI messages (whichever path produced them) into a framework-neutral
 * conversation: one assistant turn per step (a reply with a tool call is two model requests),
 * tool calls with their results, and OpenRouter's `reasoning_details` taken from
 * `providerMetadata.openrouter.reasoningDetails` (where the AI SDK provider and the other two
 * paths put them), so reasoning models get their signatures back on the next turn.
 * Unfinished tool calls (a reply stopped before the tool ran) are left out: a call without a
 * result cannot be sent back.
 */
export function toConversationTurns(messages: readonly UIMessage[]): ConversationTurn[] {
  const turns: ConversationTurn[] = [];
  for (const message of messages) {
    if (message.role === 'user') {
      const text = message.parts
        .map((part) => (part.type === 'text' ? part.text : ''))
        .join('')
        .trim();
      if (text !== '') turns.push({ role: 'user', text });
      continue;
    }
    if (message.role !== 'assistant') continue;
    let step = emptyStep();
    const flush = (): void => {
      if (step.text !== '' || step.toolCalls.length > 0) turns.push(step);
      step = emptyStep();
    };
    for (const part of message.parts) {
      if (part.type === 'step-start') {
        flush();
        continue;
      }
      collectReasoningDetails(step, part);
      if (part.type === 'text') {
        step.text += part.text;
      } else if (part.type === 'dynamic-tool' || part.type.startsWith('tool-')) {
        const call = toTurnToolCall(part);
        if (call !== undefined) step.toolCalls.push(call);
      }
    }
    flush();
  }
  return turns;
}

function emptyStep(): AssistantTurn {
  return { role: 'assistant', text: '', reasoningDetails: [], toolCalls: [] };
}

function toTurnToolCall(part: AnyPart): TurnToolCall | undefined {
  const tool = part as {
    type: string;
    toolName?: string;
    toolCallId?: string;
    state?: string;
    input?: unknown;
    output?: unknown;
    errorText?: string;
  };
  if (typeof tool.toolCallId !== 'string') return undefined;
  const name = tool.type === 'dynamic-tool' ? tool.toolName : tool.type.slice('tool-'.length);
  if (name === undefined || name === '') return undefined;
  if (tool.state === 'output-available') {
    return { id: tool.toolCallId, name, input: tool.input, output: { type: 'result', value: tool.output } };
  }
  if (tool.state === 'output-error') {
    return {
      id: tool.toolCallId,
      name,
      input: tool.input ?? {},
      output: { type: 'error', message: tool.errorText ?? 'The tool failed' },
    };
  }
  return undefined;
}

function collectReasoningDetails(step: AssistantTurn, part: AnyPart): void {
  const carriers = [
    (part as { providerMetadata?: unknown }).providerMetadata,
    (part as { callProviderMetadata?: unknown }).callProviderMetadata,
  ];
  for (const carrier of carriers) {
    const details = readReasoningDetails(carrier);
    for (const detail of details) {
      if (!step.reasoningDetails.some((known) => sameDetail(known, detail)))
        step.reasoningDetails.push(detail);
    }
  }
}

/** `{ openrouter: { reasoningDetails: [...] } }` → the details (anything else → none). */
export function readReasoningDetails(providerMetadata: unknown): WireReasoningDetail[] {
  if (typeof providerMetadata !== 'object' || providerMetadata === null) return [];
  const openrouter = (providerMetadata as { openrouter?: unknown }).openrouter;
  if (typeof openrouter !== 'object' || openrouter === null) return [];
  const details = (openrouter as { reasoningDetails?: unknown }).reasoningDetails;
  if (!Array.isArray(details)) return [];
  return details.filter(
    (detail): detail is WireReasoningDetail =>
      typeof detail === 'object' &&
      detail !== null &&
      typeof (detail as { type?: unknown }).type === 'string',
  );
}

function sameDetail(left: WireReasoningDetail, right: WireReasoningDetail): boolean {
  return JSON.stringify(left) === JSON.stringify(right);
}

/** The provider metadata that carries reasoning details on a UI part (what the AI SDK provider emits). */
export function reasoningDetailsMetadata(
  details: readonly WireReasoningDetail[],
): ProviderMetadata | undefined {
  // Reasoning details are JSON as OpenRouter sent it.
  return details.length === 0
    ? undefined
    : ({ openrouter: { reasoningDetails: [...details] } } as unknown as ProviderMetadata);
}
