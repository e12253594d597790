import { type Emulator, type RecordedRequest, startEmulator } from '@openrouter-adapters/emulator';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { ChatOpenRouter } from '../chat-openrouter';
import type { ChatOpenRouterFields } from '../chat-openrouter-fields';

/** The key tests send; the emulator redacts it in its request log. */
export const TEST_API_KEY = 'sk-or-v1-langchain-adapter-test-key';

export type EmulatorFixture = {
  /** The running emulator (set in `beforeAll`). */
  readonly emulator: Emulator;
  /** A `ChatOpenRouter` pointed at the emulator. */
  model(model?: string, fields?: Omit<ChatOpenRouterFields, 'model'>): ChatOpenRouter;
  /** Recorded `/chat/completions` requests since the last reset. */
  chatRequests(): RecordedRequest[];
  /** The JSON body of the `index`-th chat request (negative counts from the end); throws when absent. */
  chatBody(index: number): WireBody;
};

/** A recorded chat request body. */
export type WireBody = { messages: Array<Record<string, unknown>> } & Record<string, unknown>;

/**
 * Starts one emulator for the test file (loopback, random port, no latency), resets it before
 * each test and closes it afterwards.
 */
export function useEmulator(): EmulatorFixture {
  let running: Emulator | undefined;
  beforeAll(async () => {
    running = await startEmulator({ port: 0, latency: 'none', requireAuth: false });
  });
  afterAll(async () => {
    await running?.close();
  });
  beforeEach(() => {
    running?.reset();
  });
  const fixture: EmulatorFixture = {
    get emulator(): Emulator {
      if (running === undefined)
        throw new Error('The emulator is not running (useEmulator() outside a test?)');
      return running;
    },
    model(model = 'openai/gpt-4o-mini', fields = {}) {
      return new ChatOpenRouter(model, {
        baseURL: fixture.emulator.baseURL,
        apiKey: TEST_API_KEY,
        timeout: 15_000,
        ...fields,
      });
    },
    chatRequests() {
      return fixture.emulator.requests.filter((request) => request.path.endsWith('/chat/completions'));
    },
    chatBody(index) {
      const body = fixture.chatRequests().at(index)?.body;
      if (typeof body !== 'object' || body === null)
        throw new Error(`no chat request body at index ${index}`);
      return body as WireBody;
    },
  };
  return fixture;
}
