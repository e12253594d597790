import { type ChildProcess, spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import type { RecordedRequest } from '@openrouter-adapters/emulator';

export type EmulatorProcess = {
  /** `http://127.0.0.1:PORT/api/v1` */
  baseURL: string;
  /** Records received through `onRequest` so far. */
  readonly reported: number;
  pid: number;
  close(): Promise<void>;
};

const requireModule = createRequire(import.meta.url);

/**
 * The emulator as its own process (its `openrouter-emulator` CLI), so memory figures of the
 * process under test (client + middleware) do not include the emulator's request log and
 * generation records.
 */
export async function startEmulatorProcess(options: {
  apiKey: string;
  /**
   * Every finished request's record, from the CLI's `--log-json` (with the response body's
   * `responseBytes` and `responseSha256`): what the emulator sent, seen from its own side.
   */
  onRequest?: (record: RecordedRequest) => void;
}): Promise<EmulatorProcess> {
  const packageJson = requireModule.resolve('@openrouter-adapters/emulator/package.json');
  const bin = join(dirname(packageJson), 'bin', 'openrouter-emulator.js');
  const child: ChildProcess = spawn(
    process.execPath,
    [
      bin,
      '--port',
      '0',
      '--require-auth',
      '--api-key',
      options.apiKey,
      ...(options.onRequest === undefined ? [] : ['--log-json']),
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let reported = 0;
  const baseURL = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error('the emulator process printed no base URL within 10 s')),
      10_000,
    );
    const lines = createInterface({ input: child.stdout! });
    lines.once('line', (line) => {
      clearTimeout(timer);
      if (options.onRequest === undefined) lines.close();
      else {
        const onRequest = options.onRequest;
        lines.on('line', (record) => {
          reported += 1;
          onRequest(JSON.parse(record) as RecordedRequest);
        });
      }
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
    get reported() {
      return reported;
    },
    pid: child.pid ?? 0,
    async close() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 3_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
