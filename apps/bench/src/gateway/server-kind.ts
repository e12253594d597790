import type { CpuProfileSummary } from '../harness/profile-cpu';

/** A server the gateway suites start in a child process. */
export type ServerKind = 'emulator' | 'http-proxy-middleware' | 'ours-defaults' | 'ours-policy' | 'portkey';

/** What the parent tells a server child (as JSON in argv). */
export type ServerChildConfig = {
  kind: Exclude<ServerKind, 'portkey'>;
  /** The emulator's `baseURL` (`http://127.0.0.1:PORT/api/v1`), for proxies. */
  upstreamBaseURL?: string;
  /** Emulator only: delay before the first token and between chunks. */
  latency?: { firstTokenMs: number; tokenIntervalMs: number };
};

/** Messages from a server child. */
export type ServerChildMessage =
  | { type: 'ready'; origin: string }
  | {
      type: 'samples';
      peakRssBytes: number;
      startRssBytes: number;
      /** `process.memoryUsage()` at the moment of the peak. */
      atPeak: { heapUsedBytes: number; externalBytes: number; arrayBuffersBytes: number };
      eventLoopDelayMs: EventLoopDelaySummary;
    }
  | { type: 'profile'; profile: CpuProfileSummary };

/** Messages to a server child. */
export type ServerChildCommand =
  | { type: 'sample-start' }
  | { type: 'sample-stop' }
  | { type: 'profile-start' }
  | { type: 'profile-stop' }
  | { type: 'close' };

export type EventLoopDelaySummary = { p50: number; p99: number; max: number; mean: number };

/** The API key the bench uses everywhere (the emulator accepts any key). */
export const BENCH_API_KEY =
  'sk-or-v1-bench-0000000000000000000000000000000000000000000000000000000000000000';

/** Where each kind serves OpenRouter's `chat/completions`, relative to its origin. */
export const chatCompletionsPath: Record<ServerKind, string> = {
  emulator: '/api/v1/chat/completions',
  'http-proxy-middleware': '/api/v1/chat/completions',
  'ours-defaults': '/api/openrouter/chat/completions',
  'ours-policy': '/api/openrouter/chat/completions',
  portkey: '/v1/chat/completions',
};
