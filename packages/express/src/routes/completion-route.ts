import { type ChatResult, OpenRouterError, ResponseParseError } from '@openrouter-adapters/core';
import type { Request, Response } from 'express';
import type { Gateway } from '../gateway';
import { gatewayRejection } from '../http/gateway-rejection';
import { readJsonBody } from '../http/read-json-body';
import { copyAllowedHeaders } from '../http/response-headers';
import { sendError } from '../http/send-error';
import type { ServerTiming } from '../http/server-timing';
import type { Admission, AdmissionResult } from '../limits/limiter';
import { hasBudgets, requestBounds } from '../limits/request-bounds';
import type { Redactor } from '../logging/redactor';
import { applyRequestPolicy, type Endpoint } from '../policy/apply-request-policy';
import { forwardStream, type StreamOutcome } from '../proxy/forward-stream';
import { readUpstreamJson } from '../proxy/read-upstream-json';
import { type Settlement, settleUsage } from '../proxy/settle-usage';
import { UpstreamControl } from '../proxy/upstream-control';
import { StoreUnavailableError } from '../store/store-unavailable-error';

/** One routed request. */
export type RouteCall = {
  gateway: Gateway;
  request: Request;
  response: Response;
  userId: string;
  timing: ServerTiming;
  /** `Date.now()` at arrival. */
  startedAt: number;
};

const noLimits: Admission = { releaseSlot: async () => {}, settle: async () => {} };

/** Longest wait for the catalogue's prices when reserving a USD budget before any catalogue loaded. */
const pricesWaitMs = 3_000;

/** Store failures: 503 when failing closed (the default), otherwise logged and let through. */
async function admit(call: RouteCall, run: () => Promise<AdmissionResult>): Promise<AdmissionResult> {
  try {
    return await run();
  } catch (error) {
    if (!StoreUnavailableError.isInstance(error)) throw error;
    const { gateway } = call;
    gateway.reportError(error, { phase: 'store', userId: call.userId, path: call.request.path });
    if (gateway.options.storeFailure === 'open') {
      gateway.log(
        'warn',
        'openrouter middleware: limits store unavailable; letting the request through (storeFailure: "open")',
      );
      return { ok: true, admission: noLimits };
    }
    return {
      ok: false,
      rejection: gatewayRejection(
        503,
        'limits_unavailable',
        'Usage limits cannot be checked right now (the limits store is unavailable); try again shortly',
        { retryAfterMs: 5_000 },
      ),
    };
  }
}

function outputCharacters(result: ChatResult | undefined): number {
  if (!result) return 0;
  return (
    result.text.length +
    result.reasoning.length +
    result.toolCalls.reduce((sum, call) => sum + call.arguments.length, 0)
  );
}

function upstreamPath(endpoint: Endpoint): string {
  return `/${endpoint}`;
}

/**
 * `POST /chat/completions`, `/completions` and `/embeddings`: body → policy → key → limits →
 * upstream through core → stream or JSON back → usage settled and reported.
 */
export async function handleCompletion(call: RouteCall, endpoint: Endpoint): Promise<void> {
  const { gateway, request, response, userId, timing } = call;
  const { options } = gateway;
  const context = { userId };

  const read = await readJsonBody(request, {
    maxBytes: options.maxBodyBytes,
    timeoutMs: options.bodyTimeoutMs,
  });
  if (!read.ok) {
    if ('rejection' in read) {
      sendError(response, read.rejection, {
        redactor: gateway.redactor,
        timing,
        closeConnection: read.closeConnection,
      });
    }
    return;
  }
  const policy = await gateway.policy(request, context);
  const applied = applyRequestPolicy(read.body, endpoint, policy);
  if (!applied.ok) {
    sendError(response, applied.rejection, { redactor: gateway.redactor, timing });
    return;
  }
  const upstreamKey = await gateway.upstreamKey(request, context);
  if (upstreamKey === undefined) {
    const hint = gateway.signIn
      ? `; sign in with OpenRouter first (GET ${request.baseUrl}/auth/sign-in)`
      : '';
    sendError(
      response,
      gatewayRejection(401, 'no_api_key', `No OpenRouter key is available for this request${hint}`),
      {
        redactor: gateway.redactor,
        timing,
      },
    );
    return;
  }
  const redactor = gateway.redactor.with(upstreamKey.key);
  // Prices for estimating requests that end without usage (aborted or failed streams).
  if (applied.stream) gateway.models.warm();
  const limits = await gateway.options.limits(request, context);
  const bounds = hasBudgets(limits)
    ? await requestBounds({
        endpoint,
        body: applied.body,
        bodyBytes: read.bytes,
        withUsd: limits.rules.some((rule) => rule.metric === 'usd'),
        pricing: (model) => gateway.models.listedPricing(model, pricesWaitMs),
      })
    : undefined;

  const control = new UpstreamControl();
  const onClose = (): void => {
    if (!response.writableFinished) control.stop('client-aborted');
  };
  // Listening already: a client that leaves while its request waits for its turn leaves the queue.
  response.on('close', onClose);
  const admitted = await admit(call, () =>
    gateway.limiter.admit(userId, limits, {
      stream: applied.stream,
      bounds,
      maxWaitMs: Math.max(
        1,
        Math.min(options.budgetQueueTimeoutMs, options.timeoutMs - (Date.now() - call.startedAt)),
      ),
      signal: control.signal,
    }),
  ).catch((error: unknown) => {
    response.off('close', onClose);
    throw error;
  });
  if (!admitted.ok) {
    response.off('close', onClose);
    if ('rejection' in admitted) sendError(response, admitted.rejection, { redactor, timing });
    return;
  }
  const { admission } = admitted;
  const remainingMs = Math.max(1, options.timeoutMs - (Date.now() - call.startedAt));
  const totalTimer = setTimeout(() => control.stop('timeout'), remainingMs);

  const settlement: Settlement = {
    endpoint,
    userId,
    admission,
    requestedModel: applied.requestedModel,
    stream: applied.stream,
    userKey: upstreamKey.userKey,
    startedAt: call.startedAt,
    bodyBytes: read.bytes,
    billable: true,
    completed: false,
    incompleteReason: undefined,
    usage: undefined,
    model: undefined,
    provider: undefined,
    generationId: undefined,
    outputCharacters: 0,
  };
  try {
    if (control.reason !== undefined || response.destroyed) {
      settlement.billable = false;
      settlement.incompleteReason = 'client-aborted';
      return;
    }
    timing.upstreamStarted();
    const { response: upstream, meta } = await gateway.client.request(
      { method: 'POST', path: upstreamPath(endpoint), body: applied.body, stream: applied.stream },
      {
        signal: control.signal,
        headers: gateway.upstreamHeaders(request, upstreamKey.key, applied.headers),
        timeoutMs: remainingMs,
      },
    );
    timing.upstreamHeaders();
    settlement.generationId = meta.generationId;
    if (meta.generationId) gateway.owners.remember(meta.generationId, userId);
    const contentType = upstream.headers.get('content-type') ?? '';
    if (applied.stream && contentType.includes('text/event-stream')) {
      await relayStream(call, upstream, control, endpoint, redactor, settlement);
    } else {
      await relayJson(call, upstream, meta.headers, control, redactor, settlement);
    }
  } catch (error) {
    settlement.completed = false;
    if (control.reason === 'client-aborted' || response.destroyed) {
      settlement.incompleteReason = 'client-aborted';
      return;
    }
    if (control.reason === 'timeout') {
      settlement.incompleteReason = 'timeout';
      sendError(
        response,
        gatewayRejection(
          504,
          'timeout',
          `The request took longer than this server allows (${options.timeoutMs} ms)`,
        ),
        { redactor, timing },
      );
    } else {
      if (!OpenRouterError.isInstance(error)) throw error;
      // Upstream answered with an error (after core's retries) or could not be reached: nothing billed.
      settlement.billable = ResponseParseError.isInstance(error);
      settlement.incompleteReason = 'upstream-error';
      gateway.reportError(error, { phase: 'upstream', userId, path: request.path }, redactor);
      sendError(response, error, { redactor, timing });
    }
  } finally {
    clearTimeout(totalTimer);
    response.off('close', onClose);
    await admission
      .releaseSlot()
      .catch((error: unknown) => gateway.reportError(error, { phase: 'store', userId, path: request.path }));
    if (settlement.billable || settlement.incompleteReason === 'upstream-error')
      await settleUsage(gateway, settlement);
    else {
      // Nothing reached upstream: give the reservation back.
      await admission
        .settle({ tokens: 0, usd: 0 })
        .catch((error: unknown) =>
          gateway.reportError(error, { phase: 'store', userId, path: request.path }),
        );
    }
  }
}

async function relayStream(
  call: RouteCall,
  upstream: globalThis.Response,
  control: UpstreamControl,
  endpoint: Endpoint,
  redactor: Redactor,
  settlement: Settlement,
): Promise<void> {
  const { response, timing, gateway, userId } = call;
  response.statusCode = upstream.status;
  response.setHeader('content-type', upstream.headers.get('content-type') ?? 'text/event-stream');
  response.setHeader('cache-control', 'no-cache');
  response.setHeader('x-accel-buffering', 'no');
  copyAllowedHeaders(upstream.headers, (name, value) => response.setHeader(name, value));
  response.setHeader('server-timing', timing.header());
  const outcome: StreamOutcome = await forwardStream({
    upstream,
    response,
    control,
    endpoint: endpoint === 'completions' ? 'completions' : 'chat/completions',
    idleTimeoutMs: gateway.options.idleTimeoutMs,
    redactor,
  });
  const { result } = outcome;
  settlement.completed = outcome.completed;
  settlement.incompleteReason = outcome.incompleteReason;
  settlement.usage = result.usage;
  settlement.model = result.model;
  settlement.provider = result.provider;
  settlement.outputCharacters = outputCharacters(result);
  if (!settlement.generationId && result.generationId) {
    settlement.generationId = result.generationId;
    gateway.owners.remember(result.generationId, userId);
  }
  if (outcome.failure && outcome.incompleteReason !== 'client-aborted') {
    gateway.reportError(outcome.failure, { phase: 'stream', userId, path: call.request.path }, redactor);
  }
}

async function relayJson(
  call: RouteCall,
  upstream: globalThis.Response,
  upstreamHeaders: Record<string, string>,
  control: UpstreamControl,
  redactor: Redactor,
  settlement: Settlement,
): Promise<void> {
  const { response, timing, gateway, userId } = call;
  const parsed = await readUpstreamJson(upstream, upstreamHeaders, control.signal);
  if (!parsed.ok) {
    settlement.billable = false;
    settlement.incompleteReason = 'upstream-error';
    gateway.reportError(parsed.error, { phase: 'upstream', userId, path: call.request.path }, redactor);
    sendError(response, parsed.error, { redactor, timing });
    return;
  }
  settlement.completed = true;
  settlement.usage = parsed.usage;
  settlement.model = parsed.model;
  settlement.provider = parsed.provider;
  if (!settlement.generationId && parsed.generationId?.startsWith('gen-')) {
    settlement.generationId = parsed.generationId;
    gateway.owners.remember(parsed.generationId, userId);
  }
  if (response.destroyed) return;
  response.statusCode = upstream.status;
  response.setHeader('content-type', upstream.headers.get('content-type') ?? 'application/json');
  copyAllowedHeaders(upstream.headers, (name, value) => response.setHeader(name, value));
  const bytes = redactor.bytes(parsed.bytes);
  response.setHeader('content-length', String(bytes.length));
  response.setHeader('server-timing', timing.header());
  response.end(bytes);
}
