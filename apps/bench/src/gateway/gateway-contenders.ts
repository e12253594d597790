import type { HttpTarget } from './http-target';
import { BENCH_API_KEY, chatCompletionsPath, type ServerKind } from './server-kind';

export type GatewayContender = {
  kind: ServerKind;
  label: string;
  /** `direct` is the baseline every other contender is compared with. */
  group: 'direct' | 'ours' | 'peer';
  description: string;
};

export const gatewayContenders: readonly GatewayContender[] = [
  {
    kind: 'emulator',
    label: 'direct (emulator)',
    group: 'direct',
    description: 'the client calls the emulator directly',
  },
  {
    kind: 'http-proxy-middleware',
    label: 'peer: `http-proxy-middleware` (byte proxy)',
    group: 'peer',
    description:
      'Express 5 + http-proxy-middleware, injecting the server key: no parsing, no policy (lower bound)',
  },
  {
    kind: 'ours-defaults',
    label: 'ours: `openRouter()` defaults',
    group: 'ours',
    description: 'Express 5 + openRouter({ baseURL, apiKey }) with default options',
  },
  {
    kind: 'ours-policy',
    label: 'ours: `openRouter()` + policy + limits',
    group: 'ours',
    description:
      'openRouter() with authorize, a model allowlist, a max_tokens clamp, data_collection "deny" and request/token/USD/concurrency limits on the memory store',
  },
  {
    kind: 'portkey',
    label: 'peer: Portkey gateway (`@portkey-ai/gateway`)',
    group: 'peer',
    description:
      'Portkey’s open-source gateway (its Node server), provider "openrouter" with the emulator as custom host',
  },
];

export type RequestShape = {
  stream: boolean;
  maxTokens: number;
  /** `X-Emulator-Scenario` value (forwarded by every proxy), e.g. `slow-tokens; interval_ms=5`. */
  scenario?: string;
};

/** The request a contender receives: same body everywhere, the headers each one needs. */
export function buildRequest(
  kind: ServerKind,
  origin: string,
  emulatorOrigin: string,
  shape: RequestShape,
): HttpTarget {
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    accept: shape.stream ? 'text/event-stream' : 'application/json',
  };
  if (kind === 'emulator' || kind === 'portkey') headers.authorization = `Bearer ${BENCH_API_KEY}`;
  if (kind === 'portkey') {
    headers['x-portkey-provider'] = 'openrouter';
    headers['x-portkey-custom-host'] = `${emulatorOrigin}/api`;
    if (shape.scenario !== undefined) headers['x-portkey-forward-headers'] = 'x-emulator-scenario';
  }
  if (kind === 'ours-policy') headers['x-user-id'] = 'bench-user';
  if (shape.scenario !== undefined) headers['x-emulator-scenario'] = shape.scenario;
  return {
    url: `${origin}${chatCompletionsPath[kind]}`,
    headers,
    body: JSON.stringify({
      model: 'openai/gpt-4o-mini',
      messages: [{ role: 'user', content: 'Say hello in three words.' }],
      max_tokens: shape.maxTokens,
      ...(shape.stream ? { stream: true } : {}),
    }),
  };
}

/** A stream body with the per-request parts (generation id, `created`) replaced, for byte comparisons. */
export const normalizeStreamBody = (body: string): string =>
  body.replace(/"id":"gen-[^"]*"/g, '"id":"gen-*"').replace(/"created":\d+/g, '"created":0');
