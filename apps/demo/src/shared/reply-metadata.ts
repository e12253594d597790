import type { UIMessage } from 'ai';
import type { ChatPath } from './chat-path';

/**
 * What the page shows under each reply. Sent by every path as AI SDK message metadata and
 * accumulated over the reply's steps (a tool call and the answer after it are two requests).
 */
export type ReplyMetadata = {
  path: ChatPath;
  requestedModel: string;
  /** The model that served the last step (fallbacks, routers and aliases change it). */
  model?: string;
  provider?: string;
  inputTokens: number;
  outputTokens: number;
  reasoningTokens: number;
  cachedTokens: number;
  /** USD; `undefined` until a step reported its cost. */
  costUsd?: number;
  generationIds: string[];
  /** Completed model requests (steps) behind this reply. */
  steps: number;
};

/** One model request's share of a reply. */
export type ReplyStep = {
  model?: string | undefined;
  provider?: string | undefined;
  generationId?: string | undefined;
  usage?:
    | {
        inputTokens: number;
        outputTokens: number;
        reasoningTokens: number;
        cachedTokens: number;
        costUsd?: number | undefined;
      }
    | undefined;
};

/** The page's chat message type: AI SDK UI messages with reply metadata. */
export type DemoMessage = UIMessage<ReplyMetadata>;

export function startReply(path: ChatPath, requestedModel: string): ReplyMetadata {
  return {
    path,
    requestedModel,
    inputTokens: 0,
    outputTokens: 0,
    reasoningTokens: 0,
    cachedTokens: 0,
    generationIds: [],
    steps: 0,
  };
}

/** Adds one step to the reply's totals (returns a new object). */
export function addReplyStep(reply: ReplyMetadata, step: ReplyStep): ReplyMetadata {
  const next: ReplyMetadata = { ...reply, generationIds: [...reply.generationIds], steps: reply.steps + 1 };
  if (step.model !== undefined) next.model = step.model;
  if (step.provider !== undefined) next.provider = step.provider;
  if (step.generationId !== undefined && !next.generationIds.includes(step.generationId)) {
    next.generationIds.push(step.generationId);
  }
  const usage = step.usage;
  if (usage !== undefined) {
    next.inputTokens += usage.inputTokens;
    next.outputTokens += usage.outputTokens;
    next.reasoningTokens += usage.reasoningTokens;
    next.cachedTokens += usage.cachedTokens;
    if (usage.costUsd !== undefined) next.costUsd = (next.costUsd ?? 0) + usage.costUsd;
  }
  return next;
}

export function isReplyMetadata(value: unknown): value is ReplyMetadata {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as ReplyMetadata).path === 'string' &&
    typeof (value as ReplyMetadata).steps === 'number'
  );
}
