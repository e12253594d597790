import type { NormalizedUsage } from '@openrouter-adapters/core';
import type { Gateway } from '../gateway';
import type { Admission } from '../limits/limiter';
import { estimateTokens } from '../limits/request-bounds';
import type { UsageEvent } from '../options/middleware-options';
import type { Endpoint } from '../policy/apply-request-policy';

/** Everything known about a finished request that reached upstream. */
export type Settlement = {
  endpoint: Endpoint;
  userId: string;
  /** The request's admission: its reservations are settled with what it used. */
  admission: Admission;
  requestedModel: string | undefined;
  stream: boolean;
  userKey: boolean;
  /** `Date.now()` when the request arrived. */
  startedAt: number;
  /** Size of the request body (for estimates). */
  bodyBytes: number;
  /** False when upstream answered with an error status (nothing is billed then). */
  billable: boolean;
  completed: boolean;
  incompleteReason: string | undefined;
  usage: NormalizedUsage | undefined;
  model: string | undefined;
  provider: string | undefined;
  generationId: string | undefined;
  /** Characters of output seen (text, reasoning, tool arguments), for estimates. */
  outputCharacters: number;
};

async function estimateUsd(
  gateway: Gateway,
  model: string | undefined,
  tokens: { input: number; output: number },
): Promise<number> {
  if (model === undefined) return 0;
  try {
    const pricing = await gateway.models.pricing(model);
    if (pricing) return tokens.input * pricing.prompt + tokens.output * pricing.completion;
    gateway.log(
      'warn',
      'openrouter middleware: no price known for a model; charged $0 for a request without usage',
      { model },
    );
  } catch (error) {
    gateway.log('warn', 'openrouter middleware: could not load prices to estimate a cost', { model, error });
  }
  return 0;
}

/**
 * Settles a finished request against the user's token and USD limits: its reservation is
 * replaced by the actual usage when OpenRouter reported it, otherwise by an estimate (so aborting
 * before the usage chunk is never free). Then emits one `onUsage` event. Never throws: failures
 * go to `onError`.
 */
export async function settleUsage(gateway: Gateway, settlement: Settlement): Promise<void> {
  // Accounting is not urgent: let pending I/O (e.g. the upstream socket closing) go first.
  await new Promise((resolve) => setImmediate(resolve));
  const { usage } = settlement;
  const model = settlement.model ?? settlement.requestedModel;
  let charged: UsageEvent['charged'] = { tokens: 0, usd: 0, estimated: false };
  if (usage) {
    const usd =
      usage.cost ??
      (await estimateUsd(gateway, model, { input: usage.inputTokens, output: usage.outputTokens }));
    charged = { tokens: usage.totalTokens, usd, estimated: usage.cost === undefined };
  } else if (settlement.billable) {
    const input = estimateTokens(settlement.bodyBytes);
    const output = estimateTokens(settlement.outputCharacters);
    charged = {
      tokens: input + output,
      usd: await estimateUsd(gateway, model, { input, output }),
      estimated: true,
    };
  }
  try {
    await settlement.admission.settle(charged);
  } catch (error) {
    gateway.reportError(error, {
      phase: 'store',
      userId: settlement.userId,
      path: `/${settlement.endpoint}`,
    });
  }
  await gateway.emitUsage({
    userId: settlement.userId,
    endpoint: settlement.endpoint,
    requestedModel: settlement.requestedModel,
    model: settlement.model,
    provider: settlement.provider,
    generationId: settlement.generationId,
    stream: settlement.stream,
    usage,
    charged,
    durationMs: Date.now() - settlement.startedAt,
    completed: settlement.completed,
    incompleteReason: settlement.completed ? undefined : settlement.incompleteReason,
    userKey: settlement.userKey,
  });
}
