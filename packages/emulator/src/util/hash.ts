import { createHash } from 'node:crypto';

/** SHA-256 digest of a string (used to derive deterministic seeds and cache keys). */
export function sha256(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}

/** Short hex SHA-256 digest of a string. */
export function hashText(text: string, length = 16): string {
  return createHash('sha256').update(text).digest('hex').slice(0, length);
}

/**
 * A fast non-cryptographic 128-bit hash (four FNV-1a lanes with different offsets) as 32 hex digits.
 * Used for reply seeds on the hot path, where SHA-256's setup cost is measurable.
 */
export function fastHash(text: string): string {
  let a = 0x811c9dc5;
  let b = 0x01000193;
  let c = 0x9e3779b9;
  let d = 0x85ebca6b;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    a = Math.imul(a ^ code, 0x01000193);
    b = Math.imul(b ^ code, 0x01000193) ^ (a >>> 15);
    c = Math.imul(c ^ code, 0x000193d1) + b;
    d = Math.imul(d ^ code, 0x01000197) ^ (c >>> 13);
  }
  const hex = (value: number): string => (value >>> 0).toString(16).padStart(8, '0');
  return hex(a) + hex(b) + hex(c) + hex(d);
}
