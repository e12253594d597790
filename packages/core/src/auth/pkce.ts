import { executeRequest } from '../client/execute-request';
import { readJsonBody } from '../client/read-json-body';
import { resolveClientOptions } from '../client/resolve-client-options';
import { InvalidOptionsError, type OptionIssue } from '../errors/invalid-options-error';
import { redactSecrets } from '../errors/redact-secrets';
import { ResponseParseError } from '../errors/response-parse-error';

export type PkcePair = {
  codeVerifier: string;
  codeChallenge: string;
  codeChallengeMethod: 'S256';
};

export type PkceChallengeMethod = 'S256' | 'plain';

const verifierPattern = /^[A-Za-z0-9\-._~]{43,128}$/;

/** Throws one `InvalidOptionsError` listing every failed `[path, ok, message]` check. */
function assertValid(checks: [path: string, ok: unknown, message: string][]): void {
  const issues: OptionIssue[] = checks
    .filter(([, ok]) => !ok)
    .map(([path, , message]) => ({ path, message }));
  if (issues.length > 0) throw new InvalidOptionsError({ issues });
}

function isAbsoluteUrl(value: string): boolean {
  try {
    return Boolean(new URL(value));
  } catch {
    return false;
  }
}

/** Unpadded base64url (RFC 4648 §5), the alphabet of challenges and of generated verifiers. */
function base64Url(bytes: Uint8Array): string {
  return btoa(String.fromCharCode(...bytes))
    .replace(/=+$/, '')
    .replace(/[+/]/g, (character) => (character === '+' ? '-' : '_'));
}

export type CreatePkcePairOptions = {
  /** Derive the challenge of this verifier instead of generating one. */
  codeVerifier?: string;
  /** Length of a generated verifier, 43–128 (default 64). */
  length?: number;
};

/**
 * A PKCE verifier and its S256 challenge (`base64url(SHA-256(verifier))`, Web Crypto). Pass
 * `codeVerifier` to derive the challenge of a known verifier; `length` is 43–128 (default 64).
 */
export async function createPkcePair(options: CreatePkcePairOptions = {}): Promise<PkcePair> {
  const { length = 64, codeVerifier } = options;
  assertValid([
    [
      'length',
      Number.isInteger(length) && length >= 43 && length <= 128,
      `must be an integer from 43 to 128, got ${length}`,
    ],
    [
      'codeVerifier',
      codeVerifier === undefined || verifierPattern.test(codeVerifier),
      'must be 43 to 128 characters of A-Z a-z 0-9 - . _ ~ (RFC 7636)',
    ],
  ]);
  // base64url characters are RFC 7636 unreserved characters; `length` random bytes give more than enough.
  const verifier = codeVerifier ?? base64Url(crypto.getRandomValues(new Uint8Array(length))).slice(0, length);
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier));
  return {
    codeVerifier: verifier,
    codeChallenge: base64Url(new Uint8Array(digest)),
    codeChallengeMethod: 'S256',
  };
}

export type BuildAuthUrlOptions = {
  callbackUrl: string;
  codeChallenge: string;
  codeChallengeMethod?: PkceChallengeMethod;
  /** Default `https://openrouter.ai/auth` (the emulator serves one at `<emulator>/auth`). */
  baseURL?: string;
};

/** The URL to send the user to: `https://openrouter.ai/auth?callback_url=...&code_challenge=...`. */
export function buildAuthUrl(options: BuildAuthUrlOptions): string {
  const base = options.baseURL ?? 'https://openrouter.ai/auth';
  assertValid([
    ['callbackUrl', isAbsoluteUrl(options.callbackUrl), 'must be an absolute URL'],
    ['baseURL', isAbsoluteUrl(base), 'must be an absolute URL'],
    ['codeChallenge', options.codeChallenge, 'is required'],
  ]);
  const url = new URL(base);
  url.searchParams.set('callback_url', options.callbackUrl);
  url.searchParams.set('code_challenge', options.codeChallenge);
  url.searchParams.set('code_challenge_method', options.codeChallengeMethod ?? 'S256');
  return url.toString();
}

export type ExchangeAuthCodeOptions = {
  /** The `code` query parameter OpenRouter appended to the callback URL. */
  code: string;
  codeVerifier: string;
  codeChallengeMethod?: PkceChallengeMethod;
  /** The API base (default `https://openrouter.ai/api/v1`); the code goes to `POST {baseURL}/auth/keys`. */
  baseURL?: string;
  fetch?: typeof globalThis.fetch;
  signal?: AbortSignal;
  timeoutMs?: number;
};

export type ExchangeAuthCodeResult = { key: string; userId?: string };

/**
 * Exchanges the one-time code for the user's API key. Not retried (a code works once); failures
 * are typed errors that never contain the code, the verifier or the key.
 */
export async function exchangeAuthCode(options: ExchangeAuthCodeOptions): Promise<ExchangeAuthCodeResult> {
  assertValid([
    ['code', options.code, 'is required'],
    ['codeVerifier', options.codeVerifier, 'is required'],
  ]);
  const client = resolveClientOptions({ baseURL: options.baseURL, fetch: options.fetch, maxRetries: 0 });
  const body = {
    code: options.code,
    code_verifier: options.codeVerifier,
    code_challenge_method: options.codeChallengeMethod ?? 'S256',
  };
  const secrets = [options.code, options.codeVerifier];
  try {
    const executed = await executeRequest(
      client,
      { method: 'POST', path: '/auth/keys', body },
      { signal: options.signal, timeoutMs: options.timeoutMs },
    );
    const result = await readJsonBody(executed);
    if (typeof result.key !== 'string' || result.key === '') {
      throw new ResponseParseError({
        kind: 'unexpected-shape',
        url: executed.meta.url,
        status: executed.meta.status,
        message: `The auth code exchange at ${executed.meta.url} returned no key`,
      });
    }
    const userId = result.user_id ?? result.userId;
    return typeof userId === 'string' ? { key: result.key, userId } : { key: result.key };
  } catch (error) {
    throw redactSecrets(error, secrets);
  }
}
