import type { OpenRouterError } from '@openrouter-adapters/core';
import { gatewayRejection } from '../http/gateway-rejection';
import { mergeProviderPreferences } from './merge-provider-preferences';
import { isFreeModel, isModelAllowed, type ModelAllowlist } from './model-allowlist';

export type Endpoint = 'chat/completions' | 'completions' | 'embeddings';

/** The policy for one request, with every per-request option already resolved. */
export type RequestPolicy = {
  allowlist: ModelAllowlist | undefined;
  freeOnly: boolean;
  /** Optional parameters clients may send; `undefined` allows all (except `denyParams`). */
  allowParams: ReadonlySet<string> | undefined;
  denyParams: ReadonlySet<string>;
  maxTokens: number | undefined;
  /** Server defaults in wire form (from core's `toWireRequest`). */
  defaults: { body: Record<string, unknown>; headers: Record<string, string> } | undefined;
};

export type PolicyResult =
  | {
      ok: true;
      body: Record<string, unknown>;
      /** `model`, or the first entry of `models`. */
      requestedModel: string | undefined;
      stream: boolean;
      /** Upstream headers the defaults set (attribution, routing metadata). */
      headers: Record<string, string>;
    }
  | { ok: false; rejection: OpenRouterError };

/** Parameters every endpoint needs; `allowParams` never has to list them. */
const essentialParams: Record<Endpoint, ReadonlySet<string>> = {
  'chat/completions': new Set(['model', 'models', 'messages', 'stream', 'stream_options']),
  completions: new Set(['model', 'models', 'prompt', 'stream', 'stream_options']),
  embeddings: new Set(['model', 'models', 'input']),
};

/** `models` fallback lists longer than this are rejected (OpenRouter tries them in order). */
export const maxFallbackModels = 16;

const tokenLimitParams = ['max_tokens', 'max_completion_tokens'] as const;

function reject(
  status: 400 | 403,
  errorType: string,
  message: string,
  metadata?: Record<string, unknown>,
): { ok: false; rejection: OpenRouterError } {
  return { ok: false, rejection: gatewayRejection(status, errorType, message, { metadata }) };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function checkShape(body: Record<string, unknown>, endpoint: Endpoint): PolicyResult | undefined {
  if (endpoint === 'chat/completions' && (!Array.isArray(body.messages) || body.messages.length === 0)) {
    return reject(400, 'invalid_request', '`messages` must be a non-empty array of chat messages');
  }
  if (endpoint === 'completions' && typeof body.prompt !== 'string' && !Array.isArray(body.prompt)) {
    return reject(400, 'invalid_request', '`prompt` must be a string (or an array of strings)');
  }
  if (endpoint === 'embeddings' && body.input === undefined) {
    return reject(400, 'invalid_request', '`input` is required: a string or an array of strings');
  }
  if (body.model !== undefined && typeof body.model !== 'string') {
    return reject(400, 'invalid_request', '`model` must be a string, e.g. "openai/gpt-4o-mini"');
  }
  if (body.models !== undefined) {
    if (!Array.isArray(body.models) || !body.models.every((model) => typeof model === 'string')) {
      return reject(400, 'invalid_request', '`models` must be an array of model id strings');
    }
    if (body.models.length > maxFallbackModels) {
      return reject(
        400,
        'invalid_request',
        `\`models\` lists ${body.models.length} models; send at most ${maxFallbackModels}`,
      );
    }
  }
  if (body.stream !== undefined && typeof body.stream !== 'boolean') {
    return reject(400, 'invalid_request', '`stream` must be true or false');
  }
  for (const name of tokenLimitParams) {
    const value = body[name];
    if (value !== undefined && value !== null && !(Number.isSafeInteger(value) && (value as number) > 0)) {
      return reject(
        400,
        'invalid_request',
        `\`${name}\` must be a positive integer, got ${JSON.stringify(value)}`,
      );
    }
  }
  if (body.provider !== undefined && body.provider !== null && !isPlainObject(body.provider)) {
    return reject(400, 'invalid_request', '`provider` must be an object of routing preferences');
  }
  return undefined;
}

function checkParams(
  body: Record<string, unknown>,
  endpoint: Endpoint,
  policy: RequestPolicy,
): PolicyResult | undefined {
  const names = Object.keys(body);
  const denied = names.filter((name) => policy.denyParams.has(name));
  if (denied.length > 0) {
    return reject(
      400,
      'parameter_not_allowed',
      `This server does not accept the parameter${denied.length > 1 ? 's' : ''} ${denied.map((name) => `\`${name}\``).join(', ')}; remove ${denied.length > 1 ? 'them' : 'it'}`,
      { parameters: denied },
    );
  }
  const allowed = policy.allowParams;
  if (allowed === undefined) return undefined;
  const essential = essentialParams[endpoint];
  const unknown = names.filter((name) => !essential.has(name) && !allowed.has(name));
  if (unknown.length > 0) {
    return reject(
      400,
      'parameter_not_allowed',
      `This server does not accept the parameter${unknown.length > 1 ? 's' : ''} ${unknown.map((name) => `\`${name}\``).join(', ')}; allowed: ${[...essential, ...allowed].join(', ')}`,
      { parameters: unknown, allowed: [...essential, ...allowed] },
    );
  }
  return undefined;
}

function modelProblem(id: string, policy: RequestPolicy): string | undefined {
  if (policy.allowlist && !isModelAllowed(id, policy.allowlist)) {
    const trimmed = id.trim().toLowerCase();
    const hint =
      trimmed !== id && isModelAllowed(trimmed, policy.allowlist)
        ? ` (model ids are lower-case without spaces: did you mean "${trimmed}"?)`
        : '';
    return `\`${id}\` is not allowed on this server${hint}`;
  }
  if (policy.freeOnly && !isFreeModel(id)) {
    return `\`${id}\` is not free; this server only serves free models (ids ending in ":free")`;
  }
  return undefined;
}

function checkModels(body: Record<string, unknown>, policy: RequestPolicy): PolicyResult | undefined {
  if (policy.allowlist === undefined && !policy.freeOnly) return undefined;
  const requested = [
    ...(typeof body.model === 'string' ? [body.model] : []),
    ...((body.models as string[] | undefined) ?? []),
  ];
  if (requested.length === 0) {
    return reject(
      400,
      'model_required',
      'Name a model with `model` (this server does not use an account default model)',
    );
  }
  const problems = requested.map((id) => modelProblem(id, policy)).filter((problem) => problem !== undefined);
  if (problems.length === 0) return undefined;
  const allowedText = policy.allowlist
    ? ` Allowed: ${policy.allowlist.entries.join(', ')} (GET /models lists them).`
    : '';
  return reject(403, 'model_not_allowed', `${problems.join('; ')}.${allowedText}`, {
    models: requested.filter((id) => modelProblem(id, policy) !== undefined),
    ...(policy.allowlist ? { allowed: policy.allowlist.entries } : {}),
    ...(policy.freeOnly ? { free_only: true } : {}),
  });
}

function applyDefaults(body: Record<string, unknown>, policy: RequestPolicy): PolicyResult | undefined {
  const defaults = policy.defaults?.body;
  if (!defaults) return undefined;
  for (const [name, value] of Object.entries(defaults)) {
    if (name === 'provider' && isPlainObject(value)) {
      const client = isPlainObject(body.provider) ? body.provider : undefined;
      const merged = mergeProviderPreferences(value, client);
      if ('rejection' in merged) return { ok: false, rejection: merged.rejection };
      body.provider = merged.value;
    } else if (body[name] === undefined) {
      body[name] = value;
    }
  }
  return undefined;
}

function clampTokens(body: Record<string, unknown>, endpoint: Endpoint, maxTokens: number): void {
  if (endpoint === 'embeddings') return;
  let present = false;
  for (const name of tokenLimitParams) {
    const value = body[name];
    if (typeof value === 'number') {
      present = true;
      if (value > maxTokens) body[name] = maxTokens;
    }
  }
  if (!present) body.max_tokens = maxTokens;
  const reasoning = body.reasoning;
  if (
    isPlainObject(reasoning) &&
    typeof reasoning.max_tokens === 'number' &&
    reasoning.max_tokens > maxTokens
  ) {
    body.reasoning = { ...reasoning, max_tokens: maxTokens };
  }
}

/**
 * Applies the server's policy to a parsed body (in place; the body is the middleware's own copy):
 * shape checks, denied/allowed parameters, the model allowlist on `model` and every `models`
 * entry, free-only, server defaults (restrictive provider settings cannot be loosened) and the
 * `max_tokens` clamp. Rejections say what to change.
 */
export function applyRequestPolicy(
  body: Record<string, unknown>,
  endpoint: Endpoint,
  policy: RequestPolicy,
): PolicyResult {
  const failure =
    checkShape(body, endpoint) ??
    checkParams(body, endpoint, policy) ??
    checkModels(body, policy) ??
    applyDefaults(body, policy);
  if (failure) return failure;
  if (policy.maxTokens !== undefined) clampTokens(body, endpoint, policy.maxTokens);
  const requestedModel =
    typeof body.model === 'string'
      ? body.model
      : Array.isArray(body.models)
        ? (body.models[0] as string | undefined)
        : undefined;
  return {
    ok: true,
    body,
    requestedModel,
    stream: endpoint !== 'embeddings' && body.stream === true,
    headers: policy.defaults?.headers ?? {},
  };
}
