import type { GeneratedStream } from '../stream/generate-openrouter-stream';

/** The bytes every contender decodes, in the same network-sized pieces. */
export type DecodeInput = {
  stream: GeneratedStream;
  pieces: readonly Uint8Array[];
};

/** What a contender produced, for the untimed sanity check (fields a contender cannot report stay unset). */
export type DecodeOutcome = {
  /** Events, stream parts or message chunks the consumer received. */
  items: number;
  text?: string;
  reasoning?: string;
  toolCalls?: { name?: string; arguments: string }[];
  finishReason?: string;
  outputTokens?: number;
};

export type DecodeRunner = {
  /** One timed iteration: decode the whole stream and consume it to the end. */
  run: () => unknown;
  /** The same path, untimed, collecting what came out. */
  inspect: () => Promise<DecodeOutcome>;
};

export type DecodeContenderGroup = 'floor' | 'baseline' | 'ours' | 'peer';

export type DecodeContender = {
  /** Stable key used in results and ratios. */
  id: string;
  label: string;
  group: DecodeContenderGroup;
  /** Exactly what one timed iteration does. */
  measures: string;
  /** Imports what it needs (a package that is not built yet makes this reject) and prepares a runner. */
  create: (input: DecodeInput) => Promise<DecodeRunner>;
};
