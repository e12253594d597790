import { createInMemoryFetch } from '../../stream/create-in-memory-fetch';
import type { DecodeContender } from '../decode-contender';
import {
  consumeLanguageModelStream,
  inspectLanguageModelStream,
  type StreamingLanguageModel,
} from './language-model-stream';

export const officialAiSdkContender: DecodeContender = {
  id: 'official-ai-sdk',
  label: 'peer: `@openrouter/ai-sdk-provider` `doStream`',
  group: 'peer',
  measures: 'createOpenRouter({ fetch }).chat(model).doStream(options), every stream part read',
  async create({ pieces }) {
    const { createOpenRouter } = await import('@openrouter/ai-sdk-provider');
    const provider = createOpenRouter({ apiKey: 'sk-or-v1-bench', fetch: createInMemoryFetch(pieces) });
    const model: StreamingLanguageModel = provider.chat('anthropic/claude-sonnet-4.5');
    return { run: () => consumeLanguageModelStream(model), inspect: () => inspectLanguageModelStream(model) };
  },
};
