import { OpenRouterError } from '@openrouter-adapters/core';
import { sendError } from '../http/send-error';
import { isFreeModel, isModelAllowed } from '../policy/model-allowlist';
import type { RouteCall } from './completion-route';
import { modelsQueryParams } from './models-cache';

/** `GET /models`: the upstream catalogue (cached briefly), filtered by this user's policy. */
export async function handleModels(call: RouteCall): Promise<void> {
  const { gateway, request, response, userId, timing } = call;
  const query: Record<string, string> = {};
  for (const name of modelsQueryParams) {
    const value = request.query[name];
    if (typeof value === 'string' && value !== '' && value.length <= 200) query[name] = value;
  }
  const policy = await gateway.policy(request, { userId });
  let models: Awaited<ReturnType<typeof gateway.models.list>>;
  try {
    models = await gateway.models.list(query);
  } catch (error) {
    if (!OpenRouterError.isInstance(error)) throw error;
    gateway.reportError(error, { phase: 'upstream', userId, path: request.path });
    sendError(response, error, { redactor: gateway.redactor, timing });
    return;
  }
  const { allowlist, freeOnly } = policy;
  const visible = models.filter(
    (model) =>
      (allowlist === undefined || isModelAllowed(model.id, allowlist)) &&
      (!freeOnly || isFreeModel(model.id)),
  );
  response.setHeader('cache-control', 'private, max-age=60');
  response.setHeader('server-timing', timing.header());
  response.json({ data: visible });
}
