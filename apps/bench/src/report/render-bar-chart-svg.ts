export type ChartBar = {
  label: string;
  value: number;
  /** Optional spread whisker (e.g. p25 and p75). */
  low?: number;
  high?: number;
  /** Colour key: one of `chartPalette`'s keys. */
  series: ChartSeries;
};

export type ChartSeries = 'floor' | 'baseline' | 'ours' | 'peer' | 'direct';

export type BarChartOptions = {
  title: string;
  subtitle?: string;
  bars: readonly ChartBar[];
  formatValue: (value: number) => string;
  /** Axis caption, e.g. "milliseconds per stream (median; whiskers: p25–p75)". */
  axisLabel: string;
};

export const chartPalette: Record<ChartSeries, { fill: string; name: string }> = {
  floor: { fill: '#9ca3af', name: 'floor' },
  baseline: { fill: '#cbd5e1', name: 'baseline' },
  direct: { fill: '#9ca3af', name: 'direct (no proxy)' },
  ours: { fill: '#2563eb', name: 'ours' },
  peer: { fill: '#f97316', name: 'peer' },
};

const escapeXml = (text: string): string =>
  text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');

const round = (value: number): string => value.toFixed(1);

/** Plain text of a Markdown-ish label (backticks removed). */
const plain = (label: string): string => label.replaceAll('`', '');

/**
 * A horizontal bar chart as a standalone SVG document (no dependencies, no scripts, system fonts):
 * one bar per row with its value at the end and an optional whisker for the spread.
 */
export function renderBarChartSvg(options: BarChartOptions): string {
  const { bars } = options;
  const width = 1040;
  const labelWidth = Math.min(540, Math.max(160, ...bars.map((bar) => plain(bar.label).length * 7 + 20)));
  const valueWidth = 110;
  const plotLeft = labelWidth;
  const plotWidth = width - labelWidth - valueWidth - 16;
  const rowHeight = 26;
  const top = options.subtitle === undefined ? 48 : 66;
  const legendHeight = 28;
  const height = top + bars.length * rowHeight + 44 + legendHeight;
  const maximum = Math.max(...bars.map((bar) => Math.max(bar.value, bar.high ?? 0)), Number.MIN_VALUE);
  const scale = (value: number): number => (value / maximum) * plotWidth;

  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="system-ui, -apple-system, 'Segoe UI', sans-serif" font-size="12" role="img" aria-labelledby="chart-title">`,
    `<title id="chart-title">${escapeXml(options.title)}</title>`,
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    `<text x="16" y="26" font-size="16" font-weight="600" fill="#111827">${escapeXml(options.title)}</text>`,
  ];
  if (options.subtitle !== undefined) {
    parts.push(`<text x="16" y="46" fill="#4b5563">${escapeXml(options.subtitle)}</text>`);
  }
  for (const tick of [0, 0.25, 0.5, 0.75, 1]) {
    const x = plotLeft + tick * plotWidth;
    parts.push(
      `<line x1="${round(x)}" y1="${top - 6}" x2="${round(x)}" y2="${top + bars.length * rowHeight}" stroke="#e5e7eb"/>`,
      `<text x="${round(x)}" y="${top + bars.length * rowHeight + 16}" text-anchor="middle" fill="#6b7280">${escapeXml(options.formatValue(tick * maximum))}</text>`,
    );
  }
  bars.forEach((bar, index) => {
    const y = top + index * rowHeight;
    const barWidth = Math.max(1, scale(bar.value));
    const middle = y + rowHeight / 2;
    parts.push(
      `<text x="${plotLeft - 8}" y="${round(middle + 4)}" text-anchor="end" fill="#111827">${escapeXml(plain(bar.label))}</text>`,
      `<rect x="${plotLeft}" y="${y + 4}" width="${round(barWidth)}" height="${rowHeight - 8}" rx="2" fill="${chartPalette[bar.series].fill}"><title>${escapeXml(`${plain(bar.label)}: ${options.formatValue(bar.value)}`)}</title></rect>`,
    );
    if (bar.low !== undefined && bar.high !== undefined) {
      const low = plotLeft + scale(bar.low);
      const high = plotLeft + scale(bar.high);
      parts.push(
        `<line x1="${round(low)}" y1="${round(middle)}" x2="${round(high)}" y2="${round(middle)}" stroke="#111827" stroke-width="1.2"/>`,
        `<line x1="${round(low)}" y1="${round(middle - 4)}" x2="${round(low)}" y2="${round(middle + 4)}" stroke="#111827" stroke-width="1.2"/>`,
        `<line x1="${round(high)}" y1="${round(middle - 4)}" x2="${round(high)}" y2="${round(middle + 4)}" stroke="#111827" stroke-width="1.2"/>`,
      );
    }
    const labelX = plotLeft + Math.max(barWidth, bar.high === undefined ? 0 : scale(bar.high)) + 6;
    parts.push(
      `<text x="${round(labelX)}" y="${round(middle + 4)}" fill="#111827">${escapeXml(options.formatValue(bar.value))}</text>`,
    );
  });
  const axisY = top + bars.length * rowHeight + 34;
  parts.push(`<text x="${plotLeft}" y="${axisY}" fill="#4b5563">${escapeXml(options.axisLabel)}</text>`);
  const usedSeries = [...new Set(bars.map((bar) => bar.series))];
  let legendX = 16;
  const legendY = axisY + 22;
  for (const series of usedSeries) {
    const { fill, name } = chartPalette[series];
    parts.push(
      `<rect x="${legendX}" y="${legendY - 10}" width="12" height="12" rx="2" fill="${fill}"/>`,
      `<text x="${legendX + 18}" y="${legendY}" fill="#374151">${escapeXml(name)}</text>`,
    );
    legendX += 30 + name.length * 7;
  }
  parts.push('</svg>');
  return `${parts.join('\n')}\n`;
}
