import type { DecodeOutcome } from '../decode-contender';

/** The parts of a LanguageModel V4 stream the sanity check reads (structural, so any provider fits). */
type StreamPart = {
  type: string;
  delta?: string;
  input?: string;
  toolName?: string;
  finishReason?: { unified?: string } | string;
  usage?: { outputTokens?: { total?: number } | number };
  error?: unknown;
};

/** The subset of LanguageModel V4 call options the bench sends (a prompt and one function tool). */
export type LanguageModelCallOptions = {
  prompt: { role: 'user'; content: { type: 'text'; text: string }[] }[];
  tools: {
    type: 'function';
    name: string;
    description: string;
    inputSchema: {
      type: 'object';
      properties: Record<string, { type: 'string' | 'integer'; enum?: string[] }>;
      required: string[];
    };
  }[];
};

/** What both AI SDK providers' chat models expose: `doStream(options)` → `{ stream }`. */
export type StreamingLanguageModel = {
  doStream(options: LanguageModelCallOptions): PromiseLike<{ stream: ReadableStream<unknown> }>;
};

/** The same call for every AI SDK contender: a user turn and the tool the stream calls. */
export const languageModelCallOptions: LanguageModelCallOptions = {
  prompt: [{ role: 'user', content: [{ type: 'text', text: 'Weather in São Paulo and München?' }] }],
  tools: [
    {
      type: 'function',
      name: 'get_weather',
      description: 'Current weather and forecast for a location.',
      inputSchema: {
        type: 'object',
        properties: {
          location: { type: 'string' },
          unit: { type: 'string', enum: ['celsius', 'fahrenheit'] },
          days: { type: 'integer' },
          notes: { type: 'string' },
        },
        required: ['location'],
      },
    },
  ],
};

/** Calls `doStream` and reads every part to the end; returns the number of parts. */
export async function consumeLanguageModelStream(model: StreamingLanguageModel): Promise<number> {
  const { stream } = await model.doStream(languageModelCallOptions);
  const reader = stream.getReader();
  let parts = 0;
  for (;;) {
    const { done } = await reader.read();
    if (done) return parts;
    parts++;
  }
}

/** The same, collecting text, reasoning, tool calls, finish reason and usage for the sanity check. */
export async function inspectLanguageModelStream(model: StreamingLanguageModel): Promise<DecodeOutcome> {
  const { stream } = await model.doStream(languageModelCallOptions);
  const reader = stream.getReader();
  const outcome: Required<Pick<DecodeOutcome, 'text' | 'reasoning' | 'toolCalls'>> & DecodeOutcome = {
    items: 0,
    text: '',
    reasoning: '',
    toolCalls: [],
  };
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return outcome;
    const part = value as StreamPart;
    outcome.items++;
    if (part.type === 'text-delta') outcome.text += part.delta ?? '';
    else if (part.type === 'reasoning-delta') outcome.reasoning += part.delta ?? '';
    else if (part.type === 'tool-call')
      outcome.toolCalls.push({ name: part.toolName, arguments: part.input ?? '' });
    else if (part.type === 'error') throw new Error(`stream error part: ${String(part.error)}`);
    else if (part.type === 'finish') {
      outcome.finishReason =
        typeof part.finishReason === 'string' ? part.finishReason : part.finishReason?.unified;
      const output = part.usage?.outputTokens;
      outcome.outputTokens = typeof output === 'number' ? output : output?.total;
    }
  }
}
