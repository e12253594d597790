import { Agent, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { normalizeStreamBody } from './gateway-contenders';
import { measureStreamTimeline } from './measure-stream-timeline';
import { runClosedLoopLoad } from './run-closed-loop-load';

// A local server: JSON on /json, a three-chunk SSE stream (with a keep-alive comment) on /stream.
const server = createServer((request, response) => {
  request.resume();
  request.on('end', () => {
    if (request.url === '/stream') {
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      response.write(': OPENROUTER PROCESSING\n\n');
      response.write('data: {"n":1}\n\ndata: {"n":2}\r\n\r\n');
      setTimeout(() => response.end('data: {"n":3}\n\ndata: [DONE]\n\n'), 5);
      return;
    }
    response.writeHead(request.url === '/json' ? 200 : 500, { 'content-type': 'application/json' });
    response.end('{"ok":true}');
  });
});
let origin = '';

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

describe('measureStreamTimeline', () => {
  it('times each data event (CRLF too), skipping comments and [DONE]', async () => {
    const agent = new Agent({ keepAlive: false });
    const timeline = await measureStreamTimeline(
      { url: `${origin}/stream`, headers: {}, body: '{}' },
      agent,
      5_000,
    );
    agent.destroy();
    expect(timeline.status).toBe(200);
    expect(timeline.chunkMs).toHaveLength(3);
    expect(timeline.chunkMs[2]).toBeGreaterThanOrEqual(timeline.chunkMs[0] as number);
    expect(timeline.totalMs).toBeGreaterThanOrEqual(timeline.headersMs);
  });
});

describe('runClosedLoopLoad', () => {
  it('keeps `concurrency` requests in flight and records each latency', async () => {
    const result = await runClosedLoopLoad({
      target: { url: `${origin}/json`, headers: {}, body: '{}' },
      concurrency: 4,
      durationMs: 200,
      warmupMs: 50,
      requestTimeoutMs: 5_000,
    });
    expect(result.completed).toBeGreaterThan(0);
    expect(result.failed).toBe(0);
    expect(result.latenciesMs.length).toBeGreaterThan(0);
    expect(result.sampleBodyBytes).toBe(11);
  });

  it('counts non-200 answers as failures', async () => {
    const result = await runClosedLoopLoad({
      target: { url: `${origin}/error`, headers: {}, body: '{}' },
      concurrency: 1,
      durationMs: 100,
      warmupMs: 0,
      requestTimeoutMs: 5_000,
    });
    expect(result.completed).toBe(0);
    expect(result.unexpectedStatuses['500']).toBeGreaterThan(0);
  });
});

describe('normalizeStreamBody', () => {
  it('hides only per-request ids and timestamps', () => {
    expect(normalizeStreamBody('{"id":"gen-1-abc","created":17,"x":"gen-1"}')).toBe(
      '{"id":"gen-*","created":0,"x":"gen-1"}',
    );
  });
});
