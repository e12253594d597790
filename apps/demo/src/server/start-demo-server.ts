import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { type Emulator, startEmulator } from '@openrouter-adapters/emulator';
import { type KeyStore, memoryKeyStore } from '@openrouter-adapters/express';
import { createDemoApp } from './create-demo-app';
import {
  DEFAULT_ALLOWED_MODELS,
  DEFAULT_BUDGET_USD_PER_DAY,
  DEFAULT_MODEL,
  type DemoServerOptions,
} from './demo-options';

const openRouterBaseURL = 'https://openrouter.ai/api/v1';

/** A running demo. */
export type DemoServer = {
  /** `http://HOST:PORT` */
  url: string;
  mode: 'emulator' | 'openrouter';
  /** Where the middleware sends requests: the in-process emulator or OpenRouter. */
  upstreamBaseURL: string;
  /** The in-process emulator (emulator mode), e.g. to read its request log in tests. */
  emulator: Emulator | undefined;
  /** Where visitors' own OpenRouter keys (PKCE sign-in) are kept, server-side. */
  keyStore: KeyStore;
  /** Stops accepting connections, ends open ones, and stops the emulator. */
  close(): Promise<void>;
};

/**
 * Starts the demo: without `openRouterApiKey` an emulator in this process (with realistic
 * latency and a key of its own), else real OpenRouter; then the Express app on `host:port`.
 */
export async function startDemoServer(options: DemoServerOptions = {}): Promise<DemoServer> {
  const log = options.log ?? (() => {});
  const mode = options.openRouterApiKey ? 'openrouter' : 'emulator';
  let emulator: Emulator | undefined;
  let upstreamBaseURL: string;
  let upstreamApiKey: string;
  if (options.openRouterApiKey) {
    upstreamBaseURL = options.openRouterBaseURL ?? openRouterBaseURL;
    upstreamApiKey = options.openRouterApiKey;
  } else {
    // The emulator checks keys like OpenRouter: the server's own, and those issued by PKCE sign-in.
    upstreamApiKey = `sk-or-v1-demo${randomBytes(24).toString('hex')}`;
    emulator = await startEmulator({
      latency: 'realistic',
      requireAuth: true,
      apiKeys: [{ key: upstreamApiKey, label: 'demo server key' }],
      ...options.emulator,
    });
    upstreamBaseURL = emulator.baseURL;
  }

  const server = createServer();
  try {
    await listen(server, options.port ?? 3000, options.host ?? '127.0.0.1');
  } catch (error) {
    await emulator?.close();
    throw error;
  }
  const address = server.address() as AddressInfo;
  // On every interface (HOST=0.0.0.0): loopback works locally, and the server paths call the
  // middleware over it.
  const loopback = isWildcard(address.address) ? '127.0.0.1' : formatHost(address.address);
  const url = `http://${loopback}:${address.port}`;
  const keyStore = memoryKeyStore();

  let demo: ReturnType<typeof createDemoApp>;
  try {
    demo = createDemoApp({
      mode,
      upstreamBaseURL,
      upstreamApiKey,
      gatewayURL: `http://${loopback}:${address.port}/api/openrouter`,
      allowedModels: options.allowedModels ?? DEFAULT_ALLOWED_MODELS,
      defaultModel: DEFAULT_MODEL,
      budgetUsdPerDay: options.budgetUsdPerDay ?? DEFAULT_BUDGET_USD_PER_DAY,
      limits: options.limits,
      keyStore,
      pageDirectory: options.pageDirectory ?? fileURLToPath(new URL('../../dist/page', import.meta.url)),
      log,
    });
  } catch (error) {
    server.close();
    await emulator?.close();
    throw error;
  }
  server.on('request', demo.app);

  let closing: Promise<void> | undefined;
  return {
    url,
    mode,
    upstreamBaseURL,
    emulator,
    keyStore,
    close: () => {
      closing ??= (async () => {
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeAllConnections();
        await closed;
        await demo.close();
        await emulator?.close();
      })();
      return closing;
    },
  };
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException): void => {
      server.off('listening', onListening);
      if (error.code === 'EADDRINUSE') {
        reject(
          new Error(
            `Port ${port} on ${host} is already in use: start the demo with another port, e.g. PORT=${port + 1} npm start`,
          ),
        );
      } else if (error.code === 'EACCES') {
        reject(
          new Error(
            `Not allowed to listen on port ${port} of ${host}: choose a port above 1024 with PORT=...`,
          ),
        );
      } else {
        reject(error);
      }
    };
    const onListening = (): void => {
      server.off('error', onError);
      resolve();
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(port, host);
  });
}

function isWildcard(address: string): boolean {
  return address === '0.0.0.0' || address === '::';
}

function formatHost(address: string): string {
  return address.includes(':') ? `[${address}]` : address;
}
