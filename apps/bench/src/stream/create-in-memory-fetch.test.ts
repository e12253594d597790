import { describe, expect, it } from 'vitest';
import { createInMemoryFetch } from './create-in-memory-fetch';

const pieces = ['data: {"a":1}\n', '\n', 'data: [DONE]\n\n'].map((text) => new TextEncoder().encode(text));

const readAll = async (response: Response): Promise<Uint8Array[]> => {
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  const seen: Uint8Array[] = [];
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return seen;
    seen.push(value);
  }
};

describe('createInMemoryFetch', () => {
  it('streams the pieces, one per read, as an event stream', async () => {
    const fetch = createInMemoryFetch(pieces);
    const response = await fetch('http://in-memory.invalid/', { method: 'POST', body: '{}' });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/event-stream');
    expect(await readAll(response)).toEqual(pieces);
  });

  it('serves every call from the start, and counts calls', async () => {
    const fetch = createInMemoryFetch(pieces);
    const first = await (await fetch('http://in-memory.invalid/')).text();
    const second = await (await fetch('http://in-memory.invalid/')).text();
    expect(second).toBe(first);
    expect(first).toBe('data: {"a":1}\n\ndata: [DONE]\n\n');
    expect(fetch.calls).toBe(2);
  });

  it('delivers the same pieces when paced by macrotasks', async () => {
    const fetch = createInMemoryFetch(pieces, { pace: 'macrotask' });
    expect(await readAll(await fetch('http://in-memory.invalid/'))).toEqual(pieces);
  });

  it('rejects an aborted request like fetch', async () => {
    const fetch = createInMemoryFetch(pieces);
    await expect(fetch('http://in-memory.invalid/', { signal: AbortSignal.abort() })).rejects.toThrow();
  });
});
