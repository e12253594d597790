import { describe, expect, it } from 'vitest';
import { sendJson, useTestServer } from '../client/__fixtures__/test-server';
import { InvalidOptionsError } from '../errors/invalid-options-error';
import type { OpenRouterError } from '../errors/openrouter-error';
import { buildAuthUrl, createPkcePair, exchangeAuthCode } from './pkce';

const serve = useTestServer();

describe('createPkcePair', () => {
  it('matches the S256 vector of RFC 7636 appendix B', async () => {
    const pair = await createPkcePair({ codeVerifier: 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk' });
    expect(pair).toEqual({
      codeVerifier: 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk',
      codeChallenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
      codeChallengeMethod: 'S256',
    });
  });

  it('generates random verifiers of the unreserved set with the requested length', async () => {
    const pairs = await Promise.all(Array.from({ length: 50 }, () => createPkcePair()));
    for (const pair of pairs) {
      expect(pair.codeVerifier).toMatch(/^[A-Za-z0-9\-._~]{64}$/);
      expect(pair.codeChallenge).toMatch(/^[A-Za-z0-9\-_]{43}$/);
    }
    expect(new Set(pairs.map((pair) => pair.codeVerifier)).size).toBe(50);
    expect((await createPkcePair({ length: 43 })).codeVerifier).toHaveLength(43);
    expect((await createPkcePair({ length: 128 })).codeVerifier).toHaveLength(128);
  });

  it('rejects invalid lengths and verifiers', async () => {
    await expect(createPkcePair({ length: 42 })).rejects.toSatisfy(InvalidOptionsError.isInstance);
    await expect(createPkcePair({ codeVerifier: 'short' })).rejects.toSatisfy(InvalidOptionsError.isInstance);
    await expect(createPkcePair({ codeVerifier: `${'a'.repeat(50)}!` })).rejects.toSatisfy(
      InvalidOptionsError.isInstance,
    );
  });
});

describe('buildAuthUrl', () => {
  it('builds the consent URL with encoded parameters', () => {
    const url = buildAuthUrl({
      callbackUrl: 'http://localhost:3000/callback?x=1&y=2',
      codeChallenge: 'abc-_',
    });
    expect(url).toBe(
      'https://openrouter.ai/auth?callback_url=http%3A%2F%2Flocalhost%3A3000%2Fcallback%3Fx%3D1%26y%3D2&code_challenge=abc-_&code_challenge_method=S256',
    );
    const parsed = new URL(
      buildAuthUrl({
        callbackUrl: 'https://app.example/cb',
        codeChallenge: 'c',
        baseURL: 'http://127.0.0.1:9/auth',
      }),
    );
    expect(parsed.origin + parsed.pathname).toBe('http://127.0.0.1:9/auth');
    expect(parsed.searchParams.get('callback_url')).toBe('https://app.example/cb');
  });

  it('rejects a relative callback URL and a missing challenge', () => {
    let caught: unknown;
    try {
      buildAuthUrl({ callbackUrl: '/callback', codeChallenge: '' });
    } catch (error) {
      caught = error;
    }
    expect((caught as InvalidOptionsError).issues.map((issue) => issue.path)).toEqual([
      'callbackUrl',
      'codeChallenge',
    ]);
  });
});

describe('exchangeAuthCode', () => {
  const code = 'auth-code-0123456789';
  const pair = { codeVerifier: 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk' };

  it('posts the code and verifier to /auth/keys and returns the key', async () => {
    const local = await serve((_request, response) =>
      sendJson(response, 200, { key: 'sk-or-v1-user-key-000000', user_id: 'user_1' }),
    );
    const result = await exchangeAuthCode({ code, codeVerifier: pair.codeVerifier, baseURL: local.baseURL });
    expect(result).toEqual({ key: 'sk-or-v1-user-key-000000', userId: 'user_1' });
    const request = local.requests[0];
    expect(request?.method).toBe('POST');
    expect(request?.path).toBe('/api/v1/auth/keys');
    expect(JSON.parse(request?.body ?? '')).toEqual({
      code,
      code_verifier: pair.codeVerifier,
      code_challenge_method: 'S256',
    });
    expect(request?.headers.authorization).toBeUndefined();
  });

  it('throws typed errors without the code or verifier, and never retries', async () => {
    const local = await serve((request, response) => {
      const sent = JSON.parse(request.body) as { code: string; code_verifier: string };
      sendJson(response, 400, {
        error: { code: 400, message: `Invalid code ${sent.code} for ${sent.code_verifier}` },
      });
    });
    const error = (await exchangeAuthCode({
      code,
      codeVerifier: pair.codeVerifier,
      baseURL: local.baseURL,
    }).catch((caught: unknown) => caught)) as OpenRouterError;
    expect(error.name).toBe('BadRequestError');
    expect(error.message).toBe('Invalid code [redacted] for [redacted]');
    expect(`${String(error)} ${JSON.stringify(error)} ${error.stack} ${error.responseBody}`).not.toContain(
      code,
    );
    expect(local.requests).toHaveLength(1);
    const unavailable = await serve((_request, response) =>
      sendJson(response, 503, { error: { code: 503, message: 'down' } }),
    );
    await expect(
      exchangeAuthCode({ code, codeVerifier: pair.codeVerifier, baseURL: unavailable.baseURL }),
    ).rejects.toSatisfy((caught: OpenRouterError) => caught.name === 'ServiceUnavailableError');
    expect(unavailable.requests).toHaveLength(1);
    await local.close();
  });

  it('rejects a response without a key and missing inputs', async () => {
    const local = await serve((_request, response) => sendJson(response, 200, { nope: true }));
    await expect(
      exchangeAuthCode({ code, codeVerifier: pair.codeVerifier, baseURL: local.baseURL }),
    ).rejects.toSatisfy((caught: OpenRouterError) => caught.name === 'ResponseParseError');
    await expect(exchangeAuthCode({ code: '', codeVerifier: '' })).rejects.toSatisfy(
      InvalidOptionsError.isInstance,
    );
  });
});
