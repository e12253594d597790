import type { Readable } from 'node:stream';
import {
  ConnectionError,
  errorFromPayload,
  type NormalizedUsage,
  normalizeUsage,
  type OpenRouterError,
  parseJson,
  type WireUsage,
} from '@openrouter-adapters/core';
import { upstreamBody } from './upstream-body';

/** What a non-streamed upstream body tells the middleware (for accounting). */
export type UpstreamJson =
  | {
      ok: true;
      /** The body exactly as received. */
      bytes: Buffer;
      usage: NormalizedUsage | undefined;
      model: string | undefined;
      provider: string | undefined;
      generationId: string | undefined;
    }
  /** A 200 body that holds only `{ error }` (OpenRouter does this), as core's typed error. */
  | { ok: false; error: OpenRouterError };

function stringField(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** Every byte of a body, or the error that cut it short. */
function readAll(body: Readable): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Uint8Array[] = [];
    let length = 0;
    let finished = false;
    body.on('data', (chunk: Uint8Array) => {
      chunks.push(chunk);
      length += chunk.length;
    });
    body.once('end', () => {
      finished = true;
      const only = chunks[0];
      resolve(
        chunks.length === 1 && only !== undefined && Buffer.isBuffer(only)
          ? only
          : Buffer.concat(chunks, length),
      );
    });
    body.once('error', (error) => {
      finished = true;
      reject(error);
    });
    body.once('close', () => {
      if (!finished) reject(new Error('the connection closed before the body ended'));
    });
  });
}

/**
 * Reads a non-streamed upstream body and parses it with core's `parseJson` (invalid JSON throws
 * core's `ResponseParseError`). The bytes are forwarded untouched; the parsed copy only feeds
 * accounting, or core's `errorFromPayload` when the body is an error. `headers` are upstream's
 * (lower-case names, as core's response metadata holds them).
 */
export async function readUpstreamJson(
  upstream: Response,
  headers: Record<string, string>,
  signal: AbortSignal,
): Promise<UpstreamJson> {
  let bytes: Buffer;
  try {
    bytes = await readAll(upstreamBody(upstream));
  } catch (cause) {
    if (signal.aborted) throw cause;
    const reason = cause instanceof Error ? cause.message : String(cause);
    throw new ConnectionError({
      message: `The upstream connection failed while its answer arrived (${reason})`,
      cause,
    });
  }
  const payload = parseJson(bytes.toString('utf8'), {
    what: 'the upstream response',
    status: upstream.status,
    headers,
  });
  if (typeof payload !== 'object' || payload === null) {
    return {
      ok: true,
      bytes,
      usage: undefined,
      model: undefined,
      provider: undefined,
      generationId: undefined,
    };
  }
  const body = payload as Record<string, unknown>;
  if (
    typeof body.error === 'object' &&
    body.error !== null &&
    !Array.isArray(body.choices) &&
    !Array.isArray(body.data)
  ) {
    return { ok: false, error: errorFromPayload(payload, { status: upstream.status, headers }) };
  }
  const usage =
    typeof body.usage === 'object' && body.usage !== null
      ? normalizeUsage(body.usage as WireUsage)
      : undefined;
  return {
    ok: true,
    bytes,
    usage,
    model: stringField(body.model),
    provider: stringField(body.provider),
    generationId: stringField(body.id),
  };
}
