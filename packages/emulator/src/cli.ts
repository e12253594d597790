import { runCli } from './cli/run-cli';

runCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  once: (signal, listener) => process.once(signal, listener),
  exit: (code) => process.exit(code),
}).catch((error: unknown) => {
  process.stderr.write(`openrouter-emulator: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
