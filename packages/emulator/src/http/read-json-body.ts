import { parseJson } from '@openrouter-adapters/core';
import type { HandlerContext, RequestBody } from '../server/emulator-context';
import { badRequest, EmulatorHttpError } from './emulator-http-error';

/** Parses a received body once (via core's `parseJson`), keeping the error for handlers that need JSON. */
export function parseRequestBody(text: string): RequestBody {
  if (text.trim() === '') return { kind: 'text', text, json: { ok: false, error: 'the body is empty' } };
  try {
    return { kind: 'text', text, json: { ok: true, value: parseJson(text) } };
  } catch (error) {
    return {
      kind: 'text',
      text,
      json: { ok: false, error: error instanceof Error ? error.message : String(error) },
    };
  }
}

/** The request's JSON body; a 400 when it is missing or not JSON, a 413 when it was too large. */
export function readJsonBody(context: HandlerContext): unknown {
  const body = context.body;
  const limit = context.emulator.options.maxBodyBytes;
  if (body.kind === 'too-large') {
    throw new EmulatorHttpError(413, `Request payload too large: ${body.bytes} bytes (limit ${limit})`, {
      metadata: { error_type: 'payload_too_large' },
    });
  }
  if (body.kind === 'none' || body.text.trim() === '')
    throw badRequest('Request body is empty: expected a JSON object');
  if (!body.json.ok) throw badRequest(`Request body is not valid JSON: ${body.json.error}`);
  return body.json.value;
}
