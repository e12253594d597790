import type { WireModel } from '@openrouter-adapters/core';

/** "$0.0042", "$1.25", "<$0.000001", "$0" */
export function formatUsd(value: number | undefined): string {
  if (value === undefined) return '–';
  if (value === 0) return '$0';
  if (value < 0.000001) return '<$0.000001';
  if (value < 0.01) return `$${value.toPrecision(2)}`;
  // Cents always, then up to four decimals without trailing zeros: $0.25, $0.1234, $12.50.
  return `$${value.toFixed(value < 1 ? 4 : 2).replace(/(\.\d\d\d*?)0+$/, '$1')}`;
}

/** OpenRouter prices are decimal strings in USD per token: shown per million tokens. */
export function formatPricePerMillion(perToken: string | undefined): string {
  if (perToken === undefined) return '–';
  const value = Number(perToken);
  if (!Number.isFinite(value) || value < 0) return 'varies';
  if (value === 0) return '$0';
  const perMillion = value * 1_000_000;
  return `$${perMillion >= 10 ? perMillion.toFixed(0) : perMillion.toFixed(2)}`;
}

/** "128K", "1M", "1.05M" */
export function formatContext(tokens: number | null | undefined): string {
  if (tokens === undefined || tokens === null) return '–';
  if (tokens >= 1_000_000) return `${Number((tokens / 1_000_000).toFixed(2))}M`;
  if (tokens >= 1_000) return `${Math.round(tokens / 1_000)}K`;
  return String(tokens);
}

export function formatTokens(count: number): string {
  return count.toLocaleString('en-US');
}

/** Free when both prompt and completion cost nothing (e.g. `:free` variants). */
export function isFreeModel(model: Pick<WireModel, 'id' | 'pricing'>): boolean {
  return model.id.endsWith(':free') || (model.pricing?.prompt === '0' && model.pricing?.completion === '0');
}
