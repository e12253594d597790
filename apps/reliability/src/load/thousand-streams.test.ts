import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCapture } from '../harness/capture';
import { createApiKey } from '../harness/create-api-key';
import { type EmulatorProcess, startEmulatorProcess } from '../harness/emulator-process';
import { expectNoLeaks } from '../harness/expect-no-leaks';
import { recordResults } from '../harness/results';
import { type Gateway, startGateway } from '../harness/start-gateway-stack';
import { keyUsage, retainedMemory, type StreamReading, streamThroughGateway } from './stream-through-gateway';

const streams = 1_000;
const serverKey = createApiKey();
// Scanned as they arrive (1,000 streams are too much text to keep).
const capture = createCapture({ retain: false });
let upstream: EmulatorProcess;
let gateway: Gateway;
/** What the emulator wrote for each generation, from its own request log (`--log-json`). */
const replies = new Map<string, { sha256: string; bytes: number; finished: boolean }>();

beforeAll(async () => {
  // The middleware runs with its default upstream transport; the emulator reports what it sent.
  upstream = await startEmulatorProcess({
    apiKey: serverKey,
    onRequest: (record) => {
      if (record.generationId === undefined || record.responseSha256 === undefined) return;
      replies.set(record.generationId, {
        sha256: record.responseSha256,
        bytes: record.responseBytes ?? 0,
        finished: record.status === 200 && record.clientDisconnectedAt === undefined,
      });
    },
  });
  gateway = await startGateway({
    capture,
    serverKey,
    upstreamBaseURL: upstream.baseURL,
    middleware: { forwardHeaders: ['x-emulator-scenario'] },
  });
});

afterAll(async () => {
  await gateway.close();
  await upstream.close();
});

describe('load: 1,000 concurrent streams through one middleware', () => {
  it('every stream completes byte-identical to the emulator reply; usage adds up to /key', {
    timeout: 90_000,
  }, async () => {
    const spentBefore = await keyUsage(upstream.baseURL, serverKey);
    const memoryBefore = retainedMemory();
    let open = 0;
    let peakOpen = 0;
    let peakRss = 0;
    const sampler = setInterval(() => {
      peakRss = Math.max(peakRss, process.memoryUsage().rss);
    }, 100);
    const started = Date.now();
    // A slow first token (15 s: generous, so a loaded CI machine still connects all 1,000 first) holds every stream open, then tokens every 10 ms.
    const readings: StreamReading[] = await Promise.all(
      Array.from({ length: streams }, (_, index) =>
        streamThroughGateway({
          baseURL: gateway.baseURL,
          prompt: `load stream ${index % 50} [[tokens: ${20 + (index % 7) * 5}]]`,
          scenario: 'slow-first-token; delay_ms=15000; keepalive_ms=500, slow-tokens; interval_ms=10',
          timeoutMs: 60_000,
          onOpen: () => {
            open += 1;
            peakOpen = Math.max(peakOpen, open);
          },
          onClose: () => {
            open -= 1;
          },
        }),
      ),
    );
    const elapsedMs = Date.now() - started;
    clearInterval(sampler);
    // Let the last onUsage events and the emulator's last log lines land.
    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline && replies.size < streams)
      await new Promise((resolve) => setTimeout(resolve, 100));
    await new Promise((resolve) => setTimeout(resolve, 200));
    const spentAfter = await keyUsage(upstream.baseURL, serverKey);
    const memoryAfter = retainedMemory();

    const failed = readings.filter((reading) => reading.status !== 200 || !reading.completed);
    const mismatched = readings.filter((reading) => {
      const reply = reading.generationId ? replies.get(reading.generationId) : undefined;
      return !reply?.finished || reply.sha256 !== reading.sha256 || reply.bytes !== reading.bytes;
    });
    const usageCost = gateway.usage.reduce((sum, event) => sum + (event.usage?.cost ?? 0), 0);
    const keySpent = spentAfter - spentBefore;
    recordResults('load-thousand-streams', {
      streams,
      completed: readings.length - failed.length,
      byteIdentical: readings.length - mismatched.length,
      peakConcurrentStreams: peakOpen,
      elapsedMs,
      p50HeadersMs: readings.map((reading) => reading.headersMs).sort((a, b) => a - b)[
        Math.floor(streams / 2)
      ],
      bytesPerStream: Math.round(readings.reduce((sum, reading) => sum + reading.bytes, 0) / streams),
      usageEvents: gateway.usage.length,
      usageCostUsd: usageCost,
      keySpentUsd: keySpent,
      peakRssMb: Math.round(peakRss / 2 ** 20),
      retainedRssBeforeMb: Math.round(memoryBefore.rssBytes / 2 ** 20),
      retainedRssAfterMb: Math.round(memoryAfter.rssBytes / 2 ** 20),
      process: 'client + middleware (the emulator runs in its own process)',
      capture: capture.summary(),
    });
    expect(failed.map((reading) => `${reading.status} ${String(reading.error)}`).slice(0, 5)).toEqual([]);
    expect(peakOpen).toBe(streams);
    expect(mismatched.map((reading) => reading.generationId).slice(0, 5)).toEqual([]);
    expect(gateway.usage).toHaveLength(streams);
    expect(gateway.usage.every((event) => event.completed && event.usage !== undefined)).toBe(true);
    expect(usageCost).toBeCloseTo(keySpent, 9);
    expectNoLeaks(capture);
  });
});
