import { gatewayRejection } from '../http/gateway-rejection';
import { sendError } from '../http/send-error';
import { StoreUnavailableError } from '../store/store-unavailable-error';
import type { RouteCall } from './completion-route';

/** `GET /usage`: the caller's own limits, what is used and when each window resets. */
export async function handleUsage(call: RouteCall): Promise<void> {
  const { gateway, request, response, userId, timing } = call;
  const limits = await gateway.options.limits(request, { userId });
  try {
    const report = await gateway.limiter.report(userId, limits);
    response.setHeader('cache-control', 'no-store');
    response.setHeader('server-timing', timing.header());
    response.json({
      data: { user: userId, limits: report.limits, concurrent_streams: report.concurrentStreams },
    });
  } catch (error) {
    if (!StoreUnavailableError.isInstance(error)) throw error;
    gateway.reportError(error, { phase: 'store', userId, path: request.path });
    sendError(
      response,
      gatewayRejection(
        503,
        'limits_unavailable',
        'Usage cannot be read right now (the limits store is unavailable); try again shortly',
        {
          retryAfterMs: 5_000,
        },
      ),
      { redactor: gateway.redactor, timing },
    );
  }
}
