import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  AbortError,
  ConnectionError,
  type OpenRouterError,
  ResponseParseError,
  TimeoutError,
} from '@openrouter-adapters/core';
import type { Redactor } from '../logging/redactor';
import { copyAllowedHeaders } from './response-headers';
import type { ServerTiming } from './server-timing';

/** The status a client sees for an error; errors without one are the gateway's (502/504). */
export function statusForError(error: OpenRouterError): number {
  if (typeof error.status === 'number' && error.status >= 400 && error.status <= 599) return error.status;
  if (TimeoutError.isInstance(error)) return 504;
  if (AbortError.isInstance(error)) return 499;
  if (ConnectionError.isInstance(error) || ResponseParseError.isInstance(error)) return 502;
  return 502;
}

/** OpenRouter's envelope `{ error: { code, message, metadata } }` for an error, with secrets removed. */
export function errorEnvelope(error: OpenRouterError, status: number): { error: Record<string, unknown> } {
  const body: Record<string, unknown> = {
    code: typeof error.code === 'number' || typeof error.code === 'string' ? error.code : status,
    message: error.message,
  };
  if (error.metadata !== undefined) body.metadata = error.metadata;
  if (error.availability !== undefined) body.availability = error.availability;
  return { error: body };
}

/** True while a request body is still on its way (it was never read): answering must close the connection. */
export function hasUnreadBody(request: IncomingMessage): boolean {
  if (request.readableEnded || request.complete) return false;
  const length = Number(request.headers['content-length'] ?? 0);
  return length > 0 || request.headers['transfer-encoding'] !== undefined;
}

/**
 * Writes an error response (if headers were not sent yet): envelope, allowlisted headers, timing.
 * `Connection: close` when asked, or when the request body was never read (so Node does not read
 * and discard a large unwanted body to keep the connection alive).
 */
export function sendError(
  response: ServerResponse,
  error: OpenRouterError,
  context: { redactor: Redactor; timing?: ServerTiming; closeConnection?: boolean },
): void {
  if (response.headersSent || response.writableEnded || response.destroyed) return;
  const status = statusForError(error);
  const text = context.redactor.text(JSON.stringify(errorEnvelope(error, status)));
  response.statusCode = status === 499 ? 400 : status;
  copyAllowedHeaders(error.headers, (name, value) => response.setHeader(name, value));
  if (status === 429 || status === 503) {
    const retryAfterMs = error.retryAfterMs;
    if (retryAfterMs !== undefined && !response.hasHeader('retry-after')) {
      response.setHeader('retry-after', String(Math.max(1, Math.ceil(retryAfterMs / 1000))));
    }
  }
  response.setHeader('content-type', 'application/json; charset=utf-8');
  response.setHeader('cache-control', 'no-store');
  if (context.timing) response.setHeader('server-timing', context.timing.header());
  if (context.closeConnection || hasUnreadBody(response.req)) response.setHeader('connection', 'close');
  response.end(text);
}
