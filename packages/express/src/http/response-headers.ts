/** Upstream response headers a client may see; every other upstream header is dropped. */
const forwardedResponseHeaders = [
  'x-generation-id',
  'retry-after',
  'x-ratelimit-limit',
  'x-ratelimit-remaining',
  'x-ratelimit-reset',
] as const;

/** Copies the allowlisted upstream headers (lower-case names) onto the response. */
export function copyAllowedHeaders(
  from: Record<string, string> | Headers | undefined,
  setHeader: (name: string, value: string) => void,
): void {
  if (!from) return;
  for (const name of forwardedResponseHeaders) {
    const value = from instanceof Headers ? from.get(name) : from[name];
    if (value !== null && value !== undefined && value !== '') setHeader(name, value);
  }
}

/** Request headers that a server may never forward from clients (auth, routing, framing). */
export const neverForwardedRequestHeaders: ReadonlySet<string> = new Set([
  'authorization',
  'proxy-authorization',
  'cookie',
  'host',
  'connection',
  'content-length',
  'content-type',
  'content-encoding',
  'transfer-encoding',
  'te',
  'trailer',
  'upgrade',
  'keep-alive',
  'expect',
  'forwarded',
  'x-forwarded-for',
  'x-forwarded-host',
  'x-forwarded-proto',
  'x-real-ip',
]);
