import type { WireChatRequest } from '@openrouter-adapters/core';
import type { CatalogueModel, ReasoningFormat } from '../catalogue/catalogue-types';

export type ReasoningPlan = {
  enabled: boolean;
  /** Reasoning happens (and is billed) but is not returned. */
  exclude: boolean;
  effort: string | null;
  /** Reasoning tokens the reply will use. */
  tokens: number;
  format: ReasoningFormat | null;
};

const TOKENS_BY_EFFORT: Record<string, number> = {
  minimal: 12,
  low: 24,
  medium: 48,
  high: 96,
  xhigh: 144,
  max: 192,
};

const DISABLED: ReasoningPlan = { enabled: false, exclude: false, effort: null, tokens: 0, format: null };

/** How the request's `reasoning` / `reasoning_effort` / `include_reasoning` apply to the model that serves. */
export function resolveReasoning(
  request: WireChatRequest,
  model: CatalogueModel,
  options: { forceReasoning?: boolean; directiveTokens?: number },
): ReasoningPlan {
  const capability = model.reasoning;
  if (!capability) return DISABLED;
  const reasoning = request.reasoning ?? undefined;
  const topLevel = request.reasoning_effort ?? undefined;
  const explicitOff =
    reasoning?.enabled === false ||
    reasoning?.effort === 'none' ||
    topLevel === 'none' ||
    (reasoning?.max_tokens === 0 && reasoning.effort === undefined);
  const explicitOn =
    options.forceReasoning === true ||
    (reasoning !== undefined && !explicitOff) ||
    (typeof topLevel === 'string' && topLevel !== 'none') ||
    request.include_reasoning === true;
  const enabled = capability.mandatory || (!explicitOff && (explicitOn || capability.defaultEnabled));
  if (!enabled) return DISABLED;
  const requestedEffort = reasoning?.effort ?? topLevel ?? null;
  const effort =
    requestedEffort && requestedEffort !== 'none'
      ? requestedEffort
      : reasoning?.max_tokens
        ? null
        : capability.defaultEffort;
  let tokens: number;
  if (options.directiveTokens !== undefined) tokens = options.directiveTokens;
  else if (typeof reasoning?.max_tokens === 'number' && reasoning.max_tokens > 0)
    tokens = Math.min(reasoning.max_tokens, 128);
  else tokens = TOKENS_BY_EFFORT[effort ?? 'medium'] ?? 48;
  return {
    enabled: true,
    exclude: reasoning?.exclude === true || request.include_reasoning === false,
    effort,
    tokens,
    format: capability.format,
  };
}
