/**
 * Returns an id unique within one response: the provider's id when it is new, `<id>_2`, `<id>_3`...
 * when a provider reuses it, and `call_<position>` when the provider sent none.
 */
export function uniqueToolCallId(wireId: unknown, position: number, used: Set<string>): string {
  const base = typeof wireId === 'string' && wireId !== '' ? wireId : `call_${position}`;
  let id = base;
  for (let suffix = 2; used.has(id); suffix++) id = `${base}_${suffix}`;
  used.add(id);
  return id;
}
