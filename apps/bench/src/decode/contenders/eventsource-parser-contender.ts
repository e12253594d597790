import { createParser } from 'eventsource-parser';
import type { DecodeContender } from '../decode-contender';

/** `eventsource-parser` fed by a streaming `TextDecoder`, each payload `JSON.parse`d: no accumulation. */
export const eventsourceParserContender: DecodeContender = {
  id: 'eventsource-parser',
  label: '`eventsource-parser` + `TextDecoder` + `JSON.parse`',
  group: 'baseline',
  measures: 'bytes → TextDecoder(stream) → eventsource-parser feed() → JSON.parse per event',
  async create({ pieces }) {
    const decode = (onChunk: (chunk: unknown) => void): void => {
      const decoder = new TextDecoder();
      const parser = createParser({
        onEvent(event) {
          if (event.data !== '[DONE]') onChunk(JSON.parse(event.data));
        },
      });
      for (const piece of pieces) parser.feed(decoder.decode(piece, { stream: true }));
      parser.feed(decoder.decode());
    };
    return {
      run() {
        let last: unknown;
        decode((chunk) => {
          last = chunk;
        });
        return last;
      },
      async inspect() {
        let items = 0;
        decode(() => {
          items++;
        });
        return { items };
      },
    };
  },
};
