import type { RequestOptions } from '@openrouter-adapters/core';
import { buildRequestOptions } from './build-request-options';
import { mapError } from './map-error';

/** A wire body and the headers its OpenRouter options produced (attribution, session id). */
export type CoreRequest<TBody> = { body: TBody; headers: Record<string, string> };

/**
 * Sends one request through core's client with the AI SDK call's abort signal and headers, and
 * converts core's typed errors to the AI SDK's (`mapError`, with the endpoint, the wire body and
 * core's retry budget).
 */
export async function callCore<TBody, TResult>(
  config: { maxRetries: number },
  url: string,
  request: CoreRequest<TBody>,
  call: { abortSignal?: AbortSignal | undefined; headers?: Record<string, string | undefined> | undefined },
  send: (body: TBody, options: RequestOptions) => Promise<TResult>,
): Promise<TResult> {
  try {
    return await send(request.body, buildRequestOptions(call.abortSignal, request.headers, call.headers));
  } catch (error) {
    throw mapError(error, { url, requestBody: request.body, coreMaxRetries: config.maxRetries });
  }
}
