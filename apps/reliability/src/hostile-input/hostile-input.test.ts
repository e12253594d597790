import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCapture } from '../harness/capture';
import { createApiKey } from '../harness/create-api-key';
import { expectNoLeaks } from '../harness/expect-no-leaks';
import { recordResults } from '../harness/results';
import { type GatewayStack, startGatewayStack } from '../harness/start-gateway-stack';
import { markerHeader } from '../paths/chat-path';
import { type HostileContext, hostileCases, hostileLimits } from './hostile-cases';

const capture = createCapture();
const serverKey = createApiKey();
let stack: GatewayStack;
let evil: Server;
let evilHits = 0;
let context: HostileContext;
const outcomes: Array<{
  id: string;
  status: number;
  errorType: string | undefined;
  reachedUpstream: number;
  pass: boolean;
}> = [];

function errorTypeOf(body: string): string | undefined {
  try {
    const parsed = JSON.parse(body) as { error?: { metadata?: { error_type?: string } } };
    return parsed.error?.metadata?.error_type;
  } catch {
    return undefined;
  }
}

beforeAll(async () => {
  evil = createServer((_request, response) => {
    evilHits += 1;
    response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
  });
  await new Promise<void>((resolve) => evil.listen(0, '127.0.0.1', resolve));
  stack = await startGatewayStack({
    capture,
    serverKey,
    middleware: {
      authorize: (request) =>
        typeof request.headers['x-user'] === 'string' ? request.headers['x-user'] : false,
      models: ['openai/*', 'anthropic/claude-sonnet-4.6'],
      maxTokens: hostileLimits.maxTokens,
      maxBodyBytes: hostileLimits.maxBodyBytes,
      bodyTimeoutMs: hostileLimits.bodyTimeoutMs,
      denyParams: ['plugins'],
      forwardHeaders: ['x-session-id', markerHeader],
      defaults: {
        provider: {
          dataCollection: 'deny',
          ignore: ['DeepInfra'],
          maxPrice: { prompt: 1, completion: 2 },
          allowFallbacks: false,
        },
      },
    },
  });
  // Alice makes a generation that Mallory will try to read.
  const response = await fetch(`${stack.baseURL}/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-user': 'alice' },
    body: JSON.stringify({
      model: 'openai/gpt-4o-mini',
      messages: [{ role: 'user', content: 'alice here' }],
    }),
  });
  expect(response.status).toBe(200);
  const aliceGenerationId = response.headers.get('x-generation-id') ?? '';
  expect(aliceGenerationId).toMatch(/^gen-/);
  const own = await fetch(`${stack.baseURL}/generation?id=${aliceGenerationId}`, {
    headers: { 'x-user': 'alice' },
  });
  expect(own.status, 'alice can read her own generation').toBe(200);
  const keyBody = serverKey.slice('sk-or-v1-'.length);
  context = {
    port: (stack.server.address() as AddressInfo).port,
    mountPath: '/api/openrouter',
    evilURL: `http://127.0.0.1:${(evil.address() as AddressInfo).port}`,
    aliceGenerationId,
    serverAuthorizationLabel: `Bearer sk-or-v1-${keyBody.slice(0, 3)}...${keyBody.slice(-3)}`,
  };
});

afterAll(async () => {
  await stack.close();
  await new Promise<void>((resolve) => evil.close(() => resolve()));
  recordResults('hostile-input', {
    cases: outcomes.length,
    casesPassed: outcomes.filter((outcome) => outcome.pass).length,
    rejectedCases: hostileCases.filter((hostile) => 'rejected' in hostile).length,
    neutralisedCases: hostileCases.filter((hostile) => 'served' in hostile).length,
    attackerServerHits: evilHits,
    prototypePolluted: ({} as Record<string, unknown>).polluted !== undefined,
    outcomes,
    capture: capture.summary(),
  });
});

describe('hostile input to the middleware: documented error, nothing reaches upstream', () => {
  for (const hostile of hostileCases) {
    it(`${hostile.id}: ${hostile.attack}`, { timeout: 15_000 }, async () => {
      const before = stack.emulator.requests.length;
      const response = await hostile.send(context);
      capture.add(`${hostile.id} response`, response.raw);
      // Give a request that slipped through time to show up in the emulator's log.
      await new Promise((resolve) => setTimeout(resolve, 50));
      const reached = stack.emulator.requests.slice(before);
      const errorType = errorTypeOf(response.body);
      const problems: string[] = [];
      if ('rejected' in hostile) {
        if (response.status !== hostile.rejected.status)
          problems.push(
            `status ${response.status}, expected ${hostile.rejected.status}: ${response.body.slice(0, 300)}`,
          );
        if (hostile.rejected.errorType !== undefined && errorType !== hostile.rejected.errorType)
          problems.push(
            `error_type ${String(errorType)}, expected ${hostile.rejected.errorType}: ${response.body.slice(0, 300)}`,
          );
        if (
          hostile.rejected.status < 500 &&
          response.status === hostile.rejected.status &&
          response.body !== '' &&
          hostile.rejected.errorType
        ) {
          const message =
            (JSON.parse(response.body) as { error?: { message?: string } }).error?.message ?? '';
          if (message.length < 10)
            problems.push(`the error message does not explain the problem: "${message}"`);
        }
        if (reached.length > 0)
          problems.push(
            `${reached.length} request(s) reached upstream: ${reached.map((request) => request.path).join(', ')}`,
          );
        if (hostile.maxElapsedMs !== undefined && response.elapsedMs > hostile.maxElapsedMs)
          problems.push(`took ${response.elapsedMs} ms (bound ${hostile.maxElapsedMs} ms)`);
      } else {
        if (response.status !== hostile.served.status)
          problems.push(`status ${response.status}: ${response.body.slice(0, 300)}`);
        const upstream = reached.filter((request) => request.path.endsWith('/chat/completions'));
        if (upstream.length !== 1) problems.push(`${upstream.length} upstream chat requests, expected 1`);
        else problems.push(...hostile.upstream(upstream[0]!, context));
      }
      if (evilHits > 0) problems.push(`the attacker's server was contacted ${evilHits} time(s)`);
      if (({} as Record<string, unknown>).polluted !== undefined)
        problems.push('Object.prototype was polluted');
      outcomes.push({
        id: hostile.id,
        status: response.status,
        errorType,
        reachedUpstream: reached.length,
        pass: problems.length === 0,
      });
      expect(problems).toEqual([]);
    });
  }

  it('leaks no key in any response, log line or error of the hostile requests', () => {
    expectNoLeaks(capture);
  });
});
