import { createInMemoryFetch } from '../../stream/create-in-memory-fetch';
import type { DecodeContender } from '../decode-contender';
import { outcomeOfChatResult } from './core-decoder-contender';

/** Our core client end to end over `fetch`: request, Response body, events, `result()`. */
export const coreClientContender: DecodeContender = {
  id: 'core-client',
  label: 'ours: core `client.chat.stream()` (fetch → events → `result()`)',
  group: 'ours',
  measures: 'createOpenRouterClient({ fetch }).chat.stream(body), every event iterated, then result()',
  async create({ pieces }) {
    const { createOpenRouterClient } = await import('@openrouter-adapters/core');
    const client = createOpenRouterClient({ apiKey: 'sk-or-v1-bench', fetch: createInMemoryFetch(pieces) });
    const body = {
      model: 'anthropic/claude-sonnet-4.5',
      messages: [{ role: 'user' as const, content: 'Weather in São Paulo and München?' }],
      stream: true as const,
    };
    const consume = async (onEvent: () => void) => {
      const stream = await client.chat.stream(body);
      for await (const _event of stream) onEvent();
      return stream.result();
    };
    const ignore = (): void => {};
    return {
      run: () => consume(ignore),
      async inspect() {
        let items = 0;
        const result = await consume(() => {
          items++;
        });
        return outcomeOfChatResult(result, items);
      },
    };
  },
};
