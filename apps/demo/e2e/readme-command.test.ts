import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const repositoryRoot = fileURLToPath(new URL('../../..', import.meta.url));

/** A port nothing listens on right now. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function portClosedWithin(url: string, milliseconds: number): Promise<boolean> {
  const deadline = Date.now() + milliseconds;
  while (Date.now() < deadline) {
    try {
      await fetch(url, { signal: AbortSignal.timeout(1_000) });
    } catch {
      return true;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return false;
}

let child: ChildProcess | undefined;

afterAll(() => {
  // Never leave the demo running if an assertion failed half-way.
  if (child?.pid !== undefined && child.exitCode === null && child.signalCode === null) {
    process.kill(-child.pid, 'SIGKILL');
  }
});

/**
 * The README's first command, exactly as a newcomer runs it (`npm start` = `sh scripts/toolchain.sh
 * demo`: install, build what the demo needs, start it), in its own process group like a terminal.
 */
describe('the README command (npm start)', () => {
  it('starts the demo, answers on the printed URL, and stops cleanly on Ctrl+C (SIGINT)', async () => {
    const port = await freePort();
    const environment: NodeJS.ProcessEnv = { ...process.env, PORT: String(port) };
    delete environment.OPENROUTER_API_KEY;
    delete environment.HOST;
    delete environment.NODE_ENV;
    child = spawn('sh', ['scripts/toolchain.sh', 'demo'], {
      cwd: repositoryRoot,
      env: environment,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
    });
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
      child?.once('exit', (code, signal) => resolve({ code, signal }));
    });

    // The banner prints the URL once the server listens (after install and build).
    const url = await new Promise<string>((resolve, reject) => {
      const deadline = setTimeout(
        () => reject(new Error(`no URL within 200 s; output:\n${output}`)),
        200_000,
      );
      const check = (): void => {
        const match = /URL:\s+(http:\/\/\S+)/.exec(output);
        if (match) {
          clearTimeout(deadline);
          clearInterval(poll);
          resolve(match[1]!);
        }
      };
      const poll = setInterval(check, 100);
      void exited.then(() => {
        clearTimeout(deadline);
        clearInterval(poll);
        reject(new Error(`the command exited before printing a URL; output:\n${output}`));
      });
    });
    expect(url).toBe(`http://127.0.0.1:${port}`);
    expect(output).toMatch(/Mode:\s+emulator/);
    expect(output).toMatch(/Switch:\s+OPENROUTER_API_KEY=/);

    const page = await fetch(url, { signal: AbortSignal.timeout(10_000) });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<div id="root"></div>');
    const config = await fetch(`${url}/api/demo/config`, { signal: AbortSignal.timeout(10_000) });
    expect(await config.json()).toMatchObject({ mode: 'emulator' });

    // Ctrl+C in a terminal signals the whole foreground process group.
    const stoppedAt = Date.now();
    process.kill(-child.pid!, 'SIGINT');
    const result = await Promise.race([
      exited,
      new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), 10_000)),
    ]);
    expect(result, output).not.toBe('timeout');
    expect(Date.now() - stoppedAt).toBeLessThan(10_000);
    // The server shut down by itself (closed its connections, the middleware and the emulator)...
    expect(output).toContain('demo: SIGINT received, stopping...');
    expect(output).toContain('demo: stopped.');
    expect(output).not.toMatch(/did not stop|error while stopping|ERR_PNPM_RECURSIVE_RUN_FIRST_FAIL/);
    // ...and the command ended the way Ctrl+C ends a command: by SIGINT (exit status 130 in a
    // shell). pnpm adds "ELIFECYCLE Command failed" because the root script's `sh -c "a && b"`
    // is interrupted too; the demo process itself exits 0.
    expect(
      (result as { signal: NodeJS.Signals | null }).signal === 'SIGINT' ||
        [0, 130].includes((result as { code: number | null }).code ?? -1),
      JSON.stringify(result),
    ).toBe(true);
    // Nothing listens on the port any more (the server may finish closing a moment after pnpm).
    expect(await portClosedWithin(url, 5_000)).toBe(true);
  }, 240_000);
});
