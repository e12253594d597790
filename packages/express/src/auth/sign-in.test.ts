import { MODEL_IDS } from '@openrouter-adapters/emulator';
import type { Request } from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  captured,
  findLeaks,
  type Harness,
  readText,
  secrets,
  startHarness,
} from '../test-utils/gateway-harness';
import { type KeyStore, memoryKeyStore } from './key-store';

let harness: Harness;
const stored = memoryKeyStore();
/** Every key the sign-in stores joins the leak scan's secrets. */
const keyStore: KeyStore = {
  get: (userId) => stored.get(userId),
  set: async (userId, key) => {
    secrets.add(key);
    await stored.set(userId, key);
  },
  delete: (userId) => stored.delete(userId),
};

beforeAll(async () => {
  harness = await startHarness({
    middleware: {
      // No server key: only a user's own key can pay.
      apiKey: undefined,
      authorize: (request: Request) => (request.headers['x-user'] as string | undefined) ?? false,
      signIn: { keyStore, successRedirect: '/chat' },
    },
  });
});

afterAll(async () => {
  await harness.close();
  expect(secrets.size).toBeGreaterThan(1);
  expect(findLeaks()).toEqual([]);
});

function capture(response: Response): Response {
  captured.push(JSON.stringify([...response.headers.entries()]));
  return response;
}

async function signIn(user: string): Promise<{ callback: string; cookie: string }> {
  const start = capture(
    await fetch(`${harness.baseURL}/auth/sign-in`, { headers: { 'x-user': user }, redirect: 'manual' }),
  );
  expect(start.status).toBe(302);
  const consent = new URL(start.headers.get('location')!);
  expect(`${consent.origin}${consent.pathname}`).toBe(harness.emulator.authURL);
  expect(consent.searchParams.get('code_challenge_method')).toBe('S256');
  expect(consent.searchParams.get('callback_url')).toBe(`${harness.baseURL}/auth/callback`);
  const cookie = start.headers.get('set-cookie')!;
  expect(cookie).toMatch(
    /^openrouter_pkce=[^;]+; Path=\/api\/openrouter\/auth; Max-Age=600; HttpOnly; SameSite=Lax$/,
  );
  consent.searchParams.set('emulator_auto_approve', '1');
  const approved = capture(await fetch(consent, { redirect: 'manual' }));
  expect(approved.status).toBe(302);
  return { callback: approved.headers.get('location')!, cookie: cookie.split(';')[0]! };
}

async function chat(user: string) {
  const response = await fetch(`${harness.baseURL}/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-user': user },
    body: JSON.stringify({ model: MODEL_IDS.gpt4oMini, messages: [{ role: 'user', content: 'hi' }] }),
  });
  return { status: response.status, text: await readText(response) };
}

describe('PKCE sign-in with OpenRouter', () => {
  it('signs a user in: consent page, code exchange, key kept server-side and used for their requests', async () => {
    expect((await chat('alice')).status).toBe(401);
    const { callback, cookie } = await signIn('alice');
    const done = capture(
      await fetch(callback, { headers: { 'x-user': 'alice', cookie }, redirect: 'manual' }),
    );
    expect(done.status).toBe(302);
    expect(done.headers.get('location')).toBe('/chat');
    expect(done.headers.get('set-cookie')).toMatch(/^openrouter_pkce=; .*Max-Age=0/);
    const key = await stored.get('alice');
    expect(key).toMatch(/^sk-or-v1-/);

    const status = await fetch(`${harness.baseURL}/auth/status`, { headers: { 'x-user': 'alice' } });
    expect(await status.json()).toEqual({ data: { signed_in: true } });

    harness.usage.length = 0;
    const reply = await chat('alice');
    expect(reply.status).toBe(200);
    await expect.poll(() => harness.usage.length).toBe(1);
    expect(harness.usage[0]).toMatchObject({ userId: 'alice', userKey: true });
    // Another user has no key of their own and there is no server key.
    const other = await chat('bob');
    expect(other.status).toBe(401);
    expect(JSON.parse(other.text).error.message).toMatch(
      /sign in with OpenRouter first \(GET \/api\/openrouter\/auth\/sign-in\)/,
    );
  });

  it('signs out: the key is forgotten', async () => {
    const response = await fetch(`${harness.baseURL}/auth/sign-out`, {
      method: 'POST',
      headers: { 'x-user': 'alice' },
    });
    expect(response.status).toBe(204);
    expect(await stored.get('alice')).toBeUndefined();
    expect((await chat('alice')).status).toBe(401);
  });

  it('refuses a callback without the verifier cookie (login CSRF) or with a code issued for someone else', async () => {
    const { callback } = await signIn('carol');
    const noCookie = capture(await fetch(callback, { headers: { 'x-user': 'carol' }, redirect: 'manual' }));
    expect(noCookie.headers.get('location')).toBe('/chat?openrouter_error=missing_verifier');

    const victim = await signIn('dave');
    const attacker = await signIn('mallory');
    const swapped = capture(
      await fetch(attacker.callback, {
        headers: { 'x-user': 'dave', cookie: victim.cookie },
        redirect: 'manual',
      }),
    );
    expect(swapped.headers.get('location')).toBe('/chat?openrouter_error=exchange_failed');
    expect(await stored.get('dave')).toBeUndefined();
    expect(harness.errors.some((entry) => entry.context.phase === 'sign-in')).toBe(true);
  });

  it('uses an explicit callbackUrl, authURL and failureRedirect', async () => {
    const custom = await startHarness({
      emulator: harness.emulator,
      middleware: {
        apiKey: undefined,
        authorize: () => 'frank',
        signIn: {
          keyStore,
          callbackUrl: 'https://app.example/api/openrouter/auth/callback',
          authURL: harness.emulator.authURL,
          failureRedirect: '/signin-failed',
        },
      },
    });
    try {
      const start = capture(await fetch(`${custom.baseURL}/auth/sign-in`, { redirect: 'manual' }));
      const consent = new URL(start.headers.get('location')!);
      expect(`${consent.origin}${consent.pathname}`).toBe(harness.emulator.authURL);
      expect(consent.searchParams.get('callback_url')).toBe(
        'https://app.example/api/openrouter/auth/callback',
      );
      const failed = capture(await fetch(`${custom.baseURL}/auth/callback?code=abc`, { redirect: 'manual' }));
      expect(failed.headers.get('location')).toBe('/signin-failed?openrouter_error=missing_verifier');
    } finally {
      await custom.close();
    }
  });

  it('refuses a callback without a code', async () => {
    const response = capture(
      await fetch(`${harness.baseURL}/auth/callback`, { headers: { 'x-user': 'erin' }, redirect: 'manual' }),
    );
    expect(response.headers.get('location')).toBe('/chat?openrouter_error=missing_code');
  });
});
