import { type Emulator, startEmulator } from '@openrouter-adapters/emulator';
import type { Capture } from '../harness/capture';
import { type DelayProxy, startDelayProxy } from '../harness/delay-proxy';
import { type GatewayStack, startGatewayStack } from '../harness/start-gateway-stack';
import { aiSdkPaths } from '../paths/ai-sdk-paths';
import { type ChatCall, type ChatPath, type ChatPathName, markerHeader } from '../paths/chat-path';
import { corePaths } from '../paths/core-paths';
import { langchainPaths } from '../paths/langchain-paths';
import { openAiMiddlewarePaths } from '../paths/openai-paths';

/** Where a call is aborted. */
export type AbortPhase = 'before-headers' | 'during-keep-alives' | 'mid-text' | 'mid-tool-call';

export const abortPhases: readonly AbortPhase[] = [
  'before-headers',
  'during-keep-alives',
  'mid-text',
  'mid-tool-call',
];

/** How each phase is produced: a slow reply, and (streams) which progress to wait for before aborting. */
export const phaseSetups: Record<
  AbortPhase,
  { scenario?: string; directives?: string; tools?: boolean; abortAfter?: 'text' | 'tool-call' }
> = {
  // The delay proxy holds the response headers for 400 ms: the abort lands while the client waits for them.
  // The emulator keeps writing meanwhile (slow tokens), so it is still there to see the client leave.
  'before-headers': { scenario: 'slow-tokens; interval_ms=60', directives: '[[tokens: 40]]' },
  'during-keep-alives': { scenario: 'slow-first-token; delay_ms=3000; keepalive_ms=40' },
  'mid-text': { scenario: 'slow-tokens; interval_ms=25', directives: '[[tokens: 80]]', abortAfter: 'text' },
  // A tool-call reply has no text to pace a non-streamed body: the slow first token keeps it open.
  'mid-tool-call': {
    scenario: 'slow-first-token; delay_ms=1200; keepalive_ms=50, slow-tokens; interval_ms=150',
    tools: true,
    abortAfter: 'tool-call',
  },
};

export type CancellationStacks = {
  emulator: Emulator;
  proxy: DelayProxy;
  /** Middleware in front of the emulator, and in front of the delay proxy (for before-headers). */
  gateway: GatewayStack;
  delayedGateway: GatewayStack;
  /** Paths per phase: direct paths reach the emulator (or the proxy for before-headers). */
  pathsFor(phase: AbortPhase): Map<ChatPathName, ChatPath>;
  gatewayFor(phase: AbortPhase): GatewayStack;
  close(): Promise<void>;
};

export const headerDelayMs = 400;

export async function startCancellationStacks(
  capture: Capture,
  serverKey: string,
): Promise<CancellationStacks> {
  const emulator = await startEmulator({
    port: 0,
    requireAuth: true,
    apiKeys: [{ key: serverKey, limit: null }],
  });
  const proxy = await startDelayProxy({ port: emulator.port }, headerDelayMs);
  const middleware = {
    forwardHeaders: ['x-emulator-scenario', markerHeader],
    limits: { concurrentStreams: 8 },
    idleTimeoutMs: 5_000,
  };
  const gateway = await startGatewayStack({ capture, serverKey, emulator, middleware });
  const delayedGateway = await startGatewayStack({
    capture,
    serverKey,
    emulator,
    middleware: { ...middleware, baseURL: `${proxy.url}/api/v1` },
  });
  const build = (baseURL: string, gatewayURL: string): Map<ChatPathName, ChatPath> => {
    const settings = { baseURL, apiKey: serverKey, idleTimeoutMs: 5_000 };
    const all = [
      ...corePaths(settings),
      ...aiSdkPaths(settings),
      ...langchainPaths(settings),
      ...openAiMiddlewarePaths({ baseURL: gatewayURL }),
    ];
    return new Map(all.map((path) => [path.name, path]));
  };
  const direct = build(emulator.baseURL, gateway.baseURL);
  const delayed = build(`${proxy.url}/api/v1`, delayedGateway.baseURL);
  return {
    emulator,
    proxy,
    gateway,
    delayedGateway,
    pathsFor: (phase) => (phase === 'before-headers' ? delayed : direct),
    gatewayFor: (phase) => (phase === 'before-headers' ? delayedGateway : gateway),
    async close() {
      await gateway.close();
      await delayedGateway.close();
      await proxy.close();
      await emulator.close();
    },
  };
}

/** The call of one abort run (phase settings plus the run's marker and signal). */
export function abortCall(
  phase: AbortPhase,
  marker: string,
  signal: AbortSignal,
  onProgress: ChatCall['onProgress'],
): ChatCall {
  const setup = phaseSetups[phase];
  return {
    marker,
    model: 'openai/gpt-4o-mini',
    ...(setup.scenario ? { scenario: setup.scenario } : {}),
    ...(setup.directives ? { directives: setup.directives } : {}),
    ...(setup.tools ? { tools: true } : {}),
    signal,
    ...(onProgress ? { onProgress } : {}),
  };
}
