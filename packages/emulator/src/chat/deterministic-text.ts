import type { Prng } from '../util/prng';

const NOUNS = [
  'answer',
  'system',
  'request',
  'model',
  'signal',
  'pattern',
  'result',
  'detail',
  'context',
  'summary',
  'question',
  'method',
  'example',
  'record',
  'value',
  'update',
  'stream',
  'route',
  'provider',
  'response',
  'token',
  'budget',
  'cache',
  'window',
  'report',
  'draft',
  'plan',
  'source',
  'step',
  'choice',
];
const VERBS = [
  'covers',
  'shows',
  'explains',
  'follows',
  'keeps',
  'checks',
  'builds',
  'reads',
  'finds',
  'returns',
  'tracks',
  'compares',
  'describes',
  'handles',
  'outlines',
  'confirms',
  'reflects',
  'measures',
];
const ADJECTIVES = [
  'clear',
  'short',
  'useful',
  'careful',
  'simple',
  'direct',
  'stable',
  'quick',
  'precise',
  'complete',
  'steady',
  'plain',
  'honest',
  'focused',
  'reliable',
  'concise',
];
const CONNECTORS = ['and', 'while', 'because', 'so', 'as', 'then'];
const REASONING_OPENERS = [
  'Let me think about',
  'First, consider',
  'The key question is',
  'I should check',
  'Looking closely at',
  'Breaking down',
];

function sentence(prng: Prng, minWords: number): string {
  const words: string[] = [];
  while (words.length < minWords) {
    words.push('the', prng.pick(ADJECTIVES), prng.pick(NOUNS), prng.pick(VERBS));
    if (words.length < minWords) words.push(prng.pick(CONNECTORS));
  }
  const text = words.join(' ');
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
}

/** Deterministic filler prose of about `tokens` tokens (one token per word, see `splitTokens`). */
export function generateProse(prng: Prng, tokens: number): string {
  const sentences: string[] = [];
  let count = 0;
  while (count < tokens) {
    const words = Math.min(Math.max(3, tokens - count), prng.int(6, 14));
    const text = sentence(prng, words);
    sentences.push(text);
    count += splitTokens(text).length + (sentences.length > 1 ? 0 : 0);
  }
  return fitTokens(sentences.join(' '), tokens);
}

/** Deterministic reasoning prose of about `tokens` tokens about `topic`. */
export function generateReasoning(prng: Prng, topic: string, tokens: number): string {
  const opener = `${prng.pick(REASONING_OPENERS)} ${topic || 'the request'}.`;
  const rest =
    tokens > splitTokens(opener).length ? ` ${generateProse(prng, tokens - splitTokens(opener).length)}` : '';
  return fitTokens(opener + rest, tokens);
}

const TOKEN_PATTERN = /\s*[^\s]{1,6}|\s+$/gu;

/**
 * Splits text into "tokens": each is optional leading whitespace plus up to 6 non-space characters.
 * `tokens.join('') === text` always; the count is the emulator's token count for generated text.
 */
export function splitTokens(text: string): string[] {
  return text.match(TOKEN_PATTERN) ?? [];
}

/** Cuts text to at most `tokens` tokens (never splits inside a token). */
export function fitTokens(text: string, tokens: number): string {
  const pieces = splitTokens(text);
  return pieces.length <= tokens ? text : pieces.slice(0, tokens).join('');
}

/** Prompt-side token estimate: about four characters per token. */
export function countTextTokens(text: string): number {
  return text.length === 0 ? 0 : Math.ceil(text.length / 4);
}
