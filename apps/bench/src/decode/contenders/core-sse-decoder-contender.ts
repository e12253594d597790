import type { DecodeContender } from '../decode-contender';

/** A step of the ladder: core's SSE framing (with UTF-8 decoding) alone, payloads not parsed. */
export const coreSseDecoderContender: DecodeContender = {
  id: 'core-sse-decoder',
  label: 'ours: core `createSseDecoder` alone (framing + UTF-8, no JSON)',
  group: 'baseline',
  measures: 'bytes → createSseDecoder feed()/end() → data strings; no JSON.parse, no accumulation',
  async create({ pieces }) {
    const { createSseDecoder } = await import('@openrouter-adapters/core');
    const decode = (onData: (data: string) => void): void => {
      const decoder = createSseDecoder({ onEvent: (event) => onData(event.data) });
      for (const piece of pieces) decoder.feed(piece);
      decoder.end();
    };
    return {
      run() {
        let last = '';
        decode((data) => {
          last = data;
        });
        return last;
      },
      async inspect() {
        let items = 0;
        decode((data) => {
          if (data !== '[DONE]') items++;
        });
        return { items };
      },
    };
  },
};
