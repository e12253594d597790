/** The ways a user reaches a chat completion, each exercised by the fault matrix and the abort tests. */
export type ChatPathName =
  | 'core.send'
  | 'core.stream'
  | 'ai-sdk.generateText'
  | 'ai-sdk.streamText'
  | 'langchain.invoke'
  | 'langchain.stream'
  | 'openai.create→middleware'
  | 'openai.stream→middleware';

export const chatPathNames: readonly ChatPathName[] = [
  'core.send',
  'core.stream',
  'ai-sdk.generateText',
  'ai-sdk.streamText',
  'langchain.invoke',
  'langchain.stream',
  'openai.create→middleware',
  'openai.stream→middleware',
];

/** What arrived while a call was running (streaming paths report it as it happens). */
export type ChatProgress = 'ping' | 'text' | 'tool-call';

export type ChatCall = {
  /** Unique text in the prompt: finds this call's requests in the emulator's log. */
  marker: string;
  model: string;
  /** `models` fallbacks. */
  models?: string[];
  /** `X-Emulator-Scenario` header value. */
  scenario?: string;
  /** Directives appended to the prompt (e.g. `[[tokens: 40]]`). */
  directives?: string;
  /** Offer the `get_weather` tool (with `[[tool: get_weather]]` in the prompt it is called). */
  tools?: boolean;
  /** Extra request headers (e.g. the user id a middleware's `authorize` reads). */
  headers?: Record<string, string>;
  signal?: AbortSignal;
  onProgress?: (progress: ChatProgress) => void;
};

/** What a call produced, in one shape for every path. */
export type ChatOutcome = {
  ok: boolean;
  /** Text received: all of it, or what arrived before a failure (partial output). */
  text: string;
  toolCalls: number;
  /** As the path reports it (`stop`, `tool_calls` / AI SDK `tool-calls`, `error`, ...). */
  finishReason: string | undefined;
  /** The model that served, when the path exposes it. */
  servedModel: string | undefined;
  /** The error as thrown (kept for the key-leak scan and assertions). */
  error: unknown;
  /** Keep-alive pings observed by a streaming path that surfaces them. */
  pings: number;
};

export type ChatPath = {
  name: ChatPathName;
  streaming: boolean;
  run(call: ChatCall): Promise<ChatOutcome>;
};

export const weatherToolDescription = 'Get the current weather for a city';

/** The `get_weather` tool in OpenRouter's wire shape (an OpenAI function tool). */
export const weatherFunctionTool: {
  type: 'function';
  function: { name: string; description: string; parameters: Record<string, unknown> };
} = {
  type: 'function',
  function: {
    name: 'get_weather',
    description: weatherToolDescription,
    parameters: {
      type: 'object',
      properties: { location: { type: 'string' } },
      required: ['location'],
      additionalProperties: false,
    },
  },
};

/**
 * The partial output a failed call's error carries: core's typed errors have it as `partial`, the
 * AI SDK's `APICallError` wraps core's error as `cause`.
 */
export function partialOf(error: unknown): { text?: string; finishReason?: string } | undefined {
  type Partial = { text?: string; finishReason?: string };
  const carrier = error as { partial?: Partial; cause?: { partial?: Partial } } | undefined;
  return carrier?.partial ?? carrier?.cause?.partial;
}

export function promptFor(call: ChatCall): string {
  const parts = [`Reliability check ${call.marker}.`];
  if (call.tools) parts.push('What is the weather in Paris? [[tool: get_weather]]');
  if (call.directives) parts.push(call.directives);
  return parts.join(' ');
}

/** Header carrying the call's marker (recorded by the emulator as soon as a request arrives). */
export const markerHeader = 'x-reliability-marker';

/** Per-call headers: the marker, and the fault scenario when there is one. */
export function callHeaders(call: ChatCall): Record<string, string> {
  return {
    ...call.headers,
    [markerHeader]: call.marker,
    ...(call.scenario === undefined ? {} : { 'X-Emulator-Scenario': call.scenario }),
  };
}

export function emptyOutcome(): ChatOutcome {
  return {
    ok: false,
    text: '',
    toolCalls: 0,
    finishReason: undefined,
    servedModel: undefined,
    error: undefined,
    pings: 0,
  };
}
