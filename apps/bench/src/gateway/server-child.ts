// A server for the gateway suites, alone in its own process:
// `node --import tsx src/gateway/server-child.ts '<ServerChildConfig JSON>'` (IPC channel required).
import type { Server } from 'node:http';
import { Session } from 'node:inspector/promises';
import type { AddressInfo } from 'node:net';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { summarizeProfile } from '../harness/profile-cpu';
import {
  BENCH_API_KEY,
  type ServerChildCommand,
  type ServerChildConfig,
  type ServerChildMessage,
} from './server-kind';

const send = (message: ServerChildMessage): void => {
  process.send?.(message);
};

const listen = (server: Server): Promise<string> =>
  new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve(`http://127.0.0.1:${port}`);
    });
  });

async function start(config: ServerChildConfig): Promise<{ origin: string; close: () => Promise<void> }> {
  if (config.kind === 'emulator') {
    const { startEmulator } = await import('@openrouter-adapters/emulator');
    const emulator = await startEmulator({
      port: 0,
      host: '127.0.0.1',
      latency: config.latency ?? 'none',
      maxRecordedRequests: 1_000,
    });
    return { origin: emulator.url, close: () => emulator.close() };
  }
  const upstream = config.upstreamBaseURL;
  if (upstream === undefined) throw new Error(`${config.kind} needs upstreamBaseURL`);
  const { default: express } = await import('express');
  const app = express();
  app.disable('x-powered-by');
  let closeMiddleware = async (): Promise<void> => {};
  if (config.kind === 'http-proxy-middleware') {
    const { createProxyMiddleware } = await import('http-proxy-middleware');
    // A byte proxy with no policy: the lower bound for any proxy. It injects the server's key, as
    // even the thinnest real gateway must.
    app.use(
      '/api/v1',
      createProxyMiddleware({
        target: upstream,
        changeOrigin: true,
        on: {
          proxyReq: (proxyRequest) => {
            proxyRequest.setHeader('authorization', `Bearer ${BENCH_API_KEY}`);
          },
        },
      }),
    );
  } else {
    const { openRouter } = await import('@openrouter-adapters/express');
    const middleware = openRouter({
      baseURL: upstream,
      apiKey: BENCH_API_KEY,
      forwardHeaders: ['x-emulator-scenario'],
      ...(config.kind === 'ours-policy'
        ? {
            authorize: (request) => request.get('x-user-id') ?? 'anonymous',
            models: ['openai/*', 'anthropic/*', 'google/*'],
            maxTokens: 4_096,
            defaults: { provider: { dataCollection: 'deny' } },
            limits: {
              requestsPerMinute: 1_000_000_000,
              tokensPerDay: 1e12,
              usdPerDay: 1e9,
              concurrentStreams: 100_000,
            },
          }
        : {}),
    });
    closeMiddleware = () => middleware.close();
    app.use('/api/openrouter', middleware);
  }
  const { createServer } = await import('node:http');
  const server = createServer(app);
  server.keepAliveTimeout = 60_000;
  const origin = await listen(server);
  return {
    origin,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await closeMiddleware();
    },
  };
}

/** Peak RSS and event-loop delay while the parent runs a load (between `sample-start` and `sample-stop`). */
function createSampler(): { start(): void; stop(): ServerChildMessage } {
  const histogram = monitorEventLoopDelay({ resolution: 10 });
  let timer: ReturnType<typeof setInterval> | undefined;
  let peak = 0;
  let startRss = 0;
  let atPeak = { heapUsedBytes: 0, externalBytes: 0, arrayBuffersBytes: 0 };
  const sample = (): void => {
    const usage = process.memoryUsage();
    if (usage.rss < peak) return;
    peak = usage.rss;
    atPeak = {
      heapUsedBytes: usage.heapUsed,
      externalBytes: usage.external,
      arrayBuffersBytes: usage.arrayBuffers,
    };
  };
  return {
    start() {
      peak = 0;
      sample();
      startRss = peak;
      histogram.reset();
      histogram.enable();
      timer = setInterval(sample, 25);
    },
    stop() {
      if (timer !== undefined) clearInterval(timer);
      histogram.disable();
      sample();
      const toMs = (nanoseconds: number): number => nanoseconds / 1e6;
      return {
        type: 'samples',
        peakRssBytes: peak,
        startRssBytes: startRss,
        atPeak,
        eventLoopDelayMs: {
          p50: toMs(histogram.percentile(50)),
          p99: toMs(histogram.percentile(99)),
          max: toMs(histogram.max),
          mean: toMs(histogram.mean),
        },
      };
    },
  };
}

/** V8's sampling profiler on this process, between `profile-start` and `profile-stop`. */
function createProfiler(): { start(): Promise<void>; stop(): Promise<ServerChildMessage> } {
  const session = new Session();
  session.connect();
  return {
    async start() {
      await session.post('Profiler.enable');
      await session.post('Profiler.setSamplingInterval', { interval: 100 });
      await session.post('Profiler.start');
    },
    async stop() {
      const { profile } = (await session.post('Profiler.stop')) as unknown as {
        profile: Parameters<typeof summarizeProfile>[0];
      };
      return { type: 'profile', profile: summarizeProfile(profile) };
    },
  };
}

const config = JSON.parse(process.argv[2] ?? '{}') as ServerChildConfig;
const server = await start(config);
const sampler = createSampler();
const profiler = createProfiler();
process.on('message', (command: ServerChildCommand) => {
  if (command.type === 'sample-start') sampler.start();
  else if (command.type === 'sample-stop') send(sampler.stop());
  else if (command.type === 'profile-start') void profiler.start();
  else if (command.type === 'profile-stop') void profiler.stop().then(send);
  else if (command.type === 'close') {
    void server.close().finally(() => process.exit(0));
  }
});
// The parent went away: do not linger.
process.on('disconnect', () => {
  void server.close().finally(() => process.exit(0));
});
send({ type: 'ready', origin: server.origin });
