import { createHash } from 'node:crypto';
import { buildAuthUrl, createPkcePair, exchangeAuthCode } from '@openrouter-adapters/core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { MODEL_IDS } from '../catalogue/model-ids';
import type { Emulator } from '../server/emulator-types';
import { startEmulator } from '../server/start-emulator';
import { postJson } from '../test-utils/http';

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator({
    apiKeys: [{ key: 'sk-or-v1-tiny', limit: 0.0001 }, { key: 'sk-or-v1-unlimited' }],
    managementKeys: ['sk-or-v1-mgmt'],
  });
});
afterEach(() => emulator.reset());
afterAll(() => emulator.close());
const bearer = (key: string) => ({ authorization: `Bearer ${key}` });
const chat = (content = 'hello') => ({ model: MODEL_IDS.gpt4oMini, messages: [{ role: 'user', content }] });

describe('PKCE: /auth consent page and POST /auth/keys', () => {
  it('consent page → Authorize → callback with a code → S256 exchange → a key the emulator accepts (with core’s helpers)', async () => {
    const strict = await startEmulator({ requireAuth: true });
    try {
      const pair = await createPkcePair();
      const authUrl = buildAuthUrl({
        callbackUrl: 'http://localhost:3000/callback?state=x',
        codeChallenge: pair.codeChallenge,
        baseURL: strict.authURL,
      });
      const page = await fetch(authUrl);
      const html = await page.text();
      expect(page.headers.get('content-type')).toMatch(/text\/html/);
      expect(html).toContain('Authorize');
      const form = new URLSearchParams();
      for (const match of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) {
        form.set(match[1] as string, (match[2] as string).replace(/&#38;/g, '&'));
      }
      form.set('decision', 'approve');
      const approved = await fetch(`${strict.url}/auth/approve`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: form,
        redirect: 'manual',
      });
      expect(approved.status).toBe(302);
      const callback = new URL(approved.headers.get('location') as string);
      expect(`${callback.origin}${callback.pathname}`).toBe('http://localhost:3000/callback');
      expect(callback.searchParams.get('state')).toBe('x');
      const code = callback.searchParams.get('code') as string;
      const { key } = await exchangeAuthCode({
        code,
        codeVerifier: pair.codeVerifier,
        baseURL: strict.baseURL,
      });
      expect(key).toMatch(/^sk-or-v1-[0-9a-f]{64}$/);
      expect((await postJson(`${strict.baseURL}/chat/completions`, chat(), bearer(key))).status).toBe(200);
      const reuse = await postJson(`${strict.baseURL}/auth/keys`, {
        code,
        code_verifier: pair.codeVerifier,
        code_challenge_method: 'S256',
      });
      expect(reuse.status).toBe(403);
      expect(reuse.body.error.message).toMatch(/^Invalid code/);
      const exchange = strict.requests.find((request) => request.path === '/api/v1/auth/keys');
      expect(JSON.stringify(exchange?.body)).not.toContain(pair.codeVerifier);
    } finally {
      await strict.close();
    }
  });

  it('auto-approve for tests; wrong verifier, plain method, missing code and deny', async () => {
    const verifier = 'a'.repeat(43);
    const challenge = createHash('sha256').update(verifier).digest('base64url');
    const authorize = async (query: string): Promise<URL> => {
      const response = await fetch(`${emulator.authURL}?${query}&emulator_auto_approve=1`, {
        redirect: 'manual',
      });
      expect(response.status).toBe(302);
      return new URL(response.headers.get('location') as string);
    };
    const code1 = (
      await authorize(`callback_url=http://cb.test/&code_challenge=${challenge}&code_challenge_method=S256`)
    ).searchParams.get('code');
    const wrong = await postJson(`${emulator.baseURL}/auth/keys`, {
      code: code1,
      code_verifier: 'b'.repeat(43),
      code_challenge_method: 'S256',
    });
    expect(wrong.status).toBe(403);
    expect(wrong.body.error.message).toMatch(/code_verifier/);
    const code2 = (
      await authorize('callback_url=http://cb.test/&code_challenge=plainsecret&code_challenge_method=plain')
    ).searchParams.get('code');
    const plain = await postJson(`${emulator.baseURL}/auth/keys`, {
      code: code2,
      code_verifier: 'plainsecret',
      code_challenge_method: 'plain',
    });
    expect(plain.status).toBe(200);
    expect(plain.body).toEqual({ key: expect.stringMatching(/^sk-or-v1-/), user_id: 'user_emulator' });
    expect((await postJson(`${emulator.baseURL}/auth/keys`, {})).status).toBe(400);
    const header = await fetch(`${emulator.authURL}?callback_url=http://cb.test/`, {
      redirect: 'manual',
      headers: { 'x-emulator-auto-approve': '1' },
    });
    expect(header.status).toBe(302);
    const missingCallback = await fetch(`${emulator.authURL}?code_challenge=x`);
    expect(missingCallback.status).toBe(400);
    const deny = await fetch(`${emulator.url}/auth/approve`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ callback_url: 'http://cb.test/done', decision: 'deny' }),
      redirect: 'manual',
    });
    expect(new URL(deny.headers.get('location') as string).searchParams.get('error')).toBe('access_denied');
  });
});
