import { spawn } from 'node:child_process';
import express from 'express';

import { openRouter } from './dist/index.js';
const child = spawn('node', ['node_modules/@openrouter-adapters/emulator/bin/openrouter-emulator.js', '--port', '18787'], { stdio: ['ignore', 'pipe', 'inherit'] });
await new Promise((r) => child.stdout.once('data', r));
const app = express();
app.use('/api', openRouter({ baseURL: 'http://127.0.0.1:18787/api/v1', apiKey: 'sk-or-v1-benchkey000000', forwardHeaders: ['x-emulator-scenario'], limits: { concurrentStreams: 10000 } }));
const server = await new Promise((r) => { const s = app.listen(0, '127.0.0.1', () => r(s)); });
const url = `http://127.0.0.1:${server.address().port}/api/chat/completions`;
const body = JSON.stringify({ model: 'openai/gpt-4o-mini', stream: true, messages: [{ role: 'user', content: 'story [[tokens: 200]]' }] });
const before = process.memoryUsage().rss;
let peak = before;
const timer = setInterval(() => { peak = Math.max(peak, process.memoryUsage().rss); }, 50);
const { request } = await import('node:http');
const t0 = Date.now();
const results = await Promise.all(Array.from({ length: 1000 }, () => new Promise((resolve, reject) => {
  const req = request(url, { method: 'POST', agent: false, headers: { 'content-type': 'application/json', 'x-emulator-scenario': 'slow-tokens; interval_ms=20' } }, (res) => {
    let n = 0; let last = ''; res.on('data', (c) => { n += c.length; last = c.toString().slice(-20); }); res.on('end', () => resolve([res.statusCode, n, last.includes('[DONE]')]));
  }); req.on('error', reject); req.end(body);
})));
clearInterval(timer);
const ok = results.filter(([s, , d]) => s === 200 && d).length;
console.log('ok', ok, 'of', results.length, 'in', Date.now() - t0, 'ms; rss before', (before / 1e6).toFixed(0), 'MB peak', (peak / 1e6).toFixed(0), 'MB');
server.close(); child.kill();
process.exit(0);
