import { randomBytes } from 'node:crypto';

const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const POOL_SIZE = 64 * 1024;
let pool = randomBytes(POOL_SIZE);
let poolOffset = 0;

/** `length` random characters from [A-Za-z0-9] (pooled entropy: no syscall per id). */
export function randomAlphanumeric(length: number): string {
  if (poolOffset + length > POOL_SIZE) {
    pool = randomBytes(POOL_SIZE);
    poolOffset = 0;
  }
  let out = '';
  for (let index = 0; index < length; index++) {
    // 248 = 62 * 4: rejection-free enough for ids (bias < 0.4 %), but keep it uniform anyway.
    let byte = pool[poolOffset++] as number;
    while (byte >= 248) {
      if (poolOffset >= POOL_SIZE) {
        pool = randomBytes(POOL_SIZE);
        poolOffset = 0;
      }
      byte = pool[poolOffset++] as number;
    }
    out += ALPHANUMERIC[byte % 62];
  }
  return out;
}

/** OpenRouter's generation id: `gen-<unix seconds>-<20 alphanumerics>`. */
export function createGenerationId(nowMs: number = Date.now()): string {
  return `gen-${Math.floor(nowMs / 1000)}-${randomAlphanumeric(20)}`;
}

/** Random lower-case hex (keys, codes). */
export function randomHex(bytes: number): string {
  return randomBytes(bytes).toString('hex');
}
