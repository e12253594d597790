/** Values mentioned in the prompt, preferred by the schema value generator (tool arguments look on-topic). */
export type PromptHints = {
  numbers: number[];
  /** Text inside double quotes. */
  quoted: string[];
  /** Capitalised words that do not start a sentence (likely names and places). */
  names: string[];
};

const STOP_NAMES = new Set([
  'I',
  'The',
  'A',
  'An',
  'What',
  'Use',
  'Please',
  'Call',
  'Tell',
  'Give',
  'Can',
  'Is',
]);

export function extractPromptHints(text: string): PromptHints {
  const numbers: number[] = [];
  for (const match of text.matchAll(/(?<![\w.])-?\d+(?:\.\d+)?(?![\w.]*\w)/g)) {
    const value = Number(match[0]);
    if (Number.isFinite(value)) numbers.push(value);
  }
  const quoted: string[] = [];
  for (const match of text.matchAll(/"([^"\n]{1,80})"/g)) quoted.push(match[1] as string);
  const names: string[] = [];
  for (const match of text.matchAll(/(?<=[a-z,;:]\s+)[A-Z][a-zA-Z-]{1,30}(?:\s+[A-Z][a-zA-Z-]{1,30})?/g)) {
    const name = match[0];
    if (!STOP_NAMES.has(name) && !names.includes(name)) names.push(name);
  }
  return { numbers, quoted, names };
}
