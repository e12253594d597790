import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { defaultCatalogue } from '../catalogue/default-catalogue';
import { ModelIndex } from '../catalogue/resolve-model';
import { EmulatorHttpError } from '../http/emulator-http-error';
import { readBody } from '../http/read-body';
import { parseRequestBody } from '../http/read-json-body';
import { redactHeaders } from '../http/redact-headers';
import { ResponseChannel } from '../http/response-channel';
import { sendJson } from '../http/send-json';
import { dispatch } from './dispatch';
import type { EmulatorContext, HandlerContext, ResolvedOptions, Timing } from './emulator-context';
import { EmulatorState } from './emulator-state';
import type { Emulator, EmulatorOptions, LatencyOption, RecordedRequest } from './emulator-types';
import { hashResponseBody } from './hash-response-body';
import { RequestLog } from './request-log';

function resolveTiming(latency: LatencyOption | undefined): Timing {
  if (latency === undefined || latency === 'none')
    return { mode: 'fixed', firstTokenMs: 0, tokenIntervalMs: 0 };
  if (latency === 'realistic') return { mode: 'realistic' };
  const check = (value: number | undefined, name: string): number => {
    if (value === undefined) return 0;
    if (!Number.isFinite(value) || value < 0)
      throw new TypeError(`startEmulator: latency.${name} must be a non-negative number`);
    return value;
  };
  return {
    mode: 'fixed',
    firstTokenMs: check(latency.firstTokenMs, 'firstTokenMs'),
    tokenIntervalMs: check(latency.tokenIntervalMs, 'tokenIntervalMs'),
  };
}

function resolveOptions(options: EmulatorOptions): ResolvedOptions {
  const number = (value: number | undefined, fallback: number, name: string, minimum = 0): number => {
    if (value === undefined) return fallback;
    if (!Number.isFinite(value) || value < minimum)
      throw new TypeError(`startEmulator: ${name} must be a number ≥ ${minimum}`);
    return value;
  };
  return {
    timing: resolveTiming(options.latency),
    requireAuth: options.requireAuth === true,
    generationDelayMs: number(options.generationDelayMs, 0, 'generationDelayMs'),
    keepAliveIntervalMs: number(options.keepAliveIntervalMs, 1000, 'keepAliveIntervalMs', 1),
    totalCredits: number(options.totalCredits, 100, 'totalCredits'),
    maxBodyBytes: number(options.maxBodyBytes, 10 * 1024 * 1024, 'maxBodyBytes', 1),
    onRequest: options.onRequest,
    hashResponses: options.hashResponses === true,
  };
}

function handleError(context: HandlerContext, error: unknown): void {
  if (context.response.headersSent) {
    if (!context.response.writableEnded) context.response.end();
    return;
  }
  if (error instanceof EmulatorHttpError) {
    sendJson(context.response, error.status, error.body, error.headers);
    return;
  }
  const message = error instanceof Error ? error.message : String(error);
  sendJson(context.response, 500, {
    error: { code: 500, message: 'Internal Server Error', metadata: { emulator_error: message } },
  });
}

/**
 * Starts a local OpenRouter-compatible server (`node:http`). Resolves once it listens; `close()`
 * stops it and destroys every open socket.
 */
export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const resolved = resolveOptions(options);
  const state = new EmulatorState(options.apiKeys ?? [], options.managementKeys ?? []);
  const log = new RequestLog(options.maxRecordedRequests ?? 10_000);
  const emulatorContext: EmulatorContext = {
    options: resolved,
    state,
    models: new ModelIndex(options.catalogue ?? defaultCatalogue),
    log,
  };
  const sockets = new Set<Socket>();

  const listener = (request: IncomingMessage, response: ServerResponse): void => {
    const url = new URL(request.url ?? '/', 'http://emulator.local');
    const record: RecordedRequest = {
      id: log.nextId(),
      method: request.method ?? 'GET',
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      headers: redactHeaders(request.headers),
      body: undefined,
      startedAt: Date.now(),
    };
    log.add(record);
    const context: HandlerContext = {
      emulator: emulatorContext,
      request,
      response,
      channel: new ResponseChannel(response),
      record,
      url,
      body: { kind: 'none' },
      apiKey: undefined,
      account: state.account(undefined),
      serverDestroyed: false,
    };
    const digest = resolved.hashResponses ? hashResponseBody(response) : undefined;
    let reported = false;
    const report = (): void => {
      if (reported) return;
      reported = true;
      if (digest !== undefined) {
        record.responseBytes = digest.bytes;
        record.responseSha256 = digest.sha256();
      }
      resolved.onRequest?.(record);
    };
    response.once('finish', () => {
      record.endedAt = Date.now();
      record.status = response.statusCode;
      log.changed();
      report();
    });
    response.once('close', () => {
      if (response.writableFinished) return;
      const now = Date.now();
      if (!context.serverDestroyed) record.clientDisconnectedAt = now;
      record.endedAt = now;
      if (response.headersSent) record.status = response.statusCode;
      log.changed();
      report();
    });
    const run = async (): Promise<void> => {
      const method = record.method;
      if (method !== 'GET' && method !== 'HEAD' && method !== 'OPTIONS') {
        const result = await readBody(request, resolved.maxBodyBytes);
        if (result.kind === 'too-large') context.body = { kind: 'too-large', bytes: result.bytes };
        else if (result.text !== '') {
          context.body = parseRequestBody(result.text);
          record.body =
            context.body.kind === 'text' && context.body.json.ok ? context.body.json.value : result.text;
        }
      }
      await dispatch(context);
    };
    run().catch((error: unknown) => handleError(context, error));
  };

  const server = createServer({ keepAliveTimeout: 5000 }, listener);
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.setNoDelay(true);
    socket.once('close', () => sockets.delete(socket));
  });
  server.on('clientError', (_error, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nconnection: close\r\n\r\n');
    else socket.destroy();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  if (address === null || typeof address === 'string')
    throw new Error('startEmulator: the server has no TCP address');
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const url = `http://${host}:${address.port}`;
  let closing: Promise<void> | undefined;

  return {
    url,
    baseURL: `${url}/api/v1`,
    authURL: `${url}/auth`,
    port: address.port,
    requests: log.requests,
    waitFor: (predicate, waitOptions) => log.waitFor(predicate, waitOptions),
    reset: () => {
      log.reset();
      state.reset();
    },
    close: () => {
      closing ??= new Promise<void>((resolve, reject) => {
        log.close();
        server.close((error) => (error ? reject(error) : resolve()));
        for (const socket of sockets) socket.destroy();
        server.closeAllConnections();
      });
      return closing;
    },
  };
}
