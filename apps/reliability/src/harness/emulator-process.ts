import { type ChildProcess, spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';

export type EmulatorProcess = {
  /** `http://127.0.0.1:PORT/api/v1` */
  baseURL: string;
  pid: number;
  close(): Promise<void>;
};

const requireModule = createRequire(import.meta.url);

/**
 * The emulator as its own process (its `openrouter-emulator` CLI), so memory figures of the
 * process under test (client + middleware) do not include the emulator's request log and
 * generation records.
 */
export async function startEmulatorProcess(options: { apiKey: string }): Promise<EmulatorProcess> {
  const packageJson = requireModule.resolve('@openrouter-adapters/emulator/package.json');
  const bin = join(dirname(packageJson), 'bin', 'openrouter-emulator.js');
  const child: ChildProcess = spawn(
    process.execPath,
    [bin, '--port', '0', '--require-auth', '--api-key', options.apiKey],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const baseURL = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error('the emulator process printed no base URL within 10 s')),
      10_000,
    );
    const lines = createInterface({ input: child.stdout! });
    lines.once('line', (line) => {
      clearTimeout(timer);
      lines.close();
      // The API base URL (`…/api/v1`), wherever the line mentions it.
      const api = /https?:\/\/[^\s,)]+\/api\/v1/.exec(line);
      const origin = /https?:\/\/[^\s,)/]+/.exec(line);
      if (api) resolve(api[0]);
      else if (origin) resolve(`${origin[0]}/api/v1`);
      else reject(new Error(`unexpected first line from the emulator: ${line}`));
    });
    child.once('exit', (code) => reject(new Error(`the emulator process exited with ${code}`)));
  });
  return {
    baseURL,
    pid: child.pid ?? 0,
    async close() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 3_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
