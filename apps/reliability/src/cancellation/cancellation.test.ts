import { getEventListeners } from 'node:events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeOutcome } from '../fault-matrix/check-cell';
import { activeResourceCounts, waitForResourcesToSettle } from '../harness/active-resources';
import { createCapture } from '../harness/capture';
import { createApiKey } from '../harness/create-api-key';
import { expectNoLeaks } from '../harness/expect-no-leaks';
import { recordResults } from '../harness/results';
import { createSeededRandom, suiteSeed } from '../harness/seeded-random';
import { type ChatPathName, type ChatProgress, chatPathNames, markerHeader } from '../paths/chat-path';
import {
  type AbortPhase,
  abortCall,
  abortPhases,
  type CancellationStacks,
  headerDelayMs,
  phaseSetups,
  startCancellationStacks,
} from './cancellation-setup';

const capture = createCapture();
const serverKey = createApiKey();
const random = createSeededRandom(suiteSeed ^ 0xca11);
const runsPerCell = 2;
const maxDisconnectLatencyMs = 100;
let stacks: CancellationStacks;

type RunRecord = {
  phase: AbortPhase;
  path: ChatPathName;
  abortPoint: string;
  disconnectLatencyMs: number;
  settleMs: number;
  leftover: string[];
  activeStreamsAfter: number | null;
  errorName: string;
};
const runs: RunRecord[] = [];

/** A run's user id at the middleware (no `authorize`: every client IP is a user). */
async function activeStreams(phase: AbortPhase): Promise<number | null> {
  const response = await fetch(`${stacks.gatewayFor(phase).baseURL}/usage`, {
    headers: { connection: 'close' },
  });
  const body = (await response.json()) as { data?: { concurrent_streams?: { active?: number } | null } };
  capture.add('GET /usage', body);
  return body.data?.concurrent_streams?.active ?? null;
}

function errorNameOf(error: unknown): string {
  const value = error as { name?: unknown; constructor?: { name?: string } } | undefined;
  return `${value?.constructor?.name ?? 'none'}:${String(value?.name)}`;
}

beforeAll(async () => {
  stacks = await startCancellationStacks(capture, serverKey);
  // Warm every path once so connection pools exist before the first "before" snapshot.
  for (const phase of ['before-headers', 'mid-text'] as const) {
    for (const path of stacks.pathsFor(phase).values()) {
      const outcome = await path.run({
        marker: `warm-${phase}`,
        model: 'openai/gpt-4o-mini',
        signal: AbortSignal.timeout(10_000),
      });
      if (!outcome.ok) throw new Error(`warm-up of ${path.name} failed: ${String(outcome.error)}`);
    }
  }
});

afterAll(async () => {
  await stacks.close();
  const latencies = runs.map((run) => run.disconnectLatencyMs).sort((a, b) => a - b);
  recordResults('cancellation', {
    runs: runs.length,
    phases: abortPhases,
    paths: chatPathNames.length,
    maxDisconnectLatencyMs: latencies.at(-1) ?? null,
    p50DisconnectLatencyMs: latencies[Math.floor(latencies.length / 2)] ?? null,
    runsWithLeftoverResources: runs.filter((run) => run.leftover.length > 0).length,
    maxActiveStreamsAfterAbort: Math.max(0, ...runs.map((run) => run.activeStreamsAfter ?? 0)),
    maxSettleMs: Math.max(0, ...runs.map((run) => run.settleMs)),
    errorNames: [...new Set(runs.map((run) => `${run.path}: ${run.errorName}`))].sort(),
    capture: capture.summary(),
  });
});

describe('cancellation: abort at seeded random points on every path', () => {
  for (const phase of abortPhases) {
    for (const pathName of chatPathNames) {
      it(`${phase} × ${pathName}`, { timeout: 20_000 }, async () => {
        const path = stacks.pathsFor(phase).get(pathName);
        if (!path) throw new Error(`no path ${pathName}`);
        const setup = phaseSetups[phase];
        for (let run = 0; run < runsPerCell; run++) {
          const marker = `abort-${phase}-${pathName.replace(/[^a-z]/gi, '')}-${run}-${random.integer(0, 1e9)}`;
          const before = activeResourceCounts();
          const controller = new AbortController();
          // Streams abort after a random number of text / tool-call deltas; otherwise after a random delay.
          const abortAfterCount = setup.abortAfter === 'text' ? random.integer(1, 12) : random.integer(1, 2);
          const delayMs =
            phase === 'before-headers' ? random.integer(0, headerDelayMs - 150) : random.integer(50, 600);
          let seen = 0;
          let abortedAt = 0;
          const abort = (): void => {
            if (abortedAt !== 0) return;
            abortedAt = Date.now();
            controller.abort(new Error('reliability suite: client gave up'));
          };
          const byProgress = path.streaming && setup.abortAfter !== undefined;
          const onProgress = (progress: ChatProgress): void => {
            if (byProgress && progress === setup.abortAfter && ++seen >= abortAfterCount) abort();
          };
          const running = path.run(abortCall(phase, marker, controller.signal, onProgress));
          const received = stacks.emulator.waitFor(
            (requests) => requests.some((request) => request.headers[markerHeader] === marker),
            { timeoutMs: 5_000 },
          );
          let timer: NodeJS.Timeout | undefined;
          if (!byProgress) {
            await received;
            timer = setTimeout(abort, delayMs);
          }
          const outcome = await Promise.race([
            running,
            new Promise<never>((_, reject) =>
              setTimeout(
                () => reject(new Error(`${pathName} did not settle within 5 s of the abort`)),
                10_000,
              ).unref(),
            ),
          ]);
          clearTimeout(timer);
          capture.add(`${phase} × ${pathName} outcome`, outcome);
          const abortPoint = byProgress
            ? `after ${abortAfterCount} ${setup.abortAfter} deltas`
            : `${delayMs} ms after the request arrived`;
          expect(
            abortedAt,
            `${pathName} finished before the abort point (${abortPoint}): ${describeOutcome(outcome)}`,
          ).toBeGreaterThan(0);
          expect(outcome.ok, `${pathName} reported success after an abort`).toBe(false);

          // The emulator saw the client leave, within 100 ms of the abort.
          await stacks.emulator.waitFor(
            (requests) =>
              requests.some(
                (request) =>
                  request.headers[markerHeader] === marker && request.clientDisconnectedAt !== undefined,
              ),
            { timeoutMs: 2_000 },
          );
          const record = stacks.emulator.requests.find((request) => request.headers[markerHeader] === marker);
          const disconnectLatencyMs = (record?.clientDisconnectedAt ?? Number.POSITIVE_INFINITY) - abortedAt;

          // Nothing left behind: timers, sockets, handles (by type), listeners on the signal, stream slots.
          const settleStarted = Date.now();
          const leftover = await waitForResourcesToSettle(before, 2_000);
          const settleMs = Date.now() - settleStarted;
          const listeners = getEventListeners(controller.signal, 'abort').length;
          const activeStreamsAfter = pathName.startsWith('openai.stream') ? await activeStreams(phase) : null;
          runs.push({
            phase,
            path: pathName,
            abortPoint,
            disconnectLatencyMs,
            settleMs,
            leftover: leftover.map((item) => `${item.type} ${item.before}→${item.after}`),
            activeStreamsAfter,
            errorName: errorNameOf(outcome.error),
          });
          expect(disconnectLatencyMs, `abort → emulator disconnect (${abortPoint})`).toBeLessThanOrEqual(
            maxDisconnectLatencyMs,
          );
          expect(disconnectLatencyMs).toBeGreaterThanOrEqual(0);
          expect(leftover, `resources left after aborting ${pathName} (${abortPoint})`).toEqual([]);
          expect(listeners, 'abort listeners left on the aborted signal').toBe(0);
          if (activeStreamsAfter !== null)
            expect(activeStreamsAfter, 'middleware stream slots still held').toBe(0);
        }
      });
    }
  }
});

describe('cancellation: a long-lived caller signal collects no listeners', () => {
  it('20 completed calls per path leave no listener on the shared signal', { timeout: 30_000 }, async () => {
    const counts: Record<string, number> = {};
    for (const path of stacks.pathsFor('mid-text').values()) {
      const shared = new AbortController();
      for (let call = 0; call < 20; call++) {
        const outcome = await path.run({
          marker: `shared-signal-${path.name.replace(/[^a-z]/gi, '')}-${call}`,
          model: 'openai/gpt-4o-mini',
          signal: shared.signal,
        });
        expect(outcome.ok, `${path.name}: ${String(outcome.error)}`).toBe(true);
      }
      await new Promise((resolve) => setImmediate(resolve));
      counts[path.name] = getEventListeners(shared.signal, 'abort').length;
    }
    recordResults('cancellation-shared-signal', { callsPerPath: 20, listenersLeftPerPath: counts });
    expect(
      Object.values(counts).every((count) => count === 0),
      JSON.stringify(counts),
    ).toBe(true);
  });
});

describe('cancellation: secrets', () => {
  it('no API key in anything the abort runs captured', () => {
    expectNoLeaks(capture);
  });
});
