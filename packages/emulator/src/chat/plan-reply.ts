import type { WireAnnotation, WireChatRequest, WireReasoningDetail } from '@openrouter-adapters/core';
import type { CatalogueModel, CatalogueProvider } from '../catalogue/catalogue-types';
import { createEncryptedReasoning, signReasoningText } from '../reasoning/reasoning-signatures';
import { generateSchemaValue } from '../schema/generate-schema-value';
import { extractPromptHints } from '../schema/prompt-hints';
import type { IssuedToolCall } from '../server/emulator-state';
import { randomAlphanumeric } from '../util/ids';
import { createPng } from '../util/png';
import { createPrng } from '../util/prng';
import type { PromptAnalysis } from './analyze-prompt';
import { fitTokens, generateProse, generateReasoning, splitTokens } from './deterministic-text';
import { chooseTools, type PlannedToolCall, planToolCalls } from './plan-tool-calls';
import { type ReplyDirectives, stripDirectives } from './reply-directives';
import type { ReasoningPlan } from './resolve-reasoning';

export type FinishReason = 'stop' | 'length' | 'tool_calls' | 'content_filter';

/** Everything a reply contains, computed once and rendered as JSON or as a stream. */
export type ReplyPlan = {
  content: string;
  contentPieces: string[];
  /** Returned reasoning text (`null` when off or excluded). */
  reasoningText: string | null;
  reasoningPieces: string[];
  /** `reasoning.text` (Anthropic, Gemini) or `reasoning.summary` (OpenAI) for the streamed pieces. */
  reasoningKind: 'reasoning.text' | 'reasoning.summary';
  /** Anthropic: the signature-only piece that ends the reasoning. */
  signature: string | null;
  /** Opaque details (Gemini thought signatures, OpenAI encrypted reasoning), kept even when excluded. */
  encryptedDetails: WireReasoningDetail[];
  /** Final `reasoning_details` of a non-streamed message. */
  reasoningDetails: WireReasoningDetail[];

  toolCalls: PlannedToolCall[];
  annotations: WireAnnotation[];
  /** Generated images as `data:image/png;base64,...` URLs (`modalities: ["image"]`). */
  images: string[];
  /** Output image tokens (billed at the model's image output price; part of `completionTokens`). */
  imageTokens: number;
  finishReason: FinishReason;
  nativeFinishReason: string;
  completionTokens: number;
  reasoningTokens: number;
  webSearchRequests: number;
  /** Tool calls to remember for checks on the next turn. */
  issuedToolCalls: Array<{ id: string; info: IssuedToolCall }>;
};

export type PlanInput = {
  request: WireChatRequest;
  analysis: PromptAnalysis;
  model: CatalogueModel;
  provider: CatalogueProvider;
  reasoning: ReasoningPlan;
  directives: ReplyDirectives;
  /** Stable digest of what determines the reply (same request → same reply). */
  seed: string;
  webSearch: boolean;

  /** Legacy completions: plain text only. */
  textOnly?: boolean;
  /** The request asks for image output and the model draws. */
  image?: boolean;
};

/** Tokens one generated image counts as (Gemini's 1290 per 1024×1024 image). */
const IMAGE_TOKENS = 1290;

const NATIVE: Record<'openai' | 'anthropic' | 'google', Record<FinishReason | 'stop_sequence', string>> = {
  openai: {
    stop: 'stop',
    length: 'length',
    tool_calls: 'tool_calls',
    content_filter: 'content_filter',
    stop_sequence: 'stop',
  },
  anthropic: {
    stop: 'end_turn',
    length: 'max_tokens',
    tool_calls: 'tool_use',
    content_filter: 'refusal',
    stop_sequence: 'stop_sequence',
  },
  google: {
    stop: 'STOP',
    length: 'MAX_TOKENS',
    tool_calls: 'STOP',
    content_filter: 'SAFETY',
    stop_sequence: 'STOP',
  },
};

function topicOf(text: string): string {
  const words = stripDirectives(text).split(' ').filter(Boolean);
  const topic = words.slice(0, 8).join(' ');
  return words.length > 8 ? `${topic}…` : topic;
}

function excerpt(text: string, length: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > length ? `${flat.slice(0, length)}…` : flat;
}

function planContent(input: PlanInput, seedPrng: ReturnType<typeof createPrng>): string {
  const { request, analysis, directives } = input;

  if (directives.reply !== undefined) return directives.reply;
  if (input.image) {
    const wantsText = !Array.isArray(request.modalities) || request.modalities.includes('text');
    return wantsText
      ? `Here is the image you asked for: ${topicOf(analysis.lastUserText) || 'an abstract gradient'}.`
      : '';
  }
  const format = input.textOnly ? undefined : request.response_format;
  if (format?.type === 'json_schema' && 'json_schema' in format) {
    const schema = (format.json_schema as { schema?: unknown }).schema ?? { type: 'object' };
    const value = generateSchemaValue(schema, {
      prng: seedPrng,
      hints: extractPromptHints(analysis.lastUserText),
    });
    return JSON.stringify(value);
  }
  if (format?.type === 'json_object') {
    return JSON.stringify({
      answer: generateProse(seedPrng, 12),
      topic: topicOf(analysis.lastUserText) || 'request',
    });
  }
  if (directives.tokens !== undefined)
    return directives.tokens === 0 ? '' : generateProse(seedPrng, directives.tokens);
  if (analysis.toolResults.length > 0) {
    const findings = analysis.toolResults
      .map((result) => `${result.name} returned ${excerpt(result.content, 160)}`)
      .join('; ');
    return `Based on the tool results: ${findings}. ${generateProse(seedPrng, seedPrng.int(8, 16))}`;
  }
  const topic = topicOf(analysis.lastUserText);
  const opener = topic ? `Here is an answer about "${topic}". ` : '';
  return opener + generateProse(seedPrng, seedPrng.int(18, 40));
}

/** Plans the whole reply deterministically from the request (ids of tool calls are random, like OpenRouter's). */
export function planReply(input: PlanInput): ReplyPlan {
  const { request, analysis, directives, reasoning, model } = input;
  const prng = createPrng(input.seed, 1);
  const nativeStyle = input.provider.nativeFinishReasons ?? 'openai';
  const format = reasoning.format;

  // Tool calls.
  const chosen = input.textOnly ? [] : chooseTools(request, analysis, directives);
  const toolCalls = planToolCalls(chosen, {
    seed: input.seed,
    lastUserText: analysis.lastUserText,
    style: nativeStyle,
  });

  // Reasoning.
  let reasoningTokens = reasoning.enabled ? reasoning.tokens : 0;
  const maxTokens = request.max_completion_tokens ?? request.max_tokens ?? undefined;
  if (maxTokens !== undefined && maxTokens !== null && reasoningTokens > maxTokens)
    reasoningTokens = maxTokens;
  const fullReasoning =
    reasoningTokens > 0
      ? generateReasoning(createPrng(input.seed, 2), topicOf(analysis.lastUserText), reasoningTokens)
      : '';
  reasoningTokens = splitTokens(fullReasoning).length;
  const returnReasoning = reasoning.enabled && !reasoning.exclude && fullReasoning !== '';
  const reasoningKind = format === 'openai-responses-v1' ? 'reasoning.summary' : 'reasoning.text';
  const signature =
    returnReasoning && format === 'anthropic-claude-v1' ? signReasoningText(fullReasoning) : null;

  // Content.
  let content: string;
  if (toolCalls.length > 0) {
    content =
      nativeStyle === 'anthropic'
        ? `I'll use the ${toolCalls.map((call) => call.name).join(' and ')} tool${toolCalls.length > 1 ? 's' : ''}.`
        : '';
  } else {
    content = planContent(input, prng);
  }
  let finishReason: FinishReason = toolCalls.length > 0 ? 'tool_calls' : 'stop';
  let stopSequence = false;
  const stops = typeof request.stop === 'string' ? [request.stop] : (request.stop ?? []);
  for (const stop of stops) {
    const at = stop === '' ? -1 : content.indexOf(stop);
    if (at !== -1) {
      content = content.slice(0, at);
      stopSequence = true;
    }
  }
  if (maxTokens !== undefined && maxTokens !== null) {
    const budget = Math.max(0, maxTokens - reasoningTokens);
    if (splitTokens(content).length > budget) {
      content = fitTokens(content, budget);
      finishReason = 'length';
    } else if (budget === 0 && reasoningTokens > 0 && toolCalls.length === 0) {
      finishReason = 'length';
    }
  }
  if (directives.finish) finishReason = directives.finish;
  const contentPieces = splitTokens(content);

  // Opaque reasoning details.
  const encryptedDetails: WireReasoningDetail[] = [];
  const issuedToolCalls: ReplyPlan['issuedToolCalls'] = [];
  if (reasoning.enabled && format === 'google-gemini-v1' && toolCalls.length > 0) {
    const first = toolCalls[0] as PlannedToolCall;
    encryptedDetails.push({
      type: 'reasoning.encrypted',
      data: createEncryptedReasoning('gemini', first.id, input.seed.slice(0, 16)),
      id: first.id,
      format,
      index: 1,
    });
    issuedToolCalls.push({ id: first.id, info: { model: model.id, thoughtSignature: true } });
  }
  if (reasoning.enabled && format === 'openai-responses-v1' && reasoningTokens > 0) {
    const id = `rs_${randomAlphanumeric(32)}`;
    encryptedDetails.push({
      type: 'reasoning.encrypted',
      data: createEncryptedReasoning('openai', id, input.seed.slice(0, 16)),
      id,
      format,
      index: 1,
    });
  }
  if (reasoning.enabled && format === 'anthropic-claude-v1') {
    for (const call of toolCalls)
      issuedToolCalls.push({ id: call.id, info: { model: model.id, withReasoning: true } });
  }

  const reasoningDetails: WireReasoningDetail[] = [];
  if (returnReasoning && format) {
    if (reasoningKind === 'reasoning.summary') {
      reasoningDetails.push({ type: 'reasoning.summary', summary: fullReasoning, format, index: 0 });
    } else {
      reasoningDetails.push({
        type: 'reasoning.text',
        text: fullReasoning,
        ...(signature ? { signature } : {}),
        format,
        index: 0,
      });
    }
  }
  reasoningDetails.push(...encryptedDetails);

  // Citations.
  const annotations: WireAnnotation[] = [];
  const webSearchRequests = input.webSearch ? 1 : 0;
  if ((input.webSearch || directives.citations) && !input.textOnly) {
    const slug =
      (topicOf(analysis.lastUserText) || 'topic')
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '-')
        .replace(/^-|-$/g, '')
        .slice(0, 40) || 'topic';
    for (let index = 1; index <= 2; index++) {
      annotations.push({
        type: 'url_citation',
        url_citation: {
          url: `https://example.com/${slug}/source-${index}`,
          title: `Source ${index}: ${topicOf(analysis.lastUserText) || 'search result'}`,
          content: `Simulated search result ${index} for the emulator.`,
          start_index: 0,
          end_index: content.length,
        },
      });
    }
  }

  const images: string[] = [];
  if (input.image && !input.textOnly) {
    const colour = (offset: number): [number, number, number] => [
      Number.parseInt(input.seed.slice(offset, offset + 2), 16),
      Number.parseInt(input.seed.slice(offset + 2, offset + 4), 16),
      Number.parseInt(input.seed.slice(offset + 4, offset + 6), 16),
    ];
    images.push(`data:image/png;base64,${createPng(16, colour(0), colour(6)).toString('base64')}`);
  }
  const imageTokens = images.length * IMAGE_TOKENS;
  const toolTokens = toolCalls.reduce((sum, call) => sum + call.tokens, 0);
  const native = NATIVE[nativeStyle];
  return {
    content,
    contentPieces,
    reasoningText: returnReasoning ? fullReasoning : null,
    reasoningPieces: returnReasoning ? splitTokens(fullReasoning) : [],
    reasoningKind,
    signature,
    encryptedDetails,
    reasoningDetails,

    toolCalls,
    annotations,
    images,
    imageTokens,
    finishReason,
    nativeFinishReason: stopSequence && finishReason === 'stop' ? native.stop_sequence : native[finishReason],

    completionTokens: contentPieces.length + reasoningTokens + toolTokens + imageTokens,
    reasoningTokens,
    webSearchRequests,
    issuedToolCalls,
  };
}
