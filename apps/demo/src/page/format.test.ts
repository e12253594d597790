import { describe, expect, it } from 'vitest';
import { formatContext, formatPricePerMillion, formatUsd, isFreeModel } from './format';

describe('formatting for the page', () => {
  it('formats dollars for costs and budgets', () => {
    expect(formatUsd(undefined)).toBe('–');
    expect(formatUsd(0)).toBe('$0');
    expect(formatUsd(0.0000001)).toBe('<$0.000001');
    expect(formatUsd(0.000135)).toBe('$0.00014');
    expect(formatUsd(0.25)).toBe('$0.25');
    expect(formatUsd(0.1234)).toBe('$0.1234');
    expect(formatUsd(0.5)).toBe('$0.50');
    expect(formatUsd(12.5)).toBe('$12.50');
  });

  it('shows OpenRouter per-token prices per million tokens', () => {
    expect(formatPricePerMillion('0.00000015')).toBe('$0.15');
    expect(formatPricePerMillion('0.000015')).toBe('$15');
    expect(formatPricePerMillion('0')).toBe('$0');
    expect(formatPricePerMillion('-1')).toBe('varies');
    expect(formatPricePerMillion(undefined)).toBe('–');
  });

  it('shortens context lengths', () => {
    expect(formatContext(128_000)).toBe('128K');
    expect(formatContext(1_048_576)).toBe('1.05M');
    expect(formatContext(2_000_000)).toBe('2M');
    expect(formatContext(null)).toBe('–');
  });

  it('recognises free models', () => {
    expect(
      isFreeModel({
        id: 'meta-llama/llama-3.3-70b-instruct:free',
        pricing: { prompt: '0', completion: '0' },
      }),
    ).toBe(true);
    expect(
      isFreeModel({ id: 'openai/gpt-4o-mini', pricing: { prompt: '0.00000015', completion: '0.0000006' } }),
    ).toBe(false);
  });
});
