import { loadavg } from 'node:os';
import { buildRequest } from '../gateway/gateway-contenders';
import type { EventLoopDelaySummary, ServerKind } from '../gateway/server-kind';
import { type ServerProcess, startServerProcess } from '../gateway/start-server-process';
import { cpuLayout, pinToCpu } from '../harness/pin-to-cpu';
import { summarizeSamples } from '../harness/summarize-samples';
import { openConcurrentStreams } from './open-concurrent-streams';

export type StreamsSettings = {
  streams: number;
  /** Streams opened through each server first, unmeasured (JIT, lazy initialisation). */
  warmupStreams: number;
  rounds: number;
  /** Emulator pacing: every stream is slow. */
  firstTokenMs: number;
  tokenIntervalMs: number;
  maxTokens: number;
  timeoutMs: number;
  /** Client and emulator on one core, the proxy on another (needs 2+ cores and `taskset`). */
  pinCpus: boolean;
};

export const fullStreamsSettings: StreamsSettings = {
  streams: 1_000,
  warmupStreams: 100,
  rounds: 2,
  firstTokenMs: 200,
  tokenIntervalMs: 100,
  maxTokens: 64,
  timeoutMs: 60_000,
  pinCpus: true,
};

export const smokeStreamsSettings: StreamsSettings = {
  streams: 20,
  warmupStreams: 5,
  rounds: 1,
  firstTokenMs: 20,
  tokenIntervalMs: 5,
  maxTokens: 16,
  timeoutMs: 20_000,
  pinCpus: true,
};

/** The proxies measured under many streams (the emulator alone is the `direct` reference). */
const proxies = ['ours-defaults', 'http-proxy-middleware'] as const;
type ProxyKind = (typeof proxies)[number];

export type StreamsRun = {
  kind: ServerKind;
  round: number;
  completed: number;
  failed: number;
  /** Streams whose normalised bytes equal the direct stream of the same prompt. */
  identicalToDirect: number;
  errors: string[];
  wallMs: number;
  firstDataMs: { p50: number; p99: number };
  endMs: { p50: number; p99: number };
  /** Inside the proxy process (absent for the direct run). */
  proxy?: {
    peakRssBytes: number;
    startRssBytes: number;
    /** V8 heap, external memory and array buffers when RSS peaked. */
    atPeak: { heapUsedBytes: number; externalBytes: number; arrayBuffersBytes: number };
    eventLoopDelayMs: EventLoopDelaySummary;
  };
};

export type StreamsSuiteResult = {
  suite: 'streams';
  settings: StreamsSettings;
  loadAverage: { start: number[]; end: number[] };
  runs: StreamsRun[];
  /** True when client + emulator and the proxies ran on separate pinned cores. */
  pinned: boolean;
};

const percentiles = (values: number[]): { p50: number; p99: number } => {
  const finite = values.filter((value) => Number.isFinite(value)).sort((left, right) => left - right);
  if (finite.length === 0) return { p50: Number.NaN, p99: Number.NaN };
  return {
    p50: summarizeSamples(finite).median,
    p99: finite[Math.min(finite.length - 1, Math.floor(finite.length * 0.99))] as number,
  };
};

/** Suite 3: many slow streams at once through the middleware (and the byte proxy), compared with direct. */
export async function runStreamsSuite(
  settings: StreamsSettings,
  log: (message: string) => void,
): Promise<StreamsSuiteResult> {
  const start = loadavg();
  const runs: StreamsRun[] = [];
  const pinned = settings.pinCpus && pinToCpu(process.pid, cpuLayout.client);
  const emulator = await startServerProcess(
    {
      kind: 'emulator',
      latency: { firstTokenMs: settings.firstTokenMs, tokenIntervalMs: settings.tokenIntervalMs },
    },
    pinned ? cpuLayout.upstream : undefined,
  );
  const servers = new Map<ProxyKind, ServerProcess>();
  /** A fresh proxy process per round: its peak RSS is never the previous round's leftover heap. */
  const restart = async (kind: ProxyKind): Promise<ServerProcess> => {
    await servers.get(kind)?.close();
    const server = await startServerProcess(
      { kind, upstreamBaseURL: `${emulator.origin}/api/v1` },
      pinned ? cpuLayout.proxy : undefined,
    );
    servers.set(kind, server);
    return server;
  };
  try {
    // A different prompt per stream, so byte identity is checked stream by stream.
    const targetsFor = (kind: ServerKind, origin: string, count = settings.streams) =>
      Array.from({ length: count }, (_unused, index) => {
        const target = buildRequest(kind, origin, emulator.origin, {
          stream: true,
          maxTokens: settings.maxTokens,
        });
        const body = JSON.parse(target.body) as { messages: { content: string }[] };
        (body.messages[0] as { content: string }).content = `Stream number ${index}: say hello.`;
        return { ...target, body: JSON.stringify(body) };
      });

    const measure = async (kind: ServerKind, origin: string, round: number, reference?: string[]) => {
      const server = kind === 'emulator' ? undefined : servers.get(kind as ProxyKind);
      server?.startSampling();
      const begin = performance.now();
      const outcomes = await openConcurrentStreams(targetsFor(kind, origin), settings.timeoutMs);
      const wallMs = performance.now() - begin;
      const samples = await server?.stopSampling();
      const completed = outcomes.filter((outcome) => outcome.status === 200 && outcome.complete).length;
      const errors = [
        ...new Set(
          outcomes.flatMap((outcome) =>
            outcome.error === undefined
              ? outcome.status === 200
                ? []
                : [`HTTP ${outcome.status}`]
              : [outcome.error],
          ),
        ),
      ].slice(0, 5);
      const run: StreamsRun = {
        kind,
        round,
        completed,
        failed: outcomes.length - completed,
        identicalToDirect:
          reference === undefined
            ? completed
            : outcomes.filter((outcome, index) => outcome.complete && outcome.checksum === reference[index])
                .length,
        errors,
        wallMs,
        firstDataMs: percentiles(outcomes.map((outcome) => outcome.firstDataMs)),
        endMs: percentiles(outcomes.map((outcome) => outcome.endMs)),
        ...(samples === undefined
          ? {}
          : {
              proxy: {
                peakRssBytes: samples.peakRssBytes,
                startRssBytes: samples.startRssBytes,
                atPeak: samples.atPeak,
                eventLoopDelayMs: samples.eventLoopDelayMs,
              },
            }),
      };
      runs.push(run);
      log(
        `  ${kind} round ${round + 1}: ${completed}/${outcomes.length} complete, ${run.identicalToDirect} identical, ${(wallMs / 1000).toFixed(1)} s${samples === undefined ? '' : `, peak RSS ${(samples.peakRssBytes / 1e6).toFixed(0)} MB, event-loop p99 ${samples.eventLoopDelayMs.p99.toFixed(1)} ms`}`,
      );
      return outcomes;
    };

    const warmUp = (kind: ServerKind, origin: string) =>
      openConcurrentStreams(targetsFor(kind, origin, settings.warmupStreams), settings.timeoutMs);
    await warmUp('emulator', emulator.origin);
    for (let round = 0; round < settings.rounds; round++) {
      const direct = await measure('emulator', emulator.origin, round);
      const reference = direct.map((outcome) => outcome.checksum);
      const order = round % 2 === 0 ? proxies : [...proxies].reverse();
      for (const kind of order) {
        const server = await restart(kind);
        await warmUp(kind, server.origin);
        await measure(kind, server.origin, round, reference);
      }
    }
  } finally {
    for (const server of servers.values()) await server.close();
    await emulator.close();
  }
  return { suite: 'streams', settings, loadAverage: { start, end: loadavg() }, runs, pinned };
}
