import type {
  LanguageModelV4Citation,
  LanguageModelV4Content,
  LanguageModelV4GenerateResult,
  LanguageModelV4Reasoning,
  LanguageModelV4Text,
  LanguageModelV4ToolCall,
  SharedV4ProviderMetadata,
} from '@ai-sdk/provider';
import type { ChatResultWithRaw, WireReasoningDetail } from '@openrouter-adapters/core';
import type { ChatRequest } from './build-chat-request';
import { buildProviderMetadata } from './build-provider-metadata';
import { mapFinishReason } from './map-finish-reason';
import { citationOfAnnotation, fileOfImage, sourceOfAnnotation } from './map-response-parts';
import { mapUsage } from './map-usage';
import { reasoningDetailText } from './reasoning-detail-text';

/**
 * A non-streamed chat result as V4 content: reasoning, text (with citations), tool calls,
 * generated images and sources, in that order. Like the stream, the merged `reasoning_details`
 * ride on one part (first tool call, else text, else reasoning) so they go back exactly once.
 */
export function mapChatResult(
  result: ChatResultWithRaw<unknown>,
  request: ChatRequest,
  url: string,
): LanguageModelV4GenerateResult {
  const details = result.reasoningDetails;
  const carrier: SharedV4ProviderMetadata | undefined =
    details.length > 0
      ? { openrouter: { reasoningDetails: details as unknown as SharedV4ProviderMetadata[string][string] } }
      : undefined;
  const content: LanguageModelV4Content[] = [];
  const reasoningText = result.reasoning.length > 0 ? result.reasoning : textOfDetails(details);
  const text = result.text.length > 0 ? result.text : (result.refusal ?? '');
  const reasoning: LanguageModelV4Reasoning | undefined =
    reasoningText.length > 0 || (carrier !== undefined && text.length === 0 && result.toolCalls.length === 0)
      ? { type: 'reasoning', text: reasoningText }
      : undefined;
  if (reasoning !== undefined) content.push(reasoning);

  const citations: LanguageModelV4Citation[] = [];
  const sources: LanguageModelV4Content[] = [];
  const sourceUrls = new Set<string>();
  for (const annotation of result.annotations) {
    const source = sourceOfAnnotation(annotation);
    if (source === undefined) continue;
    citations.push(citationOfAnnotation(annotation, source));
    if (source.sourceType === 'url' && !sourceUrls.has(source.url)) {
      sourceUrls.add(source.url);
      sources.push(source);
    }
  }
  let textPart: LanguageModelV4Text | undefined;
  if (text.length > 0) {
    textPart = { type: 'text', text };
    if (citations.length > 0) textPart.citations = citations;
    content.push(textPart);
  }
  let firstToolCall: LanguageModelV4ToolCall | undefined;
  for (const toolCall of result.toolCalls) {
    const part: LanguageModelV4ToolCall = {
      type: 'tool-call',
      toolCallId: toolCall.id,
      toolName: toolCall.name,
      input: toolCall.arguments.trim().length === 0 ? '{}' : toolCall.arguments,
    };
    firstToolCall ??= part;
    content.push(part);
  }
  if (carrier !== undefined) {
    const target = firstToolCall ?? textPart ?? reasoning;
    if (target !== undefined) target.providerMetadata = carrier;
  }
  for (const image of result.images) {
    const file = fileOfImage(image);
    if (file !== undefined) content.push(file);
  }
  content.push(...sources);

  return {
    content,
    finishReason: mapFinishReason(result.finishReason, result.toolCalls.length > 0),
    usage: mapUsage(result.usage),
    providerMetadata: buildProviderMetadata(
      result,
      result.error?.message === undefined
        ? undefined
        : { message: result.error.message, code: result.error.code },
    ),
    request: { url, body: request.body },
    response: {
      id: result.generationId,
      modelId: result.model,
      timestamp: result.created === undefined ? undefined : new Date(result.created * 1000),
      headers: result.response?.headers,
      body: result.raw,
    },
    warnings: request.warnings,
  };
}

function textOfDetails(details: readonly WireReasoningDetail[]): string {
  let text = '';
  for (const detail of details) text += reasoningDetailText(detail);
  return text;
}
