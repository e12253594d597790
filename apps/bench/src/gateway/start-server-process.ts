import { type ChildProcess, fork, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { pinToCpu } from '../harness/pin-to-cpu';
import { benchDirectory } from '../harness/suite-paths';
import type { ServerChildCommand, ServerChildConfig, ServerChildMessage, ServerKind } from './server-kind';

type SamplesMessage = Extract<ServerChildMessage, { type: 'samples' }>;
type ProfileMessage = Extract<ServerChildMessage, { type: 'profile' }>;

export type ServerProcess = {
  kind: ServerKind;
  origin: string;
  pid: number;
  /** The CPU every thread of the server is pinned to, or `undefined` when not pinned. */
  cpu: number | undefined;
  /** Starts sampling RSS and event-loop delay inside the server (not available for Portkey). */
  startSampling(): void;
  stopSampling(): Promise<SamplesMessage>;
  /** CPU-profiles the server while `work` runs (not available for Portkey). */
  profile(work: () => Promise<void>): Promise<ProfileMessage['profile']>;
  close(): Promise<void>;
};

const childSource = fileURLToPath(new URL('./server-child.ts', import.meta.url));
const childBuild = join(benchDirectory, '.cache', 'build', 'server-child.mjs');
let building: Promise<string> | undefined;

/**
 * Compiles the server child to plain JavaScript once (esbuild, dependencies left as imports), so
 * servers run on bare `node` without a TypeScript loader: no loader thread, no extra memory in the
 * RSS and event-loop numbers.
 */
const buildChild = (): Promise<string> => {
  building ??= import('esbuild').then(async ({ build }) => {
    await build({
      entryPoints: [childSource],
      outfile: childBuild,
      bundle: true,
      packages: 'external',
      platform: 'node',
      format: 'esm',
      target: 'node22',
      logLevel: 'warning',
    });
    return childBuild;
  });
  return building;
};

const exitOf = (child: ChildProcess): Promise<void> =>
  new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });

async function stopChild(child: ChildProcess, ask: () => void): Promise<void> {
  const exited = exitOf(child);
  ask();
  const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}

/** Starts one of the bench's own servers (emulator, proxies, our middleware) in a child process. */
export async function startServerProcess(
  config: ServerChildConfig,
  cpu?: number,
  timeoutMs = 30_000,
): Promise<ServerProcess> {
  const child = fork(await buildChild(), [JSON.stringify(config)], {
    cwd: benchDirectory,
    execArgv: [],
    env: { ...process.env, NODE_ENV: 'production' },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const origin = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${config.kind} did not start within ${timeoutMs} ms`));
    }, timeoutMs);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${config.kind} exited with code ${code} before it was ready`));
    });
    child.on('message', (message: ServerChildMessage) => {
      if (message.type === 'ready') {
        clearTimeout(timer);
        child.removeAllListeners('exit');
        resolve(message.origin);
      }
    });
  });
  const pinned = cpu !== undefined && pinToCpu(child.pid ?? -1, cpu);
  const command = (message: ServerChildCommand): void => {
    child.send(message);
  };
  /** The next message of `type` from the child, or an error after 20 s. */
  const reply = <Type extends ServerChildMessage['type']>(type: Type) =>
    new Promise<Extract<ServerChildMessage, { type: Type }>>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${config.kind} did not answer with ${type}`)), 20_000);
      const onMessage = (message: ServerChildMessage): void => {
        if (message.type !== type) return;
        clearTimeout(timer);
        child.off('message', onMessage);
        resolve(message as Extract<ServerChildMessage, { type: Type }>);
      };
      child.on('message', onMessage);
    });
  return {
    kind: config.kind,
    origin,
    pid: child.pid ?? -1,
    cpu: pinned ? cpu : undefined,
    startSampling: () => command({ type: 'sample-start' }),
    stopSampling: () => {
      const samples = reply('samples');
      command({ type: 'sample-stop' });
      return samples;
    },
    profile: async (work) => {
      command({ type: 'profile-start' });
      await work();
      const profile = reply('profile');
      command({ type: 'profile-stop' });
      return (await profile).profile;
    },
    close: () => stopChild(child, () => command({ type: 'close' })),
  };
}

const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });

const sleep = (milliseconds: number): Promise<void> =>
  new Promise((resolve) => setTimeout(resolve, milliseconds));

/**
 * Starts Portkey's open-source gateway (`@portkey-ai/gateway`, its published Node server
 * `build/start-server.js`) in a child process, headless, and waits until it answers `GET /`.
 */
export async function startPortkeyProcess(cpu?: number, timeoutMs = 30_000): Promise<ServerProcess> {
  const entry = join(benchDirectory, 'node_modules', '@portkey-ai', 'gateway', 'build', 'start-server.js');
  const port = await freePort();
  const child = spawn(process.execPath, [entry, `--port=${port}`, '--headless'], {
    cwd: benchDirectory,
    env: { ...process.env, NODE_ENV: 'production' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (data: Buffer) => {
    stderr = (stderr + data.toString()).slice(-4_000);
  });
  const origin = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null)
      throw new Error(`Portkey exited with code ${child.exitCode}: ${stderr.trim()}`);
    try {
      const response = await fetch(`${origin}/`, { signal: AbortSignal.timeout(1_000) });
      if ((await response.text()).includes('AI Gateway')) break;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`Portkey did not answer within ${timeoutMs} ms: ${stderr.trim()}`);
    }
    await sleep(100);
  }
  const pinned = cpu !== undefined && pinToCpu(child.pid ?? -1, cpu);
  const unsupported = (): never => {
    throw new Error('Portkey runs its own server: no in-process sampling');
  };
  return {
    kind: 'portkey',
    origin,
    pid: child.pid ?? -1,
    cpu: pinned ? cpu : undefined,
    startSampling: unsupported,
    stopSampling: async () => unsupported(),
    profile: async () => unsupported(),
    close: () => stopChild(child, () => child.kill('SIGTERM')),
  };
}
