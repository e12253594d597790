// Deterministic, realistic OpenRouter chat streams for the benchmarks (no dependencies, Node 24
// type stripping: erasable TypeScript only).

/** mulberry32: the same seed gives the same stream on every run. */
export function createSeededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
  };
}

const asciiWords = [
  'the',
  'model',
  'answer',
  'because',
  'value',
  'function',
  'stream',
  'token',
  'reasoning',
  'tool',
  'result',
  'weather',
  'temperature',
  'forecast',
  'and',
  'of',
  'to',
  'a',
  'is',
  'in',
  'it',
  'we',
  'should',
  'check',
  'then',
  'return',
  'data',
  'user',
  'request',
  'first',
  'next',
  'report',
  'city',
  'with',
  'for',
  'this',
  'that',
  'will',
  'can',
  'not',
  '"quoted"',
  'line\n',
  '(note)',
  '42',
  '3.14',
];
const multibyteWords = [
  'Zürich',
  'naïve',
  'café',
  'über',
  'données',
  'résumé',
  '—',
  '“quoted”',
  'it’s',
  '…',
  '🚀',
  '✅',
  '東京',
  '日本語',
  'テスト',
  '数据',
  'Ωmega',
  'λ',
  '∑',
  'x²',
  '€12',
  'São Paulo',
];

export type StreamShape = {
  /** Content chunks in total (keep-alives, the finish and usage chunks and `[DONE]` come on top). */
  chunks: number;
  seed: number;
  /** Share of words with multi-byte characters (default 0.04, like English prose with accents, dashes, emoji). */
  multibyteShare?: number;
  /** Most words per text/reasoning delta (default 4); 1 gives token-sized deltas. */
  maxWordsPerDelta?: number;
  /**
   * Give every chunk its own `created` (default false). OpenRouter repeats one envelope byte for byte;
   * this defeats core's envelope reuse, to measure the general decoding path.
   */
  varyEnvelope?: boolean;
};

/**
 * Yields the SSE text of a chat stream one event (or keep-alive comment) at a time: keep-alives,
 * reasoning deltas with `reasoning_details` fragments, a signature piece, text with multi-byte
 * characters, one tool call whose arguments arrive in fragments, the finish chunk, the usage-only
 * chunk and `[DONE]`. Generated lazily, so a 50 MB stream never exists in memory as a whole.
 */
export function* generateStreamEvents(shape: StreamShape): Generator<string> {
  const random = createSeededRandom(shape.seed);
  const multibyteShare = shape.multibyteShare ?? 0.04;
  const pick = (): string => {
    const list = random() < multibyteShare ? multibyteWords : asciiWords;
    return list[Math.floor(random() * list.length)] as string;
  };
  const maxWords = shape.maxWordsPerDelta ?? 4;
  const piece = (mostWords: number): string => {
    let text = '';
    const count = 1 + Math.floor(random() * Math.min(mostWords, maxWords));
    for (let index = 0; index < count; index++) text += (random() < 0.8 ? ' ' : '') + pick();
    return text;
  };
  let sequence = 0;
  const created = (): number => (shape.varyEnvelope === true ? 1760000000 + sequence++ : 1760000000);
  const head = (): string =>
    `{"id":"gen-1760000000-Qx7bF2kLmN9pRsTuVwXy","provider":"Anthropic","model":"anthropic/claude-sonnet-4.5","object":"chat.completion.chunk","created":${created()},"choices":[{"index":0,"delta":{"role":"assistant",`;
  const tail = (finish: string): string =>
    `},"finish_reason":${finish},"native_finish_reason":${finish === 'null' ? 'null' : '"tool_use"'},"logprobs":null}]}`;
  const event = (json: string): string => `data: ${json}\n\n`;
  const keepAlive = ': OPENROUTER PROCESSING\n\n';

  yield keepAlive;
  yield keepAlive;
  yield keepAlive;
  const reasoningChunks = Math.round(shape.chunks * 0.2);
  const toolChunks = Math.round(shape.chunks * 0.1);
  const textChunks = shape.chunks - reasoningChunks - toolChunks - 2;
  for (let index = 0; index < reasoningChunks; index++) {
    const text = JSON.stringify(piece(maxWords));
    yield event(
      `${head()}"content":"","reasoning":${text},"reasoning_details":[{"type":"reasoning.text","text":${text},"format":"anthropic-claude-v1","index":0}]${tail('null')}`,
    );
    if (random() < 0.02) yield keepAlive;
  }
  let signature = '';
  while (signature.length < 344) signature += Math.floor(random() * 2 ** 31).toString(36);
  yield event(
    `${head()}"content":"","reasoning_details":[{"type":"reasoning.text","signature":"${signature}==","format":"anthropic-claude-v1","index":0}]${tail('null')}`,
  );
  for (let index = 0; index < textChunks; index++) {
    yield event(`${head()}"content":${JSON.stringify(piece(maxWords))}${tail('null')}`);
    if (random() < 0.01) yield keepAlive;
  }
  yield event(
    `${head()}"content":"","tool_calls":[{"index":0,"id":"toolu_01A09q90qw90lq917835lq9","type":"function","function":{"name":"write_report","arguments":""}}]${tail('null')}`,
  );
  for (let index = 0; index < toolChunks; index++) {
    const fragment = index === 0 ? '{"title": "' : index === toolChunks - 1 ? '"}' : piece(2);
    yield event(
      `${head()}"content":"","tool_calls":[{"index":0,"type":"function","function":{"arguments":${JSON.stringify(fragment)}}}]${tail('null')}`,
    );
  }
  yield event(`${head()}"content":""${tail('"tool_calls"')}`);
  yield event(
    `{"id":"gen-1760000000-Qx7bF2kLmN9pRsTuVwXy","provider":"Anthropic","model":"anthropic/claude-sonnet-4.5","object":"chat.completion.chunk","created":1760000000,"choices":[],"usage":{"prompt_tokens":1840,"completion_tokens":${shape.chunks},"total_tokens":${1840 + shape.chunks},"cost":0.0312,"is_byok":false,"prompt_tokens_details":{"cached_tokens":1024,"cache_write_tokens":0,"audio_tokens":0,"video_tokens":0},"cost_details":{"upstream_inference_cost":null,"upstream_inference_prompt_cost":0.0055,"upstream_inference_completions_cost":0.0257},"completion_tokens_details":{"reasoning_tokens":${reasoningChunks},"image_tokens":0}}}`,
  );
  yield 'data: [DONE]\n\n';
}

/** The `data:` payloads (JSON text) of a stream, as the floor benchmark parses them. */
export function dataPayloads(events: readonly string[]): string[] {
  return events
    .filter((text) => text.startsWith('data: {'))
    .map((text) => text.slice('data: '.length, text.length - 2));
}
