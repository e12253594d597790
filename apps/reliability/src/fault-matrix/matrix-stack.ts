import { type Emulator, startEmulator } from '@openrouter-adapters/emulator';
import type { Capture } from '../harness/capture';
import { type GatewayStack, startGatewayStack } from '../harness/start-gateway-stack';
import { aiSdkPaths } from '../paths/ai-sdk-paths';
import { type ChatPath, type ChatPathName, markerHeader } from '../paths/chat-path';
import { corePaths } from '../paths/core-paths';
import { langchainPaths } from '../paths/langchain-paths';
import { openAiMiddlewarePaths } from '../paths/openai-paths';

/** One path with its own emulator, so `times=N` scenario counters and request logs never mix between paths. */
export type PathUnderTest = { path: ChatPath; emulator: Emulator; gateway?: GatewayStack };

export type PathStackSettings = {
  capture: Capture;
  serverKey: string;
  idleTimeoutMs: number;
};

/** Starts every path of the matrix, each against a fresh emulator (and middleware for the `openai` paths). */
export async function startPathsUnderTest(
  settings: PathStackSettings,
): Promise<Map<ChatPathName, PathUnderTest>> {
  const { capture, serverKey, idleTimeoutMs } = settings;
  capture.addSecret('server key', serverKey);
  const paths = new Map<ChatPathName, PathUnderTest>();
  const direct = async (make: (baseURL: string) => ChatPath[]): Promise<void> => {
    for (const _ of [0, 1]) {
      const emulator = await startEmulator({
        port: 0,
        requireAuth: true,
        apiKeys: [{ key: serverKey, limit: null }],
      });
      const path = make(emulator.baseURL)[_] as ChatPath;
      paths.set(path.name, { path, emulator });
    }
  };
  const client = (baseURL: string) => ({ baseURL, apiKey: serverKey, idleTimeoutMs });
  await direct((baseURL) => corePaths(client(baseURL)));
  await direct((baseURL) => aiSdkPaths(client(baseURL)));
  await direct((baseURL) => langchainPaths(client(baseURL)));
  for (const index of [0, 1]) {
    const gateway = await startGatewayStack({
      capture,
      serverKey,
      middleware: { forwardHeaders: ['x-emulator-scenario', markerHeader], idleTimeoutMs },
    });
    const path = openAiMiddlewarePaths({ baseURL: gateway.baseURL })[index] as ChatPath;
    paths.set(path.name, { path, emulator: gateway.emulator, gateway });
  }
  return paths;
}

export async function stopPathsUnderTest(paths: Map<ChatPathName, PathUnderTest>): Promise<void> {
  for (const { emulator, gateway } of paths.values()) {
    if (gateway) await gateway.close();
    else await emulator.close();
  }
}

/** How many requests carrying `marker` the emulator received (attempts, retries included). */
export function attemptsFor(emulator: Emulator, marker: string): number {
  return emulator.requests.filter((request) => request.headers[markerHeader] === marker).length;
}
