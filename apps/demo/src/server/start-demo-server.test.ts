import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { startDemoServer } from './start-demo-server';

describe('startDemoServer', () => {
  it('says how to build the page when it is missing', async () => {
    await expect(startDemoServer({ port: 0, pageDirectory: '/nonexistent/page' })).rejects.toThrow(
      /The demo page is not built \(no \/nonexistent\/page\/index\.html\)\. Run `npm start` from the repository root, or `pnpm --filter @openrouter-adapters\/demo build`/,
    );
  });

  it('says which variable to change when the port is taken', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const { port } = blocker.address() as { port: number };
    try {
      await expect(startDemoServer({ port })).rejects.toThrow(
        `Port ${port} on 127.0.0.1 is already in use: start the demo with another port, e.g. PORT=${port + 1} npm start`,
      );
    } finally {
      await new Promise<void>((resolve) => blocker.close(() => resolve()));
    }
  });
});
