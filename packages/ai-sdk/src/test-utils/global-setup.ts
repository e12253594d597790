import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startEmulator } from '@openrouter-adapters/emulator';
import type { TestProject } from 'vitest/node';
import { createImageUpstream } from './image-upstream';

declare module 'vitest' {
  export interface ProvidedContext {
    /** `http://127.0.0.1:PORT/api/v1` of the shared emulator. */
    emulatorBaseURL: string;
    /** The control server that exposes the emulator's request log to test workers. */
    controlURL: string;
    /** Base URL of the image-output upstream (see image-upstream.ts). */
    imageUpstreamBaseURL: string;
    /** The vitest project: `node` or `edge` (set in vitest.config.ts). */
    runtime: 'node' | 'edge';
  }
}

type Emulator = Awaited<ReturnType<typeof startEmulator>>;

let emulator: Emulator | undefined;
let control: Server | undefined;

/**
 * Starts one emulator and a tiny control server (`GET /requests?testId=...` → the emulator's
 * request log entries whose `x-test-id` header matches). Workers (Node and edge runtime) cannot
 * share the emulator object, so they read its log over HTTP. The control server also hosts the
 * image-output upstream (`/image-upstream/...`) the emulator does not provide.
 */
export async function setup(project: TestProject): Promise<void> {
  emulator = await startEmulator({ port: 0, latency: 'none', requireAuth: false });
  const started = emulator;
  const imageUpstream = createImageUpstream();
  control = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://control');
    if (url.pathname === '/image-upstream/api/v1/chat/completions') {
      imageUpstream.handle(request, response);
      return;
    }
    if (url.pathname === '/image-upstream/requests') {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify(imageUpstream.bodies));
      return;
    }
    const testId = url.searchParams.get('testId');
    const entries = started.requests.filter(
      (entry) => testId === null || entry.headers['x-test-id'] === testId,
    );
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify(entries));
  });
  const server = control;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  project.provide('emulatorBaseURL', started.baseURL);
  project.provide('controlURL', `http://127.0.0.1:${port}`);
  project.provide('imageUpstreamBaseURL', `http://127.0.0.1:${port}/image-upstream/api/v1`);
}

export async function teardown(): Promise<void> {
  const server = control;
  if (server !== undefined) await new Promise<void>((resolve) => server.close(() => resolve()));
  await emulator?.close();
}
