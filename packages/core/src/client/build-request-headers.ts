import { InvalidOptionsError, type OptionIssue } from '../errors/invalid-options-error';
import type { OpenRouterClientOptions } from './client-types';
import { CORE_VERSION } from './constants';

export type BuiltHeaders = {
  headers: Headers;
  /** Credentials sent with this request, to be redacted from any error we throw. */
  secrets: string[];
};

/**
 * Browsers forbid `User-Agent`, and an extra custom header would have to pass every CORS preflight:
 * the client identifier is only sent from server runtimes (Node, Deno, Bun, edge).
 */
const isBrowser = typeof document !== 'undefined';

/** The version-stamped client identifier, e.g. `openrouter-adapters-core/1.0.0 ai-sdk/2.0.0`. */
export function clientIdentifier(clientName: string | undefined): string {
  return `openrouter-adapters-core/${CORE_VERSION}${clientName ? ` ${clientName}` : ''}`;
}

/**
 * Request headers, later layers winning: defaults (accept, content type, client identifier),
 * `Authorization` from `apiKey` (none when there is no key: the server answers 401 if it needs
 * one), attribution, the client's `headers`, then the call's `headers`.
 */
export async function buildRequestHeaders(
  options: OpenRouterClientOptions,
  callHeaders: Record<string, string> | undefined,
  request: { stream?: boolean; hasBody: boolean },
): Promise<BuiltHeaders> {
  const headers = new Headers();
  const issues: OptionIssue[] = [];
  const set = (path: string, name: string, value: string | undefined): void => {
    if (value === undefined || value === null) return;
    try {
      headers.set(name, value);
    } catch {
      issues.push({
        path,
        message: `"${name}" is not a valid header name or its value contains invalid characters`,
      });
    }
  };
  set('', 'accept', request.stream ? 'text/event-stream' : 'application/json');
  if (request.hasBody) set('', 'content-type', 'application/json');
  if (!isBrowser) {
    const identifier = clientIdentifier(options.clientName);
    set('clientName', 'x-openrouter-client', identifier);
    set('clientName', 'user-agent', identifier);
  }
  const apiKey = typeof options.apiKey === 'function' ? await options.apiKey() : options.apiKey;
  if (apiKey) set('apiKey', 'authorization', `Bearer ${apiKey}`);
  set('appUrl', 'http-referer', options.appUrl);
  set('appName', 'x-openrouter-title', options.appName);
  if (options.appCategories?.length)
    set('appCategories', 'x-openrouter-categories', options.appCategories.join(','));
  for (const [name, value] of Object.entries(options.headers ?? {})) set(`headers.${name}`, name, value);
  for (const [name, value] of Object.entries(callHeaders ?? {})) set(`headers.${name}`, name, value);
  if (issues.length > 0) throw new InvalidOptionsError({ issues });
  const authorization = headers.get('authorization') ?? '';
  const token = authorization.replace(/^Bearer\s+/i, '');
  return { headers, secrets: [apiKey ?? '', token, authorization].filter((secret) => secret.length >= 8) };
}
