import type { Catalogue } from '../catalogue/catalogue-types';

/** Timing of simulated generation. */
export type LatencyOption =
  | 'none'
  | 'realistic'
  | {
      /** Delay before the first token (keep-alive comments are sent meanwhile). */
      firstTokenMs?: number;
      /** Delay between streamed chunks. */
      tokenIntervalMs?: number;
    };

/** An API key the emulator accepts when `requireAuth` is on. */
export type EmulatorApiKey = {
  key: string;
  /** Spending limit in USD; `null` (default) = unlimited. Spent → 402. */
  limit?: number | null;
  /** Shown by `GET /key` (default: the masked key). */
  label?: string;
};

export type EmulatorOptions = {
  /** Default 0 (a random free port). */
  port?: number;
  /** Default `127.0.0.1`. */
  host?: string;
  /** Default `'none'` (no delays: for tests). `'realistic'` uses each provider's latency and throughput. */
  latency?: LatencyOption;
  /** Default false: any key or none is accepted. True: missing/unknown keys get OpenRouter's 401s. */
  requireAuth?: boolean;
  /** Keys accepted when `requireAuth` is on (PKCE-issued keys are accepted too); limits apply always. */
  apiKeys?: EmulatorApiKey[];
  /** Management keys: allowed on `GET /credits` (everything else gets 403 there). */
  managementKeys?: string[];
  /** Replaces the built-in catalogue (`defaultCatalogue`). */
  catalogue?: Catalogue;
  /** Milliseconds a finished generation stays "not found" on `GET /generation` (default 0). */
  generationDelayMs?: number;
  /** Longest gap between `: OPENROUTER PROCESSING` keep-alives while waiting (default 1000). */
  keepAliveIntervalMs?: number;
  /** Total credits reported by `GET /credits` (default 100). */
  totalCredits?: number;
  /** Largest request body accepted before a 413 (default 10 MiB). */
  maxBodyBytes?: number;
  /** Most recent requests kept in `emulator.requests` (default 10,000; older ones are dropped). */
  maxRecordedRequests?: number;
  /** Called once per finished request (the CLI's `--verbose` and `--log-json` use it). */
  onRequest?: (request: RecordedRequest) => void;
  /**
   * Record each response body's size and SHA-256 (`responseBytes`, `responseSha256`), e.g. to check
   * that a proxy passed the bytes on unchanged. Off by default: hashing costs a few microseconds per
   * response.
   */
  hashResponses?: boolean;
};

/** One request as the emulator saw it. */
export type RecordedRequest = {
  /** `req_<n>`, in arrival order. */
  id: string;
  method: string;
  /** Path without the query string, e.g. `/api/v1/chat/completions`. */
  path: string;
  query: Record<string, string>;
  /** Lower-cased header names; `authorization` and other secrets are redacted. */
  headers: Record<string, string>;
  /** Parsed JSON body, the raw text when it is not JSON, `undefined` when empty. */
  body: unknown;
  /** Epoch ms when the request arrived. */
  startedAt: number;
  /** Epoch ms when the response ended (or the connection closed). */
  endedAt?: number;
  status?: number;
  /** `X-Generation-Id` of the response, when one was served. */
  generationId?: string;
  /** Epoch ms when the client went away before the response ended. */
  clientDisconnectedAt?: number;
  /** The model that served (after fallbacks and routers). */
  model?: string;
  /** The provider that served. */
  provider?: string;
  /** Scenario names applied (from `X-Emulator-Scenario` or an `emulator/<name>` model). */
  scenarios?: string[];
  /** With `hashResponses`: bytes of response body written (also when the client went away mid-body). */
  responseBytes?: number;
  /** With `hashResponses`: SHA-256 (hex) of those bytes. */
  responseSha256?: string;
};

export type WaitForOptions = {
  /** Default 5000 ms. */
  timeoutMs?: number;
};

/** A running emulator. */
export type Emulator = {
  /** `http://HOST:PORT` */
  readonly url: string;
  /** `http://HOST:PORT/api/v1`: pass it as `baseURL` to clients. */
  readonly baseURL: string;
  /** `http://HOST:PORT/auth`: the PKCE consent page (OpenRouter's `https://openrouter.ai/auth`). */
  readonly authURL: string;
  readonly port: number;
  /** Live log of requests (oldest first). */
  readonly requests: RecordedRequest[];
  /** Resolves when `predicate(requests)` holds; rejects with a clear error after `timeoutMs`. */
  waitFor(predicate: (requests: RecordedRequest[]) => boolean, options?: WaitForOptions): Promise<void>;
  /** Clears requests, spend, rate-limit counters, generations, caches and scenario counters. */
  reset(): void;
  /** Closes the server and every open socket; no handles are left behind. */
  close(): Promise<void>;
};
