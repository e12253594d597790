import type { DecodeContender } from '../decode-contender';

/** The floor: `JSON.parse` of every data payload, already extracted and decoded to strings. */
export const floorContender: DecodeContender = {
  id: 'floor',
  label: '`JSON.parse` of the payloads (floor)',
  group: 'floor',
  measures: 'JSON.parse of each pre-extracted data payload (no bytes, no SSE, no accumulation)',
  async create({ stream }) {
    const { payloads } = stream;
    const run = (): unknown => {
      let last: unknown;
      for (const payload of payloads) last = JSON.parse(payload);
      return last;
    };
    return {
      run,
      async inspect() {
        let items = 0;
        for (const payload of payloads) if (JSON.parse(payload) !== undefined) items++;
        return { items };
      },
    };
  },
};
