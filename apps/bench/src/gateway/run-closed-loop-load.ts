import { Agent, request } from 'node:http';
import type { HttpTarget } from './http-target';

export type ClosedLoopOptions = {
  target: HttpTarget;
  /** Requests in flight at any time (one keep-alive connection each). */
  concurrency: number;
  /** Measured period. */
  durationMs: number;
  /** Unmeasured period first (connections opened, JIT warm). */
  warmupMs: number;
  /** Upper bound for one request; a slower request fails the run instead of hanging it. */
  requestTimeoutMs?: number;
};

export type ClosedLoopResult = {
  /** Latency of every successful measured request, in milliseconds (hrtime resolution). */
  latenciesMs: number[];
  completed: number;
  failed: number;
  /** Status codes other than 200, with counts. */
  unexpectedStatuses: Record<string, number>;
  elapsedMs: number;
  requestsPerSecond: number;
  /** Response bytes of the first successful request (sanity check). */
  sampleBodyBytes: number;
};

/** One request over `agent`, resolved with the status and body size once the body has ended. */
function send(
  agent: Agent,
  target: HttpTarget,
  timeoutMs: number,
): Promise<{ status: number; bytes: number }> {
  return new Promise((resolve, reject) => {
    const outgoing = request(
      target.url,
      {
        method: 'POST',
        agent,
        headers: { ...target.headers, 'content-length': Buffer.byteLength(target.body) },
      },
      (response) => {
        let bytes = 0;
        response.on('data', (data: Buffer) => {
          bytes += data.length;
        });
        response.once('end', () => resolve({ status: response.statusCode ?? 0, bytes }));
        response.once('error', reject);
      },
    );
    outgoing.setTimeout(timeoutMs, () =>
      outgoing.destroy(new Error(`request timed out after ${timeoutMs} ms`)),
    );
    outgoing.once('error', reject);
    outgoing.end(target.body);
  });
}

/**
 * A closed-loop load generator in this process: `concurrency` workers, each sending the next
 * request as soon as the previous response has fully arrived, over keep-alive connections, for
 * `warmupMs` (discarded) then `durationMs` (measured). Latencies use `process.hrtime` (µs and
 * better), unlike autocannon's histogram, which stores whole milliseconds.
 */
export async function runClosedLoopLoad(options: ClosedLoopOptions): Promise<ClosedLoopResult> {
  const { target, concurrency, durationMs, warmupMs } = options;
  const timeoutMs = options.requestTimeoutMs ?? 10_000;
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency, maxFreeSockets: concurrency });
  const latenciesMs: number[] = [];
  const unexpectedStatuses: Record<string, number> = {};
  let failed = 0;
  let sampleBodyBytes = 0;
  const startedAt = performance.now();
  const measureFrom = startedAt + warmupMs;
  const stopAt = measureFrom + durationMs;
  let completedInWindow = 0;

  const worker = async (): Promise<void> => {
    while (performance.now() < stopAt) {
      const begin = process.hrtime.bigint();
      const sentAt = performance.now();
      try {
        const { status, bytes } = await send(agent, target, timeoutMs);
        const latency = Number(process.hrtime.bigint() - begin) / 1e6;
        const endedAt = performance.now();
        if (endedAt < measureFrom || endedAt > stopAt) continue;
        if (status !== 200) {
          unexpectedStatuses[String(status)] = (unexpectedStatuses[String(status)] ?? 0) + 1;
          failed++;
          continue;
        }
        if (sampleBodyBytes === 0) sampleBodyBytes = bytes;
        // Throughput counts every response completed inside the window; latency only requests
        // that also started inside it (none of them waited behind warm-up connection setup).
        completedInWindow++;
        if (sentAt >= measureFrom) latenciesMs.push(latency);
      } catch {
        if (sentAt >= measureFrom) failed++;
      }
    }
  };

  try {
    await Promise.all(Array.from({ length: concurrency }, worker));
  } finally {
    agent.destroy();
  }
  return {
    latenciesMs,
    completed: completedInWindow,
    failed,
    unexpectedStatuses,
    elapsedMs: durationMs,
    requestsPerSecond: completedInWindow / (durationMs / 1_000),
    sampleBodyBytes,
  };
}
