import type { WireChatRequest, WireUsage } from '@openrouter-adapters/core';
import { badRequest } from '../http/emulator-http-error';
import { readJsonBody } from '../http/read-json-body';
import { ActiveScenarios, checkParams, parseScenarioHeader } from '../scenarios/parse-scenarios';
import { isScenarioName, SCENARIO_NAMES } from '../scenarios/scenario-catalogue';
import { throwRequestFaults } from '../scenarios/throw-request-faults';
import type { HandlerContext } from '../server/emulator-context';
import { fastHash, hashText } from '../util/hash';
import { createGenerationId } from '../util/ids';
import {
  checkAffordable,
  checkFreeTier,
  checkLimitSpent,
  freeTierError,
  nextUtcMidnight,
} from './account-checks';
import { analyzePrompt } from './analyze-prompt';
import type { PayloadBase } from './chat-payloads';
import { computeUsage } from './compute-usage';
import { buildGenerationRecord, type GenerationInput } from './generation-record';
import { planReply } from './plan-reply';
import { functionTools } from './plan-tool-calls';
import { applyPromptCache } from './prompt-cache';
import { parseReplyDirectives } from './reply-directives';
import { resolveReasoning } from './resolve-reasoning';
import { resolveCandidates, routeRequest, wantsImage } from './route-request';
import { serveReply } from './serve-reply';
import { validateChatRequest } from './validate-chat-request';
import { verifyConversation } from './verify-conversation';

function headerValue(context: HandlerContext, name: string): string | undefined {
  const value = context.request.headers[name];
  return Array.isArray(value) ? value.join(', ') : value;
}

/** Legacy `POST /completions` body → the equivalent chat request (one user message). */
function legacyToChat(body: unknown): WireChatRequest {
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw badRequest('Request body must be a JSON object');
  const { prompt, ...rest } = body as Record<string, unknown>;
  let text: string;
  if (typeof prompt === 'string') text = prompt;
  else if (Array.isArray(prompt) && prompt.every((item) => typeof item === 'string'))
    text = prompt.join('\n');
  else throw badRequest('Input required: specify "prompt" or "messages"');
  if (text === '') throw badRequest('Input required: specify "prompt" or "messages" (`prompt` is empty)');
  return validateChatRequest({ ...rest, messages: [{ role: 'user', content: text }] });
}

/** The scenarios of this request: from `X-Emulator-Scenario`, with `times=N` counted. */
function headerScenarios(context: HandlerContext): {
  active: ActiveScenarios;
  loose: Record<string, string>;
} {
  const parsed = parseScenarioHeader(headerValue(context, 'x-emulator-scenario'));
  const active = new ActiveScenarios();
  for (const scenario of parsed.scenarios) {
    const times = scenario.parameters.times;
    if (times !== undefined) {
      const count = Number(times);
      if (!Number.isInteger(count) || count < 0)
        throw badRequest(`X-Emulator-Scenario: \`times\` must be a non-negative integer, got "${times}"`);
      if (!context.emulator.state.consumeScenario(scenario.raw, count)) continue;
    }
    active.set(scenario.name, scenario.parameters);
  }
  return { active, loose: parsed.looseParameters };
}

function seedOf(request: WireChatRequest, modelId: string): string {
  return fastHash(
    JSON.stringify([
      modelId,
      request.messages,
      request.tools ?? null,
      request.tool_choice ?? null,
      request.response_format ?? null,
      request.temperature ?? null,
      request.top_p ?? null,
      request.seed ?? null,
      request.stop ?? null,
    ]),
  );
}

/**
 * `POST /chat/completions` and legacy `POST /completions`: validate, route (fallbacks, provider
 * preferences, free-tier limits, outages), verify the returned conversation, plan a deterministic
 * reply, then serve it (JSON or SSE) with the requested faults; bill the key and record the generation.
 */
export async function handleGenerationRequest(context: HandlerContext, mode: 'chat' | 'text'): Promise<void> {
  const { emulator } = context;
  const { state, options } = emulator;
  const body = readJsonBody(context);
  const request = mode === 'chat' ? validateChatRequest(body) : legacyToChat(body);
  const { active: scenarios, loose } = headerScenarios(context);
  const candidates = resolveCandidates(emulator.models, request.model ?? undefined, request.models, 'chat');
  for (const candidate of candidates) {
    if (candidate.scenario && !isScenarioName(candidate.scenario)) {
      throw badRequest(
        `${candidate.requestedId} is not a valid model ID (unknown emulator scenario; known: ${SCENARIO_NAMES.join(', ')})`,
      );
    }
  }
  if (Object.keys(loose).length > 0 && !candidates.some((candidate) => candidate.scenario)) {
    throw badRequest(
      'X-Emulator-Scenario: parameters without a scenario name only apply to an `emulator/<scenario>` model; name the scenario, e.g. `mid-stream-error; after=3`',
    );
  }
  const analysis = analyzePrompt(request);
  const directives = parseReplyDirectives(analysis.lastUserText);
  const now = Date.now();
  checkLimitSpent(context.account);

  const route = routeRequest(emulator.models, request, candidates, {
    preferences: request.provider,
    needsTools: mode === 'chat' && functionTools(request).length > 0 && request.tool_choice !== 'none',
    scenarios,
    beforeModel: (model) => checkFreeTier(state, context.account, model, now),
  });
  const { model, provider, resolved } = route;
  if (resolved.scenario && resolved.scenario !== 'always-503' && isScenarioName(resolved.scenario)) {
    const name = resolved.scenario;
    if (!scenarios.has(name)) {
      checkParams(name, loose);
      const times = loose.times;
      if (
        times === undefined ||
        state.consumeScenario(`emulator/${name};${JSON.stringify(loose)}`, Number(times))
      ) {
        scenarios.set(name, loose);
      }
    }
  }
  checkAffordable(context.account, provider, request.max_completion_tokens ?? request.max_tokens);
  context.record.scenarios = scenarios.names;
  context.record.model = model.id;
  context.record.provider = provider.name;

  // Faults answered before the first byte.
  if (scenarios.has('free-tier-daily-limit'))
    throw freeTierError('day', model.freeTier?.requestsPerDay ?? 50, nextUtcMidnight(now));
  throwRequestFaults(scenarios, { model: model.id, provider: provider.name });

  // The provider checks what the conversation sends back.
  const reasoning = resolveReasoning(request, model, {
    ...(resolved.forceReasoning ? { forceReasoning: true } : {}),
    ...(directives.reasoningTokens !== undefined ? { directiveTokens: directives.reasoningTokens } : {}),
  });
  const rejected = verifyConversation(request, {
    format: model.reasoning?.format ?? null,
    reasoningEnabled: reasoning.enabled,
    provider,
    issuedToolCalls: state.issuedToolCalls,
  });
  if (rejected) throw rejected;
  const maxTokens = request.max_completion_tokens ?? request.max_tokens ?? 0;
  if (analysis.promptTokens + maxTokens > provider.contextLength) {
    throw badRequest(
      `This endpoint's maximum context length is ${provider.contextLength} tokens. However, you requested about ${analysis.promptTokens + maxTokens} tokens (${analysis.promptTokens} of text input, ${maxTokens} in the output). Please reduce the length of either one, or use the "middle-out" transform to compress your prompt automatically.`,
      { error_type: 'context_length_exceeded', provider_name: provider.name },
    );
  }

  const seed = seedOf(request, model.id);
  const webSearch =
    resolved.webSearch === true ||
    (request.plugins ?? []).some((plugin) => plugin.id === 'web') ||
    (request.tools ?? []).some((tool) => tool.type === 'openrouter:web_search' || tool.type === 'web_search');
  const plan = planReply({
    request,
    analysis,
    model,
    provider,
    reasoning,
    directives,
    seed,

    webSearch,
    textOnly: mode === 'text',
    image: wantsImage(request) && model.outputModalities.includes('image'),
  });
  const cache =
    scenarios.has('cache') || analysis.hasCacheControl
      ? applyPromptCache(state.promptCache, request, analysis.prefixTokens, model, provider)
      : { cachedTokens: 0, cacheWriteTokens: 0 };
  const free = model.freeTier !== undefined;
  const byok = scenarios.has('byok');
  let lastUsage: { tokens: number; usage: WireUsage } | undefined;
  const usageFor = (completionTokens: number): WireUsage => {
    if (lastUsage?.tokens === completionTokens) return lastUsage.usage;
    const usage = computeUsage({
      promptTokens: analysis.promptTokens,
      cachedTokens: cache.cachedTokens,
      cacheWriteTokens: cache.cacheWriteTokens,
      completionTokens,

      reasoningTokens: Math.min(plan.reasoningTokens, completionTokens),
      imageTokens: completionTokens >= plan.completionTokens ? plan.imageTokens : 0,
      pricing: provider.pricing,
      free,
      byok,
      webSearchRequests: completionTokens > 0 ? plan.webSearchRequests : 0,
    });
    lastUsage = { tokens: completionTokens, usage };
    return usage;
  };

  const timing =
    options.timing.mode === 'fixed'
      ? { firstTokenMs: options.timing.firstTokenMs, tokenIntervalMs: options.timing.tokenIntervalMs }
      : {
          firstTokenMs: Math.min(3000, Math.round(provider.latency.p50 * 1000)),
          tokenIntervalMs:
            provider.throughput.p50 > 0 ? Math.max(1, Math.round(1000 / provider.throughput.p50)) : 0,
        };
  if (scenarios.has('slow-first-token'))
    timing.firstTokenMs = scenarios.number('slow-first-token', 'delay_ms', 3000);
  if (scenarios.has('slow-tokens'))
    timing.tokenIntervalMs = scenarios.number('slow-tokens', 'interval_ms', 200);

  const generationId = createGenerationId(now);
  context.record.generationId = generationId;
  const base: PayloadBase = {
    id: generationId,
    created: Math.floor(now / 1000),
    model: model.id,
    provider: provider.name,
    systemFingerprint:
      provider.slug === 'openai' || provider.slug === 'azure' ? `fp_${hashText(model.id, 10)}` : null,
    textCompletion: mode === 'text',
  };
  const metadataHeader =
    headerValue(context, 'x-openrouter-metadata') ??
    headerValue(context, 'x-openrouter-experimental-metadata');
  const metadata =
    metadataHeader?.toLowerCase() === 'enabled'
      ? {
          requested: candidates[0]?.requestedId ?? model.id,
          strategy: route.strategy,
          region: 'iad',
          summary: `available=${route.eligible.length}`,
          attempt: route.attempts.length,
          is_byok: byok,
          endpoints: {
            total: route.eligible.length,
            available: route.eligible.map((endpoint) => ({
              provider: endpoint.name,
              model: model.id,
              selected: endpoint === provider,
            })),
          },
          attempts: route.attempts.map((attempt) => ({
            provider: attempt.provider.name,
            model: attempt.model.id,
            status: attempt.status,
          })),
        }
      : undefined;
  for (const issued of plan.issuedToolCalls) state.issuedToolCalls.set(issued.id, issued.info);

  const outcome = await serveReply({
    context,
    base,
    plan,
    stream: request.stream === true,
    scenarios,
    timing,
    usageFor,
    logprobs: request.logprobs === true && provider.supportedParameters.includes('logprobs'),
    ...(metadata ? { metadata } : {}),
    ...(request.debug?.echo_upstream_body && request.stream === true
      ? { debugEcho: { model: model.id.split('/')[1], messages: request.messages, stream: true } }
      : {}),
  });

  const usage = usageFor(outcome.completionTokens);
  context.account.usage += typeof usage.cost === 'number' ? usage.cost : 0;
  const endedAt = Date.now();
  // Captured eagerly (plain values only, never the request or socket); the record is built on read.
  const generation: GenerationInput = {
    id: generationId,
    model,
    provider,
    attempts: route.attempts,
    usage,
    streamed: outcome.streamed,
    cancelled: outcome.cancelled,
    finishReason: outcome.finishReason,
    nativeFinishReason: outcome.nativeFinishReason,
    startedAt: context.record.startedAt,
    endedAt,
    firstTokenMs: timing.firstTokenMs,
    apiType: 'completions',
    referer: headerValue(context, 'http-referer'),
    userAgent: headerValue(context, 'user-agent'),
    externalUser: request.user,
    sessionId: request.session_id ?? headerValue(context, 'x-session-id'),
    router: candidates[0]?.model.kind === 'router' ? candidates[0].model.id : null,
  };
  state.generations.set(generationId, {
    visibleAt: endedAt + options.generationDelayMs,
    build: () => buildGenerationRecord(generation),
  });
}
