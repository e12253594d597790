// A realistic 2,000-chunk OpenRouter stream (as described in the core issue): keep-alive
// comments, reasoning deltas with reasoning_details fragments and a signature, text with
// multi-byte characters, tool-call argument deltas, a finish chunk, a usage-only chunk, [DONE].
// Deterministic (seeded), about 630 kB.

export type StreamFixture = {
  /** The SSE bytes. */
  bytes: Uint8Array;
  /** The `data:` payloads (JSON text), for the JSON.parse floor. */
  payloads: string[];
  /** The bytes cut into network-sized pieces of 1 to 4,096 bytes. */
  pieces: Uint8Array[];
};

function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = [
  'héllo',
  'wörld',
  'naïve',
  'façade',
  '日本語',
  'テキスト',
  '🚀',
  '✓',
  'stream',
  'token',
  'über',
  'crème',
  'déjà',
  'vu',
];

export function createStreamFixture(seed = 42): StreamFixture {
  const random = prng(seed);
  const words = (count: number): string => {
    let text = '';
    for (let index = 0; index < count; index++) text += `${WORDS[Math.floor(random() * WORDS.length)]} `;
    return text;
  };
  const base = {
    id: 'gen-1770000000-abcdefghijklmnopqrst',
    object: 'chat.completion.chunk',
    created: 1770000000,
    model: 'anthropic/claude-sonnet-4.6',
    provider: 'Anthropic',
    system_fingerprint: null,
  };
  const payloads: string[] = [];
  const chunk = (delta: Record<string, unknown>, finishReason: string | null = null): void => {
    payloads.push(
      JSON.stringify({
        ...base,
        choices: [
          {
            index: 0,
            delta: { role: 'assistant', ...delta },
            finish_reason: finishReason,
            native_finish_reason: finishReason,
            logprobs: null,
          },
        ],
      }),
    );
  };
  for (let index = 0; index < 400; index++) {
    const text = words(4);
    chunk({
      content: '',
      reasoning: text,
      reasoning_details: [{ type: 'reasoning.text', text, format: 'anthropic-claude-v1', index: 0 }],
    });
  }
  chunk({
    content: '',
    reasoning: '',
    reasoning_details: [
      {
        type: 'reasoning.text',
        signature: 'EqQBCkgIARABGAIiQ'.repeat(12),
        format: 'anthropic-claude-v1',
        index: 0,
      },
    ],
  });
  for (let index = 0; index < 1398; index++) chunk({ content: words(4) });
  for (let call = 0; call < 2; call++) {
    chunk({
      content: null,
      tool_calls: [
        {
          index: call,
          id: `toolu_0${call}ABCDEFGHIJKLMNOPQRSTUV`,
          type: 'function',
          function: { name: 'get_weather', arguments: '' },
        },
      ],
    });
    for (let index = 0; index < 98; index++) {
      chunk({
        content: null,
        tool_calls: [
          {
            index: call,
            function: {
              arguments: index === 0 ? '{"note":"' : index === 97 ? 'x"}' : words(2).replace(/"/g, ''),
            },
          },
        ],
      });
    }
  }
  chunk({ content: '' }, 'tool_calls');
  payloads.push(
    JSON.stringify({
      ...base,
      choices: [],
      usage: {
        prompt_tokens: 1200,
        completion_tokens: 9000,
        total_tokens: 10200,
        cost: 0.1386,
        is_byok: false,
        prompt_tokens_details: { cached_tokens: 0, cache_write_tokens: 0 },
        completion_tokens_details: { reasoning_tokens: 2400 },
        cost_details: { upstream_inference_cost: null },
      },
    }),
  );
  let text = ': OPENROUTER PROCESSING\n\n: OPENROUTER PROCESSING\n\n';
  payloads.forEach((payload, index) => {
    text += `data: ${payload}\n\n`;
    if (index % 100 === 99) text += ': OPENROUTER PROCESSING\n\n';
  });
  text += 'data: [DONE]\n\n';
  const bytes = new TextEncoder().encode(text);
  const pieces: Uint8Array[] = [];
  for (let offset = 0; offset < bytes.length; ) {
    const size = 1 + Math.floor(random() * 4096);
    pieces.push(bytes.subarray(offset, offset + size));
    offset += size;
  }
  return { bytes, payloads, pieces };
}

/** A `fetch` answering every request with the fixture, streamed in its network-sized pieces. */
export function createFixtureFetch(fixture: StreamFixture): typeof globalThis.fetch {
  return async () => {
    let index = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        const piece = fixture.pieces[index++];
        if (piece === undefined) controller.close();
        else controller.enqueue(piece);
      },
    });
    return new Response(body, {
      status: 200,
      headers: {
        'content-type': 'text/event-stream',
        'x-generation-id': 'gen-1770000000-abcdefghijklmnopqrst',
      },
    });
  };
}
