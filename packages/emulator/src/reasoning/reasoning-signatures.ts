import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** Per-process secret: signatures from one emulator verify in every emulator of the same process. */
const SECRET = randomBytes(32);

function mac(kind: string, payload: string): Buffer {
  return createHmac('sha256', SECRET).update(kind).update('\0').update(payload).digest();
}

/** Anthropic-style signature over the reasoning text (base64, opaque to clients). */
export function signReasoningText(text: string): string {
  return Buffer.concat([Buffer.from([0x12, 0x01]), mac('reasoning.text', text)]).toString('base64');
}

export function verifyReasoningText(text: string, signature: string): boolean {
  const bytes = Buffer.from(signature, 'base64');
  if (bytes.length !== 34 || bytes[0] !== 0x12 || bytes[1] !== 0x01) return false;
  return timingSafeEqual(bytes.subarray(2), mac('reasoning.text', text));
}

/** An opaque encrypted reasoning blob bound to an id (Gemini thought signature, OpenAI encrypted content). */
export function createEncryptedReasoning(kind: string, id: string, seed: string): string {
  const body = Buffer.from(`${id}\0${seed}`, 'utf8');
  const tag = mac(`${kind}:${id}`, body.toString('base64'));
  return Buffer.concat([
    Buffer.from([0x0a, body.length & 0xff, (body.length >> 8) & 0xff]),
    body,
    tag,
  ]).toString('base64');
}

/** True when `data` is a blob this process issued for `kind` and `id`. */
export function verifyEncryptedReasoning(kind: string, id: string, data: string): boolean {
  const bytes = Buffer.from(data, 'base64');
  if (bytes.length < 3 + 32 || bytes[0] !== 0x0a) return false;
  const length = (bytes[1] as number) | ((bytes[2] as number) << 8);
  if (bytes.length !== 3 + length + 32) return false;
  const body = bytes.subarray(3, 3 + length);
  if (!body.toString('utf8').startsWith(`${id}\0`)) return false;
  return timingSafeEqual(bytes.subarray(3 + length), mac(`${kind}:${id}`, body.toString('base64')));
}
