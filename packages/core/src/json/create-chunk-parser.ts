import { type ParseJsonContext, parseJson, parseJsonOrUndefined } from './parse-json';

/**
 * The text around `choices[0].delta` of a learned chunk, and that chunk parsed with a placeholder
 * as its delta. Every value in `root` and `choice` is a primitive, except `root.choices` (the array
 * holding `choice`) and `choice.delta` (the placeholder), so a shallow copy is a fresh chunk.
 */
type Envelope = {
  prefix: string;
  suffix: string;
  root: Record<string, unknown>;
  choice: Record<string, unknown>;
};

const deltaKey = '"delta":';
/** Longer payloads are not learned from: their delta dominates, and stringifying it would cost. */
const maxLearnedLength = 65_536;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** JSON's whitespace: space, tab, LF, CR. */
const isJsonSpace = (code: number): boolean => code === 32 || code === 9 || code === 10 || code === 13;

/** `true` when every value but the one under `except` is a string, number, boolean or null. */
function onlyPrimitives(record: Record<string, unknown>, except: string): boolean {
  for (const key in record) {
    const value = record[key];
    if (key !== except && typeof value === 'object' && value !== null) return false;
  }
  return true;
}

/**
 * Finds `text`'s envelope: the text before and after `choices[0].delta` of the `chunk` parsed from
 * it. The envelope is proven, not guessed: the text with `0` and then `1` in place of the delta
 * must parse to a chunk whose `choices[0].delta` is `0` and `1`. JSON is read left to right with
 * no lookahead, so the prefix then leaves the parser expecting a value and the suffix (which
 * starts with `,`, `}` or whitespace, ending any number) continues from the state after it:
 * `prefix + M + suffix` parses to the probed chunk with `JSON.parse(M)` as its delta, for every
 * `M` that is valid JSON on its own. Returns `undefined` when the chunk has no such envelope.
 */
function learnEnvelope(text: string, chunk: unknown): Envelope | undefined {
  if (
    text.length > maxLearnedLength ||
    !isRecord(chunk) ||
    !Array.isArray(chunk.choices) ||
    chunk.choices.length !== 1
  )
    return undefined;
  const delta = (chunk.choices[0] as Record<string, unknown> | null | undefined)?.delta;
  if (typeof delta !== 'object' || delta === null) return undefined;
  const key = text.indexOf(deltaKey);
  if (key === -1) return undefined;
  let start = key + deltaKey.length;
  while (isJsonSpace(text.charCodeAt(start))) start++;
  // Where the delta ends when it is written compactly (as OpenRouter does); otherwise no envelope.
  const end = start + JSON.stringify(delta).length;
  const next = text.charCodeAt(end);
  if (next !== 44 && next !== 125 && !isJsonSpace(next)) return undefined; // `,` `}`
  const prefix = text.slice(0, start);
  const suffix = text.slice(end);
  const zero = parseJsonOrUndefined(`${prefix}0${suffix}`);
  const one = parseJsonOrUndefined(`${prefix}1${suffix}`);
  if (!isRecord(zero) || !isRecord(one) || !Array.isArray(zero.choices) || zero.choices.length !== 1) {
    return undefined;
  }
  const choice = zero.choices[0];
  if (!isRecord(choice) || choice.delta !== 0 || !Array.isArray(one.choices)) return undefined;
  if ((one.choices[0] as Record<string, unknown> | undefined)?.delta !== 1) return undefined;
  if (!onlyPrimitives(zero, 'choices') || !onlyPrimitives(choice, 'delta')) return undefined;
  // Flat copies: the slices would otherwise keep the decoded network chunk they came from alive.
  return { prefix: flatCopy(prefix), suffix: flatCopy(suffix), root: zero, choice };
}

/** A copy of `text` that shares no memory with the (network) string it was sliced from. */
const flatCopy = (text: string): string => parseJsonOrUndefined(JSON.stringify(text)) as string;

export type ChunkParser = {
  /** Parses one payload: the same value as `parseJson(text, context)`, or the same error. */
  parse(text: string): unknown;
  /** Payloads parsed through a learned envelope (only the delta parsed). */
  readonly reused: number;
  /** Envelopes learned so far. */
  readonly learned: number;
};

/**
 * @internal A parser for the JSON payloads of one chat stream, equivalent to `parseJson` on each.
 *
 * OpenRouter repeats the same envelope (`id`, `provider`, `model`, `object`, `created`, the choice's
 * `index`, `finish_reason: null`, ...) around every chunk's `choices[0].delta`, byte for byte; it
 * is most of each payload. Once an envelope is learned (see `learnEnvelope`), a payload that starts
 * and ends with exactly the same text has only its delta parsed and gets a fresh shallow copy of
 * the envelope: the same value `JSON.parse` would return, for a fraction of the work. Anything
 * else (other envelopes, invalid deltas, errors) is parsed whole by `parseJson`, with its errors.
 *
 * Learning (stringifying the delta, parsing the envelope twice) costs about one parse of the
 * payload. It happens on the first chunk and then only after 2, 4, 8, ... consecutive payloads that
 * did not match, and only the payload after a learning is compared with the new envelope, so a
 * stream whose envelopes never repeat pays for about log2(n) attempts.
 */
export function createChunkParser(context?: ParseJsonContext): ChunkParser {
  let envelope: Envelope | undefined;
  let misses = 0;
  let reused = 0;
  let learned = 0;
  return {
    parse(text: string): unknown {
      // Tried while it matches, and once after each learning: a stream whose envelopes keep changing
      // spends its comparisons only on the log2(n) payloads after one was learned.
      if (envelope !== undefined && (misses < 2 || (misses & (misses - 1)) === 0)) {
        const { prefix, suffix } = envelope;
        const end = text.length - suffix.length;
        if (end > prefix.length && text.slice(end) === suffix && text.slice(0, prefix.length) === prefix) {
          const delta = parseJsonOrUndefined(text.slice(prefix.length, end));
          if (delta !== undefined) {
            misses = 0;
            reused++;
            const choice = { ...envelope.choice };
            choice.delta = delta;
            const root = { ...envelope.root };
            root.choices = [choice];
            return root;
          }
        }
      }
      const chunk = parseJson(text, context);
      misses++;
      // Learn on the 1st (no envelope yet), 2nd, 4th, 8th, ... consecutive miss: one odd chunk
      // does not replace a good envelope, and a stream without one pays for log2(n) attempts.
      if ((misses & (misses - 1)) === 0 && (envelope === undefined || misses > 1)) {
        const next = learnEnvelope(text, chunk);
        if (next !== undefined) {
          envelope = next;
          learned++;
        }
      }
      return chunk;
    },
    get reused(): number {
      return reused;
    },
    get learned(): number {
      return learned;
    },
  };
}
