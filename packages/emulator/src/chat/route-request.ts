import type { WireChatRequest, WireProviderPreferences } from '@openrouter-adapters/core';
import type { CatalogueModel, CatalogueProvider } from '../catalogue/catalogue-types';
import type { ModelIndex, ResolvedModel } from '../catalogue/resolve-model';
import { badRequest, EmulatorHttpError } from '../http/emulator-http-error';
import type { ActiveScenarios } from '../scenarios/parse-scenarios';
import { providerMatches, selectEndpoints } from './select-endpoints';

export type RouteAttempt = { model: CatalogueModel; provider: CatalogueProvider; status: number };

export type RouteResult = {
  resolved: ResolvedModel;
  model: CatalogueModel;
  provider: CatalogueProvider;
  /** Every provider attempt, failed ones first, the serving one last. */
  attempts: RouteAttempt[];
  /** Endpoints of the serving model that passed the filters. */
  eligible: CatalogueProvider[];
  /** `direct`, `fallback`, `auto`, `alias` or `free` (for `openrouter_metadata`). */
  strategy: string;
};

const SAMPLING_PARAMETERS = [
  'temperature',
  'top_p',
  'top_k',
  'min_p',
  'top_a',
  'frequency_penalty',
  'presence_penalty',
  'repetition_penalty',
  'max_tokens',
  'logit_bias',
  'logprobs',
  'top_logprobs',
  'seed',
  'stop',
  'tools',
  'tool_choice',
  'parallel_tool_calls',
  'reasoning',
  'include_reasoning',
  'reasoning_effort',
  'verbosity',
  'web_search_options',
] as const;

/** Parameters present in the request (what `require_parameters: true` checks). */
export function requestedParameters(request: WireChatRequest): string[] {
  const out: string[] = [];
  const body = request as Record<string, unknown>;
  for (const key of SAMPLING_PARAMETERS) {
    if (body[key] !== undefined && body[key] !== null) out.push(key);
  }
  if (
    request.max_completion_tokens !== undefined &&
    request.max_completion_tokens !== null &&
    !out.includes('max_tokens')
  ) {
    out.push('max_tokens');
  }
  if (request.response_format && request.response_format.type !== 'text') {
    out.push('response_format');
    if (request.response_format.type === 'json_schema') out.push('structured_outputs');
  }
  return out;
}

/** Resolves `model` + `models` to the ordered candidate list; an unknown id is a 400. */
export function resolveCandidates(
  index: ModelIndex,
  model: string | undefined,
  models: string[] | undefined,
  kind: 'chat' | 'embedding',
): ResolvedModel[] {
  const ids: string[] = [];
  if (model) ids.push(model);
  for (const id of models ?? []) if (!ids.includes(id)) ids.push(id);
  return ids.map((id) => {
    const resolved = index.resolve(id);
    if (!resolved) throw badRequest(`${id} is not a valid model ID`);
    const wanted = kind === 'embedding' ? 'embedding' : resolved.model.kind === 'router' ? 'router' : 'chat';
    if (resolved.model.kind !== wanted) {
      throw badRequest(
        kind === 'embedding'
          ? `${id} is not an embedding model`
          : `${id} is an embedding model: use POST /embeddings`,
      );
    }
    return resolved;
  });
}

function globMatches(pattern: string, id: string): boolean {
  const regex = new RegExp(`^${pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`);
  return regex.test(id);
}

/** The request asks for image output (`modalities` includes "image"). */
export function wantsImage(request: WireChatRequest): boolean {
  return Array.isArray(request.modalities) && request.modalities.includes('image');
}

/** `openrouter/auto`: image output → the first candidate that draws, tools or structured output → the first candidate, reasoning → the second, else the third. */
function chooseForRouter(index: ModelIndex, router: ResolvedModel, request: WireChatRequest): ResolvedModel {
  const autoPlugin = request.plugins?.find((plugin) => plugin.id === 'auto-router') as
    | { allowed_models?: unknown }
    | undefined;
  const allowed = Array.isArray(autoPlugin?.allowed_models)
    ? (autoPlugin.allowed_models as string[])
    : undefined;
  const candidates = (router.model.routerCandidates ?? [])
    .map((id) => index.get(id))
    .filter((model): model is CatalogueModel => model !== undefined && model.kind === 'chat')
    .filter((model) => !allowed || allowed.some((pattern) => globMatches(pattern, model.id)));
  if (candidates.length === 0) {
    throw badRequest(`${router.requestedId}: no model matches the auto-router's allowed_models`);
  }
  const wantsStructure =
    (request.tools?.length ?? 0) > 0 ||
    (request.response_format !== undefined && request.response_format.type !== 'text');
  const wantsReasoning =
    request.reasoning !== undefined ||
    (request.reasoning_effort !== undefined && request.reasoning_effort !== null);

  const textOnly = candidates.filter((model) => !model.outputModalities.includes('image'));
  let choice = (textOnly[textOnly.length - 1] ?? candidates[candidates.length - 1]) as CatalogueModel;
  if (wantsImage(request))
    choice = candidates.find((model) => model.outputModalities.includes('image')) ?? choice;
  else if (wantsStructure)
    choice = candidates.find((model) => model.supportedParameters.includes('tools')) ?? choice;
  else if (wantsReasoning) choice = candidates.find((model) => model.reasoning !== undefined) ?? choice;
  return { requestedId: router.requestedId, model: choice, strategy: 'direct' };
}

function providerDown(error: {
  provider: CatalogueProvider;
  model: CatalogueModel;
  retryAfter?: number;
}): EmulatorHttpError {
  return new EmulatorHttpError(503, 'Provider returned error', {
    fallbackAllowed: true,
    metadata: {
      raw: JSON.stringify({ error: { message: 'Service Unavailable', code: 503 } }),
      provider_name: error.provider.name,
      error_type: 'provider_unavailable',
    },
  });
}

/**
 * Routes a request like OpenRouter: for each candidate model (then each `models` fallback) select the
 * endpoints, try providers in order (outages and fault scenarios fail with 503 and fall through),
 * and return the first that serves. Throws the last routing error when nothing serves.
 */
export function routeRequest(
  index: ModelIndex,
  request: WireChatRequest,
  candidates: ResolvedModel[],
  options: {
    preferences: WireProviderPreferences | null | undefined;
    needsTools: boolean;
    scenarios: ActiveScenarios;
    /** Account-level checks per model (free-tier limits); throw to skip the model. */
    beforeModel?: (model: CatalogueModel) => void;
  },
): RouteResult {
  const attempts: RouteAttempt[] = [];
  const parameters = requestedParameters(request);
  let lastError: EmulatorHttpError | undefined;
  const unavailable = options.scenarios.parameters('unavailable');
  for (const [position, candidate] of candidates.entries()) {
    const resolved =
      candidate.model.kind === 'router' ? chooseForRouter(index, candidate, request) : candidate;
    const model = resolved.model;
    const alwaysDown = resolved.scenario === 'always-503' || options.scenarios.has('always-503');

    try {
      if (wantsImage(request) && !model.outputModalities.includes('image')) {
        throw new EmulatorHttpError(
          404,
          `No endpoints found that support the requested output modalities: image (${resolved.requestedId} outputs ${model.outputModalities.join(', ')})`,
          {
            fallbackAllowed: true,
            metadata: null,
            availability: {
              code: 'constraint_filtered',
              retryable: false,
              requested_models: [resolved.requestedId],
              excluded_by: ['modalities'],
              constraint: { modalities: ['image'] },
              docs_url: 'https://openrouter.ai/docs/guides/routing/provider-selection',
            },
          },
        );
      }
      options.beforeModel?.(model);
      const selection = selectEndpoints(model, resolved.requestedId, options.preferences, {
        requestedParameters: parameters,
        needsTools: options.needsTools,
        ...(resolved.sort ? { variantSort: resolved.sort } : {}),
      });
      for (const provider of selection.providers) {
        const down =
          alwaysDown ||
          provider.available === false ||
          (unavailable !== undefined &&
            (unavailable.provider === undefined || providerMatches(provider, unavailable.provider)));
        if (down) {
          attempts.push({ model, provider, status: 503 });
          lastError =
            unavailable !== undefined && unavailable.provider === undefined
              ? allProvidersUnavailable(resolved.requestedId, options.scenarios)
              : providerDown({ provider, model });
          continue;
        }
        attempts.push({ model, provider, status: 200 });
        const strategy =
          candidate.model.kind === 'router'
            ? 'auto'
            : position > 0
              ? 'fallback'
              : attempts.length > 1
                ? 'fallback'
                : resolved.strategy;
        return { resolved, model, provider, attempts, eligible: selection.eligible, strategy };
      }
    } catch (error) {
      if (!(error instanceof EmulatorHttpError) || !error.fallbackAllowed) throw error;
      lastError = error;
    }
  }
  throw lastError ?? new EmulatorHttpError(503, 'Service temporarily unavailable', { metadata: null });
}

function allProvidersUnavailable(requestedId: string, scenarios: ActiveScenarios): EmulatorHttpError {
  const retryAfter = scenarios.number('unavailable', 'retry_after', 1);
  return new EmulatorHttpError(
    503,
    `No endpoints available for ${requestedId} right now: every provider is temporarily unavailable. Please retry shortly.`,
    {
      fallbackAllowed: true,
      headers: { 'retry-after': String(retryAfter) },
      metadata: { error_type: 'provider_unavailable' },
      availability: {
        code: 'temporarily_unavailable',
        retryable: true,
        retry_after: retryAfter,
        requested_models: [requestedId],
        docs_url: 'https://openrouter.ai/docs/guides/routing/provider-selection',
      },
    },
  );
}
