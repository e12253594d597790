import {
  type ChatResult,
  type ChatStreamEvent,
  createChatEventDecoder,
  createChatStream,
  createSseDecoder,
  decodeSse,
  OpenRouterError,
  ResponseParseError,
} from '@openrouter-adapters/core';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { recordResults } from '../harness/results';
import { suiteSeed } from '../harness/seeded-random';
import { chatStreamCase, frameChatStream } from './chat-stream-arbitrary';
import { chunkingFor, type DecodedItem, splitBytes, sseStreamCase, streamOf } from './sse-stream-arbitrary';

const figures: Record<string, unknown> = {};
const runs = { sse: 1_500, sseStream: 300, chat: 400, arbitrary: 2_000, arbitraryStream: 300 };

afterAll(() => {
  recordResults('decoder-fuzz', { seed: suiteSeed, runsPerProperty: runs, ...figures });
});

function decodeAll(pieces: readonly Uint8Array[], maxEventBytes?: number): DecodedItem[] {
  const items: DecodedItem[] = [];
  const decoder = createSseDecoder({
    ...(maxEventBytes ? { maxEventBytes } : {}),
    onEvent: (event) => items.push({ type: 'event', ...event }),
    onComment: (text) => items.push({ type: 'comment', text }),
  });
  for (const piece of pieces) decoder.feed(piece);
  decoder.end();
  return items;
}

function resultOf(pieces: readonly Uint8Array[]): {
  result: ChatResult | undefined;
  events: ChatStreamEvent[];
} {
  const events: ChatStreamEvent[] = [];
  const decoder = createChatEventDecoder({ onEvent: (event) => events.push(event) });
  for (const piece of pieces) decoder.feed(piece);
  decoder.end();
  const terminal = events.at(-1);
  return { result: terminal?.type === 'end' ? terminal.result : undefined, events };
}

/** A bound for anything asynchronous: a hang fails the property instead of the whole suite. */
function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise.finally(() => clearTimeout(timer)),
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what} did not finish within ${ms} ms (hang)`)), ms);
    }),
  ]);
}

describe('SSE decoder: valid streams decode identically under any chunking', () => {
  it('push decoder: any chunking, CR/LF/CRLF/mixed, BOM, comments anywhere, multi-byte text', () => {
    let bytes = 0;
    fc.assert(
      fc.property(
        sseStreamCase.chain((stream) => fc.tuple(fc.constant(stream), chunkingFor(stream.bytes.length))),
        ([stream, cuts]) => {
          bytes += stream.bytes.length;
          expect(decodeAll(splitBytes(stream.bytes, cuts))).toEqual(stream.expected);
        },
      ),
      { seed: suiteSeed, numRuns: runs.sse },
    );
    figures.sseBytesDecoded = bytes;
  });

  it('async iterator over a ReadableStream gives the same events', async () => {
    await fc.assert(
      fc.asyncProperty(
        sseStreamCase.chain((stream) => fc.tuple(fc.constant(stream), chunkingFor(stream.bytes.length))),
        async ([stream, cuts]) => {
          const items: DecodedItem[] = [];
          const iterate = async (): Promise<void> => {
            for await (const message of decodeSse(streamOf(splitBytes(stream.bytes, cuts)))) {
              if (message.type === 'comment') items.push({ type: 'comment', text: message.comment });
              else {
                const { type: _type, ...event } = message;
                items.push({ type: 'event', ...event });
              }
            }
          };
          await within(iterate(), 2_000, 'decodeSse');
          expect(items).toEqual(stream.expected);
        },
      ),
      { seed: suiteSeed + 1, numRuns: runs.sseStream },
    );
  });
});

describe('chat stream decoder: identical accumulated results under any framing and chunking', () => {
  it('text, reasoning, interleaved tool-call fragments, finish, usage: same result for every framing', () => {
    fc.assert(
      fc.property(
        chatStreamCase.chain((chat) =>
          fc.tuple(
            fc.constant(chat),
            fc.constantFrom<'\n' | '\r' | '\r\n'>('\n', '\r', '\r\n'),
            fc.uniqueArray(fc.nat({ max: chat.chunks.length - 1 }), { maxLength: 6 }),
            fc.boolean(),
            fc.array(fc.nat(), { maxLength: 40 }),
          ),
        ),
        ([chat, lineEnd, comments, compactSpace, rawCuts]) => {
          const reference = resultOf([
            frameChatStream(chat.chunks, { lineEnd: '\n', commentsAfter: new Set(), compactSpace: false }),
          ]);
          const bytes = frameChatStream(chat.chunks, {
            lineEnd,
            commentsAfter: new Set(comments),
            compactSpace,
          });
          const cuts = [...new Set(rawCuts.map((cut) => 1 + (cut % Math.max(1, bytes.length - 1))))].sort(
            (a, b) => a - b,
          );
          const { result, events } = resultOf(splitBytes(bytes, cuts));
          expect(events.at(-1)?.type).toBe('end');
          expect(events.filter((event) => event.type === 'ping').length).toBe(1 + comments.length);
          // Independent oracle: what the generator put in.
          expect(result?.text).toBe(chat.expectedText);
          expect(result?.reasoning).toBe(chat.expectedReasoning);
          expect(
            result?.toolCalls.map(({ id, name, arguments: args }) => ({ id, name, arguments: args })),
          ).toEqual(chat.expectedToolCalls);
          expect(result?.usage?.inputTokens).toBe(chat.promptTokens);
          expect(result?.usage?.outputTokens).toBe(chat.completionTokens);
          // And the same result as the canonical framing, field for field.
          expect(JSON.stringify(result)).toBe(JSON.stringify(reference.result));
        },
      ),
      { seed: suiteSeed + 2, numRuns: runs.chat },
    );
  });
});

/** Random bytes biased towards SSE syntax, so the fuzzer reaches deep decoder states. */
const hostileBytes: fc.Arbitrary<Uint8Array> = fc.oneof(
  fc.uint8Array({ maxLength: 3_000 }),
  fc
    .array(
      fc.oneof(
        fc.constantFrom(
          'data:',
          'data: ',
          ':',
          'event:',
          'id:',
          'retry:',
          '\r',
          '\n',
          '\r\n',
          '\n\n',
          '{',
          '}',
          '"',
          '[DONE]',
          '{"choices":[',
          '{"error":{"code":502}}',
          '\uFEFF',
          'é',
          '🎉',
        ),
        fc.string({ unit: 'binary', maxLength: 40 }),
      ),
      { maxLength: 120 },
    )
    .map((parts) => new TextEncoder().encode(parts.join(''))),
  fc.uint8Array({ maxLength: 400 }).map((bytes) => {
    // A long line without a line end: only the event-size limit stops it.
    const long = new Uint8Array(bytes.length * 8);
    for (let index = 0; index < long.length; index++)
      long[index] = bytes[index % Math.max(1, bytes.length)] === 10 ? 120 : 97;
    return long;
  }),
);

describe('decoders under arbitrary bytes: only typed errors, no hang, bounded memory', () => {
  it('SSE push decoder: completes or throws ResponseParseError(event-too-large); no event exceeds maxEventBytes', () => {
    let thrown = 0;
    fc.assert(
      fc.property(
        hostileBytes.chain((bytes) =>
          fc.tuple(fc.constant(bytes), chunkingFor(bytes.length), fc.integer({ min: 16, max: 2_048 })),
        ),
        ([bytes, cuts, maxEventBytes]) => {
          const encoder = new TextEncoder();
          try {
            const items = decodeAll(splitBytes(bytes, cuts), maxEventBytes);
            for (const item of items) {
              // Bytes of the event's data (exact when the input was valid UTF-8: no replacement characters).
              if (item.type === 'event' && !item.data.includes('\uFFFD'))
                expect(
                  encoder.encode(item.data).length,
                  'event larger than maxEventBytes',
                ).toBeLessThanOrEqual(maxEventBytes);
            }
          } catch (error) {
            if (!ResponseParseError.isInstance(error)) throw error;
            thrown += 1;
            expect(ResponseParseError.isInstance(error), String(error)).toBe(true);
            expect((error as ResponseParseError).kind).toBe('event-too-large');
            // It only gives up on input that can exceed the limit: decoded, an invalid byte becomes U+FFFD
            // (3 bytes in UTF-8), so the event's size is at most 3 × the raw bytes.
            expect(bytes.length * 3).toBeGreaterThan(maxEventBytes);
          }
        },
      ),
      { seed: suiteSeed + 3, numRuns: runs.arbitrary },
    );
    figures.arbitraryInputsRejectedAsTooLarge = thrown;
  });

  it('chat event decoder: never throws; ends with one terminal end or typed OpenRouterError event', () => {
    const errorKinds = new Map<string, number>();
    fc.assert(
      fc.property(
        hostileBytes.chain((bytes) => fc.tuple(fc.constant(bytes), chunkingFor(bytes.length))),
        ([bytes, cuts]) => {
          const events: ChatStreamEvent[] = [];
          const decoder = createChatEventDecoder({
            maxEventBytes: 1_024,
            onEvent: (event) => events.push(event),
          });
          for (const piece of splitBytes(bytes, cuts)) decoder.feed(piece);
          decoder.end();
          const terminals = events.filter((event) => event.type === 'end' || event.type === 'error');
          expect(terminals).toHaveLength(1);
          expect(events.at(-1)).toBe(terminals[0]);
          const terminal = terminals[0] as ChatStreamEvent;
          if (terminal.type === 'error') {
            expect(OpenRouterError.isInstance(terminal.error)).toBe(true);
            errorKinds.set(terminal.error.name, (errorKinds.get(terminal.error.name) ?? 0) + 1);
          }
        },
      ),
      { seed: suiteSeed + 4, numRuns: runs.arbitrary },
    );
    figures.arbitraryChatTerminalErrors = Object.fromEntries(errorKinds);
  });

  it('chat stream over a network body of arbitrary bytes: always settles, never hangs', async () => {
    await fc.assert(
      fc.asyncProperty(
        hostileBytes.chain((bytes) => fc.tuple(fc.constant(bytes), chunkingFor(bytes.length))),
        async ([bytes, cuts]) => {
          const response = new Response(streamOf(splitBytes(bytes, cuts)), {
            headers: { 'content-type': 'text/event-stream' },
          });
          const stream = createChatStream(
            response,
            {
              status: 200,
              headers: { 'content-type': 'text/event-stream' },
              generationId: undefined,
              url: 'http://fuzz.invalid',
              attempts: 1,
            },
            { idleTimeoutMs: 1_000, maxEventBytes: 1_024 },
          );
          const outcome = await within(
            stream.result().then(
              () => 'end',
              (error: unknown) => {
                expect(OpenRouterError.isInstance(error), String(error)).toBe(true);
                return 'error';
              },
            ),
            3_000,
            'createChatStream',
          );
          expect(['end', 'error']).toContain(outcome);
        },
      ),
      { seed: suiteSeed + 5, numRuns: runs.arbitraryStream },
    );
  });

  it('an event of multi-byte characters is measured in bytes: over maxEventBytes is rejected', () => {
    for (const [label, character] of [
      ['2-byte', 'é'],
      ['3-byte', '日'],
      ['4-byte', '🎉'],
    ] as const) {
      const data = character.repeat(40); // 80, 120 or 160 bytes
      const bytes = new TextEncoder().encode(`data: ${data}\n\n`);
      let delivered: string | undefined;
      let error: unknown;
      try {
        const decoder = createSseDecoder({ maxEventBytes: 64, onEvent: (event) => (delivered = event.data) });
        decoder.feed(bytes);
        decoder.end();
      } catch (caught) {
        error = caught;
      }
      expect(
        delivered === undefined && ResponseParseError.isInstance(error),
        `${label}: a ${new TextEncoder().encode(data).length}-byte event passed maxEventBytes: 64`,
      ).toBe(true);
    }
  });

  it('an endless line or endless event is cut at maxEventBytes: memory stays bounded', () => {
    const maxEventBytes = 1024 * 1024;
    const piece = new TextEncoder().encode('a'.repeat(64 * 1024));
    const line = `data: ${'x'.repeat(56)}\n`;
    const lines = new TextEncoder().encode(line.repeat(1_000));
    const measurements: Record<string, unknown> = {};
    // The limit counts the event (field values plus line ends), not field names: `raw / counted` bytes of input per event byte.
    for (const [label, first, chunk, inputPerEventByte] of [
      ['endless line', new TextEncoder().encode('data: '), piece, 1],
      [
        'endless event (many data lines, no blank line)',
        new Uint8Array(0),
        lines,
        line.length / (line.length - 'data: '.length),
      ],
    ] as const) {
      globalThis.gc?.();
      const before = process.memoryUsage();
      const decoder = createSseDecoder({ maxEventBytes, onEvent: () => {} });
      decoder.feed(first);
      let fed = first.length;
      let error: unknown;
      // Up to 64 MiB of input; the decoder must give up right after 1 MiB.
      for (let round = 0; round < 1_024 && error === undefined; round++) {
        try {
          decoder.feed(chunk);
          fed += chunk.length;
        } catch (caught) {
          error = caught;
        }
      }
      globalThis.gc?.();
      const after = process.memoryUsage();
      const growthBytes = after.heapUsed + after.arrayBuffers - (before.heapUsed + before.arrayBuffers);
      measurements[label] = { fedBytes: fed, memoryGrowthBytes: growthBytes };
      expect(ResponseParseError.isInstance(error) && (error as ResponseParseError).kind).toBe(
        'event-too-large',
      );
      expect(fed).toBeLessThanOrEqual(
        Math.ceil(maxEventBytes * inputPerEventByte) + chunk.length + first.length,
      );
      expect(growthBytes).toBeLessThan(8 * 1024 * 1024);
    }
    figures.maxEventBytesLimit = measurements;
  });

  it('50 MB of valid events through decodeSse keeps memory flat (no whole-body buffering)', {
    timeout: 60_000,
  }, async () => {
    const event = new TextEncoder().encode(
      `data: ${JSON.stringify({ choices: [{ delta: { content: 'x'.repeat(400) } }] })}\n\n`,
    );
    const perPiece = 64;
    const piece = new Uint8Array(event.length * perPiece);
    for (let index = 0; index < perPiece; index++) piece.set(event, index * event.length);
    const totalBytes = 50 * 1024 * 1024;
    const pieces = Math.ceil(totalBytes / piece.length);
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent++ >= pieces) controller.close();
        else controller.enqueue(piece.slice());
      },
    });
    globalThis.gc?.();
    const before = process.memoryUsage();
    let peak = 0;
    let events = 0;
    for await (const message of decodeSse(body)) {
      if (message.type === 'event') events += 1;
      if (events % 20_000 === 0) {
        // Collect garbage first: only what the decoder still holds counts.
        globalThis.gc?.();
        const now = process.memoryUsage();
        peak = Math.max(peak, now.heapUsed + now.arrayBuffers - (before.heapUsed + before.arrayBuffers));
      }
    }
    figures.fiftyMegabyteStream = { events, peakMemoryGrowthBytes: peak };
    expect(events).toBe(pieces * perPiece);
    expect(peak).toBeLessThan(16 * 1024 * 1024);
  });
});
