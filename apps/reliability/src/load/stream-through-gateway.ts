import { createHash } from 'node:crypto';

/** One stream read by a client through the middleware, hashed as it arrived. */
export type StreamReading = {
  status: number;
  generationId: string | undefined;
  sha256: string;
  bytes: number;
  /** The body reached its end (not aborted, not cut). */
  completed: boolean;
  aborted: boolean;
  /** Milliseconds from the request to the response headers. */
  headersMs: number;
  error: unknown;
};

export type StreamRequest = {
  baseURL: string;
  prompt: string;
  scenario?: string;
  /** Abort the request this many milliseconds after it started (a client that gives up). */
  abortAfterMs?: number;
  /** Called once headers arrived and again when the body ended (for concurrency counting). */
  onOpen?: () => void;
  onClose?: () => void;
  timeoutMs?: number;
};

/** Streams one chat completion through the middleware with `fetch`, hashing every byte received. */
export async function streamThroughGateway(request: StreamRequest): Promise<StreamReading> {
  const controller = new AbortController();
  const timers: NodeJS.Timeout[] = [];
  if (request.abortAfterMs !== undefined)
    timers.push(setTimeout(() => controller.abort(new Error('client gave up')), request.abortAfterMs));
  timers.push(
    setTimeout(() => controller.abort(new Error('stream bound exceeded')), request.timeoutMs ?? 30_000),
  );
  const hash = createHash('sha256');
  const started = Date.now();
  const reading: StreamReading = {
    status: 0,
    generationId: undefined,
    sha256: '',
    bytes: 0,
    completed: false,
    aborted: false,
    headersMs: 0,
    error: undefined,
  };
  let opened = false;
  try {
    const response = await fetch(`${request.baseURL}/chat/completions`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(request.scenario ? { 'x-emulator-scenario': request.scenario } : {}),
      },
      body: JSON.stringify({
        model: 'openai/gpt-4o-mini',
        messages: [{ role: 'user', content: request.prompt }],
        stream: true,
      }),
      signal: controller.signal,
    });
    reading.status = response.status;
    reading.headersMs = Date.now() - started;
    reading.generationId = response.headers.get('x-generation-id') ?? undefined;
    opened = true;
    request.onOpen?.();
    if (response.body) {
      for await (const chunk of response.body) {
        hash.update(chunk);
        reading.bytes += chunk.length;
      }
    }
    reading.completed = true;
  } catch (error) {
    reading.error = error;
    reading.aborted = controller.signal.aborted;
  } finally {
    for (const timer of timers) clearTimeout(timer);
    if (opened) request.onClose?.();
    reading.sha256 = hash.digest('hex');
  }
  return reading;
}

/** Reads `/key` usage (USD spent) of the upstream for `apiKey`. */
export async function keyUsage(upstreamBaseURL: string, apiKey: string): Promise<number> {
  const response = await fetch(`${upstreamBaseURL}/key`, { headers: { authorization: `Bearer ${apiKey}` } });
  const body = (await response.json()) as { data: { usage: number } };
  return body.data.usage;
}

/** RSS and heap of this process after a full garbage collection (what is retained, not garbage). */
export function retainedMemory(): { rssBytes: number; heapUsedBytes: number; externalBytes: number } {
  globalThis.gc?.();
  const usage = process.memoryUsage();
  return { rssBytes: usage.rss, heapUsedBytes: usage.heapUsed, externalBytes: usage.external };
}
