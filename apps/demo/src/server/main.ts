// The demo's entry point (`pnpm --filter @openrouter-adapters/demo start`, or `npm start` at the
// repository root): reads the environment, starts the server, prints the banner, stops on Ctrl+C.
import { formatBanner } from './format-banner';
import { readEnvironment } from './read-environment';
import { type DemoServer, startDemoServer } from './start-demo-server';

/** A second Ctrl+C after this long forces the exit; sooner, it is the same key press relayed by pnpm. */
const repeatedSignalGraceMs = 1_000;
/** Stopping never takes longer than this. */
const stopTimeoutMs = 5_000;

let server: DemoServer | undefined;
let stopRequestedAt: number | undefined;

function requestStop(signal: NodeJS.Signals): void {
  if (stopRequestedAt !== undefined) {
    if (Date.now() - stopRequestedAt < repeatedSignalGraceMs) return;
    console.log('demo: stopping now.');
    process.exit(130);
  }
  stopRequestedAt = Date.now();
  console.log(`demo: ${signal} received, stopping...`);
  // Still starting: `main` stops as soon as the server is up.
  if (server !== undefined) void stop(server);
}

async function stop(running: DemoServer): Promise<void> {
  const forced = setTimeout(() => {
    console.error(`demo: did not stop within ${stopTimeoutMs / 1000} s, exiting.`);
    process.exit(1);
  }, stopTimeoutMs);
  forced.unref();
  try {
    await running.close();
    console.log('demo: stopped.');
    process.exit(0);
  } catch (error) {
    console.error(`demo: error while stopping: ${String(error)}`);
    process.exit(1);
  }
}

// Registered before anything starts, so Ctrl+C during start-up also stops cleanly.
process.on('SIGINT', requestStop);
process.on('SIGTERM', requestStop);

async function main(): Promise<void> {
  const started = await startDemoServer({
    ...readEnvironment(process.env),
    log: (line) => console.error(`demo: ${line}`),
  });
  server = started;
  if (stopRequestedAt !== undefined) {
    await stop(started);
    return;
  }
  console.log(formatBanner(started));
}

main().catch((error: unknown) => {
  console.error(`demo: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
