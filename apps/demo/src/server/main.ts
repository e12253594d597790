// The demo's entry point (`pnpm --filter @openrouter-adapters/demo start`, or `npm start` at the
// repository root): reads the environment, starts the server, prints the banner, stops on Ctrl+C.
import { formatBanner } from './format-banner';
import { readEnvironment } from './read-environment';
import { startDemoServer } from './start-demo-server';

async function main(): Promise<void> {
  const server = await startDemoServer({
    ...readEnvironment(process.env),
    log: (line) => console.error(`demo: ${line}`),
  });
  console.log(formatBanner(server));

  let stopping = false;
  const stop = (signal: NodeJS.Signals): void => {
    if (stopping) {
      console.log('demo: stopping anyway.');
      process.exit(1);
    }
    stopping = true;
    console.log(`demo: ${signal} received, stopping...`);
    const forced = setTimeout(() => {
      console.error('demo: did not stop within 5 s, exiting.');
      process.exit(1);
    }, 5_000);
    forced.unref();
    server.close().then(
      () => {
        console.log('demo: stopped.');
        process.exitCode = 0;
      },
      (error: unknown) => {
        console.error(`demo: error while stopping: ${String(error)}`);
        process.exitCode = 1;
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(`demo: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
