import { parseArgs } from 'node:util';
import type { Emulator, EmulatorApiKey, LatencyOption } from '../server/emulator-types';
import { startEmulator } from '../server/start-emulator';

const HELP = `openrouter-emulator: a local OpenRouter-compatible server

Usage: openrouter-emulator [options]

Options:
  --port <n>              Port to listen on (default 8787; 0 = random)
  --host <host>           Host to bind (default 127.0.0.1)
  --latency <mode>        none | realistic | <firstTokenMs>,<tokenIntervalMs> (default none)
  --require-auth          Reject missing/unknown keys with OpenRouter's 401s
  --api-key <key[:limit]> Accept this key (repeatable); optional USD limit, e.g. sk-or-v1-test:1
  --management-key <key>  Allow this key on GET /credits (repeatable)
  --generation-delay <ms> Keep finished generations "not found" this long (default 0)
  --verbose               Print one line per request
  --log-json              Print each finished request as one JSON line (the request log's record,
                          secrets redacted, with the response body's byte count and SHA-256)
  --version               Print the version
  --help                  Show this help
`;

function parseLatency(value: string | undefined): LatencyOption {
  if (value === undefined || value === 'none') return 'none';
  if (value === 'realistic') return 'realistic';
  const [first, interval] = value.split(',').map(Number);
  if (
    first === undefined ||
    !Number.isFinite(first) ||
    (interval !== undefined && !Number.isFinite(interval))
  ) {
    throw new Error(
      `--latency: expected none, realistic or <firstTokenMs>,<tokenIntervalMs>, got "${value}"`,
    );
  }
  return { firstTokenMs: first, tokenIntervalMs: interval ?? 0 };
}

function parseApiKey(value: string): EmulatorApiKey {
  const colon = value.lastIndexOf(':');
  if (colon > 0 && /^\d+(\.\d+)?$/.test(value.slice(colon + 1))) {
    return { key: value.slice(0, colon), limit: Number(value.slice(colon + 1)) };
  }
  return { key: value };
}

/** Where the CLI writes and how it learns about signals (the real process, or a stand-in in tests). */
export type CliIo = {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
  once(signal: 'SIGINT' | 'SIGTERM', listener: (signal: NodeJS.Signals) => void): unknown;
  exit(code: number): void;
};

/**
 * Runs `openrouter-emulator` with `commandLine` arguments (without the node and script paths). Resolves with the
 * running emulator, or `undefined` for `--help`/`--version`. SIGINT/SIGTERM close it and exit 0.
 */
export async function runCli(commandLine: string[], io: CliIo): Promise<Emulator | undefined> {
  const { values } = parseArgs({
    args: commandLine,
    options: {
      port: { type: 'string', default: '8787' },
      host: { type: 'string', default: '127.0.0.1' },
      latency: { type: 'string' },
      'require-auth': { type: 'boolean', default: false },
      'api-key': { type: 'string', multiple: true },
      'management-key': { type: 'string', multiple: true },
      'generation-delay': { type: 'string' },
      verbose: { type: 'boolean', default: false },
      'log-json': { type: 'boolean', default: false },
      version: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (values.help) {
    io.stdout.write(HELP);
    return undefined;
  }
  if (values.version) {
    io.stdout.write(`${__PACKAGE_VERSION__}\n`);
    return undefined;
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`--port: expected 0..65535, got "${values.port}"`);
  if (values.verbose && values['log-json'])
    throw new Error('--verbose and --log-json both print one line per request: choose one');
  const generationDelayMs =
    values['generation-delay'] === undefined ? undefined : Number(values['generation-delay']);
  const emulator = await startEmulator({
    port,
    host: values.host,
    latency: parseLatency(values.latency),
    requireAuth: values['require-auth'],
    apiKeys: (values['api-key'] ?? []).map(parseApiKey),
    managementKeys: values['management-key'] ?? [],
    maxRecordedRequests: values.verbose || values['log-json'] ? 1000 : 100,
    ...(generationDelayMs !== undefined ? { generationDelayMs } : {}),
    ...(values['log-json']
      ? {
          hashResponses: true,
          onRequest: (request) => {
            io.stdout.write(`${JSON.stringify(request)}\n`);
          },
        }
      : {}),
    ...(values.verbose
      ? {
          onRequest: (request) => {
            const duration = (request.endedAt ?? Date.now()) - request.startedAt;
            const parts = [
              new Date(request.startedAt).toISOString(),
              request.method,
              request.path,
              String(request.status ?? '-'),
              `${duration}ms`,
              request.model ?? '',
              request.provider ? `(${request.provider})` : '',
              request.scenarios && request.scenarios.length > 0 ? `[${request.scenarios.join(', ')}]` : '',
              request.clientDisconnectedAt !== undefined ? 'client disconnected' : '',
            ];
            io.stdout.write(`${parts.filter(Boolean).join(' ')}\n`);
          },
        }
      : {}),
  });
  io.stdout.write(`${emulator.baseURL}\n`);
  io.stderr.write(
    `OpenRouter emulator listening on ${emulator.url} (API: ${emulator.baseURL}, consent page: ${emulator.authURL})\n`,
  );
  let stopping = false;
  const stop = (signal: NodeJS.Signals): void => {
    if (stopping) return;
    stopping = true;
    io.stderr.write(`Received ${signal}, stopping\n`);
    emulator.close().then(
      () => io.exit(0),
      (error: unknown) => {
        io.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
        io.exit(1);
      },
    );
  };
  io.once('SIGINT', stop);
  io.once('SIGTERM', stop);
  return emulator;
}
