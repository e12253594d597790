import { createHash } from 'node:crypto';
import type { ConsumeResult, CounterCharge, CounterState } from './store';
import { assertCharges, windowSeconds } from './window-seconds';

/**
 * Check and reserve in one step. KEYS are the counters (rate-limiter-flexible's layout: an
 * integer string with an expiry in whole seconds); ARGV holds amount, limit and window seconds
 * for each key. Adds every amount when each counter stays within its limit, otherwise nothing.
 * Replies `{admitted, value1, pttl1, value2, pttl2, ...}`.
 */
const consumeScript = `local count = #KEYS
local values, ttls, admitted = {}, {}, 1
for i = 1, count do
  local ttl = redis.call('PTTL', KEYS[i])
  local value = 0
  if ttl ~= -2 then value = tonumber(redis.call('GET', KEYS[i])) or 0 end
  values[i], ttls[i] = value, ttl
  if value + tonumber(ARGV[3 * i - 2]) > tonumber(ARGV[3 * i - 1]) then admitted = 0 end
end
if admitted == 1 then
  for i = 1, count do
    local amount, seconds = tonumber(ARGV[3 * i - 2]), tonumber(ARGV[3 * i])
    if ttls[i] == -2 then
      redis.call('SET', KEYS[i], amount, 'EX', seconds)
      values[i], ttls[i] = amount, seconds * 1000
    else
      values[i] = redis.call('INCRBY', KEYS[i], amount)
      if ttls[i] == -1 then
        redis.call('EXPIRE', KEYS[i], seconds)
        ttls[i] = seconds * 1000
      end
    end
  end
end
local reply = { admitted }
for i = 1, count do
  reply[2 * i] = values[i]
  reply[2 * i + 1] = ttls[i]
end
return reply`;

const consumeSha = createHash('sha1').update(consumeScript).digest('hex');

/** Runs the script with EVALSHA, loading it with EVAL when the server does not know it yet. */
type ScriptRunner = (keys: string[], args: string[]) => Promise<unknown>;

type IoredisLike = {
  status?: string;
  evalsha(sha: string, keyCount: number, ...keysAndArgs: string[]): Promise<unknown>;
  eval(script: string, keyCount: number, ...keysAndArgs: string[]): Promise<unknown>;
};

type NodeRedisLike = {
  isReady?: boolean;
  isOpen?: boolean;
  evalSha(sha: string, options: { keys: string[]; arguments: string[] }): Promise<unknown>;
  eval(script: string, options: { keys: string[]; arguments: string[] }): Promise<unknown>;
};

function isNoScript(error: unknown): boolean {
  return error instanceof Error && /NOSCRIPT/.test(error.message);
}

/** Commands fail at once while the client is not connected, like the rest of the Redis store. */
function assertReady(client: IoredisLike & NodeRedisLike, ioredis: boolean): void {
  const ready = ioredis
    ? client.status === undefined || client.status === 'ready'
    : typeof client.isReady === 'boolean'
      ? client.isReady
      : client.isOpen !== false;
  if (!ready) throw new Error('Redis connection is not ready');
}

function scriptRunner(client: object, ioredis: boolean): ScriptRunner {
  if (ioredis) {
    const io = client as IoredisLike;
    return async (keys, args) => {
      assertReady(client as IoredisLike & NodeRedisLike, true);
      try {
        return await io.evalsha(consumeSha, keys.length, ...keys, ...args);
      } catch (error) {
        if (!isNoScript(error)) throw error;
        return io.eval(consumeScript, keys.length, ...keys, ...args);
      }
    };
  }
  const node = client as NodeRedisLike;
  return async (keys, args) => {
    assertReady(client as IoredisLike & NodeRedisLike, false);
    try {
      return await node.evalSha(consumeSha, { keys, arguments: args });
    } catch (error) {
      if (!isNoScript(error)) throw error;
      return node.eval(consumeScript, { keys, arguments: args });
    }
  };
}

function toNumber(value: unknown): number {
  const number = typeof value === 'number' ? value : Number(value);
  if (!Number.isFinite(number)) throw new Error(`Unexpected reply from the limits script: ${String(value)}`);
  return number;
}

/**
 * `Store.consume` on Redis, for either client (`ioredis` or `redis`), on the same keys the
 * rate-limiter-flexible limiter uses (`key` maps a counter name to its Redis key).
 */
export function createRedisConsume(
  client: object,
  ioredis: boolean,
  key: (name: string) => string,
): (charges: readonly CounterCharge[]) => Promise<ConsumeResult> {
  const run = scriptRunner(client, ioredis);
  return async (charges) => {
    assertCharges(charges);
    if (charges.length === 0) return { admitted: true, states: [] };
    const args = charges.flatMap((charge) => [
      String(charge.amount),
      String(charge.limit),
      String(windowSeconds(charge.windowMs)),
    ]);
    const now = Date.now();
    const reply = await run(
      charges.map((charge) => key(charge.key)),
      args,
    );
    if (!Array.isArray(reply) || reply.length !== 1 + 2 * charges.length) {
      throw new Error('Unexpected reply from the limits script');
    }
    const states: CounterState[] = charges.map((charge, index) => {
      const value = toNumber(reply[1 + 2 * index]);
      const ttl = toNumber(reply[2 + 2 * index]);
      const resetAtMs =
        ttl === -1
          ? Number.POSITIVE_INFINITY
          : ttl < 0
            ? now + windowSeconds(charge.windowMs) * 1000
            : now + ttl;
      return { value, resetAtMs };
    });
    return { admitted: toNumber(reply[0]) === 1, states };
  };
}
