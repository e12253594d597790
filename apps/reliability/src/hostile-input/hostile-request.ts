import type { RecordedRequest } from '@openrouter-adapters/emulator';
import { type RawRequestPart, type RawResponse, rawHttpRequest } from '../harness/raw-http';

// Shared by the hostile-input case lists: what a case is, and how it sends its request.

/** What the hostile-input test hands each case. */
export type HostileContext = {
  /** The middleware's port and mount path. */
  port: number;
  mountPath: string;
  /** Base URL of a server that must never be contacted (an attacker's upstream). */
  evilURL: string;
  /** A generation id made by user `alice`. */
  aliceGenerationId: string;
  /** How the emulator logs the server key's Authorization header (`Bearer sk-or-v1-abc...xyz`). */
  serverAuthorizationLabel: string;
};

/** What a hostile request got back: the raw exchange (for the key-leak scan as well). */
export type HostileResponse = RawResponse;

/**
 * One hostile request and its documented outcome: a rejection (status + `error_type`) that
 * reaches no upstream, or a request that is served only after the middleware neutralised it
 * (`upstream` checks what the emulator actually received).
 */
export type HostileCase = {
  id: string;
  attack: string;
  send(context: HostileContext): Promise<HostileResponse>;
} & (
  | { rejected: { status: number; errorType?: string }; maxElapsedMs?: number }
  | { served: { status: number }; upstream: (request: RecordedRequest, context: HostileContext) => string[] }
);

export const userHeaders: Record<string, string> = {
  'content-type': 'application/json',
  'x-user': 'mallory',
};

/** A request with a JSON-ish body sent with `fetch` (Content-Length set, or chunked for a stream). */
export async function post(
  context: HostileContext,
  path: string,
  body: string | ReadableStream<Uint8Array>,
  headers: Record<string, string> = userHeaders,
): Promise<HostileResponse> {
  const started = Date.now();
  const response = await fetch(`http://127.0.0.1:${context.port}${context.mountPath}${path}`, {
    method: 'POST',
    headers,
    body,
    ...(typeof body === 'string' ? {} : { duplex: 'half' }),
    signal: AbortSignal.timeout(10_000),
  } as RequestInit);
  const text = await response.text();
  const responseHeaders = Object.fromEntries(response.headers.entries());
  return {
    status: response.status,
    headers: responseHeaders,
    body: text,
    raw: `${JSON.stringify(responseHeaders)}\n${text}`,
    elapsedMs: Date.now() - started,
  };
}

/** A valid chat request body plus `extra` fields. */
export function chat(extra: Record<string, unknown>, prompt = 'hostile input check'): string {
  return JSON.stringify({
    model: 'openai/gpt-4o-mini',
    messages: [{ role: 'user', content: prompt }],
    ...extra,
  });
}

/** Raw bytes over TCP (see `rawHttpRequest`). */
export function raw(
  context: HostileContext,
  parts: readonly RawRequestPart[],
  timeoutMs = 5_000,
): Promise<RawResponse> {
  return rawHttpRequest(context.port, parts, timeoutMs);
}

/** A raw POST to /chat/completions with extra header lines. */
export function rawPost(context: HostileContext, headerLines: readonly string[], body: string): string {
  return [
    `POST ${context.mountPath}/chat/completions HTTP/1.1`,
    'Host: 127.0.0.1',
    'Content-Type: application/json',
    'X-User: mallory',
    'Connection: close',
    ...headerLines,
    `Content-Length: ${Buffer.byteLength(body)}`,
    '',
    body,
  ].join('\r\n');
}

/** The middleware limits the hostile-input stack runs with. */
export const hostileLimits: { maxBodyBytes: number; bodyTimeoutMs: number; maxTokens: number } = {
  maxBodyBytes: 64 * 1024,
  bodyTimeoutMs: 1_000,
  maxTokens: 1_000,
};

export function bigBody(bytes: number): string {
  return chat({}, 'x'.repeat(bytes));
}

export function nested(depth: number): string {
  return chat({ metadata: JSON.parse(`${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`) as unknown });
}

/** A GET with Mallory's identity, read to the end. */
export async function get(context: HostileContext, path: string): Promise<HostileResponse> {
  const started = Date.now();
  const response = await fetch(`http://127.0.0.1:${context.port}${context.mountPath}${path}`, {
    headers: { 'x-user': 'mallory' },
    signal: AbortSignal.timeout(10_000),
  });
  const text = await response.text();
  const headers = Object.fromEntries(response.headers.entries());
  return {
    status: response.status,
    headers,
    body: text,
    raw: `${JSON.stringify(headers)}\n${text}`,
    elapsedMs: Date.now() - started,
  };
}
