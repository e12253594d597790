import { parseJson } from '@openrouter-adapters/core';
import { inject } from 'vitest';
import { createOpenRouter, type OpenRouterProvider } from '../openrouter-provider';
import type { OpenRouterProviderSettings } from '../openrouter-settings';

/** One entry of the emulator's request log. */
export type RecordedRequest = {
  id: string;
  method: string;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string>;
  body: unknown;
  startedAt: number;
  endedAt?: number;
  status?: number;
  generationId?: string;
  clientDisconnectedAt?: number;
};

export type EmulatorHarness = {
  baseURL: string;
  /** Tags every request of this test (`x-test-id`) so the shared log can be filtered. */
  testId: string;
  provider: OpenRouterProvider;
  /** A provider with more settings, same test id. */
  createProvider: (settings?: OpenRouterProviderSettings) => OpenRouterProvider;
  /** This test's requests, as the emulator recorded them. */
  requests: () => Promise<RecordedRequest[]>;
  /** Chat request bodies of this test, in order. */
  chatBodies: () => Promise<Array<Record<string, unknown>>>;
  /** Polls the log until `predicate` holds (rejects after `timeoutMs`). */
  waitForRequests: (
    predicate: (requests: RecordedRequest[]) => boolean,
    timeoutMs?: number,
  ) => Promise<RecordedRequest[]>;
};

/** A provider pointed at the shared emulator plus access to what the emulator received. */
export function createEmulatorHarness(settings: OpenRouterProviderSettings = {}): EmulatorHarness {
  const baseURL = inject('emulatorBaseURL');
  const controlURL = inject('controlURL');
  const testId = crypto.randomUUID();
  const createProvider = (more: OpenRouterProviderSettings = {}): OpenRouterProvider =>
    createOpenRouter({
      baseURL,
      ...settings,
      ...more,
      headers: { ...settings.headers, ...more.headers, 'x-test-id': testId },
    });
  const requests = async (): Promise<RecordedRequest[]> => {
    const response = await fetch(`${controlURL}/requests?testId=${testId}`);
    return parseJson(await response.text()) as RecordedRequest[];
  };
  return {
    baseURL,
    testId,
    provider: createProvider(),
    createProvider,
    requests,
    chatBodies: async () =>
      (await requests())
        .filter((request) => request.path.endsWith('/chat/completions'))
        .map((request) => request.body as Record<string, unknown>),
    waitForRequests: async (predicate, timeoutMs = 5_000) => {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const current = await requests();
        if (predicate(current)) return current;
        if (Date.now() > deadline) {
          throw new Error(
            `The emulator log did not reach the expected state within ${timeoutMs} ms: ${JSON.stringify(current)}`,
          );
        }
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
  };
}
