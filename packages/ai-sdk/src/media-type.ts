/** Leading bytes of the formats OpenRouter accepts (`null` = any byte). */
const SIGNATURES: ReadonlyArray<{ mediaType: string; bytes: readonly (number | null)[] }> = [
  { mediaType: 'image/png', bytes: [0x89, 0x50, 0x4e, 0x47] },
  { mediaType: 'image/jpeg', bytes: [0xff, 0xd8, 0xff] },
  { mediaType: 'image/gif', bytes: [0x47, 0x49, 0x46, 0x38] },
  {
    mediaType: 'image/webp',
    bytes: [0x52, 0x49, 0x46, 0x46, null, null, null, null, 0x57, 0x45, 0x42, 0x50],
  },
  { mediaType: 'application/pdf', bytes: [0x25, 0x50, 0x44, 0x46] },
  { mediaType: 'audio/mpeg', bytes: [0x49, 0x44, 0x33] },
  { mediaType: 'audio/mpeg', bytes: [0xff, 0xfb] },
  {
    mediaType: 'audio/wav',
    bytes: [0x52, 0x49, 0x46, 0x46, null, null, null, null, 0x57, 0x41, 0x56, 0x45],
  },
  { mediaType: 'audio/ogg', bytes: [0x4f, 0x67, 0x67, 0x53] },
  { mediaType: 'audio/flac', bytes: [0x66, 0x4c, 0x61, 0x43] },
];

/**
 * Resolves a top-level media type (`image`, `audio`, `image/*`) to a full one by sniffing the
 * data, restricted to that top-level type. Full media types are returned unchanged; `fallback`
 * when nothing matches.
 */
export function resolveMediaType(mediaType: string, data: Uint8Array | string, fallback: string): string {
  const slash = mediaType.indexOf('/');
  if (slash > 0 && mediaType.slice(slash + 1) !== '*') return mediaType;
  const topLevel = slash > 0 ? mediaType.slice(0, slash) : mediaType;
  const bytes = typeof data === 'string' ? decodeHead(data) : data;
  for (const signature of SIGNATURES) {
    if (!signature.mediaType.startsWith(`${topLevel}/`)) continue;
    if (matches(bytes, signature.bytes)) return signature.mediaType;
  }
  return fallback;
}

/** `image/png` → `image`. */
export function topLevelMediaType(mediaType: string): string {
  const slash = mediaType.indexOf('/');
  return (slash < 0 ? mediaType : mediaType.slice(0, slash)).toLowerCase();
}

/** The media type of a `data:` URL, or `undefined` for other URLs. */
export function dataUrlMediaType(url: string): string | undefined {
  if (!url.startsWith('data:')) return undefined;
  const end = url.search(/[;,]/);
  return end > 5 ? url.slice(5, end) : undefined;
}

function matches(bytes: Uint8Array, signature: readonly (number | null)[]): boolean {
  if (bytes.length < signature.length) return false;
  for (let index = 0; index < signature.length; index++) {
    const expected = signature[index];
    if (expected !== null && bytes[index] !== expected) return false;
  }
  return true;
}

function decodeHead(base64: string): Uint8Array {
  try {
    const binary = atob(base64.slice(0, 24).replace(/=+$/, '').slice(0, 16));
    const bytes = new Uint8Array(binary.length);
    for (let index = 0; index < binary.length; index++) bytes[index] = binary.charCodeAt(index);
    return bytes;
  } catch {
    return new Uint8Array(0);
  }
}
