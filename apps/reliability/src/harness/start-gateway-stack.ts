import { createHash } from 'node:crypto';
import type { Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type Emulator, type EmulatorOptions, startEmulator } from '@openrouter-adapters/emulator';
import {
  type ErrorContext,
  type OpenRouterMiddleware,
  type OpenRouterMiddlewareOptions,
  openRouter,
  type UsageEvent,
} from '@openrouter-adapters/express';
import express from 'express';
import type { Capture } from './capture';

/** What the emulator sent the middleware for one generation (hashed as the bytes passed). */
export type UpstreamReply = { sha256: string; bytes: number; ended: boolean };

export type GatewayStack = {
  emulator: Emulator;
  /** The middleware's mount URL, e.g. `http://127.0.0.1:PORT/api/openrouter`: clients' `baseURL`. */
  baseURL: string;
  server: Server;
  middleware: OpenRouterMiddleware;
  usage: UsageEvent[];
  errors: Array<{ error: unknown; context: ErrorContext }>;
  logLines: number;
  /** Upstream replies by generation id (only with `tapUpstream`). */
  upstream: Map<string, UpstreamReply>;
  /** Errors Express's error handler received through `next(error)`. */
  applicationErrors: unknown[];
  close(): Promise<void>;
};

export type GatewayStackOptions = {
  capture: Capture;
  /** The server's key (registered with the emulator unless `emulator` is given). */
  serverKey: string;
  middleware?: Partial<OpenRouterMiddlewareOptions>;
  /** Share an emulator (not closed by `close()`). */
  emulator?: Emulator;
  emulatorOptions?: EmulatorOptions;
  /** Hash every upstream body as it streams through the middleware's fetch. */
  tapUpstream?: boolean;
  /** Keep `usage` events in memory (default true). */
  keepUsage?: boolean;
  onUsage?: (event: UsageEvent) => void;
};

/** Captures a response's headers and every body byte, as one text per response. */
function tapResponse(response: ServerResponse, capture: Capture, label: string): void {
  const pieces: string[] = [];
  const text = (chunk: unknown): string =>
    typeof chunk === 'string' ? chunk : chunk instanceof Uint8Array ? Buffer.from(chunk).toString('utf8') : '';
  const write = response.write.bind(response) as (...args: unknown[]) => boolean;
  const end = response.end.bind(response) as (...args: unknown[]) => ServerResponse;
  (response as { write: unknown }).write = (...args: unknown[]) => {
    pieces.push(text(args[0]));
    return write(...args);
  };
  (response as { end: unknown }).end = (...args: unknown[]) => {
    if (typeof args[0] !== 'function') pieces.push(text(args[0]));
    return end(...args);
  };
  response.once('close', () => {
    capture.add(`${label} response`, `${JSON.stringify(response.getHeaders())}\n${pieces.join('')}`);
  });
}

/** Wraps fetch so every upstream body is hashed as it passes (keyed by `X-Generation-Id`). */
function tappingFetch(upstream: Map<string, UpstreamReply>): typeof globalThis.fetch {
  return async (input, init) => {
    const response = await globalThis.fetch(input, init);
    const generationId = response.headers.get('x-generation-id');
    if (generationId === null || response.body === null) return response;
    const hash = createHash('sha256');
    const record: UpstreamReply = { sha256: '', bytes: 0, ended: false };
    upstream.set(generationId, record);
    const body = response.body.pipeThrough(
      new TransformStream<Uint8Array, Uint8Array>({
        transform(chunk, controller) {
          hash.update(chunk);
          record.bytes += chunk.length;
          controller.enqueue(chunk);
        },
        flush() {
          record.sha256 = hash.digest('hex');
          record.ended = true;
        },
      }),
    );
    return new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
  };
}

/**
 * Our Express middleware in a real Express app on a loopback port, in front of a real emulator
 * that requires the server key. Everything leaving the middleware (bodies, headers, SSE frames,
 * log lines, `onUsage` events, `onError` errors, application errors) goes into `capture`.
 */
export async function startGatewayStack(options: GatewayStackOptions): Promise<GatewayStack> {
  const { capture, serverKey } = options;
  capture.addSecret('server key', serverKey);
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
  const errors: GatewayStack['errors'] = [];
  const applicationErrors: unknown[] = [];
  const upstream = new Map<string, UpstreamReply>();
  let logLines = 0;
  const log =
    (level: string) =>
    (message: string, fields?: Record<string, unknown>): void => {
      logLines += 1;
      capture.add(`logger.${level}`, `${message} ${JSON.stringify(fields ?? {})}`);
    };
  const configured = options.middleware ?? {};
  const middleware = openRouter({
    baseURL: emulator.baseURL,
    apiKey: serverKey,
    retry: { maxRetries: 2, initialDelayMs: 5, maxDelayMs: 2_000 },
    logger: { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') },
    ...(options.tapUpstream ? { fetch: tappingFetch(upstream) } : {}),
    ...configured,
    onUsage: async (event) => {
      if (options.keepUsage !== false) usage.push(event);
      capture.add('onUsage', event);
      options.onUsage?.(event);
      await configured.onUsage?.(event);
    },
    onError: (error, context) => {
      errors.push({ error, context });
      capture.add(`onError ${context.phase}`, error);
      configured.onError?.(error, context);
    },
  });
  const app = express();
  app.disable('x-powered-by');
  app.use((request, response, next) => {
    tapResponse(response, capture, `${request.method} ${request.path}`);
    next();
  });
  app.use('/api/openrouter', middleware);
  app.use((error: unknown, _request: express.Request, response: express.Response, _next: express.NextFunction) => {
    applicationErrors.push(error);
    capture.add('application error handler', error);
    if (!response.headersSent) response.status(500).json({ error: { code: 500, message: 'application error' } });
  });
  const server = await new Promise<Server>((resolve) => {
    const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
  });
  server.keepAliveTimeout = 1_000;
  const port = (server.address() as AddressInfo).port;
  return {
    emulator,
    baseURL: `http://127.0.0.1:${port}/api/openrouter`,
    server,
    middleware,
    usage,
    errors,
    get logLines() {
      return logLines;
    },
    upstream,
    applicationErrors,
    async close() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
      await middleware.close();
      if (ownsEmulator) await emulator.close();
    },
  };
}
