import {
  ConnectionError,
  errorFromPayload,
  type NormalizedUsage,
  normalizeUsage,
  type OpenRouterError,
  parseJson,
  type WireUsage,
} from '@openrouter-adapters/core';

/** What a non-streamed upstream body tells the middleware (for accounting). */
export type UpstreamJson =
  | {
      ok: true;
      /** The body exactly as received. */
      bytes: Uint8Array;
      usage: NormalizedUsage | undefined;
      model: string | undefined;
      provider: string | undefined;
      generationId: string | undefined;
    }
  /** A 200 body that holds only `{ error }` (OpenRouter does this), as core's typed error. */
  | { ok: false; error: OpenRouterError };

const utf8 = new TextDecoder();

function stringField(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/**
 * Reads a non-streamed upstream body and parses it with core's `parseJson` (invalid JSON throws
 * core's `ResponseParseError`). The bytes are forwarded untouched; the parsed copy only feeds
 * accounting, or core's `errorFromPayload` when the body is an error.
 */
export async function readUpstreamJson(upstream: Response, signal: AbortSignal): Promise<UpstreamJson> {
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await upstream.arrayBuffer());
  } catch (cause) {
    if (signal.aborted) throw cause;
    const reason = cause instanceof Error ? cause.message : String(cause);
    throw new ConnectionError({
      message: `The upstream connection failed while its answer arrived (${reason})`,
      cause,
    });
  }
  const headers: Record<string, string> = {};
  upstream.headers.forEach((value, name) => {
    headers[name] = value;
  });
  const payload = parseJson(utf8.decode(bytes), {
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
