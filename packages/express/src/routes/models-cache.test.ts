import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createOpenRouterClient } from '@openrouter-adapters/core';
import { afterEach, describe, expect, it } from 'vitest';
import { ModelsCache } from './models-cache';

const servers: Server[] = [];

afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

/** A loopback upstream whose `/models` answers with `handle`. */
async function upstream(handle: (request: IncomingMessage, response: ServerResponse) => void) {
  const server = createServer(handle);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const client = createOpenRouterClient({ baseURL: `http://127.0.0.1:${port}/api/v1`, maxRetries: 0 });
  return (ttlMs = 60_000) => new ModelsCache(client, ttlMs, () => ({}));
}

const catalogue = {
  data: [
    {
      id: 'vendor/model',
      pricing: {
        prompt: '0.000001',
        completion: '0.000002',
        request: '0.01',
        image: '0.002',
        input_cache_write: '0.0000015',
      },
    },
    {
      id: 'vendor/reasoner',
      pricing: { prompt: '0.000001', completion: '0.000002', internal_reasoning: '0.000004' },
    },
    { id: 'openrouter/auto', pricing: { prompt: '-1', completion: '-1' } },
  ],
};

describe('ModelsCache.listedPricing', () => {
  it('reads upper-bound prices from the catalogue, variants from their base id, routers as unknown', async () => {
    let fetches = 0;
    const cache = (
      await upstream((_request, response) => {
        fetches += 1;
        response.setHeader('content-type', 'application/json');
        response.end(JSON.stringify(catalogue));
      })
    )();
    expect(await cache.listedPricing('vendor/model', 1_000)).toEqual({
      prompt: 0.0000015,
      completion: 0.000002,
      request: 0.01,
      image: 0.002,
    });
    expect(await cache.listedPricing('vendor/model:nitro', 1_000)).toMatchObject({ prompt: 0.0000015 });
    expect(await cache.listedPricing('vendor/reasoner', 1_000)).toMatchObject({
      completion: 0.000004,
      request: 0,
    });
    expect(await cache.listedPricing('openrouter/auto', 1_000)).toBeUndefined();
    expect(await cache.listedPricing('vendor/unknown', 1_000)).toBeUndefined();
    expect(fetches).toBe(1);
  });

  it('uses a stale catalogue at once and refreshes it in the background', async () => {
    let fetches = 0;
    const cache = (
      await upstream((_request, response) => {
        fetches += 1;
        setTimeout(() => response.end(JSON.stringify(catalogue)), fetches === 1 ? 0 : 200);
      })
    )(50);
    await cache.listedPricing('vendor/model', 1_000);
    await new Promise((resolve) => setTimeout(resolve, 80));
    const started = Date.now();
    expect(await cache.listedPricing('vendor/model', 1_000)).toBeDefined();
    expect(Date.now() - started).toBeLessThan(50);
    await expect.poll(() => fetches).toBe(2);
  });

  it('waits at most maxWaitMs for a first catalogue, then does not wait again for a while', async () => {
    const cache = (await upstream(() => {}))();
    const started = Date.now();
    expect(await cache.listedPricing('vendor/model', 100)).toBeUndefined();
    expect(Date.now() - started).toBeGreaterThanOrEqual(95);
    const again = Date.now();
    expect(await cache.listedPricing('vendor/model', 100)).toBeUndefined();
    expect(Date.now() - again).toBeLessThan(20);
  });

  it('does not wait again after a failed load either', async () => {
    const cache = (
      await upstream((_request, response) => {
        response.statusCode = 500;
        response.end('{"error":{"code":500,"message":"down"}}');
      })
    )();
    expect(await cache.listedPricing('vendor/model', 1_000)).toBeUndefined();
    const again = Date.now();
    expect(await cache.listedPricing('vendor/model', 1_000)).toBeUndefined();
    expect(Date.now() - again).toBeLessThan(20);
  });
});
