import { describe, expect, it } from 'vitest';
import { AbortError } from '../errors/abort-error';
import { ConnectionError } from '../errors/connection-error';
import { ResponseParseError } from '../errors/response-parse-error';
import { decodeSse, type SseMessage } from './decode-sse';

const encoder = new TextEncoder();

/** A stream of the given pieces that records whether (and why) it was cancelled. */
function readableOf(pieces: readonly string[], options: { failAfter?: number; endless?: boolean } = {}) {
  const state = { cancelled: false, reason: undefined as unknown, pulls: 0 };
  const readable = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        const index = state.pulls++;
        if (options.failAfter !== undefined && index >= options.failAfter) {
          controller.error(new TypeError('socket hang up'));
          return;
        }
        const piece = pieces[index];
        if (piece !== undefined) controller.enqueue(encoder.encode(piece));
        else if (options.endless) controller.enqueue(encoder.encode(': keep-alive\n\n'));
        else controller.close();
      },
      cancel(reason) {
        state.cancelled = true;
        state.reason = reason;
      },
    },
    { highWaterMark: 0 },
  );
  return { readable, state };
}

async function collect(iterable: AsyncIterable<SseMessage>): Promise<SseMessage[]> {
  const messages: SseMessage[] = [];
  for await (const message of iterable) messages.push(message);
  return messages;
}

describe('decodeSse', () => {
  it('yields events and comments across chunk boundaries, and the last event without a blank line', async () => {
    const { readable, state } = readableOf([
      ': hi\n',
      'event: a\nda',
      'ta: 1\n\nid: 7\ndata: 2\n\ndata: tail',
    ]);
    expect(await collect(decodeSse(readable))).toEqual([
      { type: 'comment', comment: 'hi' },
      { type: 'event', data: '1', event: 'a' },
      { type: 'event', data: '2', id: '7' },
      { type: 'event', data: 'tail' },
    ]);
    expect(state.cancelled).toBe(false);
  });

  it('cancels the stream when the consumer stops early', async () => {
    const { readable, state } = readableOf(['data: 1\n\n', 'data: 2\n\n'], { endless: true });
    for await (const message of decodeSse(readable)) {
      expect(message).toEqual({ type: 'event', data: '1' });
      break;
    }
    expect(state.cancelled).toBe(true);
  });

  it('turns a read failure into ConnectionError', async () => {
    const { readable } = readableOf(['data: 1\n\n'], { failAfter: 1 });
    const seen: SseMessage[] = [];
    await expect(async () => {
      for await (const message of decodeSse(readable)) seen.push(message);
    }).rejects.toSatisfy(
      (error) => ConnectionError.isInstance(error) && /socket hang up/.test(String(error)),
    );
    expect(seen).toEqual([{ type: 'event', data: '1' }]);
  });

  it('throws event-too-large and cancels the stream', async () => {
    const { readable, state } = readableOf([`data: ${'x'.repeat(100)}`], { endless: true });
    await expect(collect(decodeSse(readable, { maxEventBytes: 50 }))).rejects.toSatisfy(
      (error) => ResponseParseError.isInstance(error) && error.kind === 'event-too-large',
    );
    expect(state.cancelled).toBe(true);
  });

  it('stops with AbortError when the signal aborts, before or during reading', async () => {
    const before = readableOf(['data: 1\n\n']);
    await expect(collect(decodeSse(before.readable, { signal: AbortSignal.abort() }))).rejects.toSatisfy(
      AbortError.isInstance,
    );
    expect(before.state.cancelled).toBe(true);

    const controller = new AbortController();
    const during = readableOf([], { endless: true });
    let count = 0;
    await expect(async () => {
      for await (const _message of decodeSse(during.readable, { signal: controller.signal })) {
        if (++count === 3) controller.abort(new Error('stop'));
      }
    }).rejects.toSatisfy(AbortError.isInstance);
    expect(during.state.cancelled).toBe(true);
  });
});
