import { parseJson } from '@openrouter-adapters/core';

// biome-ignore lint/suspicious/noExplicitAny: tests index freely into parsed JSON.
export type AnyJson = any;

/** Parses a body when it is JSON (`undefined` otherwise: some scenarios send broken bodies on purpose). */
function tryParse(text: string): unknown {
  if (!text.trim()) return undefined;
  try {
    return parseJson(text);
  } catch {
    return undefined;
  }
}

export type JsonResponse<T = Record<string, AnyJson>> = {
  status: number;
  headers: Headers;
  text: string;
  body: T;
};

/** POSTs JSON (or a raw string) and parses the reply with core's `parseJson` (tests only). */
export async function postJson<T = Record<string, AnyJson>>(
  url: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<JsonResponse<T>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
    signal: AbortSignal.timeout(10_000),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, text, body: tryParse(text) as T };
}

export async function getJson<T = Record<string, AnyJson>>(
  url: string,
  headers: Record<string, string> = {},
): Promise<JsonResponse<T>> {
  const response = await fetch(url, { headers, signal: AbortSignal.timeout(10_000) });
  const text = await response.text();
  return { status: response.status, headers: response.headers, text, body: tryParse(text) as T };
}

export type SseResult = {
  status: number;
  headers: Headers;
  raw: string;
  /** `: ...` comment lines in order. */
  comments: string[];
  /** `data:` payloads in order (`[DONE]` included as a string). */
  data: string[];
  /** Parsed JSON chunks (everything but `[DONE]`). */
  chunks: Array<Record<string, AnyJson>>;
  done: boolean;
};

/** Reads a whole SSE response and splits it into comments and data events (test helper). */
export function parseSse(raw: string): Omit<SseResult, 'status' | 'headers' | 'raw'> {
  const comments: string[] = [];
  const data: string[] = [];
  for (const block of raw.split('\n\n')) {
    if (block === '') continue;
    const lines = block.split('\n');
    const payload: string[] = [];
    for (const line of lines) {
      if (line.startsWith(':')) comments.push(line.slice(1).trim());
      else if (line.startsWith('data:')) payload.push(line.slice(5).replace(/^ /, ''));
    }
    if (payload.length > 0) data.push(payload.join('\n'));
  }
  const chunks = data
    .filter((item) => item !== '[DONE]')
    .map((item) => parseJson(item) as Record<string, AnyJson>);
  return { comments, data, chunks, done: data[data.length - 1] === '[DONE]' };
}

export async function postSse(
  url: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<SseResult> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ ...(body as object), stream: true }),
    signal: AbortSignal.timeout(10_000),
  });
  const raw = await response.text();
  if (!response.headers.get('content-type')?.startsWith('text/event-stream')) {
    return {
      status: response.status,
      headers: response.headers,
      raw,
      comments: [],
      data: [],
      chunks: [],
      done: false,
    };
  }
  return { status: response.status, headers: response.headers, raw, ...parseSse(raw) };
}

/** Concatenates streamed content, reasoning and tool-call arguments (independent of core's accumulator). */
export function collectStream(chunks: Array<Record<string, AnyJson>>): {
  content: string;
  reasoning: string;
  toolCalls: Array<{ id: string; name: string; arguments: string }>;
  reasoningDetails: Array<Record<string, AnyJson>>;
  finishReason: string | null;
  usage: Record<string, AnyJson> | undefined;
} {
  let content = '';
  let reasoning = '';
  const toolCalls: Array<{ id: string; name: string; arguments: string }> = [];
  const reasoningDetails: Array<Record<string, AnyJson>> = [];
  let finishReason: string | null = null;
  let usage: Record<string, AnyJson> | undefined;
  for (const chunk of chunks) {
    if (chunk.usage) usage = chunk.usage;
    for (const choice of chunk.choices ?? []) {
      const delta = choice.delta ?? {};
      if (typeof delta.content === 'string') content += delta.content;
      if (typeof delta.reasoning === 'string') reasoning += delta.reasoning;
      for (const detail of delta.reasoning_details ?? []) reasoningDetails.push(detail);
      for (const call of delta.tool_calls ?? []) {
        const slot = toolCalls[call.index] ?? { id: '', name: '', arguments: '' };
        toolCalls[call.index] = slot;
        if (call.id) slot.id = call.id;
        if (call.function?.name) slot.name = call.function.name;
        if (call.function?.arguments) slot.arguments += call.function.arguments;
      }
      if (choice.finish_reason) finishReason = choice.finish_reason;
    }
  }
  return { content, reasoning, toolCalls, reasoningDetails, finishReason, usage };
}
