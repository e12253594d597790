import type { DemoServerOptions } from '../../src/server/demo-options';
import { type DemoServer, startDemoServer } from '../../src/server/start-demo-server';

/**
 * The demo server in this process on a free port, in emulator mode with a quick but visibly
 * streaming latency (so tests can watch text arrive and press Stop mid-stream).
 */
export async function startTestDemo(
  options: Partial<DemoServerOptions> = {},
): Promise<DemoServer & { logs: string[] }> {
  const logs: string[] = [];
  const server = await startDemoServer({
    port: 0,
    emulator: { latency: { firstTokenMs: 60, tokenIntervalMs: 20 } },
    log: (line) => logs.push(line),
    ...options,
  });
  return Object.assign(server, { logs });
}
