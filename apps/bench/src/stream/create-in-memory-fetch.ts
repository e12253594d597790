export type InMemoryFetchOptions = {
  /** Response headers (default: `content-type: text/event-stream`). */
  headers?: Record<string, string>;
  /** Status code (default 200). */
  status?: number;
  /**
   * `immediate` (default): each read gets the next piece at once, as if the whole body had already
   * arrived. `macrotask`: each piece is delivered in its own macrotask (`setImmediate`), like
   * successive socket reads, so consumers that coalesce whatever is buffered see one piece at a time.
   */
  pace?: 'immediate' | 'macrotask';
};

export type InMemoryFetch = typeof globalThis.fetch & {
  /** Requests served so far. */
  readonly calls: number;
};

/**
 * A `fetch` that answers every request with the same streamed body, delivered as `pieces` (one
 * piece per read, pulled on demand like a socket). No network, no timers: what remains is the
 * consumer's own work, which is what the decoding suite measures. The request itself is ignored
 * (an aborted signal still rejects, like `fetch`).
 */
export function createInMemoryFetch(
  pieces: readonly Uint8Array[],
  options: InMemoryFetchOptions = {},
): InMemoryFetch {
  const headers = options.headers ?? { 'content-type': 'text/event-stream' };
  const status = options.status ?? 200;
  const paced = options.pace === 'macrotask';
  let calls = 0;
  const inMemoryFetch = async (_input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    calls++;
    if (init?.signal?.aborted) throw init.signal.reason;
    let index = 0;
    const body = new ReadableStream<Uint8Array>(
      {
        pull(controller): void | Promise<void> {
          const deliver = (): void => {
            const piece = pieces[index++];
            if (piece === undefined) controller.close();
            else controller.enqueue(piece);
          };
          if (!paced) return deliver();
          return new Promise<void>((resolve) => setImmediate(resolve)).then(deliver);
        },
      },
      { highWaterMark: 0 },
    );
    return new Response(body, { status, headers });
  };
  Object.defineProperty(inMemoryFetch, 'calls', { get: () => calls });
  return inMemoryFetch as InMemoryFetch;
}
