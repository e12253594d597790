/** Fixed significant digits without exponent notation: 0.0123 → "0.0123", 1234.5 → "1,235". */
export function formatNumber(value: number, significantDigits = 3): string {
  if (!Number.isFinite(value)) return String(value);
  if (value === 0) return '0';
  const magnitude = Math.floor(Math.log10(Math.abs(value)));
  const decimals = Math.max(0, significantDigits - 1 - magnitude);
  return value.toLocaleString('en-US', { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
}

/** An integer with thousands separators: 20000 → "20,000". */
export const formatInteger = (value: number): string => Math.round(value).toLocaleString('en-US');

export const formatMilliseconds = (value: number): string => `${formatNumber(value)} ms`;

export const formatMicroseconds = (milliseconds: number): string =>
  `${formatNumber(milliseconds * 1_000)} µs`;

export const formatRatio = (value: number): string => `${formatNumber(value)}×`;

export const formatRange = (low: number, high: number, format: (value: number) => string): string =>
  `${format(low)} – ${format(high)}`;

/** Decimal units (1 kB = 1,000 bytes, 1 MB = 1,000,000 bytes), as bundle-size targets are stated. */
export function formatBytes(bytes: number): string {
  if (bytes < 1_000) return `${bytes} B`;
  if (bytes < 1_000_000) return `${formatNumber(bytes / 1_000)} kB`;
  return `${formatNumber(bytes / 1_000_000)} MB`;
}

export const verdict = (met: boolean | undefined): string =>
  met === undefined ? 'not measured' : met ? 'met' : '**NOT MET**';
