import { expect, test } from 'vitest';
import { suggestOptionName } from './suggest-option-name';

const candidates = ['allowFallbacks', 'requireParameters', 'order', 'only', 'ignore', 'maxPrice', 'zdr'];

test.each([
  ['allow_fallbacks', 'allowFallbacks'],
  ['allow-fallbacks', 'allowFallbacks'],
  ['AllowFallbacks', 'allowFallbacks'],
  ['ALLOWFALLBACKS', 'allowFallbacks'],
  ['alowFallbacks', 'allowFallbacks'],
  ['max_price', 'maxPrice'],
  ['requireParams', undefined],
  ['oder', 'order'],
  ['onyl', 'only'],
  ['zzz', undefined],
  ['', undefined],
])('%s → %s', (input, expected) => {
  expect(suggestOptionName(input, candidates)).toBe(expected);
});

test('no candidates, no suggestion', () => {
  expect(suggestOptionName('order', [])).toBeUndefined();
});
