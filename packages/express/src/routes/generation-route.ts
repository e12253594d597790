import { OpenRouterError } from '@openrouter-adapters/core';
import { gatewayRejection } from '../http/gateway-rejection';
import { sendError } from '../http/send-error';
import type { RouteCall } from './completion-route';

const generationIdPattern = /^[A-Za-z0-9_-]{1,200}$/;

/** `GET /generation?id=`: generation stats, only for generations this user made through the middleware. */
export async function handleGeneration(call: RouteCall): Promise<void> {
  const { gateway, request, response, userId, timing } = call;
  const id = request.query.id;
  if (typeof id !== 'string' || !generationIdPattern.test(id)) {
    sendError(response, gatewayRejection(400, 'invalid_request', 'Pass the generation id as `?id=gen-…`'), {
      redactor: gateway.redactor,
      timing,
    });
    return;
  }
  if (!(await gateway.owners.owns(id, userId))) {
    sendError(
      response,
      gatewayRejection(
        404,
        'generation_not_found',
        `Generation ${id} was not found among this user's requests`,
      ),
      { redactor: gateway.redactor, timing },
    );
    return;
  }
  const key = await gateway.upstreamKey(request, { userId });
  const redactor = gateway.redactor.with(key?.key);
  try {
    const generation = await gateway.client.generation.get(id, {
      headers: gateway.upstreamHeaders(request, key?.key),
      timeoutMs: gateway.options.timeoutMs,
    });
    response.setHeader('cache-control', 'no-store');
    response.setHeader('server-timing', timing.header());
    response.json({ data: generation });
  } catch (error) {
    if (!OpenRouterError.isInstance(error)) throw error;
    gateway.reportError(error, { phase: 'upstream', userId, path: request.path }, redactor);
    sendError(response, error, { redactor, timing });
  }
}
