import { describe, expect, it } from 'vitest';
import { formatMarkdownTable } from './format-markdown-table';
import { formatBytes, formatNumber, formatRatio, verdict } from './format-numbers';

describe('formatMarkdownTable', () => {
  it('renders headers, alignment and rows, escaping pipes', () => {
    expect(formatMarkdownTable(['a', 'b'], [['x|y', '1']], ['left', 'right'])).toBe(
      '| a | b |\n| --- | ---: |\n| x\\|y | 1 |',
    );
  });
});

describe('number formats', () => {
  it('keeps three significant digits without exponents', () => {
    expect(formatNumber(0.012345)).toBe('0.0123');
    expect(formatNumber(1.5)).toBe('1.50');
    expect(formatNumber(12_345.6)).toBe('12,346');
    expect(formatRatio(4.213)).toBe('4.21×');
  });

  it('uses 1 kB = 1,000 bytes', () => {
    expect(formatBytes(999)).toBe('999 B');
    expect(formatBytes(12_000)).toBe('12.0 kB');
    expect(formatBytes(305_000_000)).toBe('305 MB');
  });

  it('spells out the target verdicts', () => {
    expect(verdict(true)).toBe('met');
    expect(verdict(false)).toBe('**NOT MET**');
    expect(verdict(undefined)).toBe('not measured');
  });
});
