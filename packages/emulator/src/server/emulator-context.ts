import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ModelIndex } from '../catalogue/resolve-model';
import type { ResponseChannel } from '../http/response-channel';
import type { Account, EmulatorState } from './emulator-state';
import type { EmulatorOptions, RecordedRequest } from './emulator-types';
import type { RequestLog } from './request-log';

/** Timing after resolving the `latency` option. `realistic` uses each provider's statistics. */
export type Timing = { mode: 'fixed'; firstTokenMs: number; tokenIntervalMs: number } | { mode: 'realistic' };

export type ResolvedOptions = {
  timing: Timing;
  requireAuth: boolean;
  generationDelayMs: number;
  keepAliveIntervalMs: number;
  totalCredits: number;
  maxBodyBytes: number;
  onRequest: EmulatorOptions['onRequest'];
  hashResponses: boolean;
};

/** Shared by every request of one emulator. */
export type EmulatorContext = {
  options: ResolvedOptions;
  state: EmulatorState;
  models: ModelIndex;
  log: RequestLog;
};

/** The request body, read (and parsed when it is JSON) before the handler runs. */
export type RequestBody =
  | { kind: 'none' }
  | { kind: 'too-large'; bytes: number }
  | { kind: 'text'; text: string; json: { ok: true; value: unknown } | { ok: false; error: string } };

/** One request being handled. */
export type HandlerContext = {
  emulator: EmulatorContext;
  request: IncomingMessage;
  response: ServerResponse;
  channel: ResponseChannel;
  record: RecordedRequest;
  url: URL;
  body: RequestBody;
  /** Bearer key, if any. */
  apiKey: string | undefined;
  account: Account;
  /** Set when the emulator itself destroyed the socket (the `disconnect` scenario), not the client. */
  serverDestroyed: boolean;
};
