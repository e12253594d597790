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

/** The middleware in an Express app on a loopback port, in front of some upstream. */
export type Gateway = {
  /** The middleware's mount URL, e.g. `http://127.0.0.1:PORT/api/openrouter`: clients' `baseURL`. */
  baseURL: string;
  server: Server;
  middleware: OpenRouterMiddleware;
  usage: UsageEvent[];
  errors: Array<{ error: unknown; context: ErrorContext }>;
  logLines: number;
  /** `onError` calls (also counted when errors are not kept). */
  readonly errorCount: number;
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
  /** Keep `usage` events and `onError` errors in memory (default true; off for long runs). */
  keepUsage?: boolean;
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
  let logLines = 0;
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
