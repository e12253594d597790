import type { IncomingHttpHeaders } from 'node:http';

/** Headers that carry credentials: BYOK provider keys (`x-provider-api-keys`), API keys, cookies. */
const SECRET_HEADERS = new Set([
  'x-api-key',
  'api-key',
  'cookie',
  'proxy-authorization',
  'x-openrouter-api-key',
  'x-provider-api-keys',
  'x-goog-api-key',
  'anthropic-api-key',
]);

/** OpenRouter's public key label: `sk-or-v1-abc...xyz` (never the whole key). */
export function maskKey(key: string): string {
  const prefix = key.startsWith('sk-or-v1-') ? 'sk-or-v1-' : '';
  const rest = key.slice(prefix.length);
  if (rest.length <= 6) return `${prefix}${'*'.repeat(Math.max(3, rest.length))}`;
  return `${prefix}${rest.slice(0, 3)}...${rest.slice(-3)}`;
}

/** Copies headers for the request log with secrets redacted (the bearer key becomes its label). */
export function redactHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name in headers) {
    const value = headers[name];
    if (value === undefined) continue;
    const text = Array.isArray(value) ? value.join(', ') : value;
    if (name === 'authorization') {
      const match = /^(\S+)\s+(.+)$/.exec(text);
      out[name] = match ? `${match[1]} ${maskKey((match[2] as string).trim())}` : '[redacted]';
    } else if (SECRET_HEADERS.has(name)) {
      out[name] = '[redacted]';
    } else {
      out[name] = text;
    }
  }
  return out;
}
