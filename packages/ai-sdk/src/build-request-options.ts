import type { RequestOptions } from '@openrouter-adapters/core';

/**
 * Core's per-request options from an AI SDK call: its abort signal, and headers derived from
 * OpenRouter options (attribution, session id) plus the call's own (the call wins; `undefined`
 * values are dropped).
 */
export function buildRequestOptions(
  signal: AbortSignal | undefined,
  optionHeaders: Record<string, string>,
  callHeaders: Record<string, string | undefined> | undefined,
): RequestOptions {
  const options: RequestOptions = {};
  if (signal !== undefined) options.signal = signal;
  let headers: Record<string, string> | undefined;
  for (const key in optionHeaders) {
    headers ??= {};
    headers[key] = optionHeaders[key] as string;
  }
  if (callHeaders !== undefined) {
    for (const key in callHeaders) {
      const value = callHeaders[key];
      if (value === undefined) continue;
      headers ??= {};
      headers[key] = value;
    }
  }
  if (headers !== undefined) options.headers = headers;
  return options;
}
