export type Alignment = 'left' | 'right';

/** A GitHub-flavoured Markdown table; `|` inside cells is escaped, newlines become spaces. */
export function formatMarkdownTable(
  headers: readonly string[],
  rows: readonly (readonly string[])[],
  alignments: readonly Alignment[] = [],
): string {
  const cell = (value: string): string => value.replaceAll('|', '\\|').replaceAll('\n', ' ');
  const separator = headers.map((_header, index) => (alignments[index] === 'right' ? '---:' : '---'));
  const lines = [
    `| ${headers.map(cell).join(' | ')} |`,
    `| ${separator.join(' | ')} |`,
    ...rows.map((row) => `| ${row.map(cell).join(' | ')} |`),
  ];
  return lines.join('\n');
}
