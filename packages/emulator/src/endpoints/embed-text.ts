/** FNV-1a 32-bit hash (cheap and stable). */
function fnv1a(text: string, seed: number): number {
  let hash = (0x811c9dc5 ^ seed) >>> 0;
  for (let index = 0; index < text.length; index++) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

/**
 * A deterministic embedding: hashed bag of words and word pairs, L2-normalised. Identical texts get
 * identical vectors and texts sharing words get similar ones (cosine similarity behaves sensibly).
 * Computed at `fullDimensions` then truncated and re-normalised to `dimensions` (like OpenAI's
 * shortened embeddings).
 */
export function embedText(text: string, fullDimensions: number, dimensions: number): Float32Array {
  const full = new Float64Array(fullDimensions);
  const words = text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  const add = (feature: string, weight: number): void => {
    const hash = fnv1a(feature, 0);
    const index = hash % fullDimensions;
    full[index] = (full[index] as number) + (fnv1a(feature, 0x9e3779b9) & 1 ? weight : -weight);
    const spread = fnv1a(feature, 0x85ebca6b) % fullDimensions;
    full[spread] = (full[spread] as number) + (hash & 2 ? weight * 0.5 : -weight * 0.5);
  };
  words.forEach((word, index) => {
    add(word, 1);
    if (index > 0) add(`${words[index - 1]} ${word}`, 0.5);
  });
  if (words.length === 0) add(`\u0000${text}`, 1);
  const out = new Float32Array(dimensions);
  let norm = 0;
  for (let index = 0; index < dimensions; index++) {
    // A faint deterministic background keeps every dimension non-zero.
    const value = (full[index] as number) + ((fnv1a(`${index}`, fnv1a(text, 7)) % 1000) - 500) / 50_000;
    out[index] = value;
    norm += value * value;
  }
  const scale = norm > 0 ? 1 / Math.sqrt(norm) : 1;
  for (let index = 0; index < dimensions; index++) out[index] = (out[index] as number) * scale;
  return out;
}
