import type { WireChatChunk } from '../wire/chat';

/** An in-band error: a top-level `error`, a choice-level `error`, or `finish_reason: "error"`. */
export function hasInBandError(chunk: WireChatChunk): boolean {
  if (chunk.error != null) return true;
  const choices = chunk.choices;
  if (!Array.isArray(choices)) return false;
  for (const choice of choices) {
    if (choice != null && (choice.finish_reason === 'error' || choice.error != null)) return true;
  }
  return false;
}
