import { Agent } from 'node:http';
import { loadavg } from 'node:os';
import { cpuLayout, pinToCpu } from '../harness/pin-to-cpu';
import type { CpuProfileSummary } from '../harness/profile-cpu';
import { summarizeSamples } from '../harness/summarize-samples';
import {
  buildRequest,
  type GatewayContender,
  gatewayContenders,
  normalizeStreamBody,
} from './gateway-contenders';
import { measureStreamTimeline } from './measure-stream-timeline';
import { type AutocannonResult, runAutocannon } from './run-autocannon';
import { runClosedLoopLoad } from './run-closed-loop-load';
import type { ServerKind } from './server-kind';
import { type ServerProcess, startPortkeyProcess, startServerProcess } from './start-server-process';

export type GatewaySettings = {
  rounds: number;
  nonStreamed: { concurrencies: number[]; durationMs: number; warmupMs: number; maxTokens: number };
  /** Paced stream (`slow-tokens`): time to first chunk and gaps between chunks. */
  pacedStream: { requestsPerRound: number; warmupRequests: number; intervalMs: number; maxTokens: number };
  /** Unpaced stream: time to the last chunk. */
  fastStream: { requestsPerRound: number; warmupRequests: number; maxTokens: number };
  autocannon: { connections: number; durationSeconds: number; rounds: number };
  /** After the rounds: CPU-profile each of our servers and the byte proxy under the throughput load this long. */
  profileMs: number;
  /** Pin the load generator and the emulator to one core and every proxy to another (needs 2+ cores and `taskset`). */
  pinCpus: boolean;
};

export const fullGatewaySettings: GatewaySettings = {
  rounds: 5,
  nonStreamed: { concurrencies: [1, 16], durationMs: 3_000, warmupMs: 500, maxTokens: 64 },
  pacedStream: { requestsPerRound: 20, warmupRequests: 3, intervalMs: 5, maxTokens: 24 },
  fastStream: { requestsPerRound: 40, warmupRequests: 5, maxTokens: 64 },
  autocannon: { connections: 16, durationSeconds: 3, rounds: 2 },
  profileMs: 3_000,
  pinCpus: true,
};

export const smokeGatewaySettings: GatewaySettings = {
  rounds: 1,
  nonStreamed: { concurrencies: [1, 4], durationMs: 300, warmupMs: 100, maxTokens: 16 },
  pacedStream: { requestsPerRound: 2, warmupRequests: 1, intervalMs: 2, maxTokens: 8 },
  fastStream: { requestsPerRound: 3, warmupRequests: 1, maxTokens: 16 },
  autocannon: { connections: 4, durationSeconds: 1, rounds: 1 },
  profileMs: 300,
  pinCpus: true,
};

export type GatewayContenderStatus = {
  kind: ServerKind;
  label: string;
  group: GatewayContender['group'];
  description: string;
  /** `measured` when at least one request shape passed the sanity check. */
  status: 'measured' | 'unavailable';
  reason?: string;
  /** Non-streamed requests: `undefined` when they work, else why they are not measured. */
  jsonFailure?: string;
  /** Streamed requests: `undefined` when they work, else why they are not measured. */
  streamFailure?: string;
  /** What the sanity check saw; the stream is compared with the direct one byte for byte (ids and timestamps aside). */
  sanity?: {
    jsonBytes?: number;
    streamBytes?: number;
    streamChunks?: number;
    streamIdenticalToDirect?: boolean;
  };
};

export type LoadRound = {
  p50Ms: number;
  p99Ms: number;
  requestsPerSecond: number;
  completed: number;
  failed: number;
};
export type PacedRound = { ttftMs: number; gapMs: number; chunks: number; requests: number };
export type FastRound = { ttftMs: number; lastChunkMs: number; chunks: number; requests: number };

export type GatewaySuiteResult = {
  suite: 'gateway';
  settings: GatewaySettings;
  loadAverage: { start: number[]; end: number[] };
  contenders: GatewayContenderStatus[];
  nonStreamed: { concurrency: number; rounds: Partial<Record<ServerKind, LoadRound[]>> }[];
  pacedStream: Partial<Record<ServerKind, PacedRound[]>>;
  fastStream: Partial<Record<ServerKind, FastRound[]>>;
  autocannon: Partial<Record<ServerKind, AutocannonResult[]>>;
  /** CPU profile of the server process under the throughput load (self time by function and package). */
  profiles: Partial<Record<ServerKind, CpuProfileSummary>>;
  /** Where each process ran: CPU numbers, or `undefined` when not pinned. */
  pinning: { client: number | undefined; servers: Partial<Record<ServerKind, number | undefined>> };
};

const errorMessage = (error: unknown): string =>
  error instanceof Error ? error.message.split('\n')[0]! : String(error);

const median = (values: readonly number[]): number => summarizeSamples(values).median;

const push = <T>(record: Partial<Record<ServerKind, T[]>>, kind: ServerKind, value: T): void => {
  const list = record[kind] ?? [];
  list.push(value);
  record[kind] = list;
};

/** Rotates the contenders by round so none always runs first. */
const rotated = <T>(items: readonly T[], round: number): T[] =>
  items.map((_item, index) => items[(index + round) % items.length] as T);

/** Suite 2: the emulator directly vs proxies in front of it, each in its own process. */
export async function runGatewaySuite(
  settings: GatewaySettings,
  log: (message: string) => void,
): Promise<GatewaySuiteResult> {
  const start = loadavg();
  const servers = new Map<ServerKind, ServerProcess>();
  const statuses: GatewayContenderStatus[] = gatewayContenders.map((contender) => ({
    kind: contender.kind,
    label: contender.label,
    group: contender.group,
    description: contender.description,
    status: 'unavailable',
  }));
  const statusOf = (kind: ServerKind): GatewayContenderStatus =>
    statuses.find((status) => status.kind === kind) as GatewayContenderStatus;
  const result: GatewaySuiteResult = {
    suite: 'gateway',
    settings,
    loadAverage: { start, end: [] },
    contenders: statuses,
    nonStreamed: [],
    pacedStream: {},
    fastStream: {},
    autocannon: {},
    profiles: {},
    pinning: { client: undefined, servers: {} },
  };
  if (settings.pinCpus && pinToCpu(process.pid, cpuLayout.client)) result.pinning.client = cpuLayout.client;
  const upstreamCpu = settings.pinCpus ? cpuLayout.upstream : undefined;
  const proxyCpu = settings.pinCpus ? cpuLayout.proxy : undefined;
  try {
    const emulator = await startServerProcess({ kind: 'emulator' }, upstreamCpu);
    servers.set('emulator', emulator);
    result.pinning.servers.emulator = emulator.cpu;
    const upstreamBaseURL = `${emulator.origin}/api/v1`;
    for (const contender of gatewayContenders) {
      if (contender.kind === 'emulator') continue;
      try {
        const server =
          contender.kind === 'portkey'
            ? await startPortkeyProcess(proxyCpu)
            : await startServerProcess({ kind: contender.kind, upstreamBaseURL }, proxyCpu);
        servers.set(contender.kind, server);
        result.pinning.servers[contender.kind] = server.cpu;
      } catch (error) {
        statusOf(contender.kind).reason = `could not start: ${errorMessage(error)}`;
        log(`  ${contender.kind}: ${statusOf(contender.kind).reason}`);
      }
    }
    const target = (kind: ServerKind, shape: Parameters<typeof buildRequest>[3]) =>
      buildRequest(kind, (servers.get(kind) as ServerProcess).origin, emulator.origin, shape);

    // Sanity: every contender answers both shapes with 200, and streams the direct bytes.
    const sanityAgent = new Agent({ keepAlive: false });
    let directStream: string | undefined;
    for (const contender of gatewayContenders) {
      if (!servers.has(contender.kind)) continue;
      const status = statusOf(contender.kind);
      const sanity: NonNullable<GatewayContenderStatus['sanity']> = {};
      status.sanity = sanity;
      try {
        const jsonTarget = target(contender.kind, {
          stream: false,
          maxTokens: settings.nonStreamed.maxTokens,
        });
        const json = await fetch(jsonTarget.url, {
          method: 'POST',
          headers: jsonTarget.headers,
          body: jsonTarget.body,
          signal: AbortSignal.timeout(10_000),
        });
        const jsonText = await json.text();
        if (json.status !== 200) throw new Error(`HTTP ${json.status}: ${jsonText.slice(0, 160)}`);
        sanity.jsonBytes = Buffer.byteLength(jsonText);
      } catch (error) {
        status.jsonFailure = `non-streamed requests fail: ${errorMessage(error)}`;
        log(`  ${contender.kind}: ${status.jsonFailure}`);
      }
      try {
        const streamTarget = target(contender.kind, {
          stream: true,
          maxTokens: settings.fastStream.maxTokens,
        });
        const stream = await fetch(streamTarget.url, {
          method: 'POST',
          headers: streamTarget.headers,
          body: streamTarget.body,
          signal: AbortSignal.timeout(10_000),
        });
        const streamText = await stream.text();
        if (stream.status !== 200) throw new Error(`HTTP ${stream.status}: ${streamText.slice(0, 160)}`);
        const timeline = await measureStreamTimeline(streamTarget, sanityAgent);
        if (timeline.chunkMs.length === 0) throw new Error('no chunks');
        directStream ??= normalizeStreamBody(streamText);
        sanity.streamBytes = Buffer.byteLength(streamText);
        sanity.streamChunks = timeline.chunkMs.length;
        sanity.streamIdenticalToDirect = normalizeStreamBody(streamText) === directStream;
      } catch (error) {
        status.streamFailure = `streamed requests fail: ${errorMessage(error)}`;
        log(`  ${contender.kind}: ${status.streamFailure}`);
      }
      if (status.jsonFailure === undefined || status.streamFailure === undefined) status.status = 'measured';
      else status.reason = `${status.jsonFailure}; ${status.streamFailure}`;
    }
    sanityAgent.destroy();
    const measuredFor = (shape: 'json' | 'stream'): GatewayContender[] =>
      gatewayContenders.filter((contender) => {
        const status = statusOf(contender.kind);
        return (
          status.status === 'measured' &&
          (shape === 'json' ? status.jsonFailure : status.streamFailure) === undefined
        );
      });
    const measured = measuredFor('json');
    const streaming = measuredFor('stream');
    log(`  non-streamed: ${measured.map((contender) => contender.kind).join(', ')}`);
    log(`  streamed: ${streaming.map((contender) => contender.kind).join(', ')}`);

    // Non-streamed: closed-loop load at fixed concurrency, interleaved rounds.
    for (const concurrency of settings.nonStreamed.concurrencies) {
      const rounds: Partial<Record<ServerKind, LoadRound[]>> = {};
      for (let round = 0; round < settings.rounds; round++) {
        for (const contender of rotated(measured, round)) {
          const load = await runClosedLoopLoad({
            target: target(contender.kind, { stream: false, maxTokens: settings.nonStreamed.maxTokens }),
            concurrency,
            durationMs: settings.nonStreamed.durationMs,
            warmupMs: settings.nonStreamed.warmupMs,
          });
          const summary = load.latenciesMs.length > 0 ? summarizeSamples(load.latenciesMs) : undefined;
          const sorted = [...load.latenciesMs].sort((left, right) => left - right);
          const p99 =
            sorted.length > 0
              ? (sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.99))] as number)
              : Number.NaN;
          push(rounds, contender.kind, {
            p50Ms: summary?.median ?? Number.NaN,
            p99Ms: p99,
            requestsPerSecond: load.requestsPerSecond,
            completed: load.completed,
            failed: load.failed,
          });
        }
        log(`  non-streamed c=${concurrency}: round ${round + 1}/${settings.rounds}`);
      }
      result.nonStreamed.push({ concurrency, rounds });
    }

    // Streamed, paced by the emulator: time to first chunk and the gap between chunks.
    const pacedScenario = `slow-tokens; interval_ms=${settings.pacedStream.intervalMs}`;
    for (let round = 0; round < settings.rounds; round++) {
      for (const contender of rotated(streaming, round)) {
        const agent = new Agent({ keepAlive: true, maxSockets: 1 });
        const streamTarget = target(contender.kind, {
          stream: true,
          maxTokens: settings.pacedStream.maxTokens,
          scenario: pacedScenario,
        });
        const ttft: number[] = [];
        const gaps: number[] = [];
        let chunks = 0;
        for (
          let index = 0;
          index < settings.pacedStream.warmupRequests + settings.pacedStream.requestsPerRound;
          index++
        ) {
          const timeline = await measureStreamTimeline(streamTarget, agent);
          if (index < settings.pacedStream.warmupRequests) continue;
          const first = timeline.chunkMs[0];
          const last = timeline.chunkMs[timeline.chunkMs.length - 1];
          if (timeline.status !== 200 || first === undefined || last === undefined) {
            throw new Error(`${contender.kind}: paced stream failed (HTTP ${timeline.status})`);
          }
          chunks = timeline.chunkMs.length;
          ttft.push(first);
          if (timeline.chunkMs.length > 1) gaps.push((last - first) / (timeline.chunkMs.length - 1));
        }
        agent.destroy();
        push(result.pacedStream, contender.kind, {
          ttftMs: median(ttft),
          gapMs: gaps.length > 0 ? median(gaps) : Number.NaN,
          chunks,
          requests: ttft.length,
        });
      }
      log(`  paced streams: round ${round + 1}/${settings.rounds}`);
    }

    // Streamed as fast as the emulator can: time to first and to last chunk.
    for (let round = 0; round < settings.rounds; round++) {
      for (const contender of rotated(streaming, round)) {
        const agent = new Agent({ keepAlive: true, maxSockets: 1 });
        const streamTarget = target(contender.kind, {
          stream: true,
          maxTokens: settings.fastStream.maxTokens,
        });
        const ttft: number[] = [];
        const lastChunk: number[] = [];
        let chunks = 0;
        for (
          let index = 0;
          index < settings.fastStream.warmupRequests + settings.fastStream.requestsPerRound;
          index++
        ) {
          const timeline = await measureStreamTimeline(streamTarget, agent);
          if (index < settings.fastStream.warmupRequests) continue;
          const first = timeline.chunkMs[0];
          const last = timeline.chunkMs[timeline.chunkMs.length - 1];
          if (timeline.status !== 200 || first === undefined || last === undefined) {
            throw new Error(`${contender.kind}: stream failed (HTTP ${timeline.status})`);
          }
          chunks = timeline.chunkMs.length;
          ttft.push(first);
          lastChunk.push(last);
        }
        agent.destroy();
        push(result.fastStream, contender.kind, {
          ttftMs: median(ttft),
          lastChunkMs: median(lastChunk),
          chunks,
          requests: ttft.length,
        });
      }
      log(`  fast streams: round ${round + 1}/${settings.rounds}`);
    }

    // autocannon cross-check of throughput.
    for (let round = 0; round < settings.autocannon.rounds; round++) {
      for (const contender of rotated(measured, round)) {
        push(
          result.autocannon,
          contender.kind,
          await runAutocannon(
            target(contender.kind, { stream: false, maxTokens: settings.nonStreamed.maxTokens }),
            settings.autocannon.connections,
            settings.autocannon.durationSeconds,
          ),
        );
      }
      log(`  autocannon: round ${round + 1}/${settings.autocannon.rounds}`);
    }

    // Where each proxy's time goes under the throughput load.
    const profiledKinds: readonly ServerKind[] = ['ours-defaults', 'ours-policy', 'http-proxy-middleware'];
    const concurrency = Math.max(...settings.nonStreamed.concurrencies);
    for (const contender of measured) {
      const server = servers.get(contender.kind);
      if (server === undefined || !profiledKinds.includes(contender.kind)) continue;
      result.profiles[contender.kind] = await server.profile(async () => {
        await runClosedLoopLoad({
          target: target(contender.kind, { stream: false, maxTokens: settings.nonStreamed.maxTokens }),
          concurrency,
          durationMs: settings.profileMs,
          warmupMs: 0,
        });
      });
    }
    log(`  profiled ${Object.keys(result.profiles).join(', ')}`);
  } finally {
    for (const server of [...servers.values()].reverse()) await server.close();
  }
  result.loadAverage.end = loadavg();
  return result;
}
