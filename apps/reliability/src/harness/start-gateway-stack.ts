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

/** The middleware in an Express app on a loopback port, in front of some upstream. */
export type Gateway = {
  /** The middleware's mount URL, e.g. `http://127.0.0.1:PORT/api/openrouter`: clients' `baseURL`. */
  baseURL: string;
  server: Server;
  middleware: OpenRouterMiddleware;
  usage: UsageEvent[];
  errors: Array<{ error: unknown; context: ErrorContext }>;
  logLines: number;
  /** Upstream replies by generation id (only with `tapUpstream`). */
  upstream: Map<string, UpstreamReply>;
  /** `onError` calls (also counted when errors are not kept). */
  readonly errorCount: number;
  /** Completion and embedding requests the middleware sent upstream (only with `tapUpstream`), answered or not. */
  readonly upstreamCalls: number;
  /** Errors Express's error handler received through `next(error)`. */
  applicationErrors: unknown[];
  /** Closes the app server and the middleware (not the upstream). */
  close(): Promise<void>;
};

/** A gateway in front of an in-process emulator (closed with it unless the emulator was shared). */
export type GatewayStack = Gateway & { emulator: Emulator };

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
  /** Keep `usage` events and `onError` errors in memory (default true; off for long runs). */
  keepUsage?: boolean;
  /** Keep upstream reply hashes in `upstream` (default true with `tapUpstream`; off: only `onUpstreamReply`). */
  keepUpstreamReplies?: boolean;
  /** Called when an upstream reply ended (with `tapUpstream`). */
  onUpstreamReply?: (generationId: string, reply: UpstreamReply) => void;
  onUsage?: (event: UsageEvent) => void;
};

/** Captures a response's headers and every body byte, as one text per response. */
function tapResponse(response: ServerResponse, capture: Capture, label: string): void {
  const pieces: string[] = [];
  const text = (chunk: unknown): string =>
    typeof chunk === 'string'
      ? chunk
      : chunk instanceof Uint8Array
        ? Buffer.from(chunk).toString('utf8')
        : '';
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
function tappingFetch(
  upstream: Map<string, UpstreamReply>,
  onCall: () => void,
  keep: boolean,
  onReply: ((generationId: string, reply: UpstreamReply) => void) | undefined,
): typeof globalThis.fetch {
  return async (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    if (/\/(chat\/completions|completions|embeddings)$/.test(new URL(url).pathname)) onCall();
    const response = await globalThis.fetch(input, init);
    const generationId = response.headers.get('x-generation-id');
    if (generationId === null || response.body === null) return response;
    const hash = createHash('sha256');
    const record: UpstreamReply = { sha256: '', bytes: 0, ended: false };
    if (keep) upstream.set(generationId, record);
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
          onReply?.(generationId, record);
        },
      }),
    );
    return new Response(body, {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
    });
  };
}

export type GatewayOptions = Omit<GatewayStackOptions, 'emulator' | 'emulatorOptions'> & {
  /** The upstream API the middleware calls (`baseURL`), e.g. an emulator process. */
  upstreamBaseURL: string;
};

/**
 * Our Express middleware in a real Express app on a loopback port. Everything leaving the
 * middleware (bodies, headers, SSE frames, log lines, `onUsage` events, `onError` errors,
 * application errors) goes into `capture`.
 */
export async function startGateway(options: GatewayOptions): Promise<Gateway> {
  const { capture, serverKey } = options;
  capture.addSecret('server key', serverKey);
  const usage: UsageEvent[] = [];
  const errors: Gateway['errors'] = [];
  const applicationErrors: unknown[] = [];
  const upstream = new Map<string, UpstreamReply>();
  let logLines = 0;
  let upstreamCalls = 0;
  let errorCount = 0;
  const log =
    (level: string) =>
    (message: string, fields?: Record<string, unknown>): void => {
      logLines += 1;
      capture.add(`logger.${level}`, `${message} ${JSON.stringify(fields ?? {})}`);
    };
  const configured = options.middleware ?? {};
  const middleware = openRouter({
    baseURL: options.upstreamBaseURL,
    apiKey: serverKey,
    retry: { maxRetries: 2, initialDelayMs: 5, maxDelayMs: 2_000 },
    logger: { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') },
    ...(options.tapUpstream
      ? {
          fetch: tappingFetch(
            upstream,
            () => (upstreamCalls += 1),
            options.keepUpstreamReplies !== false,
            options.onUpstreamReply,
          ),
        }
      : {}),
    ...configured,
    onUsage: async (event) => {
      if (options.keepUsage !== false) usage.push(event);
      capture.add('onUsage', event);
      options.onUsage?.(event);
      await configured.onUsage?.(event);
    },
    onError: (error, context) => {
      if (options.keepUsage !== false) errors.push({ error, context });
      errorCount += 1;
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
  app.use(
    (error: unknown, _request: express.Request, response: express.Response, _next: express.NextFunction) => {
      applicationErrors.push(error);
      capture.add('application error handler', error);
      if (!response.headersSent)
        response.status(500).json({ error: { code: 500, message: 'application error' } });
    },
  );
  const server = await new Promise<Server>((resolve) => {
    const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
  });
  server.keepAliveTimeout = 1_000;
  const port = (server.address() as AddressInfo).port;
  return {
    baseURL: `http://127.0.0.1:${port}/api/openrouter`,
    server,
    middleware,
    usage,
    errors,
    get logLines() {
      return logLines;
    },
    upstream,
    get upstreamCalls() {
      return upstreamCalls;
    },
    get errorCount() {
      return errorCount;
    },
    applicationErrors,
    async close() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
      await middleware.close();
    },
  };
}

/**
 * `startGateway` in front of a real emulator that requires the server key (a fresh one, or
 * `options.emulator`, which is then not closed by `close()`).
 */
export async function startGatewayStack(options: GatewayStackOptions): Promise<GatewayStack> {
  const ownsEmulator = options.emulator === undefined;
  const emulator =
    options.emulator ??
    (await startEmulator({
      port: 0,
      latency: 'none',
      requireAuth: true,
      apiKeys: [{ key: options.serverKey, limit: null }],
      ...options.emulatorOptions,
    }));
  const { emulator: _shared, emulatorOptions: _options, ...rest } = options;
  const gateway = await startGateway({ ...rest, upstreamBaseURL: emulator.baseURL });
  return Object.assign(gateway, {
    emulator,
    async close() {
      const closed = new Promise<void>((resolve) => gateway.server.close(() => resolve()));
      gateway.server.closeAllConnections();
      await closed;
      await gateway.middleware.close();
      if (ownsEmulator) await emulator.close();
    },
  });
}
