import type { OpenRouterError } from '@openrouter-adapters/core';
import { gatewayRejection } from '../http/gateway-rejection';

type Preferences = Record<string, unknown>;

/** Settings where `true` is the restrictive value: once the server sets them, they stay on. */
const stickyTrue = ['zdr', 'require_parameters', 'enforce_distillable_text'] as const;

function numeric(value: unknown): number | undefined {
  const number = typeof value === 'number' ? value : typeof value === 'string' ? Number(value) : Number.NaN;
  return Number.isFinite(number) ? number : undefined;
}

function stringList(value: unknown): string[] | undefined {
  return Array.isArray(value) && value.every((item) => typeof item === 'string') ? value : undefined;
}

/** Client entries that the server also allows (case-insensitive); the server's list when the client has none. */
function narrow(
  name: string,
  server: string[],
  client: unknown,
): { value: string[] } | { rejection: OpenRouterError } {
  const requested = stringList(client);
  if (requested === undefined) return { value: server };
  const allowed = new Set(server.map((item) => item.toLowerCase()));
  const kept = requested.filter((item) => allowed.has(item.toLowerCase()));
  if (kept.length === 0) {
    return {
      rejection: gatewayRejection(
        403,
        'provider_not_allowed',
        `None of provider.${name} [${requested.join(', ')}] is permitted by this server; choose from [${server.join(', ')}]`,
        { metadata: { parameter: `provider.${name}`, allowed: server } },
      ),
    };
  }
  return { value: kept };
}

/**
 * Merges the client's `provider` preferences (wire form) with the server's defaults so the client
 * can tighten but never loosen them: `data_collection: "deny"`, `zdr`, `require_parameters`,
 * `enforce_distillable_text` and `allow_fallbacks: false` stay; `only` and `quantizations`
 * narrow to the intersection; `ignore` is the union; each `max_price` is the lower of the two.
 * Preferences that restrict nothing (`order`, `sort`, `preferred_*`) are defaults the client may change.
 */
export function mergeProviderPreferences(
  server: Preferences,
  client: Preferences | undefined,
): { value: Preferences } | { rejection: OpenRouterError } {
  if (client === undefined) return { value: { ...server } };
  const merged: Preferences = { ...server, ...client };
  if (server.data_collection === 'deny') merged.data_collection = 'deny';
  for (const name of stickyTrue) if (server[name] === true) merged[name] = true;
  if (server.allow_fallbacks === false) merged.allow_fallbacks = false;
  for (const name of ['only', 'quantizations'] as const) {
    const serverList = stringList(server[name]);
    if (serverList === undefined) continue;
    const narrowed = narrow(name, serverList, client[name]);
    if ('rejection' in narrowed) return narrowed;
    merged[name] = narrowed.value;
  }
  const serverIgnore = stringList(server.ignore);
  if (serverIgnore !== undefined) {
    const union = [...serverIgnore];
    for (const item of stringList(client.ignore) ?? []) if (!union.includes(item)) union.push(item);
    merged.ignore = union;
  }
  const serverPrice = server.max_price;
  if (typeof serverPrice === 'object' && serverPrice !== null) {
    const clientPrice =
      typeof client.max_price === 'object' && client.max_price !== null
        ? (client.max_price as Preferences)
        : {};
    const price: Preferences = { ...clientPrice };
    for (const [name, limit] of Object.entries(serverPrice as Preferences)) {
      const serverValue = numeric(limit);
      const clientValue = numeric(clientPrice[name]);
      if (serverValue !== undefined && (clientValue === undefined || clientValue > serverValue))
        price[name] = limit;
    }
    merged.max_price = price;
  }
  return { value: merged };
}
