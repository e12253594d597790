// Throughput benchmark: `pnpm --filter @openrouter-adapters/emulator bench` (after a build).
// The emulator runs in its own process (the built CLI) so the load generator does not share its
// event loop: one core each on a 2-core machine.
//   1. Non-streamed chat completions with autocannon (target ≥ 2,000/s).
//   2. 500 concurrent streams (each ~1 s long, so all 500 are open at once), every one read to [DONE].
//   3. Streamed completions back to back at full speed.
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';

const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 10);
const STREAMS = Number(process.env.BENCH_STREAMS ?? 500);
const STREAM_INTERVAL_MS = Number(process.env.BENCH_STREAM_INTERVAL_MS ?? 50);

async function startCli(): Promise<{ child: ChildProcess; baseURL: string }> {
  const bin = fileURLToPath(new URL('../bin/openrouter-emulator.js', import.meta.url));
  const child = spawn(process.execPath, [bin, '--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const baseURL = await new Promise<string>((resolve, reject) => {
    let buffer = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      const newline = buffer.indexOf('\n');
      if (newline !== -1) resolve(buffer.slice(0, newline));
    });
    child.once('exit', (code) =>
      reject(new Error(`the emulator exited with ${code} (run \`pnpm build\` first)`)),
    );
  });
  return { child, baseURL };
}

/**
 * CPU time (ms) the emulator process has used, from /proc (Linux). On a shared machine the
 * requests/s depend on what else runs; CPU time per request does not, and gives the capacity of
 * one core (1,000,000 µs / cost).
 */
function cpuMs(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    const ticks = Number(fields[11]) + Number(fields[12]);
    return Number.isFinite(ticks) ? ticks * 10 : undefined;
  } catch {
    return undefined;
  }
}

function perRequest(cpuBefore: number | undefined, cpuAfter: number | undefined, count: number): string {
  if (cpuBefore === undefined || cpuAfter === undefined || count === 0) return 'n/a';
  const micros = ((cpuAfter - cpuBefore) * 1000) / count;
  return `${Math.round(micros)} µs emulator CPU each → ${Math.round(1_000_000 / micros)}/s per core`;
}

const chatBody = (content: string, stream: boolean): string =>
  JSON.stringify({ model: 'openai/gpt-4o-mini', stream, messages: [{ role: 'user', content }] });

type StreamOutcome = { ok: boolean; firstByteAt: number; endedAt: number; events: number; bytes: number };

function openStream(
  agent: Agent,
  url: URL,
  body: string,
  headers: Record<string, string>,
): Promise<StreamOutcome> {
  return new Promise((resolve) => {
    const outcome: StreamOutcome = { ok: false, firstByteAt: 0, endedAt: 0, events: 0, bytes: 0 };
    const call = request(
      url,
      {
        method: 'POST',
        agent,
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          ...headers,
        },
      },
      (response) => {
        let carry = 0;
        response.on('data', (chunk: Buffer) => {
          if (outcome.firstByteAt === 0) outcome.firstByteAt = performance.now();
          outcome.bytes += chunk.length;
          // Count `data: ` at the start of an event (after a blank line or at offset 0).
          let index = chunk.indexOf('data: ');
          while (index !== -1) {
            const atEventStart =
              index === 0
                ? carry === 2 || outcome.bytes === chunk.length
                : chunk[index - 1] === 10 && (index < 2 ? carry >= 1 : chunk[index - 2] === 10);
            if (atEventStart) outcome.events += 1;
            index = chunk.indexOf('data: ', index + 6);
          }
          carry = chunk[chunk.length - 1] === 10 ? (chunk[chunk.length - 2] === 10 ? 2 : 1) : 0;
        });
        response.on('end', () => {
          outcome.endedAt = performance.now();
          outcome.ok = response.statusCode === 200;
          resolve(outcome);
        });
        response.on('error', () => resolve(outcome));
      },
    );
    call.on('error', () => resolve(outcome));
    call.end(body);
  });
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

async function main(): Promise<void> {
  const { child, baseURL } = await startCli();
  const rows: string[] = [];
  try {
    const url = `${baseURL}/chat/completions`;
    // Warm-up.
    await autocannon({
      url,
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: chatBody('warm up', false),
      connections: 10,
      duration: 2,
    });

    const cpuBeforePlain = cpuMs(child.pid);
    const plain = await autocannon({
      url,
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer sk-or-v1-bench' },
      body: chatBody('Summarise the benefits of local emulators for CI in one paragraph.', false),
      connections: 64,
      duration: DURATION_S,
    });
    const plainCpu = perRequest(cpuBeforePlain, cpuMs(child.pid), plain['2xx']);
    rows.push(
      `| non-streamed chat completions (64 connections, ${DURATION_S} s) | ${Math.round(plain.requests.average)} req/s | p50 ${plain.latency.p50} ms, p99 ${plain.latency.p99} ms; ${plainCpu} | ${plain['2xx']} ok, ${plain.non2xx} non-2xx, ${plain.errors} errors |`,
    );

    const agent = new Agent({ keepAlive: true, maxSockets: STREAMS + 10 });
    const streamUrl = new URL(url);
    const cpuBeforeStreams = cpuMs(child.pid);
    const started = performance.now();
    const outcomes = await Promise.all(
      Array.from({ length: STREAMS }, (_, index) =>
        openStream(agent, streamUrl, chatBody(`stream ${index} [[tokens: 40]]`, true), {
          'x-emulator-scenario': `slow-tokens; interval_ms=${STREAM_INTERVAL_MS}`,
        }),
      ),
    );
    const elapsed = performance.now() - started;
    const cpuAfterStreams = cpuMs(child.pid);
    const ok = outcomes.filter((outcome) => outcome.ok && outcome.events >= 42).length;
    const lastFirstByte = Math.max(...outcomes.map((outcome) => outcome.firstByteAt));
    const firstEnd = Math.min(...outcomes.map((outcome) => outcome.endedAt));
    const durations = outcomes.map((outcome) => outcome.endedAt - started).sort((a, b) => a - b);
    const utilisation =
      cpuBeforeStreams === undefined || cpuAfterStreams === undefined
        ? 'n/a'
        : `${Math.round(((cpuAfterStreams - cpuBeforeStreams) / elapsed) * 100)} % of one core`;
    rows.push(
      `| ${STREAMS} concurrent streams (40 tokens, ${STREAM_INTERVAL_MS} ms apart) | ${ok}/${STREAMS} complete in ${Math.round(elapsed)} ms | all open at once: ${lastFirstByte < firstEnd ? 'yes' : 'no'} (last first byte ${Math.round(lastFirstByte - started)} ms, first end ${Math.round(firstEnd - started)} ms); stream end p50 ${Math.round(percentile(durations, 50))} ms, p99 ${Math.round(percentile(durations, 99))} ms (ideal ≈ ${41 * STREAM_INTERVAL_MS} ms); emulator used ${utilisation} | ${outcomes.reduce((sum, outcome) => sum + outcome.events, 0)} events |`,
    );

    const cpuBeforeBurst = cpuMs(child.pid);
    const burstStart = performance.now();
    let completed = 0;
    let events = 0;
    const burstDeadline = burstStart + DURATION_S * 1000;
    await Promise.all(
      Array.from({ length: 64 }, async () => {
        while (performance.now() < burstDeadline) {
          const outcome = await openStream(
            agent,
            streamUrl,
            chatBody('full speed stream [[tokens: 40]]', true),
            {},
          );
          if (outcome.ok) completed += 1;
          events += outcome.events;
        }
      }),
    );
    const burstSeconds = (performance.now() - burstStart) / 1000;
    rows.push(
      `| streamed chat completions, no delays (64 concurrent) | ${Math.round(completed / burstSeconds)} streams/s | ${Math.round(events / burstSeconds)} SSE events/s; ${perRequest(cpuBeforeBurst, cpuMs(child.pid), completed)} | ${completed} complete |`,
    );
    agent.destroy();
  } finally {
    child.kill('SIGTERM');
  }
  const load = loadavg()[0]?.toFixed(1);
  console.log(
    `\nEmulator throughput (Node ${process.version}, ${cpus().length} CPUs, load average ${load} at the end)\n`,
  );
  console.log('| workload | result | detail | outcome |');
  console.log('|---|---|---|---|');
  for (const row of rows) console.log(row);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
