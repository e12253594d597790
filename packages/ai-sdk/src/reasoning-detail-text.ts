/** The readable text of one `reasoning_details` entry: a `reasoning.text`'s text or a `reasoning.summary`'s summary. */
export function reasoningDetailText(detail: { type?: unknown; text?: unknown; summary?: unknown }): string {
  const value =
    detail.type === 'reasoning.text'
      ? detail.text
      : detail.type === 'reasoning.summary'
        ? detail.summary
        : undefined;
  return typeof value === 'string' ? value : '';
}
