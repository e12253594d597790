import { createInMemoryFetch } from '../../stream/create-in-memory-fetch';
import type { DecodeContender } from '../decode-contender';
import { consumeChatModelStream, inspectChatModelStream, type StreamingChatModel } from './chat-model-stream';

/** Our `ChatOpenRouter.stream()`; `macrotask` delivers one network piece per macrotask (see the README). */
export function createOurLangChainContender(pace: 'immediate' | 'macrotask'): DecodeContender {
  const paced = pace === 'macrotask';
  return {
    id: paced ? 'ours-langchain-paced' : 'ours-langchain',
    label: `ours: \`@openrouter-adapters/langchain\` \`.stream()\`${paced ? ' (paced reads)' : ''}`,
    group: 'ours',
    measures: `new ChatOpenRouter({ fetch }).stream(prompt), every chunk read${paced ? '; one piece per macrotask' : ''}`,
    async create({ pieces }) {
      const { ChatOpenRouter } = await import('@openrouter-adapters/langchain');
      const model: StreamingChatModel = new ChatOpenRouter({
        apiKey: 'sk-or-v1-bench',
        model: 'anthropic/claude-sonnet-4.5',
        fetch: createInMemoryFetch(pieces, { pace }),
      });
      return { run: () => consumeChatModelStream(model), inspect: () => inspectChatModelStream(model) };
    },
  };
}
