import type { IncomingMessage, ServerResponse } from 'node:http';

/** A 1x1 PNG. */
export const TINY_PNG_BASE64 =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';

/**
 * The emulator has no image-output models, so image generation is tested against this minimal
 * OpenRouter-shaped upstream (chat completions answering with `images`, streamed or not), served
 * over loopback HTTP by the global setup. It records the bodies it received.
 */
export function createImageUpstream(): {
  handle: (request: IncomingMessage, response: ServerResponse) => void;
  bodies: unknown[];
} {
  const bodies: unknown[] = [];
  let counter = 0;
  const handle = (request: IncomingMessage, response: ServerResponse): void => {
    let text = '';
    request.setEncoding('utf8');
    request.on('data', (piece: string) => {
      text += piece;
    });
    request.on('end', () => {
      const body = JSON.parse(text) as { model: string; stream?: boolean };
      bodies.push(body);
      const id = `gen-image-${++counter}`;
      const base = { id, created: 1_770_000_000, model: body.model, provider: 'Google' };
      const image = { type: 'image_url', image_url: { url: `data:image/png;base64,${TINY_PNG_BASE64}` } };
      const usage = {
        prompt_tokens: 10,
        completion_tokens: 1290,
        total_tokens: 1300,
        cost: 0.039,
        is_byok: false,
      };
      if (body.stream !== true) {
        response.writeHead(200, { 'content-type': 'application/json', 'x-generation-id': id });
        response.end(
          JSON.stringify({
            ...base,
            object: 'chat.completion',
            choices: [
              {
                index: 0,
                message: { role: 'assistant', content: 'Here is your image.', images: [image] },
                finish_reason: 'stop',
                native_finish_reason: 'STOP',
              },
            ],
            usage,
          }),
        );
        return;
      }
      const chunk = (choices: unknown[], extra: Record<string, unknown> = {}): string =>
        `data: ${JSON.stringify({ ...base, object: 'chat.completion.chunk', choices, ...extra })}\n\n`;
      response.writeHead(200, { 'content-type': 'text/event-stream', 'x-generation-id': id });
      response.end(
        chunk([
          { index: 0, delta: { role: 'assistant', content: 'Here is your image.' }, finish_reason: null },
        ]) +
          chunk([{ index: 0, delta: { role: 'assistant', images: [image] }, finish_reason: null }]) +
          chunk([{ index: 0, delta: {}, finish_reason: 'stop', native_finish_reason: 'STOP' }]) +
          chunk([], { usage }) +
          'data: [DONE]\n\n',
      );
    });
  };
  return { handle, bodies };
}
