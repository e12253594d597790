import { EventSourceParserStream } from 'eventsource-parser/stream';
import { createInMemoryFetch } from '../../stream/create-in-memory-fetch';
import type { DecodeContender } from '../decode-contender';

/**
 * The Web Streams version of the baseline, over the same in-memory `fetch` the framework
 * contenders use: `Response.body → TextDecoderStream → EventSourceParserStream → JSON.parse`.
 * It is the pipeline `@langchain/openrouter` and the official AI SDK provider are built on, so it
 * shows what Web Streams cost before any framework work.
 */
export const webStreamsParserContender: DecodeContender = {
  id: 'web-streams-parser',
  label: '`fetch` body → `TextDecoderStream` → `EventSourceParserStream` → `JSON.parse`',
  group: 'baseline',
  measures:
    'in-memory fetch Response, piped through TextDecoderStream and EventSourceParserStream, JSON.parse per event',
  async create({ pieces }) {
    const fetch = createInMemoryFetch(pieces);
    const decode = async (onChunk: (chunk: unknown) => void): Promise<void> => {
      const response = await fetch('http://in-memory.invalid/api/v1/chat/completions', { method: 'POST' });
      if (response.body === null) throw new Error('in-memory response has no body');
      const reader = response.body
        .pipeThrough(new TextDecoderStream())
        .pipeThrough(new EventSourceParserStream())
        .getReader();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return;
        if (value.data !== '[DONE]') onChunk(JSON.parse(value.data));
      }
    };
    return {
      async run() {
        let last: unknown;
        await decode((chunk) => {
          last = chunk;
        });
        return last;
      },
      async inspect() {
        let items = 0;
        await decode(() => {
          items++;
        });
        return { items };
      },
    };
  },
};
