import type { DemoServer } from './start-demo-server';

/** The start-up banner: URL, mode, and how to switch. */
export function formatBanner(server: Pick<DemoServer, 'url' | 'mode' | 'upstreamBaseURL'>): string {
  const lines = ['', '  openrouter-adapters demo', '', `  URL:    ${server.url}`];
  if (server.mode === 'emulator') {
    lines.push(
      `  Mode:   emulator (no OPENROUTER_API_KEY: replies come from the local OpenRouter emulator at ${server.upstreamBaseURL})`,
      '  Switch: OPENROUTER_API_KEY=sk-or-v1-... npm start   (talks to real OpenRouter)',
    );
  } else {
    lines.push(
      `  Mode:   OpenRouter (${server.upstreamBaseURL}, with OPENROUTER_API_KEY; the key stays on this server)`,
      '  Switch: unset OPENROUTER_API_KEY and restart to use the local emulator',
    );
  }
  lines.push(
    '  Port:   PORT=8080 npm start   (HOST=0.0.0.0 to listen on every interface)',
    '  Stop:   Ctrl+C',
    '',
  );
  return lines.join('\n');
}
