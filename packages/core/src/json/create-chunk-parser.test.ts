import { readdirSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ResponseParseError } from '../errors/response-parse-error';
import { createSseDecoder } from '../sse/create-sse-decoder';
import { loadFixture } from '../test-utils/load-fixture';
import { createChunkParser } from './create-chunk-parser';
import { parseJson } from './parse-json';

const head =
  '{"id":"gen-1760000000-abc","provider":"OpenAI","model":"openai/gpt-4o","object":"chat.completion.chunk","created":1760000000,"choices":[{"index":0,"delta":';
const tail = ',"finish_reason":null,"native_finish_reason":null,"logprobs":null}]}';
const chunkText = (delta: string): string => `${head}${delta}${tail}`;

/** What `parseJson` gives: the value, or the error's class, kind and message. */
function outcome(parse: (text: string) => unknown, text: string): unknown {
  try {
    return { value: parse(text) };
  } catch (error) {
    if (!ResponseParseError.isInstance(error)) throw error;
    return { error: error.name, kind: error.kind, message: error.message };
  }
}

/** Equal to `parseJson` on every payload: values (with key order and own properties), or errors. */
function expectSameAsParseJson(texts: readonly string[]): ReturnType<typeof createChunkParser> {
  const parser = createChunkParser({ what: 'a stream event' });
  for (const text of texts) {
    const actual = outcome((input) => parser.parse(input), text);
    const expected = outcome((input) => parseJson(input, { what: 'a stream event' }), text);
    expect(actual, text).toStrictEqual(expected);
    expect(JSON.stringify(actual), text).toBe(JSON.stringify(expected));
  }
  return parser;
}

describe('createChunkParser', () => {
  it('parses only the delta once the repeated envelope is learned, with the same result', () => {
    const texts = [
      chunkText('{"role":"assistant","content":""}'),
      chunkText('{"role":"assistant","content":"Hel"}'),
      chunkText('{"content":"lo 日本 🎉"}'),
      chunkText('{"reasoning_details":[{"type":"reasoning.text","text":"x","index":0}]}'),
      chunkText('{"tool_calls":[{"index":0,"function":{"arguments":"{\\"a\\": 1}"}}]}'),
      chunkText('{}'),
    ];
    const parser = expectSameAsParseJson(texts);
    expect(parser.learned).toBe(1);
    expect(parser.reused).toBe(texts.length - 1);
  });

  it('equals parseJson on every payload of every recorded stream fixture', () => {
    let reused = 0;
    for (const name of readdirSync(new URL('../stream/__fixtures__/', import.meta.url))) {
      const payloads: string[] = [];
      const decoder = createSseDecoder({ onEvent: (event) => payloads.push(event.data) });
      decoder.feed(loadFixture('stream', name));
      decoder.end();
      reused += expectSameAsParseJson(payloads.filter((data) => data !== '[DONE]')).reused;
    }
    expect(reused).toBeGreaterThan(300);
  });

  it('returns fresh objects: mutating one chunk changes no later chunk', () => {
    const parser = createChunkParser();
    parser.parse(chunkText('{"content":"a"}'));
    const second = parser.parse(chunkText('{"content":"b"}')) as {
      id: string;
      choices: { index: number; delta: unknown }[];
    };
    second.id = 'changed';
    second.choices[0]!.index = 7;
    second.choices.push({ index: 1, delta: {} });
    const third = parser.parse(chunkText('{"content":"c"}'));
    expect(third).toStrictEqual(JSON.parse(chunkText('{"content":"c"}')));
    expect(parser.reused).toBe(2);
  });

  it('parses other envelopes whole: finish, usage, errors, other ids', () => {
    const texts = [
      chunkText('{"content":"a"}'),
      chunkText('{"content":"b"}'),
      `${head}{"content":""},"finish_reason":"stop","native_finish_reason":"stop","logprobs":null}]}`,
      `${head}{"content":""},"finish_reason":null,"native_finish_reason":null}],"usage":{"prompt_tokens":3,"completion_tokens":2,"total_tokens":5}}`,
      chunkText('{"content":"c"}').replace('gen-1760000000-abc', 'gen-other'),
      `{"error":{"code":502,"message":"boom"},${head.slice(1)}{"content":""},"finish_reason":"error"}]}`,
    ];
    const parser = expectSameAsParseJson(texts);
    expect(parser.reused).toBe(1);
  });

  it('gives parseJson’s error for a payload that matches the envelope but holds invalid JSON', () => {
    expectSameAsParseJson([
      chunkText('{"content":"a"}'),
      chunkText('{"content":"a"'),
      chunkText('{"content":"a"}}'),
      chunkText(''),
      chunkText('\ufeff{"content":"a"}'),
      chunkText('{"content":"a\nb"}'),
    ]);
  });

  it('falls back to a whole parse when the text between envelope and suffix is not one value', () => {
    // Valid JSON as a whole, but the "delta" text is `{}` followed by more keys of the choice.
    expectSameAsParseJson([
      chunkText('{"content":"a"}'),
      chunkText('{}, "extra": 1'),
      chunkText('{"content":"b"},"delta":{"content":"overridden"}'),
      chunkText('{"content":"c"}'),
    ]);
  });

  it('accepts any JSON value as the delta once learned, like JSON.parse', () => {
    expectSameAsParseJson([
      chunkText('{"content":"a"}'),
      chunkText('"text"'),
      chunkText('12'),
      chunkText('null'),
      chunkText('[1,{"a":[]}]'),
      chunkText(' {"content":"spaced"} '),
      chunkText('-0.5e3'),
    ]);
  });

  it('learns no envelope it cannot prove, and stays equal to JSON.parse', () => {
    const cases = [
      // A duplicate `delta` key after the first: the last one wins in JSON.parse.
      `${head}{"content":"a"},"delta":{"content":"b"}}]}`,
      // Pretty-printed (not compact): the delta's end cannot be located.
      '{"id": "x", "choices": [{"index": 0, "delta": { "content": "a" }, "finish_reason": null}]}',
      // An object in the envelope (choice or root) would be shared between chunks.
      `${head}{"content":"a"},"logprobs":{"content":[]}}]}`,
      `${head}{"content":"a"},"finish_reason":null}],"usage":{"total_tokens":1}}`,
      // A `"delta":` key earlier than the choice's.
      `{"delta":1,"choices":[{"index":0,"delta":{"content":"a"}}]}`,
      // Two choices.
      '{"choices":[{"index":0,"delta":{"content":"a"}},{"index":1,"delta":{"content":"b"}}]}',
      // A delta that is not an object.
      '{"choices":[{"index":0,"delta":"a"}]}',
    ];
    for (const text of cases) {
      const parser = expectSameAsParseJson([text, text, text.replace('"a"', '"z"'), text]);
      expect(parser.learned, text).toBe(0);
    }
  });

  it('does not learn from a payload over 64 KiB (its delta dominates), but from the next one', () => {
    const huge = chunkText(
      `{"images":[{"type":"image_url","image_url":{"url":"data:image/png;base64,${'A'.repeat(70_000)}"}}]}`,
    );
    const parser = expectSameAsParseJson([
      huge,
      chunkText('{"content":"a"}'),
      chunkText('{"content":"b"}'),
      huge,
    ]);
    expect(parser.learned).toBe(1);
    expect(parser.reused).toBe(2);
  });

  it('learns no envelope whose suffix could continue a number (delta end mislocated by escapes)', () => {
    // Raw lone surrogates (+5 characters each when stringified) and `\/` escapes (-1 each) make the
    // compact delta 13 characters longer than its source, so its presumed end lands on `.0` of the
    // next member: `0.0` and `1.0` would parse, but `"a".0` never does.
    const source = '{"choices":[{"index":0,"delta":{"a":"\ud800\ud800\ud800\\/\\/"},"logprobs":1.0}]}';
    expect(
      JSON.stringify((JSON.parse(source) as { choices: { delta: unknown }[] }).choices[0]!.delta).length,
    ).toBe(source.indexOf(',"logprobs"') - source.indexOf('{"a"') + ',"logprobs":1'.length);
    const parser = expectSameAsParseJson([source, '{"choices":[{"index":0,"delta":"a".0}]}', source]);
    expect(parser.learned).toBe(0);
  });

  it('keeps an own `__proto__` key as JSON.parse does, never a prototype', () => {
    const text = (content: string): string =>
      `{"__proto__":"p","choices":[{"__proto__":{"polluted":true},"index":0,"delta":{"content":"${content}"}}]}`;
    const plain = (content: string): string =>
      `{"__proto__":"p","choices":[{"index":0,"delta":{"content":"${content}"},"__proto__":null}]}`;
    expectSameAsParseJson([text('a'), text('b'), plain('a'), plain('b'), plain('c')]);
    const parser = createChunkParser();
    parser.parse(plain('a'));
    const chunk = parser.parse(plain('b')) as { choices: object[] };
    expect(parser.reused).toBe(1);
    expect(Object.getPrototypeOf(chunk)).toBe(Object.prototype);
    expect(Object.getPrototypeOf(chunk.choices[0])).toBe(Object.prototype);
    expect(Object.hasOwn(chunk, '__proto__')).toBe(true);
    expect(({} as { polluted?: boolean }).polluted).toBeUndefined();
  });

  it('learns again after a run of different envelopes, at most log2(n) times for a stream without one', () => {
    const created = (value: number, content: string): string =>
      chunkText(`{"content":"${content}"}`).replace('"created":1760000000', `"created":${value}`);
    const phases = [
      ...Array.from({ length: 5 }, (_, index) => created(1, `a${index}`)),
      ...Array.from({ length: 5 }, (_, index) => created(2, `b${index}`)),
    ];
    const parser = expectSameAsParseJson(phases);
    // 1st chunk learns; 2nd phase: one miss (kept), the 2nd miss learns; then hits.
    expect(parser.learned).toBe(2);
    expect(parser.reused).toBe(4 + 3);

    const changing = Array.from({ length: 1000 }, (_, index) => created(index, 'x'));
    const unlucky = expectSameAsParseJson(changing);
    expect(unlucky.reused).toBe(0);
    expect(unlucky.learned).toBe(10); // misses 1, 2, 4, ..., 512
  });

  it('property: equal to parseJson for any sequence of chunks, envelopes and corruptions', () => {
    const key = fc.constantFrom(
      'id',
      'model',
      'created',
      'index',
      'finish_reason',
      'delta',
      'x',
      '__proto__',
    );
    const primitive = fc.oneof(
      fc.string({ maxLength: 6 }),
      fc.integer(),
      fc.double({ noNaN: true, noDefaultInfinity: true }),
      fc.boolean(),
      fc.constant(null),
    );
    const member = fc.tuple(
      key,
      fc.oneof({ weight: 8, arbitrary: primitive }, fc.jsonValue({ maxDepth: 1 })),
    );
    const members = fc.array(member, { maxLength: 3 });
    const object = (entries: readonly (readonly [string, unknown])[], extra: string): string =>
      `{${[...entries.map(([name, value]) => `${JSON.stringify(name)}:${JSON.stringify(value)}`), extra].filter((part) => part !== '').join(',')}}`;
    // Envelopes as text around the delta: members before/after `choices` and `delta` (duplicates allowed).
    const envelope = fc
      .record({ rootBefore: members, rootAfter: members, choiceBefore: members, choiceAfter: members })
      .map(({ rootBefore, rootAfter, choiceBefore, choiceAfter }) => (delta: string): string => {
        const choice = object(choiceBefore, '').slice(0, -1);
        const choiceText = `${choice}${choice === '{' ? '' : ','}"delta":${delta}${choiceAfter.length > 0 ? ',' : ''}${object(choiceAfter, '').slice(1)}`;
        return (
          object(rootBefore, `"choices":[${choiceText}]`).slice(0, -1) +
          (rootAfter.length > 0 ? ',' : '') +
          object(rootAfter, '').slice(1)
        );
      });
    const delta = fc.oneof(
      { weight: 4, arbitrary: fc.dictionary(fc.string({ maxLength: 4 }), fc.jsonValue({ maxDepth: 2 })) },
      { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }) },
    );
    const corruption = fc.option(
      fc.record({
        at: fc.nat(),
        insert: fc.constantFrom('', '}', ']', ',', '"', '{', ',"delta":{}', ' 1', '0', '\n'),
        remove: fc.nat({ max: 2 }),
      }),
      { nil: undefined },
    );
    // Runs of payloads with the same envelope, as in real streams (some corrupted).
    const run = fc.record({
      which: fc.nat({ max: 2 }),
      payloads: fc.array(
        fc.record({
          delta,
          corruption: fc.oneof({ weight: 6, arbitrary: fc.constant(undefined) }, corruption),
        }),
        { minLength: 1, maxLength: 8 },
      ),
    });
    fc.assert(
      fc.property(
        fc.array(envelope, { minLength: 1, maxLength: 3 }),
        fc.array(run, { maxLength: 6 }),
        (envelopes, runs) => {
          const texts = runs.flatMap(({ which, payloads }) =>
            payloads.map(({ delta: value, corruption: change }) => {
              let text = envelopes[which % envelopes.length]!(JSON.stringify(value));
              if (change !== undefined) {
                const at = change.at % (text.length + 1);
                text = text.slice(0, at) + change.insert + text.slice(at + change.remove);
              }
              return text;
            }),
          );
          expectSameAsParseJson(texts);
        },
      ),
      { numRuns: 500 },
    );
  });
});
