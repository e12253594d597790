import type { WireChatRequest } from '@openrouter-adapters/core';
import { checkFreeTier, checkLimitSpent } from '../chat/account-checks';
import { messageText } from '../chat/analyze-prompt';
import { roundUsd } from '../chat/compute-usage';
import { countTextTokens } from '../chat/deterministic-text';
import { resolveCandidates, routeRequest } from '../chat/route-request';
import { validateProviderPreferences } from '../chat/validate-provider-preferences';
import { badRequest } from '../http/emulator-http-error';
import { readJsonBody } from '../http/read-json-body';
import { CORS_HEADERS, sendJson } from '../http/send-json';
import { ActiveScenarios, parseScenarioHeader } from '../scenarios/parse-scenarios';
import { throwRequestFaults } from '../scenarios/throw-request-faults';
import type { HandlerContext } from '../server/emulator-context';
import { createGenerationId } from '../util/ids';
import { embedText } from './embed-text';

function inputTexts(input: unknown): { texts: string[]; tokens: number } {
  const fail = (): never => {
    throw badRequest(
      '`input` must be a non-empty string, an array of non-empty strings, an array of token ids, or multimodal inputs',
    );
  };
  if (typeof input === 'string') {
    if (input === '') fail();
    return { texts: [input], tokens: countTextTokens(input) };
  }
  if (!Array.isArray(input) || input.length === 0) return fail();
  if (input.every((item) => typeof item === 'string')) {
    if (input.some((item) => item === '')) fail();
    return {
      texts: input as string[],
      tokens: (input as string[]).reduce((sum, text) => sum + countTextTokens(text), 0),
    };
  }
  if (input.every((item) => typeof item === 'number'))
    return { texts: [input.join(' ')], tokens: input.length };
  if (
    input.every(
      (item) => Array.isArray(item) && item.length > 0 && item.every((token) => typeof token === 'number'),
    )
  ) {
    return {
      texts: (input as number[][]).map((tokens) => tokens.join(' ')),
      tokens: (input as number[][]).reduce((sum, tokens) => sum + tokens.length, 0),
    };
  }
  if (
    input.every(
      (item) =>
        typeof item === 'object' && item !== null && Array.isArray((item as { content?: unknown }).content),
    )
  ) {
    const texts = input.map(
      (item) => messageText((item as { content: unknown }).content) || JSON.stringify(item),
    );
    return { texts, tokens: texts.reduce((sum, text) => sum + countTextTokens(text), 0) };
  }
  return fail();
}

/** `POST /embeddings`: deterministic vectors (float or base64, `dimensions`), usage and cost. */
export async function handleEmbeddings(context: HandlerContext): Promise<void> {
  const { state, options } = context.emulator;
  const body = readJsonBody(context);
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw badRequest('Request body must be a JSON object');
  const request = body as Record<string, unknown>;
  if (request.stream === true) throw badRequest('Embeddings do not support streaming: remove `stream: true`');
  if (typeof request.model !== 'string' || request.model === '')
    throw badRequest('No model specified: set `model`');
  const format = request.encoding_format ?? 'float';
  if (format !== 'float' && format !== 'base64')
    throw badRequest('`encoding_format` must be "float" or "base64"');
  const { texts, tokens } = inputTexts(request.input);
  validateProviderPreferences(request.provider);
  const scenarios = new ActiveScenarios();
  for (const scenario of parseScenarioHeader(
    context.request.headers['x-emulator-scenario'] as string | undefined,
  ).scenarios) {
    const times = scenario.parameters.times;
    if (times !== undefined && !state.consumeScenario(scenario.raw, Number(times))) continue;
    scenarios.set(scenario.name, scenario.parameters);
  }
  const candidates = resolveCandidates(context.emulator.models, request.model, undefined, 'embedding');
  const model = candidates[0]?.model;
  if (!model) throw badRequest(`${request.model} is not a valid model ID`);
  const fullDimensions = model.embeddingDimensions ?? 1536;
  let dimensions = fullDimensions;
  if (request.dimensions !== undefined && request.dimensions !== null) {
    const value = request.dimensions;
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > fullDimensions) {
      throw badRequest(`\`dimensions\` must be an integer between 1 and ${fullDimensions} for ${model.id}`);
    }
    dimensions = value;
  }
  checkLimitSpent(context.account);
  const now = Date.now();
  const route = routeRequest(
    context.emulator.models,
    { messages: [], provider: request.provider } as unknown as WireChatRequest,
    candidates,
    {
      preferences: request.provider as WireChatRequest['provider'],
      needsTools: false,
      scenarios,
      beforeModel: (candidate) => checkFreeTier(state, context.account, candidate, now),
    },
  );
  const provider = route.provider;
  context.record.model = model.id;
  context.record.provider = provider.name;
  context.record.scenarios = scenarios.names;
  throwRequestFaults(scenarios, { model: model.id, provider: provider.name });
  const generationId = createGenerationId(now).replace('gen-', 'gen-emb-');
  context.record.generationId = generationId;
  if (scenarios.has('disconnect')) {
    context.serverDestroyed = true;
    context.response.socket?.destroy();
    return;
  }
  if (scenarios.has('error-in-200-body')) {
    const code = Math.floor(scenarios.number('error-in-200-body', 'code', 502));
    sendJson(context.response, 200, {
      error: {
        code,
        message: scenarios.string('error-in-200-body', 'message') ?? 'Provider returned error',
        metadata: { provider_name: provider.name },
      },
    });
    return;
  }
  const cost = model.freeTier ? 0 : roundUsd(tokens * Number(provider.pricing.prompt));
  const data = texts.map((text, index) => {
    const vector = embedText(text, fullDimensions, dimensions);
    return {
      object: 'embedding',
      embedding:
        format === 'base64'
          ? Buffer.from(vector.buffer, vector.byteOffset, vector.byteLength).toString('base64')
          : Array.from(vector),
      index,
    };
  });
  const payload = JSON.stringify({
    id: generationId,
    object: 'list',
    data,
    model: model.id,
    provider: provider.name,
    usage: { prompt_tokens: tokens, total_tokens: tokens, cost, is_byok: false },
  });
  const delay = scenarios.has('slow-first-token')
    ? scenarios.number('slow-first-token', 'delay_ms', 3000)
    : 0;
  const whitespace = scenarios.has('leading-whitespace')
    ? Math.floor(scenarios.number('leading-whitespace', 'count', 3))
    : 0;
  if (delay > 0 || whitespace > 0) {
    context.response.writeHead(200, {
      ...CORS_HEADERS,
      'content-type': 'application/json',
      'x-generation-id': generationId,
    });
    for (let index = 0; index < whitespace; index++) if (!(await context.channel.write('\n'))) return;
    let remaining = delay;
    const interval = scenarios.number('slow-first-token', 'keepalive_ms', options.keepAliveIntervalMs);
    while (remaining > 0) {
      const step = Math.min(remaining, Math.max(1, interval));
      if (!(await context.channel.sleep(step))) return;
      remaining -= step;
      if (remaining > 0 && !(await context.channel.write('\n'))) return;
    }
    if (!(await context.channel.write(payload))) return;
    context.response.end();
  } else {
    sendJson(context.response, 200, payload, { 'x-generation-id': generationId });
  }
  context.account.usage += cost;
  const endedAt = Date.now();
  const startedAt = context.record.startedAt;
  const referer = context.request.headers['http-referer'] as string | undefined;
  const userAgent = context.request.headers['user-agent'] as string | undefined;
  const externalUser = typeof request.user === 'string' ? request.user : null;
  const attempts = route.attempts;
  state.generations.set(generationId, {
    visibleAt: endedAt + options.generationDelayMs,
    build: () => ({
      id: generationId,
      upstream_id: null,
      total_cost: cost,
      cache_discount: null,
      upstream_inference_cost: null,
      created_at: new Date(startedAt).toISOString(),
      model: model.id,
      app_id: null,
      streamed: false,
      cancelled: false,
      provider_name: provider.name,
      latency: endedAt - startedAt,
      moderation_latency: null,
      generation_time: endedAt - startedAt,
      finish_reason: null,
      native_finish_reason: null,
      service_tier: null,
      tokens_prompt: tokens,
      tokens_completion: 0,
      native_tokens_prompt: tokens,
      native_tokens_completion: 0,
      native_tokens_completion_images: null,
      native_tokens_reasoning: 0,
      native_tokens_cached: 0,
      num_media_prompt: null,
      num_input_audio_prompt: null,
      num_media_completion: null,
      num_search_results: null,
      num_fetches: null,
      web_search_engine: null,
      origin: referer ?? '',
      usage: cost,
      is_byok: false,
      external_user: externalUser,
      api_type: 'embeddings',
      preset_id: null,
      router: null,
      provider_responses: attempts.map((attempt, index) => ({
        id: `${generationId}-${index}`,
        endpoint_id: `${attempt.model.id}@${attempt.provider.slug}`,
        model_permaslug: attempt.model.canonicalSlug,
        provider_name: attempt.provider.name,
        status: attempt.status,
        latency: endedAt - startedAt,
        is_byok: false,
      })),
      user_agent: userAgent ?? null,
      http_referer: referer ?? null,
      data_region: 'global',
      workspace_id: null,
    }),
  });
}
