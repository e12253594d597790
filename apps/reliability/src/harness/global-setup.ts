import { mkdirSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TestProject } from 'vitest/node';
import { type RedisServer, startRedisServer } from './redis-server';
import { fragmentsDirectory, mergeResultFragments } from './results';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Redis shared by the two middleware instances of the limits tests. */
    redisSharedUrl: string;
    /** Redis that the outage test stops and restarts through `redisControlUrl`. */
    redisOutageUrl: string;
    /** `POST {redisControlUrl}/outage/stop` and `/outage/start`. */
    redisControlUrl: string;
  }
}

const servers = new Map<string, RedisServer>();
let control: Server | undefined;

/**
 * vitest globalSetup: real `redis-server` processes for the whole run (stopped in teardown), a
 * loopback control endpoint so a test can stop and restart the outage instance owned by this
 * process, and the results file: per-file fragments are merged into `results/latest.json`.
 */
export async function setup(project: TestProject): Promise<void> {
  rmSync(fragmentsDirectory, { recursive: true, force: true });
  mkdirSync(fragmentsDirectory, { recursive: true });
  const [shared, outage] = await Promise.all([startRedisServer(), startRedisServer()]);
  servers.set('shared', shared);
  servers.set('outage', outage);
  control = createServer((request, response) => {
    const match = /^\/(\w+)\/(stop|start)$/.exec(request.url ?? '');
    const server = match ? servers.get(match[1] as string) : undefined;
    if (request.method !== 'POST' || !match || !server) {
      response.writeHead(404).end();
      return;
    }
    const action = match[2] === 'stop' ? server.stop() : server.start();
    action.then(
      () => response.writeHead(204).end(),
      (error: unknown) => response.writeHead(500).end(String(error)),
    );
  });
  await new Promise<void>((resolve) => control?.listen(0, '127.0.0.1', resolve));
  const port = (control.address() as AddressInfo).port;
  project.provide('redisSharedUrl', shared.url);
  project.provide('redisOutageUrl', outage.url);
  project.provide('redisControlUrl', `http://127.0.0.1:${port}`);
}

export async function teardown(): Promise<void> {
  const closed = new Promise<void>((resolve) => (control ? control.close(() => resolve()) : resolve()));
  control?.closeAllConnections();
  await closed;
  await Promise.all([...servers.values()].map((server) => server.stop()));
  // Run-level figures (start, duration) are set by the results reporter, which knows whether every file ran.
  mergeResultFragments();
}
