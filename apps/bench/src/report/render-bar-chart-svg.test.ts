import { describe, expect, it } from 'vitest';
import { renderBarChartSvg } from './render-bar-chart-svg';

describe('renderBarChartSvg', () => {
  const svg = renderBarChartSvg({
    title: 'Decoding <2,000> chunks & more',
    bars: [
      { label: 'floor', value: 2, low: 1.5, high: 2.5, series: 'floor' },
      { label: 'ours: `core`', value: 2.2, series: 'ours' },
      { label: 'peer', value: 20, series: 'peer' },
    ],
    formatValue: (value) => `${value.toFixed(1)} ms`,
    axisLabel: 'ms per stream',
  });

  it('is a standalone SVG document with escaped text', () => {
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg.trimEnd().endsWith('</svg>')).toBe(true);
    expect(svg).toContain('Decoding &lt;2,000&gt; chunks &amp; more');
    expect(svg).not.toContain('`');
  });

  it('draws one bar per row, scaled to the largest value, with values and a legend', () => {
    const bars = [...svg.matchAll(/<rect x="[\d.]+" y="[\d.]+" width="([\d.]+)" height="18"/g)].map((match) =>
      Number(match[1]),
    );
    expect(bars).toHaveLength(3);
    expect(bars[2]).toBeCloseTo((bars[0] as number) * 10, 0);
    expect(svg).toContain('20.0 ms');
    expect(svg).toContain('>ours<');
    expect(svg).toContain('>peer<');
  });
});
