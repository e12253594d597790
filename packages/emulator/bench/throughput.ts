// Throughput benchmark: `pnpm --filter @openrouter-adapters/emulator bench` (after a build).
// The emulator runs in its own process (the built CLI) so the load generator does not share its
// event loop: one core each on a 2-core machine.
//   1. Non-streamed chat completions with autocannon (target ≥ 2,000/s).
//   2. 500 concurrent streams (each ~1 s long, so all 500 are open at once), every one read to [DONE].
//   3. Streamed completions back to back at full speed.
import { type ChildProcess, spawn } from 'node:child_process';
import { Agent, request } from 'node:http';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';

const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 10);
const STREAMS = Number(process.env.BENCH_STREAMS ?? 500);

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
        let tail = '';
        response.on('data', (chunk: Buffer) => {
          if (outcome.firstByteAt === 0) outcome.firstByteAt = performance.now();
          outcome.bytes += chunk.length;
          const text = tail + chunk.toString('latin1');
          let index = text.indexOf('\n\n');
          let start = 0;
          while (index !== -1) {
            if (text.startsWith('data: ', start)) outcome.events += 1;
            start = index + 2;
            index = text.indexOf('\n\n', start);
          }
          tail = text.slice(start);
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

    const plain = await autocannon({
      url,
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer sk-or-v1-bench' },
      body: chatBody('Summarise the benefits of local emulators for CI in one paragraph.', false),
      connections: 64,
      duration: DURATION_S,
    });
    rows.push(
      `| non-streamed chat completions (64 connections, ${DURATION_S} s) | ${Math.round(plain.requests.average)} req/s | p50 ${plain.latency.p50} ms, p99 ${plain.latency.p99} ms | ${plain['2xx']} ok, ${plain.non2xx} non-2xx, ${plain.errors} errors |`,
    );

    const agent = new Agent({ keepAlive: true, maxSockets: STREAMS + 10 });
    const streamUrl = new URL(url);
    const started = performance.now();
    const outcomes = await Promise.all(
      Array.from({ length: STREAMS }, (_, index) =>
        openStream(agent, streamUrl, chatBody(`stream ${index} [[tokens: 40]]`, true), {
          'x-emulator-scenario': 'slow-tokens; interval_ms=25',
        }),
      ),
    );
    const elapsed = performance.now() - started;
    const ok = outcomes.filter((outcome) => outcome.ok && outcome.events >= 42).length;
    const lastFirstByte = Math.max(...outcomes.map((outcome) => outcome.firstByteAt));
    const firstEnd = Math.min(...outcomes.map((outcome) => outcome.endedAt));
    const durations = outcomes.map((outcome) => outcome.endedAt - started).sort((a, b) => a - b);
    rows.push(
      `| ${STREAMS} concurrent streams (40 tokens, 25 ms apart) | ${ok}/${STREAMS} complete in ${Math.round(elapsed)} ms | all open at once: ${lastFirstByte < firstEnd ? 'yes' : 'no'} (last first byte ${Math.round(lastFirstByte - started)} ms, first end ${Math.round(firstEnd - started)} ms) | stream end p50 ${Math.round(percentile(durations, 50))} ms, p99 ${Math.round(percentile(durations, 99))} ms (ideal ≈ ${41 * 25} ms) |`,
    );

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
      `| streamed chat completions, no delays (64 concurrent) | ${Math.round(completed / burstSeconds)} streams/s | ${Math.round(events / burstSeconds)} SSE events/s | ${completed} complete |`,
    );
    agent.destroy();
  } finally {
    child.kill('SIGTERM');
  }
  console.log(
    `\nEmulator throughput (Node ${process.version}, ${(await import('node:os')).cpus().length} CPUs)\n`,
  );
  console.log('| workload | result | detail | outcome |');
  console.log('|---|---|---|---|');
  for (const row of rows) console.log(row);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
