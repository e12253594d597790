import { ConnectionError } from '../errors/connection-error';
import { errorFromResponse } from '../errors/error-from-response';
import { OpenRouterError } from '../errors/openrouter-error';
import { redactSecrets } from '../errors/redact-secrets';
import { buildRequestHeaders } from './build-request-headers';
import type { RawRequest, RequestOptions } from './client-types';
import { createRequestScope, type RequestScope } from './request-scope';
import type { ResolvedClientOptions } from './resolve-client-options';
import type { ResponseMeta } from './response-meta';
import { retryDelayMs } from './retry-delay';

/** A 2xx response whose body has not been read yet, with the scope that still governs it. */
export type ExecutedRequest = {
  response: Response;
  meta: ResponseMeta;
  scope: RequestScope;
  /** Credentials this request sent; redact them from any error built from its body. */
  secrets: string[];
};

export function buildUrl(baseURL: string, path: string, query: RawRequest['query']): string {
  let url = `${baseURL}${path.startsWith('/') ? '' : '/'}${path}`;
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== null)
      search.append(name, Array.isArray(value) ? value.join(',') : String(value));
  }
  const queryString = search.toString();
  if (queryString) url += `?${queryString}`;
  return url;
}

export function responseMeta(response: Response, url: string, attempts: number): ResponseMeta {
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    headers[name] = value;
  });
  return { status: response.status, headers, generationId: headers['x-generation-id'], url, attempts };
}

function encodeBody(body: unknown): BodyInit | undefined {
  if (body === undefined || typeof body === 'string' || body instanceof Uint8Array) return body as BodyInit;
  return JSON.stringify(body);
}

/** Reads an error body; a body that fails to arrive leaves the message to the status alone. */
async function readErrorBody(response: Response): Promise<string> {
  try {
    return await response.text();
  } catch {
    return '';
  }
}

/**
 * Sends one request with retries before the first response byte: network errors, connect
 * timeouts and retryable statuses (408, 429, 5xx, 404 with `availability.retryable`) are retried
 * up to `maxRetries` times with full-jitter backoff or the server's hint; a hint beyond
 * `maxRetryDelayMs` fails fast. Non-2xx responses become typed errors. On success the caller owns
 * the scope and must `release()` it (or `stopTimers()` when handing the body on).
 */
export async function executeRequest(
  options: ResolvedClientOptions,
  request: RawRequest,
  callOptions: RequestOptions = {},
): Promise<ExecutedRequest> {
  const url = buildUrl(options.baseURL, request.path, request.query);
  const maxRetries = callOptions.maxRetries ?? options.maxRetries;
  const connectTimeoutMs = callOptions.connectTimeoutMs ?? options.connectTimeoutMs;
  const scope = createRequestScope(callOptions.signal, callOptions.timeoutMs ?? options.timeoutMs, url);
  let secrets: string[] = [];
  let attempts = 0;
  try {
    if (scope.failure) throw scope.failure;
    const body = encodeBody(request.body);
    const built = await buildRequestHeaders(options, callOptions.headers, {
      stream: request.stream,
      hasBody: body !== undefined,
    });
    secrets = built.secrets;
    const fetchImpl = options.fetch ?? globalThis.fetch;
    for (let attempt = 0; ; attempt++) {
      if (scope.failure) throw scope.failure;
      const current = scope.attempt(connectTimeoutMs);
      attempts = attempt + 1;
      let error: OpenRouterError;
      try {
        const response = await fetchImpl(url, {
          method: request.method,
          headers: built.headers,
          body,
          signal: current.signal,
        });
        current.headersReceived();
        if (response.ok) return { response, meta: responseMeta(response, url, attempt + 1), scope, secrets };
        const bodyText = await readErrorBody(response);
        if (scope.failure) throw scope.failure;
        error = errorFromResponse({ status: response.status, headers: response.headers, bodyText, url });
      } catch (cause) {
        current.dispose();
        if (scope.failure) throw scope.failure;
        if (current.timeoutError) error = current.timeoutError;
        else if (OpenRouterError.isInstance(cause)) throw cause;
        else {
          // undici says "fetch failed" and puts the reason (ECONNREFUSED, socket closed...) in `cause`.
          const inner = (cause as { cause?: { message?: unknown } } | undefined)?.cause?.message;
          const reason = `${cause instanceof Error ? cause.message : String(cause)}${typeof inner === 'string' ? ` (${inner})` : ''}`;
          error = new ConnectionError({
            message: `Could not reach ${url}: ${reason}`,
            cause,
            url,
            isRetryable: true,
          });
        }
      }
      current.dispose();
      if (!error.isRetryable || attempt >= maxRetries) {
        throw attempt === 0 ? error : withDetail(error, `gave up after ${attempt + 1} attempts`);
      }
      const delay = retryDelayMs(attempt, error.retryAfterMs, options);
      if (delay === undefined) {
        throw withDetail(
          error,
          `the server asked to wait ${error.retryAfterMs} ms before retrying, more than maxRetryDelayMs (${options.maxRetryDelayMs} ms); not retrying`,
        );
      }
      await scope.sleep(delay);
    }
  } catch (error) {
    scope.release();
    // Tells adapters this error already went through the retry loop (errors found after a 2xx never do).
    if (attempts > 0 && OpenRouterError.isInstance(error) && error.attempts === undefined) {
      (error as { attempts?: number }).attempts = attempts;
    }
    throw redactSecrets(error, secrets);
  }
}

/** Appends a note to an error we created (message and stack), in place. */
function withDetail(error: OpenRouterError, detail: string): OpenRouterError {
  const { message, stack } = error;
  const detailed = `${message} (${detail})`;
  Object.defineProperty(error, 'message', { value: detailed, writable: true, configurable: true });
  if (stack) {
    const value = stack.replace(message, () => detailed);
    Object.defineProperty(error, 'stack', { value, writable: true, configurable: true });
  }
  return error;
}
