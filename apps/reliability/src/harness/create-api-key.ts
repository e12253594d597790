import { randomBytes } from 'node:crypto';

/** A fresh key shaped like OpenRouter's (`sk-or-v1-` + 64 hex characters), unique to this process. */
export function createApiKey(): string {
  return `sk-or-v1-${randomBytes(32).toString('hex')}`;
}
