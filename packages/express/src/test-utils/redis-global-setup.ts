import type { TestProject } from 'vitest/node';
import { type RedisServer, startRedisServer } from './start-redis-server';

declare module 'vitest' {
  export interface ProvidedContext {
    redisUrl: string;
  }
}

let server: RedisServer | undefined;

/** vitest globalSetup: one real redis-server for the whole run, stopped afterwards. */
export async function setup(project: TestProject): Promise<void> {
  server = await startRedisServer();
  project.provide('redisUrl', server.url);
}

export async function teardown(): Promise<void> {
  await server?.stop();
}
