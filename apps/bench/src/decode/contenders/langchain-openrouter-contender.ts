import { createInMemoryFetch } from '../../stream/create-in-memory-fetch';
import type { DecodeContender } from '../decode-contender';
import { consumeChatModelStream, inspectChatModelStream, type StreamingChatModel } from './chat-model-stream';

/**
 * `@langchain/openrouter`'s `ChatOpenRouter.stream()`. It has no `fetch` option (it calls the global
 * `fetch`), so the global is swapped for the in-memory one for the duration of each call.
 */
export function createLangChainOpenRouterContender(pace: 'immediate' | 'macrotask'): DecodeContender {
  const paced = pace === 'macrotask';
  return {
    id: paced ? 'langchain-openrouter-paced' : 'langchain-openrouter',
    label: `peer: \`@langchain/openrouter\` \`.stream()\`${paced ? ' (paced reads)' : ''}`,
    group: 'peer',
    measures: `new ChatOpenRouter(...).stream(prompt) with globalThis.fetch swapped for the in-memory fetch, every chunk read${paced ? '; one piece per macrotask' : ''}`,
    async create({ pieces }) {
      const { ChatOpenRouter } = await import('@langchain/openrouter');
      const inMemoryFetch = createInMemoryFetch(pieces, { pace });
      const model: StreamingChatModel = new ChatOpenRouter({
        apiKey: 'sk-or-v1-bench',
        model: 'anthropic/claude-sonnet-4.5',
      });
      const withInMemoryFetch = async <T>(work: () => Promise<T>): Promise<T> => {
        const original = globalThis.fetch;
        globalThis.fetch = inMemoryFetch;
        try {
          return await work();
        } finally {
          globalThis.fetch = original;
        }
      };
      return {
        run: () => withInMemoryFetch(() => consumeChatModelStream(model)),
        inspect: () => withInMemoryFetch(() => inspectChatModelStream(model)),
      };
    },
  };
}
