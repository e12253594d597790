import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ResponseParseError } from '../errors/response-parse-error';
import { loadFixture } from '../test-utils/load-fixture';
import { expectSameForEverySplit, splitAt } from '../test-utils/resplit';
import { createSseDecoder, type SseEvent } from './create-sse-decoder';

type Output = { events: SseEvent[]; comments: string[]; retries: number[] };

const encoder = new TextEncoder();

function decode(pieces: readonly Uint8Array[], maxEventBytes?: number): Output {
  const output: Output = { events: [], comments: [], retries: [] };
  const decoder = createSseDecoder({
    maxEventBytes,
    onEvent: (event) => output.events.push(event),
    onComment: (comment) => output.comments.push(comment),
    onRetry: (retry) => output.retries.push(retry),
  });
  for (const piece of pieces) decoder.feed(piece);
  decoder.end();
  return output;
}

const bytesOf = (text: string): Uint8Array => encoder.encode(text);

describe('createSseDecoder', () => {
  const fieldsExpected: Output = {
    events: [
      { data: '{"a":\n 1}', event: 'message', id: '1' },
      { data: '' },
      { data: 'no-space' },
      { data: 'line one\nline two\n\nline four', event: 'custom' },
      { data: 'x' },
      { data: 'after-bad-retry' },
      { data: 'ünïcödé 日本 🎉' },
      { data: 'trailing-without-blank-line' },
    ],
    comments: ['welcome', 'keep-alive'],
    retries: [2500],
  };

  for (const name of ['fields.sse', 'fields-crlf.sse', 'fields-cr.sse']) {
    it(`decodes every field rule of ${name} identically at every byte boundary`, () => {
      const output = expectSameForEverySplit(loadFixture('sse', name), (pieces) => decode(pieces));
      expect(output).toEqual(fieldsExpected);
    });
  }

  it('treats CR at the end of one chunk and LF at the start of the next as one line end', () => {
    const output = decode([bytesOf('data: a\r'), bytesOf('\ndata: b\r'), bytesOf('\n\r'), bytesOf('\n')]);
    expect(output.events).toEqual([{ data: 'a\nb' }]);
  });

  it('keeps a CR-terminated line separate from a following empty chunk', () => {
    const output = decode([bytesOf('data: a\r'), new Uint8Array(0), bytesOf('\r')]);
    expect(output.events).toEqual([{ data: 'a' }]);
  });

  it('strips a BOM split across chunks, only at the start of the stream', () => {
    const bom = [0xef, 0xbb, 0xbf];
    const output = decode([
      new Uint8Array([bom[0] as number]),
      new Uint8Array([bom[1] as number]),
      new Uint8Array([bom[2] as number, ...bytesOf('data: x\n\n')]),
      bytesOf('data: \ufeffkept\n\n'),
    ]);
    expect(output.events).toEqual([{ data: 'x' }, { data: '\ufeffkept' }]);
  });

  it('joins UTF-8 sequences split inside a character', () => {
    const bytes = bytesOf('data: 🎉é日\n\n');
    const pieces = Array.from(bytes, (byte) => new Uint8Array([byte]));
    expect(decode(pieces).events).toEqual([{ data: '🎉é日' }]);
  });

  it('ignores unknown fields and field names that only start like known ones', () => {
    const output = decode([bytesOf('datum: no\nevents: no\nidentifier: no\ndata: yes\nretryx: 5\n\n')]);
    expect(output).toEqual({ events: [{ data: 'yes' }], comments: [], retries: [] });
  });

  it('does not dispatch events without data and resets event type and id after dispatch', () => {
    const output = decode([bytesOf('event: a\nid: 1\n\ndata: b\n\n')]);
    expect(output.events).toEqual([{ data: 'b' }]);
  });

  it('can be reused after end() and reset()', () => {
    const events: string[] = [];
    const decoder = createSseDecoder({ onEvent: (event) => events.push(event.data) });
    decoder.feed(bytesOf('data: one'));
    decoder.end();
    decoder.feed(bytesOf('\ufeffdata: two\n\ndata: dropped'));
    decoder.reset();
    decoder.feed(bytesOf('data: three\n\n'));
    expect(events).toEqual(['one', 'two', 'three']);
  });

  describe('maxEventBytes', () => {
    it('fails with event-too-large when one event exceeds it, and stays failed until reset', () => {
      const events: string[] = [];
      const decoder = createSseDecoder({ maxEventBytes: 32, onEvent: (event) => events.push(event.data) });
      decoder.feed(bytesOf('data: small\n\n'));
      const attempt = (): void => decoder.feed(bytesOf(`data: ${'x'.repeat(20)}\ndata: ${'y'.repeat(20)}\n`));
      expect(attempt).toThrow(ResponseParseError);
      try {
        attempt();
      } catch (error) {
        expect(ResponseParseError.isInstance(error) && error.kind).toBe('event-too-large');
        expect((error as Error).message).toContain('32 bytes');
      }
      expect(() => decoder.feed(bytesOf('data: more\n\n'))).toThrow(ResponseParseError);
      decoder.reset();
      decoder.feed(bytesOf('data: after reset\n\n'));
      expect(events).toEqual(['small', 'after reset']);
    });

    it('fails on an unfinished line before buffering it (no unbounded growth)', () => {
      const decoder = createSseDecoder({ maxEventBytes: 1024, onEvent: () => {} });
      const piece = bytesOf('a'.repeat(600));
      decoder.feed(bytesOf('data: '));
      decoder.feed(piece);
      expect(() => decoder.feed(piece)).toThrow(/maximum size of 1024 bytes/);
    });

    it('counts UTF-8 bytes, not characters (multi-byte text, in one piece or split)', () => {
      const bytes = bytesOf(`data: ${'𐀀'.repeat(6)}\n\n`); // 24 bytes of data in 12 UTF-16 code units
      expect(() => decode([bytes], 16)).toThrow(/maximum size of 16 bytes/);
      expect(() => decode([bytes], 24)).toThrow(ResponseParseError);
      expect(decode([bytes], 25).events).toEqual([{ data: '𐀀'.repeat(6) }]);
      for (const text of ['é'.repeat(40), '日'.repeat(40), '🎉'.repeat(40)]) {
        const line = bytesOf(`data: ${text}\n\n`);
        expect(() => decode([line], 64)).toThrow(ResponseParseError);
        expect(() =>
          decode(
            Array.from(line, (byte) => new Uint8Array([byte])),
            64,
          ),
        ).toThrow(ResponseParseError);
        expect(decode([line], encoder.encode(text).length + 1).events).toEqual([{ data: text }]);
      }
    });

    it('counts an unfinished multi-byte line in bytes before keeping it', () => {
      const decoder = createSseDecoder({ maxEventBytes: 100, onEvent: () => {} });
      decoder.feed(bytesOf(`data: ${'日'.repeat(30)}`)); // 90 bytes
      expect(() => decoder.feed(bytesOf('日'.repeat(4)))).toThrow(ResponseParseError);
    });

    it('applies per event, not per stream', () => {
      const line = `data: ${'z'.repeat(50)}\n\n`;
      const output = decode([bytesOf(line.repeat(100))], 64);
      expect(output.events).toHaveLength(100);
    });

    it('defaults to 16 MiB', () => {
      const decoder = createSseDecoder({ onEvent: () => {} });
      const mebibyte = new Uint8Array(1024 * 1024).fill(97);
      decoder.feed(bytesOf('data: '));
      for (let index = 0; index < 15; index++) decoder.feed(mebibyte);
      expect(() => decoder.feed(mebibyte)).toThrow(ResponseParseError);
    });
  });

  describe('properties', () => {
    const lineEnds = ['\n', '\r', '\r\n'] as const;
    // Values may hold any character except line breaks; they must not start with a space (it is stripped).
    const value = fc
      .string({ unit: 'grapheme', maxLength: 40 })
      .map((text) => text.replace(/[\r\n]/g, '').replace(/^ +/, ''));
    const sseEvent = fc.record({
      lines: fc.array(value, { minLength: 1, maxLength: 4 }),
      event: fc.option(
        value.filter((text) => text !== ''),
        { nil: undefined },
      ),
      comments: fc.array(value, { maxLength: 2 }),
      spaceAfterColon: fc.boolean(),
    });

    it('any chunking, line ending and comment placement gives the same events', () => {
      fc.assert(
        fc.property(
          fc.array(sseEvent, { maxLength: 12 }),
          fc.constantFrom(...lineEnds),
          fc.array(fc.integer({ min: 0, max: 10_000 }), { maxLength: 30 }),
          fc.boolean(),
          (events, lineEnd, rawCuts, withBom) => {
            let text = withBom ? '\ufeff' : '';
            for (const event of events) {
              for (const comment of event.comments) text += `:${comment}${lineEnd}`;
              if (event.event !== undefined) text += `event: ${event.event}${lineEnd}`;
              for (const line of event.lines)
                text += `data:${event.spaceAfterColon ? ' ' : ''}${line}${lineEnd}`;
              text += lineEnd;
            }
            const bytes = bytesOf(text);
            const cuts = [...new Set(rawCuts.map((cut) => cut % (bytes.length + 1)))].sort((a, b) => a - b);
            const output = decode(splitAt(bytes, cuts));
            expect(output.events).toEqual(
              events.map((event) =>
                event.event === undefined
                  ? { data: event.lines.join('\n') }
                  : { data: event.lines.join('\n'), event: event.event },
              ),
            );
            expect(output.comments).toEqual(events.flatMap((event) => event.comments));
          },
        ),
        { numRuns: 400 },
      );
    });

    it('arbitrary bytes split anywhere decode like the whole input (invalid UTF-8 included)', () => {
      fc.assert(
        fc.property(
          fc.array(fc.oneof(fc.uint8Array({ maxLength: 12 }), fc.constant(bytesOf('data: é日🎉\n\n'))), {
            maxLength: 30,
          }),
          fc.array(fc.integer({ min: 0, max: 400 }), { maxLength: 40 }),
          (parts, rawCuts) => {
            const whole = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
            let offset = 0;
            for (const part of parts) {
              whole.set(part, offset);
              offset += part.length;
            }
            const cuts = [...new Set(rawCuts.map((cut) => cut % (whole.length + 1)))].sort((a, b) => a - b);
            const pieces: Uint8Array[] = [];
            let start = 0;
            for (const cut of cuts) {
              pieces.push(whole.subarray(start, cut));
              start = cut;
            }
            pieces.push(whole.subarray(start));
            const reference = new TextDecoder('utf-8', { ignoreBOM: true }).decode(whole);
            const expected = decode([bytesOf(reference)]);
            expect(decode(pieces)).toEqual(expected);
          },
        ),
        { numRuns: 500 },
      );
    });

    it('arbitrary bytes only ever produce events or a typed error, and honour maxEventBytes', () => {
      fc.assert(
        fc.property(
          fc.array(fc.uint8Array({ maxLength: 200 }), { maxLength: 20 }),
          fc.integer({ min: 1, max: 300 }),
          (pieces, maxEventBytes) => {
            const events: SseEvent[] = [];
            const decoder = createSseDecoder({ maxEventBytes, onEvent: (event) => events.push(event) });
            try {
              for (const piece of pieces) decoder.feed(piece);
              decoder.end();
            } catch (error) {
              expect(ResponseParseError.isInstance(error) && error.kind).toBe('event-too-large');
              // It only gives up once more than the limit arrived.
              expect(pieces.reduce((sum, piece) => sum + piece.length, 0)).toBeGreaterThan(maxEventBytes);
            }
            for (const event of events) {
              // Exact in bytes for valid UTF-8; a U+FFFD (from invalid bytes) counts as one byte.
              const size = encoder.encode(event.data.replaceAll('\ufffd', '?')).length;
              expect(size).toBeLessThanOrEqual(maxEventBytes);
            }
          },
        ),
        { numRuns: 500 },
      );
    });
  });
});
