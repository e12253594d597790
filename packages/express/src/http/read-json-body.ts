import type { IncomingMessage } from 'node:http';
import { type OpenRouterError, parseJson, ResponseParseError } from '@openrouter-adapters/core';
import { gatewayRejection } from './gateway-rejection';
import { inspectJsonBody } from './inspect-json-body';

export type BodyLimits = {
  maxBytes: number;
  timeoutMs: number;
};

/** The body could not be read: a rejection to send, or the client went away (send nothing). */
export type BodyFailure = { rejection: OpenRouterError; closeConnection: boolean } | { clientGone: true };

export type BodyResult =
  | { ok: true; body: Record<string, unknown>; bytes: number }
  | ({ ok: false } & BodyFailure);

const utf8 = new TextDecoder('utf-8', { fatal: true });
const jsonType = /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i;

/** Exact sizes only: "4 MiB", "512 KiB", otherwise "2000 bytes". */
function formatBytes(bytes: number): string {
  if (bytes % (1024 * 1024) === 0) return `${bytes / (1024 * 1024)} MiB`;
  if (bytes % 1024 === 0) return `${bytes / 1024} KiB`;
  return `${bytes} bytes`;
}

function tooLarge(maxBytes: number): BodyResult {
  return {
    ok: false,
    rejection: gatewayRejection(
      413,
      'body_too_large',
      `The request body is larger than this server accepts (${formatBytes(maxBytes)}); send less (e.g. fewer or smaller images)`,
      { metadata: { max_bytes: maxBytes } },
    ),
    closeConnection: true,
  };
}

function rejected(error: OpenRouterError): BodyResult {
  return { ok: false, rejection: error, closeConnection: false };
}

/** Reads the raw bytes, counting what actually arrives (with or without Content-Length). */
function readBytes(
  request: IncomingMessage,
  limits: BodyLimits,
): Promise<{ ok: true; bytes: Buffer } | ({ ok: false } & BodyFailure)> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let received = 0;
    let settled = false;
    const finish = (result: { ok: true; bytes: Buffer } | ({ ok: false } & BodyFailure)): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      request.off('data', onData);
      request.off('end', onEnd);
      request.off('error', onError);
      request.off('close', onClose);
      if (!result.ok) {
        // Stop reading: the response says `Connection: close` and the rest is never buffered.
        request.pause();
        chunks.length = 0;
      }
      resolve(result);
    };
    const onData = (chunk: Buffer): void => {
      received += chunk.length;
      if (received > limits.maxBytes) finish(tooLarge(limits.maxBytes) as { ok: false } & BodyFailure);
      else chunks.push(chunk);
    };
    const onEnd = (): void => finish({ ok: true, bytes: Buffer.concat(chunks, received) });
    const onError = (): void => finish({ ok: false, clientGone: true });
    const onClose = (): void => {
      if (!request.complete) finish({ ok: false, clientGone: true });
    };
    const timer = setTimeout(() => {
      finish({
        ok: false,
        rejection: gatewayRejection(
          408,
          'body_timeout',
          `The request body did not arrive within ${limits.timeoutMs} ms (${received} bytes received); send it without pauses`,
        ),
        closeConnection: true,
      });
    }, limits.timeoutMs);
    request.on('data', onData);
    request.on('end', onEnd);
    request.on('error', onError);
    request.on('close', onClose);
    request.resume();
  });
}

function parseBody(text: string, bytes: number): BodyResult {
  if (text.trim() === '') {
    return rejected(gatewayRejection(400, 'invalid_body', 'The request body is empty; send a JSON object'));
  }
  let body: unknown;
  try {
    body = parseJson(text, { what: 'the request body' });
  } catch (error) {
    if (ResponseParseError.isInstance(error)) {
      return rejected(gatewayRejection(400, 'invalid_json', `${error.message}. Send valid JSON.`));
    }
    throw error;
  }
  const problem = inspectJsonBody(body);
  return problem ? rejected(problem) : { ok: true, body: body as Record<string, unknown>, bytes };
}

/**
 * Reads, size-limits, times and parses a JSON request body. Accepts a body another middleware
 * already parsed (`express.json()` etc.; its own limit applied then) and checks it the same way.
 */
export async function readJsonBody(
  request: IncomingMessage & { body?: unknown },
  limits: BodyLimits,
): Promise<BodyResult> {
  const contentType = request.headers['content-type'] ?? '';
  if (!jsonType.test(contentType)) {
    return rejected(
      gatewayRejection(
        415,
        'unsupported_media_type',
        'Send the request body as JSON with `Content-Type: application/json`',
      ),
    );
  }
  const encoding = request.headers['content-encoding'];
  if (encoding !== undefined && encoding.toLowerCase() !== 'identity') {
    return rejected(
      gatewayRejection(
        415,
        'unsupported_media_type',
        `Compressed request bodies (${encoding}) are not accepted; send plain JSON`,
      ),
    );
  }
  if (request.readableEnded || request.body !== undefined) {
    const parsed = request.body;
    if (Buffer.isBuffer(parsed)) return decodeAndParse(parsed, limits);
    if (typeof parsed === 'string') return parseBody(parsed, Buffer.byteLength(parsed));
    if (parsed === undefined) {
      return rejected(
        gatewayRejection(400, 'invalid_body', 'The request body was already consumed by another middleware'),
      );
    }
    const problem = inspectJsonBody(parsed);
    return problem ? rejected(problem) : { ok: true, body: parsed as Record<string, unknown>, bytes: 0 };
  }
  const declared = Number(request.headers['content-length']);
  if (Number.isFinite(declared) && declared > limits.maxBytes) {
    request.pause();
    return tooLarge(limits.maxBytes);
  }
  const read = await readBytes(request, limits);
  if (!read.ok) return read;
  return decodeAndParse(read.bytes, limits);
}

function decodeAndParse(bytes: Buffer, limits: BodyLimits): BodyResult {
  if (bytes.length > limits.maxBytes) return tooLarge(limits.maxBytes);
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    return rejected(
      gatewayRejection(400, 'invalid_body', 'The request body is not valid UTF-8; send UTF-8 encoded JSON'),
    );
  }
  return parseBody(text, bytes.length);
}
