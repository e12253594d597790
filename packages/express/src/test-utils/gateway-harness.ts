import { randomBytes } from 'node:crypto';
import type { Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type Emulator, type EmulatorOptions, startEmulator } from '@openrouter-adapters/emulator';
import express, { type Express } from 'express';
import { type OpenRouterMiddleware, openRouter } from '../open-router';
import type { ErrorContext, OpenRouterMiddlewareOptions, UsageEvent } from '../options/middleware-options';

/** A fresh server key per process, shaped like OpenRouter's. */
export const serverKey: string = `sk-or-v1-${randomBytes(32).toString('hex')}`;

/** Everything the suite saw leave the middleware or reach a hook, for the key-leak scan. */
export const captured: string[] = [];
/** Keys that must never appear in `captured` (the server key and every user key handed out). */
export const secrets: Set<string> = new Set([serverKey]);

function describeError(error: unknown, depth = 0): string {
  if (depth > 5) return '';
  if (error instanceof Error) {
    const json = (() => {
      try {
        return JSON.stringify(error);
      } catch {
        return '';
      }
    })();
    return `${String(error)}\n${error.stack ?? ''}\n${json}\n${describeError((error as { cause?: unknown }).cause, depth + 1)}`;
  }
  try {
    return JSON.stringify(error) ?? String(error);
  } catch {
    return String(error);
  }
}

/** Records every header and body byte a response sends. */
function tapResponse(response: ServerResponse): void {
  const chunkText = (chunk: unknown): string =>
    typeof chunk === 'string'
      ? chunk
      : chunk instanceof Uint8Array
        ? Buffer.from(chunk).toString('utf8')
        : '';
  const write = response.write.bind(response) as (...args: unknown[]) => boolean;
  const end = response.end.bind(response) as (...args: unknown[]) => ServerResponse;
  const writeHead = response.writeHead.bind(response) as (...args: unknown[]) => ServerResponse;
  (response as { write: unknown }).write = (...args: unknown[]) => {
    captured.push(chunkText(args[0]));
    return write(...args);
  };
  (response as { end: unknown }).end = (...args: unknown[]) => {
    if (typeof args[0] !== 'function') captured.push(chunkText(args[0]));
    captured.push(JSON.stringify(response.getHeaders()));
    return end(...args);
  };
  (response as { writeHead: unknown }).writeHead = (...args: unknown[]) => {
    captured.push(JSON.stringify(response.getHeaders()), JSON.stringify(args.slice(1)));
    return writeHead(...args);
  };
}

export type Harness = {
  emulator: Emulator;
  app: Express;
  server: Server;
  /** `http://127.0.0.1:PORT/api/openrouter`: the `baseURL` clients use. */
  baseURL: string;
  url: string;
  middleware: OpenRouterMiddleware;
  usage: UsageEvent[];
  errors: Array<{ error: unknown; context: ErrorContext }>;
  logs: Array<{ level: string; message: string; fields?: Record<string, unknown> }>;
  /** Errors the application's own error handler received through `next(error)`. */
  appErrors: unknown[];
  close(): Promise<void>;
};

export type HarnessOptions = {
  middleware?: OpenRouterMiddlewareOptions;
  /** An emulator to share (not closed by this harness). */
  emulator?: Emulator;
  emulatorOptions?: EmulatorOptions;
  /** Mount path (default `/api/openrouter`). */
  mountPath?: string;
  /** Runs before the middleware (e.g. `express.json()`). */
  before?: (app: Express) => void;
};

/**
 * The middleware in a real Express app on a loopback port, in front of a real emulator that
 * requires the server key. Captures responses, logs, usage events and errors for assertions
 * and the key-leak scan.
 */
export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const ownsEmulator = options.emulator === undefined;
  const emulator =
    options.emulator ??
    (await startEmulator({
      port: 0,
      latency: 'none',
      requireAuth: true,
      apiKeys: [{ key: serverKey, limit: null }],
      ...options.emulatorOptions,
    }));
  const usage: UsageEvent[] = [];
  const errors: Harness['errors'] = [];
  const logs: Harness['logs'] = [];
  const appErrors: unknown[] = [];
  const logAt =
    (level: string) =>
    (message: string, fields?: Record<string, unknown>): void => {
      logs.push({ level, message, fields });
      captured.push(message, JSON.stringify(fields ?? {}));
    };
  const configured = options.middleware ?? {};
  const middleware = openRouter({
    baseURL: emulator.baseURL,
    apiKey: serverKey,
    retry: { maxRetries: 2, initialDelayMs: 10, maxDelayMs: 2_000 },
    logger: { debug: logAt('debug'), info: logAt('info'), warn: logAt('warn'), error: logAt('error') },
    ...configured,
    onUsage: async (event) => {
      usage.push(event);
      captured.push(JSON.stringify(event));
      await configured.onUsage?.(event);
    },
    onError: (error, context) => {
      errors.push({ error, context });
      captured.push(describeError(error));
      configured.onError?.(error, context);
    },
  });
  const app = express();
  app.set('trust proxy', false);
  app.disable('x-powered-by');
  app.use((_request, response, next) => {
    tapResponse(response);
    next();
  });
  options.before?.(app);
  const mountPath = options.mountPath ?? '/api/openrouter';
  app.use(mountPath, middleware);
  app.use(
    (error: unknown, _request: express.Request, response: express.Response, _next: express.NextFunction) => {
      appErrors.push(error);
      captured.push(describeError(error));
      response.status(500).json({ appError: error instanceof Error ? error.message : String(error) });
    },
  );
  const server = await new Promise<Server>((resolve) => {
    const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    emulator,
    app,
    server,
    url,
    baseURL: `${url}${mountPath}`,
    middleware,
    usage,
    errors,
    logs,
    appErrors,
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await middleware.close();
      if (ownsEmulator) await emulator.close();
    },
  };
}

/** Every captured string that contains a secret (the key-leak scan); empty means no leak. */
export function findLeaks(): string[] {
  const leaks: string[] = [];
  for (const text of captured) {
    for (const secret of secrets) {
      if (text.includes(secret))
        leaks.push(text.slice(Math.max(0, text.indexOf(secret) - 80), text.indexOf(secret) + 80));
    }
  }
  return leaks;
}

/** Reads a whole SSE response body as text (for byte comparisons). */
export async function readText(response: Response): Promise<string> {
  const text = await response.text();
  captured.push(text);
  return text;
}

/** `fetch` that records what the client received, for the leak scan. */
export async function capturedFetch(input: string, init?: RequestInit): Promise<Response> {
  const response = await fetch(input, init);
  captured.push(JSON.stringify([...response.headers.entries()]));
  return response;
}
