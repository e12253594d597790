import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { getJson, postJson } from '../test-utils/http';
import { type CliIo, runCli } from './run-cli';

function createIo(): CliIo & {
  stdoutLines: string[];
  stderrLines: string[];
  signals: EventEmitter;
  exits: number[];
} {
  const signals = new EventEmitter();
  const stdoutLines: string[] = [];
  const stderrLines: string[] = [];
  const exits: number[] = [];
  return {
    stdoutLines,
    stderrLines,
    signals,
    exits,
    stdout: { write: (text: string) => stdoutLines.push(text) },
    stderr: { write: (text: string) => stderrLines.push(text) },
    once: (signal, listener) => signals.once(signal, listener),
    exit: (code) => exits.push(code),
  };
}

describe('openrouter-emulator CLI', () => {
  it('prints the base URL first, logs requests with --verbose, applies flags and stops on SIGTERM', async () => {
    const io = createIo();
    const emulator = await runCli(
      [
        '--port',
        '0',
        '--require-auth',
        '--api-key',
        'sk-or-v1-cli:2',
        '--management-key',
        'sk-or-v1-boss',
        '--verbose',
      ],
      io,
    );
    expect(emulator).toBeDefined();
    expect(io.stdoutLines[0]).toBe(`${emulator!.baseURL}\n`);
    expect(io.stdoutLines[0]).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api\/v1\n$/);
    expect(
      (
        await postJson(`${emulator!.baseURL}/chat/completions`, {
          model: 'openai/gpt-4o-mini',
          messages: [{ role: 'user', content: 'x' }],
        })
      ).status,
    ).toBe(401);
    const key = await getJson(`${emulator!.baseURL}/key`, { authorization: 'Bearer sk-or-v1-cli' });
    expect(key.body.data.limit).toBe(2);
    expect(
      (await getJson(`${emulator!.baseURL}/credits`, { authorization: 'Bearer sk-or-v1-boss' })).status,
    ).toBe(200);
    await emulator!.waitFor(
      (requests) => requests.filter((request) => request.endedAt !== undefined).length === 3,
    );
    await new Promise((resolve) => setImmediate(resolve));
    expect(io.stdoutLines.slice(1).join('')).toMatch(/POST \/api\/v1\/chat\/completions 401 \d+ms/);
    io.signals.emit('SIGTERM', 'SIGTERM');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(io.exits).toEqual([0]);
    await expect(fetch(emulator!.url)).rejects.toThrow();
  });

  it('--log-json prints each finished request as a JSON line with the response body digest', async () => {
    const io = createIo();
    const emulator = await runCli(['--port', '0', '--log-json', '--api-key', 'sk-or-v1-json'], io);
    expect(emulator).toBeDefined();
    const response = await fetch(`${emulator!.baseURL}/chat/completions`, {
      method: 'POST',
      headers: { authorization: 'Bearer sk-or-v1-json', 'content-type': 'application/json' },
      body: JSON.stringify({
        model: 'openai/gpt-4o-mini',
        stream: true,
        messages: [{ role: 'user', content: 'x' }],
      }),
    });
    const body = new Uint8Array(await response.arrayBuffer());
    await emulator!.waitFor((requests) => requests.some((request) => request.endedAt !== undefined));
    await new Promise((resolve) => setImmediate(resolve));
    const lines = io.stdoutLines.slice(1).join('').trim().split('\n');
    expect(lines).toHaveLength(1);
    const record = JSON.parse(lines[0]!) as Record<string, unknown>;
    expect(record).toMatchObject({
      method: 'POST',
      path: '/api/v1/chat/completions',
      status: 200,
      generationId: response.headers.get('x-generation-id'),
      responseBytes: body.byteLength,
      responseSha256: createHash('sha256').update(body).digest('hex'),
    });
    expect(JSON.stringify(record)).not.toContain('sk-or-v1-json');
    await emulator!.close();
    await expect(runCli(['--verbose', '--log-json'], createIo())).rejects.toThrow(/choose one/);
  });

  it('--help and --version print and return nothing; bad flags throw clear errors', async () => {
    const help = createIo();
    expect(await runCli(['--help'], help)).toBeUndefined();
    expect(help.stdoutLines.join('')).toMatch(/Usage: openrouter-emulator/);
    const version = createIo();
    await runCli(['--version'], version);
    expect(version.stdoutLines.join('')).toMatch(/^\d+\.\d+\.\d+/);
    await expect(runCli(['--port', 'abc'], createIo())).rejects.toThrow(/--port/);
    await expect(runCli(['--latency', 'fast'], createIo())).rejects.toThrow(/--latency/);
    await expect(runCli(['--bogus'], createIo())).rejects.toThrow(/bogus/);
  });

  it('accepts --latency realistic and <first>,<interval>', async () => {
    for (const latency of ['realistic', '5,1']) {
      const io = createIo();
      const emulator = await runCli(['--port', '0', '--latency', latency], io);
      expect(emulator).toBeDefined();
      await emulator!.close();
    }
  });

  const bin = fileURLToPath(new URL('../../bin/openrouter-emulator.js', import.meta.url));
  const built = existsSync(fileURLToPath(new URL('../../dist/cli.js', import.meta.url)));
  it.runIf(built)('the built bin prints its base URL and exits cleanly on SIGINT', async () => {
    const child = spawn(process.execPath, [bin, '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
    const firstLine = await new Promise<string>((resolve, reject) => {
      let buffer = '';
      child.stdout.on('data', (chunk: Buffer) => {
        buffer += chunk.toString();
        if (buffer.includes('\n')) resolve(buffer.split('\n')[0] as string);
      });
      child.once('error', reject);
      setTimeout(() => reject(new Error('no output within 5 s')), 5000).unref();
    });
    expect(firstLine).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api\/v1$/);
    expect((await getJson(`${firstLine}/models`)).status).toBe(200);
    const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill('SIGINT');
    expect(await exit).toBe(0);
  });
});
