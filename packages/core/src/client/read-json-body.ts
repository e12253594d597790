import { ConnectionError } from '../errors/connection-error';
import { errorFromPayload } from '../errors/error-from-response';
import { redactSecrets } from '../errors/redact-secrets';
import { ResponseParseError } from '../errors/response-parse-error';
import { parseJson } from '../json/parse-json';
import type { ExecutedRequest } from './execute-request';
import type { ResponseMeta } from './response-meta';

export type JsonObject = Record<string, unknown>;

/**
 * Reads a non-streamed 2xx body under the request's scope (total timeout, abort) and parses it.
 * Leading whitespace keep-alives are fine; a body holding only `{error: ...}` (OpenRouter sends
 * those with status 200) becomes the typed error for its `code`. `map` turns the body into the
 * result; whatever it throws is redacted like every other error. Releases the scope.
 */
export async function readJsonBody<T = JsonObject>(
  executed: ExecutedRequest,
  map: (body: JsonObject, meta: ResponseMeta) => T = (body) => body as T,
): Promise<T> {
  const { response, meta, scope, secrets } = executed;
  const { url, status, headers } = meta;
  try {
    let text: string;
    try {
      text = await response.text();
    } catch (cause) {
      throw (
        scope.failure ??
        new ConnectionError({
          message: `The connection failed while reading the response body from ${url}: ${cause instanceof Error ? cause.message : String(cause)}`,
          cause,
          url,
          status,
        })
      );
    }
    if (scope.failure) throw scope.failure;
    const body = parseJson(text, { url, status, headers });
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      throw new ResponseParseError({
        kind: 'unexpected-shape',
        url,
        status,
        headers,
        message: `Expected a JSON object from ${url}, got ${Array.isArray(body) ? 'an array' : typeof body}`,
      });
    }
    const record = body as JsonObject;
    if (record.error != null && !('choices' in record) && !('data' in record)) {
      throw errorFromPayload(record, { headers, url });
    }
    return map(record, meta);
  } catch (error) {
    throw redactSecrets(error, secrets);
  } finally {
    scope.release();
  }
}

/** The `data` member of an envelope like `{ data: ... }` (`/models`, `/key`, `/credits`, `/generation`). */
export function dataOf<T>(body: JsonObject, meta: ResponseMeta): T {
  if (!('data' in body)) {
    throw new ResponseParseError({
      kind: 'unexpected-shape',
      url: meta.url,
      message: `Expected a "data" member in the response from ${meta.url}`,
    });
  }
  return body.data as T;
}
