import type { CpuProfileSummary } from '../harness/profile-cpu';
import { formatMarkdownTable } from './format-markdown-table';
import { formatMilliseconds } from './format-numbers';

const percent = (share: number): string => `${(share * 100).toFixed(1)} %`;

/** A CPU profile as two small tables (by package, top functions) inside a collapsible block. */
export function renderProfile(title: string, profile: CpuProfileSummary): string {
  return [
    '<details>',
    `<summary>${title} (${formatMilliseconds(profile.sampledMs)} sampled, ${formatMilliseconds(profile.idleMs ?? 0)} of it idle; shares are of busy time)</summary>`,
    '',
    formatMarkdownTable(
      ['package', 'self time', 'share'],
      profile.packages.map((entry) => [entry.name, formatMilliseconds(entry.selfMs), percent(entry.share)]),
      ['left', 'right', 'right'],
    ),
    '',
    formatMarkdownTable(
      ['function', 'self time', 'share'],
      profile.functions
        .slice(0, 12)
        .map((entry) => [`\`${entry.name}\``, formatMilliseconds(entry.selfMs), percent(entry.share)]),
      ['left', 'right', 'right'],
    ),
    '',
    '</details>',
    '',
  ].join('\n');
}
