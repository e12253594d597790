import type { DecodeContender } from '../decode-contender';

/** A step of the ladder between the floor and a full decoder: UTF-8 decoding of the pieces alone. */
export const textDecoderContender: DecodeContender = {
  id: 'text-decoder',
  label: '`TextDecoder` alone (UTF-8 → string, no SSE, no JSON)',
  group: 'baseline',
  measures: 'a streaming TextDecoder over every piece; nothing else',
  async create({ pieces, stream }) {
    const decode = (): number => {
      const decoder = new TextDecoder();
      let characters = 0;
      for (const piece of pieces) characters += decoder.decode(piece, { stream: true }).length;
      return characters + decoder.decode().length;
    };
    return {
      run: decode,
      // Not a chunk decoder: it "sees" every chunk when it decoded every byte.
      async inspect() {
        const characters = decode();
        const expected = new TextDecoder().decode(stream.bytes).length;
        return { items: characters === expected ? stream.chunkCount : 0 };
      },
    };
  },
};
