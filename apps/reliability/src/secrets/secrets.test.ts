import { inspect } from 'node:util';
import {
  buildAuthUrl,
  createOpenRouterClient,
  createPkcePair,
  exchangeAuthCode,
} from '@openrouter-adapters/core';
import { type Emulator, startEmulator } from '@openrouter-adapters/emulator';
import { type KeyStore, memoryKeyStore } from '@openrouter-adapters/express';
import { ChatOpenRouter } from '@openrouter-adapters/langchain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCapture } from '../harness/capture';
import { createApiKey } from '../harness/create-api-key';
import { expectNoLeaks } from '../harness/expect-no-leaks';
import { echoTriggers, type KeyEchoUpstream, startKeyEchoUpstream } from '../harness/key-echo-upstream';
import { recordResults } from '../harness/results';
import { type Gateway, startGateway } from '../harness/start-gateway-stack';
import { aiSdkPaths } from '../paths/ai-sdk-paths';
import type { ChatPath } from '../paths/chat-path';
import { corePaths } from '../paths/core-paths';
import { langchainPaths } from '../paths/langchain-paths';
import { openAiMiddlewarePaths } from '../paths/openai-paths';

const capture = createCapture();
const serverKey = createApiKey();
let emulator: Emulator;
let echo: KeyEchoUpstream;
let gateway: Gateway;
const userKeys = new Map<string, string>();
let directUserKey = '';
const figures: Record<string, unknown> = {};

/** A key store that registers every user key it is given as a secret for the scan. */
function recordingKeyStore(): KeyStore {
  const inner = memoryKeyStore();
  return {
    get: (userId) => inner.get(userId),
    async set(userId, key) {
      userKeys.set(userId, key);
      capture.addSecret(`PKCE key of ${userId}`, key);
      await inner.set(userId, key);
    },
    delete: (userId) => inner.delete(userId),
  };
}

async function captured(
  label: string,
  response: Response,
): Promise<{ status: number; location: string | null; cookie: string | null; body: string }> {
  const body = await response.text();
  capture.add(label, `${response.status} ${JSON.stringify([...response.headers.entries()])}\n${body}`);
  return {
    status: response.status,
    location: response.headers.get('location'),
    cookie: response.headers.get('set-cookie'),
    body,
  };
}

/** The PKCE sign-in of `userId` through the middleware's routes, as a browser would do it. */
async function signInThroughMiddleware(userId: string): Promise<void> {
  const start = await captured(
    'GET /auth/sign-in',
    await fetch(`${gateway.baseURL}/auth/sign-in`, { headers: { 'x-user': userId }, redirect: 'manual' }),
  );
  expect(start.status).toBe(302);
  const verifierCookie = (start.cookie ?? '').split(';')[0] ?? '';
  const consent = await captured(
    'consent page',
    await fetch(start.location ?? '', { headers: { 'x-emulator-auto-approve': '1' }, redirect: 'manual' }),
  );
  expect(consent.status).toBe(302);
  expect(consent.location).toContain('/auth/callback?code=');
  const callback = await captured(
    'GET /auth/callback',
    await fetch(consent.location ?? '', {
      headers: { 'x-user': userId, cookie: verifierCookie },
      redirect: 'manual',
    }),
  );
  expect(callback.status).toBe(302);
  const status = await captured(
    'GET /auth/status',
    await fetch(`${gateway.baseURL}/auth/status`, { headers: { 'x-user': userId } }),
  );
  expect(JSON.parse(status.body)).toEqual({ data: { signed_in: true } });
}

beforeAll(async () => {
  capture.addSecret('server key', serverKey);
  emulator = await startEmulator({ port: 0, requireAuth: true, apiKeys: [{ key: serverKey, limit: null }] });
  echo = await startKeyEchoUpstream({ url: emulator.url });
  gateway = await startGateway({
    capture,
    serverKey,
    upstreamBaseURL: echo.baseURL,
    middleware: {
      authorize: (request) =>
        typeof request.headers['x-user'] === 'string' ? request.headers['x-user'] : 'anonymous',
      forwardHeaders: ['x-emulator-scenario'],
      signIn: { keyStore: recordingKeyStore(), successRedirect: '/' },
    },
  });
});

afterAll(async () => {
  await gateway.close();
  await echo.close();
  await emulator.close();
  recordResults('secrets', { ...figures, echoUpstreamHits: echo.hits, capture: capture.summary() });
});

/** Runs every path with every trigger, capturing outcomes, errors (with causes, toJSON, stacks). */
async function exercise(
  label: string,
  paths: ChatPath[],
  triggers: readonly string[],
  headers?: Record<string, string>,
): Promise<number> {
  let calls = 0;
  for (const path of paths) {
    for (const trigger of triggers) {
      {
        const { 'x-emulator-scenario': scenario, ...rest } = headers ?? {};
        const outcome = await path.run({
          marker: `${label}-${trigger}`.replace(/[^a-z0-9-]/gi, ''),
          model: 'openai/gpt-4o-mini',
          directives: trigger,
          headers: rest,
          signal: AbortSignal.timeout(10_000),
          ...(scenario ? { scenario } : {}),
        });
        calls += 1;
        capture.add(`${label} ${path.name} ${trigger} outcome`, outcome);
        if (outcome.error !== undefined) {
          capture.add(`${label} ${path.name} ${trigger} error`, outcome.error);
          capture.add(
            `${label} ${path.name} ${trigger} error (console)`,
            inspect(outcome.error, { depth: 10 }),
          );
        }
      }
    }
  }
  return calls;
}

describe('secrets: no API key anywhere, server key or PKCE-issued user keys', () => {
  it('PKCE sign-in through the middleware keeps the user key on the server', async () => {
    const mark = capture.entries();
    await signInThroughMiddleware('pkce-user');
    expect(userKeys.get('pkce-user')).toMatch(/^sk-or-v1-/);
    expectNoLeaks(capture, mark);
  });

  it('every client through the middleware, signed in and anonymous, success and failure', {
    timeout: 60_000,
  }, async () => {
    const mark = capture.entries();
    const triggers = [
      '',
      echoTriggers.error,
      echoTriggers.serverError,
      echoTriggers.streamError,
      echoTriggers.streamContent,
      echoTriggers.jsonContent,
    ];
    let calls = 0;
    for (const user of ['pkce-user', 'anonymous']) {
      const headers = { 'x-user': user };
      const settings = { baseURL: gateway.baseURL, apiKey: 'placeholder-not-a-key', idleTimeoutMs: 5_000 };
      const paths = [
        ...corePaths(settings),
        ...aiSdkPaths(settings),
        ...langchainPaths(settings),
        ...openAiMiddlewarePaths({ baseURL: gateway.baseURL }),
      ];
      calls += await exercise(`middleware ${user}`, paths, triggers, headers);
      calls += await exercise(`middleware ${user} scenario`, paths, [''], {
        ...headers,
        'x-emulator-scenario': 'mid-stream-error; after=2',
      });
      const usage = await fetch(`${gateway.baseURL}/usage`, { headers });
      capture.add('GET /usage', await usage.text());
      const models = await fetch(`${gateway.baseURL}/models`, { headers });
      capture.add('GET /models', await models.text());
    }
    // The signed-in user's requests were paid with the PKCE key (the emulator logs its label).
    const userKey = userKeys.get('pkce-user') ?? '';
    const label = `${userKey.slice(0, 'sk-or-v1-'.length + 3)}...${userKey.slice(-3)}`;
    expect(emulator.requests.some((request) => request.headers.authorization === `Bearer ${label}`)).toBe(
      true,
    );
    figures.middlewareCalls = calls;
    expectNoLeaks(capture, mark);
  });

  it('every client directly with a PKCE-issued key and with the server key, errors included', {
    timeout: 60_000,
  }, async () => {
    const mark = capture.entries();
    const pair = await createPkcePair();
    const consent = await fetch(
      buildAuthUrl({
        callbackUrl: 'http://127.0.0.1:1/callback',
        codeChallenge: pair.codeChallenge,
        baseURL: emulator.authURL,
      }),
      { headers: { 'x-emulator-auto-approve': '1' }, redirect: 'manual' },
    );
    const code = new URL(consent.headers.get('location') ?? '').searchParams.get('code') ?? '';
    const exchanged = await exchangeAuthCode({
      code,
      codeVerifier: pair.codeVerifier,
      baseURL: emulator.baseURL,
    });
    directUserKey = exchanged.key;
    capture.addSecret('PKCE key (direct)', directUserKey);
    // A second exchange of the same code fails: its error must not carry the code's key either.
    const reused = await exchangeAuthCode({
      code,
      codeVerifier: pair.codeVerifier,
      baseURL: emulator.baseURL,
    }).catch((error: unknown) => error);
    capture.add('reused code error', reused);

    let calls = 0;
    const triggers = ['', echoTriggers.error, echoTriggers.serverError, echoTriggers.streamError];
    for (const [who, apiKey] of [
      ['pkce', directUserKey],
      ['server', serverKey],
    ] as const) {
      const settings = { baseURL: echo.baseURL, apiKey, idleTimeoutMs: 5_000 };
      const paths = [...corePaths(settings), ...aiSdkPaths(settings), ...langchainPaths(settings)];
      calls += await exercise(`direct ${who}`, paths, triggers);
      calls += await exercise(`direct ${who} scenario`, paths, [''], {
        'x-emulator-scenario': 'http-error; code=401',
      });
      // Serialised and printed forms of the objects that hold the key.
      const model = new ChatOpenRouter('openai/gpt-4o-mini', { baseURL: echo.baseURL, apiKey });
      capture.add(`langchain toJSON (${who})`, JSON.stringify(model.toJSON()));
      capture.add(`langchain JSON.stringify (${who})`, JSON.stringify(model));
      capture.add(`langchain identifying params (${who})`, model._identifyingParams());
      const client = createOpenRouterClient({ baseURL: echo.baseURL, apiKey });
      capture.add(`core client JSON (${who})`, JSON.stringify(client));
      const badCall = await client.chat
        .send({ model: 'openai/gpt-4o-mini', messages: [{ role: 'user', content: echoTriggers.error }] })
        .catch((error: unknown) => error);
      capture.add(`core error toJSON (${who})`, JSON.stringify(badCall));
    }
    figures.directCalls = calls;
    expectNoLeaks(capture, mark);
  });

  it("the emulator's request log holds no key (headers redacted), and the echo upstream was exercised", () => {
    const mark = capture.entries();
    capture.add('emulator request log', emulator.requests);
    figures.middlewareLogLines = gateway.logLines;
    figures.middlewareErrors = gateway.errorCount;
    figures.pkceKeys = userKeys.size + (directUserKey === '' ? 0 : 1);
    expect(Object.values(echo.hits).reduce((sum, hits) => sum + hits, 0)).toBeGreaterThan(0);
    expectNoLeaks(capture, mark);
  });
});
