import { startEmulator } from '@openrouter-adapters/emulator';
import { it } from 'vitest';
import { createCapture } from './harness/capture';
import { createApiKey } from './harness/create-api-key';
import { startEmulatorProcess } from './harness/emulator-process';
import { startGateway } from './harness/start-gateway-stack';

async function measure(label: string, baseURL: string, headers: Record<string, string> = {}) {
  const run = async (n: number) => {
    for (let i = 0; i < n; i += 50) {
      await Promise.all(Array.from({ length: 50 }, async (_, j) => {
        const r = await fetch(`${baseURL}/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ model: 'openai/gpt-4o-mini', messages: [{ role: 'user', content: `hi ${i + j}` }] }) });
        await r.text();
      }));
    }
  };
  await run(2000);
  globalThis.gc?.(); await new Promise((r) => setTimeout(r, 1500)); globalThis.gc?.();
  const before = process.memoryUsage().heapUsed;
  for (let round = 1; round <= 3; round++) {
    await run(10000);
    await new Promise((r) => setTimeout(r, 1500));
    globalThis.gc?.();
    const after = process.memoryUsage().heapUsed;
    console.log(`${label}: heap +${((after - before) / 2 ** 20).toFixed(1)} MB after ${round * 10000} requests = ${Math.round((after - before) / (round * 10000))} B/request`);
  }
}

it.skip('emulator alone, in process', { timeout: 120_000 }, async () => {
  const emulator = await startEmulator({ maxRecordedRequests: 10 });
  await measure('emulator in-process', emulator.baseURL);
  await emulator.close();
});
it('middleware alone (emulator in its own process)', { timeout: 120_000 }, async () => {
  const serverKey = createApiKey();
  const upstream = await startEmulatorProcess({ apiKey: serverKey });
  const gateway = await startGateway({ capture: createCapture({ retain: false }), serverKey, upstreamBaseURL: upstream.baseURL, keepUsage: false });
  await measure('middleware only', gateway.baseURL);
  await gateway.close();
  await upstream.close();
});
it('middleware with generationTtlMs 1000 (emulator in its own process)', { timeout: 120_000 }, async () => {
  const serverKey = createApiKey();
  const upstream = await startEmulatorProcess({ apiKey: serverKey });
  const gateway = await startGateway({ capture: createCapture({ retain: false }), serverKey, upstreamBaseURL: upstream.baseURL, keepUsage: false, middleware: { generationTtlMs: 1000 } });
  await measure('middleware ttl 1s', gateway.baseURL);
  await gateway.close();
  await upstream.close();
});
