import { memoryStore } from '@openrouter-adapters/express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCapture } from '../harness/capture';
import { createApiKey } from '../harness/create-api-key';
import { type EmulatorProcess, startEmulatorProcess } from '../harness/emulator-process';
import { expectNoLeaks } from '../harness/expect-no-leaks';
import { recordResults } from '../harness/results';
import { createSeededRandom, suiteSeed } from '../harness/seeded-random';
import { type Gateway, startGateway } from '../harness/start-gateway-stack';
import { keyUsage, retainedMemory, type StreamReading, streamThroughGateway } from './stream-through-gateway';

/** Full length by default; `SOAK_DURATION_MS` shortens it for local iterations (RELIABILITY.md reports full runs). */
const durationMs = Number(process.env.SOAK_DURATION_MS ?? 120_000);
const warmUpMs = Math.min(20_000, durationMs / 4);
const concurrency = 48;
const abortProbability = 0.1;
const maxRssGrowth = 0.1;
const serverKey = createApiKey();
const capture = createCapture({ retain: false });
const random = createSeededRandom(suiteSeed ^ 0x50a4);
let upstream: EmulatorProcess;
let gateway: Gateway;
/** Completion requests the emulator received from the middleware (from its own request log). */
let upstreamRequests = 0;

type GenerationCost = { data?: { total_cost?: number } };

/**
 * Everything the soak checks, kept as running totals: the harness itself must not grow, or the
 * RSS figure would measure it instead of the middleware.
 */
const tally = {
  streams: 0,
  completed: 0,
  clientAborts: 0,
  broken: [] as string[],
  brokenCount: 0,
  checksumMatches: 0,
  checksumMismatches: [] as string[],
  checksumMismatchCount: 0,
  usageEvents: 0,
  completedEvents: 0,
  completedReportedUsd: 0,
  incompleteEvents: 0,
  incompleteChargedUsd: 0,
  eventsWithoutGenerationId: 0,
  billedForReportedGenerationsUsd: 0,
  costMismatches: [] as string[],
  costMismatchCount: 0,
  incompleteUnderestimated: 0,
  generationsNotFound: 0,
};
/** Replies and readings waiting for their counterpart (bounded by the number of streams in flight). */
const endedReplies = new Map<string, string>();
const endedReadings = new Map<string, string>();
/** Usage events waiting for their `/generation` check (drained continuously, a few at a time). */
const pendingChecks: Array<{
  generationId: string;
  completed: boolean;
  cost: number | undefined;
  chargedUsd: number;
}> = [];
let checksInFlight = 0;
let checksDone: Promise<void> = Promise.resolve();

function compareChecksums(generationId: string, reply: string, reading: string): void {
  if (reply === reading) tally.checksumMatches += 1;
  else {
    tally.checksumMismatchCount += 1;
    if (tally.checksumMismatches.length < 5) tally.checksumMismatches.push(generationId);
  }
}

async function checkGeneration(check: (typeof pendingChecks)[number]): Promise<void> {
  // An aborted stream is recorded by the emulator once it noticed the disconnect: retry the early 404.
  let billed = Number.NaN;
  for (let attempt = 0; attempt < 20 && Number.isNaN(billed); attempt++) {
    if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 50));
    const response = await fetch(`${upstream.baseURL}/generation?id=${check.generationId}`, {
      headers: { authorization: `Bearer ${serverKey}` },
    });
    billed = ((await response.json()) as GenerationCost).data?.total_cost ?? Number.NaN;
  }
  if (Number.isNaN(billed)) tally.generationsNotFound += 1;
  if (!Number.isNaN(billed)) tally.billedForReportedGenerationsUsd += billed;
  if (check.completed && check.cost !== billed) {
    tally.costMismatchCount += 1;
    if (tally.costMismatches.length < 5)
      tally.costMismatches.push(`${check.generationId}: event ${check.cost}, billed ${billed}`);
  }
  if (!check.completed && check.chargedUsd < billed) tally.incompleteUnderestimated += 1;
}

function drainChecks(): void {
  while (checksInFlight < 4 && pendingChecks.length > 0) {
    const check = pendingChecks.shift()!;
    checksInFlight += 1;
    const done = checkGeneration(check).finally(() => {
      checksInFlight -= 1;
      drainChecks();
    });
    checksDone = Promise.all([checksDone, done]).then(() => {});
  }
}

beforeAll(async () => {
  // The emulator reports, from its own side, every reply it wrote (with the body's SHA-256), so the
  // middleware runs with its default upstream transport, as in production.
  upstream = await startEmulatorProcess({
    apiKey: serverKey,
    onRequest: (record) => {
      if (record.method !== 'POST' || record.path !== '/api/v1/chat/completions') return;
      upstreamRequests += 1;
      const { generationId, responseSha256 } = record;
      if (generationId === undefined || responseSha256 === undefined || record.status !== 200) return;
      // A reply the middleware hung up on (its client aborted) is not compared.
      if (record.clientDisconnectedAt !== undefined) return;
      const reading = endedReadings.get(generationId);
      if (reading === undefined) endedReplies.set(generationId, responseSha256);
      else {
        endedReadings.delete(generationId);
        compareChecksums(generationId, responseSha256, reading);
      }
    },
  });
  gateway = await startGateway({
    capture,
    serverKey,
    upstreamBaseURL: upstream.baseURL,
    keepUsage: false,
    onUsage: (event) => {
      tally.usageEvents += 1;
      if (event.completed) {
        tally.completedEvents += 1;
        tally.completedReportedUsd += event.usage?.cost ?? Number.NaN;
      } else {
        tally.incompleteEvents += 1;
        tally.incompleteChargedUsd += event.charged.usd;
      }
      if (event.generationId === undefined) tally.eventsWithoutGenerationId += 1;
      else {
        pendingChecks.push({
          generationId: event.generationId,
          completed: event.completed,
          cost: event.usage?.cost,
          chargedUsd: event.charged.usd,
        });
        drainChecks();
      }
    },
    // The default store keeps one generation-ownership record per request (for `GET /generation`),
    // up to `maxRecords` (100,000 by default, reached after hours at this rate). A smaller bound,
    // reached during the warm-up, lets two minutes show the steady state: anything that still grows
    // after it is a leak.
    middleware: { forwardHeaders: ['x-emulator-scenario'], store: memoryStore({ maxRecords: 2_000 }) },
  });
});

afterAll(async () => {
  await gateway.close();
  await upstream.close();
});

/** Waits until `value()` stopped changing for 300 ms (the emulator's log lines arrive through a pipe), at most 10 s. */
async function settled(value: () => number): Promise<void> {
  const deadline = Date.now() + 10_000;
  let last = value();
  while (Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 300));
    const now = value();
    if (now === last) return;
    last = now;
  }
}

function recordReading(reading: StreamReading): void {
  tally.streams += 1;
  if (reading.aborted) {
    tally.clientAborts += 1;
    if (reading.generationId !== undefined) endedReplies.delete(reading.generationId);
    return;
  }
  if (!reading.completed || reading.status !== 200 || reading.generationId === undefined) {
    tally.brokenCount += 1;
    if (tally.broken.length < 5) tally.broken.push(`${reading.status} ${String(reading.error)}`);
    return;
  }
  tally.completed += 1;
  const reply = endedReplies.get(reading.generationId);
  if (reply === undefined) endedReadings.set(reading.generationId, reading.sha256);
  else {
    endedReplies.delete(reading.generationId);
    compareChecksums(reading.generationId, reply, reading.sha256);
  }
}

describe(`soak: ${Math.round(durationMs / 1000)} s of steady streaming through the middleware with random client aborts`, () => {
  it('completed streams are byte-identical, usage adds up to /key, RSS stays flat after warm-up', {
    timeout: durationMs + 120_000,
  }, async () => {
    const spentBefore = await keyUsage(upstream.baseURL, serverKey);
    const started = Date.now();
    const deadline = started + durationMs;
    const samples: Array<{ atMs: number; rssMb: number; heapMb: number; externalMb: number }> = [];
    const sampler = setInterval(() => {
      const memory = retainedMemory();
      samples.push({
        atMs: Date.now() - started,
        rssMb: memory.rssBytes / 2 ** 20,
        heapMb: memory.heapUsedBytes / 2 ** 20,
        externalMb: memory.externalBytes / 2 ** 20,
      });
    }, 2_000);
    const worker = async (): Promise<void> => {
      while (Date.now() < deadline) {
        const aborting = random.next() < abortProbability;
        recordReading(
          await streamThroughGateway({
            baseURL: gateway.baseURL,
            prompt: `soak ${random.integer(0, 200)} [[tokens: ${random.integer(10, 60)}]]`,
            scenario: 'slow-tokens; interval_ms=8',
            ...(aborting ? { abortAfterMs: random.integer(1, 400) } : {}),
          }),
        );
      }
    };
    await Promise.all(Array.from({ length: concurrency }, () => worker()));
    clearInterval(sampler);
    await new Promise((resolve) => setTimeout(resolve, 500));
    while (pendingChecks.length > 0 || checksInFlight > 0) await checksDone;
    await settled(() => upstream.reported);
    const keySpent = (await keyUsage(upstream.baseURL, serverKey)) - spentBefore;
    const reportedTotal = tally.completedReportedUsd + tally.incompleteChargedUsd;

    const afterWarmUp = samples.filter((sample) => sample.atMs >= warmUpMs);
    const baseline = afterWarmUp.slice(0, 3);
    const baselineRss =
      baseline.reduce((sum, sample) => sum + sample.rssMb, 0) / Math.max(1, baseline.length);
    const baselineHeap =
      baseline.reduce((sum, sample) => sum + sample.heapMb, 0) / Math.max(1, baseline.length);
    const peakRss = Math.max(...afterWarmUp.map((sample) => sample.rssMb));
    const peakHeap = Math.max(...afterWarmUp.map((sample) => sample.heapMb));

    recordResults('soak', {
      durationMs,
      fullLength: durationMs >= 120_000,
      concurrency,
      abortProbability,
      ...tally,
      streamsPerSecond: Math.round(tally.streams / (durationMs / 1000)),
      upstreamRequests,
      middlewareErrorsReported: gateway.errorCount,
      unmatchedReplies: endedReplies.size,
      unmatchedReadings: endedReadings.size,
      keySpentUsd: keySpent,
      billedBeforeHeadersUsd: keySpent - tally.billedForReportedGenerationsUsd,
      usageEventsTotalUsd: reportedTotal,
      warmUpMs,
      rssBaselineMb: Math.round(baselineRss),
      rssPeakAfterWarmUpMb: Math.round(peakRss),
      rssGrowthPercent: Math.round(((peakRss - baselineRss) / baselineRss) * 1000) / 10,
      heapBaselineMb: Math.round(baselineHeap),
      heapPeakAfterWarmUpMb: Math.round(peakHeap),
      memorySamples: samples.map((sample) => [
        Math.round(sample.atMs / 1000),
        Math.round(sample.rssMb),
        Math.round(sample.heapMb),
        Math.round(sample.externalMb),
      ]),
      process: 'client + middleware (the emulator runs in its own process)',
      capture: capture.summary(),
    });

    expect(tally.broken).toEqual([]);
    expect(tally.clientAborts).toBeGreaterThan(0);
    expect(tally.checksumMismatches).toEqual([]);
    expect(tally.checksumMatches).toBe(tally.completed);
    // Every request that went upstream was reported exactly once.
    expect(tally.usageEvents).toBe(upstreamRequests);
    // Completed streams: the event's cost is exactly what the emulator billed for that generation.
    expect(tally.costMismatches).toEqual([]);
    expect(tally.generationsNotFound).toBe(0);
    // All events together cover what /key spent (aborted streams are charged an estimate, never nothing).
    expect(reportedTotal).toBeGreaterThanOrEqual(keySpent - 1e-9);
    expect(
      peakRss,
      `RSS grew from ${baselineRss.toFixed(0)} MB to ${peakRss.toFixed(0)} MB after warm-up`,
    ).toBeLessThanOrEqual(baselineRss * (1 + maxRssGrowth));
    expectNoLeaks(capture);
  });
});
