import { createHash } from 'node:crypto';

/** SHA-256 digest of a string (used to derive deterministic seeds and cache keys). */
export function sha256(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}

/** Short hex SHA-256 digest of a string. */
export function hashText(text: string, length = 16): string {
  return createHash('sha256').update(text).digest('hex').slice(0, length);
}
