import { createSeededRandom, type SeededRandom } from './seeded-random';

/** What a correct decoder + accumulator must end up with after consuming the generated stream. */
export type ExpectedStreamResult = {
  generationId: string;
  model: string;
  provider: string;
  text: string;
  reasoning: string;
  reasoningSignature: string;
  toolCalls: { id: string; name: string; arguments: string }[];
  finishReason: 'tool_calls';
  nativeFinishReason: string;
  usage: {
    promptTokens: number;
    completionTokens: number;
    totalTokens: number;
    reasoningTokens: number;
    cachedTokens: number;
    cost: number;
  };
};

export type GeneratedStream = {
  /** The whole SSE body exactly as OpenRouter would send it (UTF-8). */
  bytes: Uint8Array;
  /** The `data:` payloads that are JSON (every chunk, not `[DONE]`): the input of the floor. */
  payloads: readonly string[];
  /** JSON chunks (`payloads.length`). */
  chunkCount: number;
  /** `: OPENROUTER PROCESSING` comments in the body. */
  keepAliveCount: number;
  /** Chunks per phase. */
  phases: { reasoning: number; text: number; toolCalls: number; finish: 1; usage: 1 };
  expected: ExpectedStreamResult;
};

export type GenerateStreamOptions = {
  /** Number of JSON chunks (data events other than `[DONE]`); at least 16. */
  chunkCount: number;
  /** Same seed, same bytes (default 2_000). */
  seed?: number;
};

const KEEP_ALIVE = ': OPENROUTER PROCESSING\n\n';
const MODEL = 'anthropic/claude-sonnet-4.5';
const PROVIDER = 'Anthropic';
const CREATED = 1_763_400_000;
const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const BASE64 = `${BASE62}+/`;

const REASONING_WORDS = [
  'the',
  'user',
  'wants',
  'weather',
  'for',
  'two',
  'cities',
  'so',
  'I',
  'should',
  'call',
  'the',
  'tool',
  'twice',
  'and',
  'compare',
  'temperatures',
  'first',
  'check',
  'units',
  'then',
  'consider',
  'forecast',
  'days',
  'humidity',
  'wind',
  'because',
  'travel',
  'plans',
  'depend',
  'on',
  'rain',
];

// Multi-byte on purpose: 2-byte (é, ü, ß), 3-byte (CJK, €, —) and 4-byte (emoji) UTF-8 sequences,
// so random network boundaries regularly fall inside a character.
const TEXT_WORDS = [
  'Here',
  'is',
  'the',
  'forecast',
  'for',
  'São',
  'Paulo',
  'and',
  'München',
  'café',
  'naïve',
  'résumé',
  'Straße',
  '日本語',
  'の',
  '天気',
  '予報',
  'です',
  '—',
  '€12',
  '🌤️',
  '🚀',
  'Ünïcödé',
  'temperature',
  'will',
  'reach',
  '23°C',
  'with',
  'light',
  'wind',
  'from',
  'the',
  'north-east',
  'Привет',
  'мир',
  'κόσμε',
  '👩‍💻',
  'rain',
  'later',
  'today',
  'tomorrow',
  'sunny',
  'skies',
];

const NOTE_WORDS = [
  'prefers',
  'metric',
  'units',
  'traveling',
  'next',
  'week',
  'needs',
  'hourly',
  'detail',
  'for',
  'mornings',
  'and',
  'évenings',
  'near',
  'the',
  'coast',
  '海',
  '沿い',
  'including',
  '"quoted"',
  'text',
  'and',
  'a',
  'backslash',
  '\\',
  'path',
];

const randomString = (random: SeededRandom, alphabet: string, length: number): string => {
  let out = '';
  for (let index = 0; index < length; index++) out += alphabet[random.integer(0, alphabet.length - 1)];
  return out;
};

const words = (random: SeededRandom, vocabulary: readonly string[], min: number, max: number): string => {
  const count = random.integer(min, max);
  let out = '';
  for (let index = 0; index < count; index++) out += ` ${random.pick(vocabulary)}`;
  return out;
};

/** Splits `value` into exactly `count` non-empty pieces of random lengths. */
const splitInto = (random: SeededRandom, value: string, count: number): string[] => {
  const characters = Array.from(value); // never split a surrogate pair inside one JSON string
  if (characters.length < count) throw new RangeError('value too short to split');
  const cuts = new Set<number>();
  while (cuts.size < count - 1) cuts.add(random.integer(1, characters.length - 1));
  const sorted = [...cuts].sort((left, right) => left - right);
  const pieces: string[] = [];
  let start = 0;
  for (const cut of [...sorted, characters.length]) {
    pieces.push(characters.slice(start, cut).join(''));
    start = cut;
  }
  return pieces;
};

/**
 * A realistic OpenRouter chat stream (Anthropic reasoning model calling two tools), generated
 * deterministically: keep-alive comments before the first chunk and every 250 chunks, reasoning
 * deltas with `reasoning_details` fragments and a closing signature-only fragment, text with
 * multi-byte characters, two tool calls whose argument deltas concatenate to valid JSON, a finish
 * chunk, a usage chunk (the observed shape: non-empty `choices` with `finish_reason: null`) and
 * `[DONE]`. At 2,000 chunks the body is about 630 kB, like the stream in the core issue.
 */
export function generateOpenRouterStream(options: GenerateStreamOptions): GeneratedStream {
  const { chunkCount, seed = 2_000 } = options;
  if (!Number.isInteger(chunkCount) || chunkCount < 16) {
    throw new RangeError(`chunkCount must be an integer of at least 16, got ${chunkCount}`);
  }
  const random = createSeededRandom(seed);
  const generationId = `gen-${CREATED}-${randomString(random, BASE62, 20)}`;
  const toolCallCount = Math.max(4, Math.round(chunkCount * 0.15));
  const reasoningCount = Math.max(2, Math.round(chunkCount * 0.15));
  const textCount = chunkCount - 2 - toolCallCount - reasoningCount;

  const parts: string[] = [];
  const payloads: string[] = [];
  let keepAliveCount = 0;
  const keepAlive = (): void => {
    parts.push(KEEP_ALIVE);
    keepAliveCount++;
  };
  const head = `{"id":"${generationId}","provider":"${PROVIDER}","model":"${MODEL}","object":"chat.completion.chunk","created":${CREATED},"choices":`;
  const emit = (choices: string, tail = ''): void => {
    const payload = `${head}${choices}${tail}}`;
    payloads.push(payload);
    parts.push(`data: ${payload}\n\n`);
    if (payloads.length % 250 === 0) keepAlive();
  };
  const choice = (
    delta: object,
    finishReason: string | null = null,
    nativeFinishReason: string | null = null,
  ): string =>
    `[${JSON.stringify({ index: 0, delta, finish_reason: finishReason, native_finish_reason: nativeFinishReason })}]`;

  for (let index = 0; index < 3; index++) keepAlive();

  // Reasoning: text fragments of one `reasoning.text` detail (index 0), then its signature.
  let reasoning = '';
  for (let index = 0; index < reasoningCount - 1; index++) {
    const piece = words(random, REASONING_WORDS, 1, 5);
    reasoning += piece;
    emit(
      choice({
        role: 'assistant',
        reasoning: piece,
        reasoning_details: [{ type: 'reasoning.text', text: piece, format: 'anthropic-claude-v1', index: 0 }],
      }),
    );
  }
  const reasoningSignature = randomString(random, BASE64, 344);
  emit(
    choice({
      role: 'assistant',
      content: '',
      reasoning: null,
      reasoning_details: [
        { type: 'reasoning.text', signature: reasoningSignature, format: 'anthropic-claude-v1', index: 0 },
      ],
    }),
  );

  // Text with multi-byte characters.
  let text = '';
  for (let index = 0; index < textCount; index++) {
    const piece = words(random, TEXT_WORDS, 1, 3);
    text += piece;
    emit(choice({ role: 'assistant', content: piece }));
  }

  // Two tool calls: a header chunk (id, name, empty arguments), then argument deltas.
  const toolCalls: ExpectedStreamResult['toolCalls'] = [];
  const firstCount = Math.floor(toolCallCount / 2);
  const specs = [
    { name: 'get_weather', location: 'São Paulo, Brasil', count: firstCount },
    { name: 'get_weather', location: 'München, Deutschland', count: toolCallCount - firstCount },
  ];
  for (const [toolIndex, spec] of specs.entries()) {
    const id = `toolu_01${randomString(random, BASE62, 22)}`;
    const deltaCount = spec.count - 1;
    let notes = '';
    while (notes.length < deltaCount * 9) notes += words(random, NOTE_WORDS, 1, 4);
    const argumentsJson = JSON.stringify({
      location: spec.location,
      unit: 'celsius',
      days: 3,
      notes: notes.trim(),
    });
    toolCalls.push({ id, name: spec.name, arguments: argumentsJson });
    emit(
      choice({
        role: 'assistant',
        content: null,
        tool_calls: [
          { index: toolIndex, id, type: 'function', function: { name: spec.name, arguments: '' } },
        ],
      }),
    );
    for (const piece of splitInto(random, argumentsJson, deltaCount)) {
      emit(
        choice({
          role: 'assistant',
          content: null,
          tool_calls: [{ index: toolIndex, type: 'function', function: { arguments: piece } }],
        }),
      );
    }
  }

  emit(choice({ role: 'assistant', content: '' }, 'tool_calls', 'tool_use'));

  const reasoningTokens = Math.round(reasoning.length / 4);
  const completionTokens = Math.round((text.length + reasoning.length) / 4) + toolCallCount * 3;
  const promptTokens = 1_520;
  const cachedTokens = 1_024;
  const cost = Number((promptTokens * 3e-6 + completionTokens * 15e-6).toFixed(8));
  const usage = {
    prompt_tokens: promptTokens,
    completion_tokens: completionTokens,
    total_tokens: promptTokens + completionTokens,
    cost,
    is_byok: false,
    prompt_tokens_details: {
      cached_tokens: cachedTokens,
      cache_write_tokens: 0,
      audio_tokens: 0,
      video_tokens: 0,
    },
    cost_details: {
      upstream_inference_cost: null,
      upstream_inference_prompt_cost: Number((promptTokens * 3e-6).toFixed(8)),
      upstream_inference_completions_cost: Number((completionTokens * 15e-6).toFixed(8)),
    },
    completion_tokens_details: { reasoning_tokens: reasoningTokens, image_tokens: 0, audio_tokens: 0 },
  };
  emit(choice({ role: 'assistant', content: '' }), `,"usage":${JSON.stringify(usage)}`);
  parts.push('data: [DONE]\n\n');

  return {
    bytes: new TextEncoder().encode(parts.join('')),
    payloads,
    chunkCount: payloads.length,
    keepAliveCount,
    phases: { reasoning: reasoningCount, text: textCount, toolCalls: toolCallCount, finish: 1, usage: 1 },
    expected: {
      generationId,
      model: MODEL,
      provider: PROVIDER,
      text,
      reasoning,
      reasoningSignature,
      toolCalls,
      finishReason: 'tool_calls',
      nativeFinishReason: 'tool_use',
      usage: {
        promptTokens,
        completionTokens,
        totalTokens: promptTokens + completionTokens,
        reasoningTokens,
        cachedTokens,
        cost,
      },
    },
  };
}
