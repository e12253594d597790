import { badRequest, EmulatorHttpError } from '../http/emulator-http-error';
import { sendJson } from '../http/send-json';
import type { HandlerContext } from '../server/emulator-context';

/** `GET /generation?id=`: what was served; 404 until the record is visible (`generationDelayMs`). */
export function handleGeneration(context: HandlerContext): void {
  const id = context.url.searchParams.get('id');
  if (!id) throw badRequest('Missing required query parameter: id');
  const stored = context.emulator.state.generations.get(id);
  if (!stored || stored.visibleAt > Date.now()) {
    throw new EmulatorHttpError(404, `Generation ${id} not found`, { metadata: null });
  }
  stored.data ??= stored.build();
  sendJson(context.response, 200, { data: stored.data });
}

/** `GET /key`: the calling key's limit and usage (usage grows with each request's cost). */
export function handleKey(context: HandlerContext): void {
  const account = context.account;
  const usage = Math.round(account.usage * 1e12) / 1e12;
  sendJson(context.response, 200, {
    data: {
      label: account.label,
      limit: account.limit,
      usage,
      usage_daily: usage,
      usage_weekly: usage,
      usage_monthly: usage,
      byok_usage: 0,
      byok_usage_daily: 0,
      byok_usage_weekly: 0,
      byok_usage_monthly: 0,
      is_free_tier: false,
      is_management_key: account.management,
      is_provisioning_key: account.management,
      limit_remaining:
        account.limit === null
          ? null
          : Math.max(0, Math.round((account.limit - account.usage) * 1e12) / 1e12),
      limit_reset: null,
      include_byok_in_limit: false,
      creator_user_id: null,
      expires_at: null,
      rate_limit: { requests: -1, interval: '10s', note: 'This field is deprecated and safe to ignore.' },
    },
  });
}

/** `GET /credits`: management keys only (403 otherwise). */
export function handleCredits(context: HandlerContext): void {
  if (!context.emulator.state.isManagementKey(context.apiKey)) {
    throw new EmulatorHttpError(403, 'Only management keys can perform this operation', { metadata: null });
  }
  const totalUsage = Math.round(context.emulator.state.totalUsage() * 1e12) / 1e12;
  sendJson(context.response, 200, {
    data: { total_credits: context.emulator.options.totalCredits, total_usage: totalUsage },
  });
}
