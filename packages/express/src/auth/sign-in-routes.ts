import {
  buildAuthUrl,
  createPkcePair,
  exchangeAuthCode,
  InvalidOptionsError,
} from '@openrouter-adapters/core';
import type { Gateway } from '../gateway';
import { callHook } from '../http/hook-error';
import type { SignInOptions } from '../options/middleware-options';
import type { RouteCall } from '../routes/completion-route';

const verifierCookie = 'openrouter_pkce';
/** Ten minutes to approve on OpenRouter's consent page. */
const verifierMaxAgeSeconds = 600;

export type SignInRoutes = {
  signIn(call: RouteCall): Promise<void>;
  callback(call: RouteCall): Promise<void>;
  signOut(call: RouteCall): Promise<void>;
  status(call: RouteCall): Promise<void>;
};

/** A same-site path (`/…`, not `//…` or a URL): redirects never leave the application. */
function isLocalPath(value: string): boolean {
  return (
    value.startsWith('/') && !value.startsWith('//') && !value.startsWith('/\\') && !/[\r\n]/.test(value)
  );
}

function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const separator = part.indexOf('=');
    if (separator !== -1 && part.slice(0, separator).trim() === name) {
      try {
        return decodeURIComponent(part.slice(separator + 1).trim());
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}

function cookie(call: RouteCall, value: string, maxAgeSeconds: number): string {
  const path = `${call.request.baseUrl}/auth` || '/auth';
  const secure = call.request.secure ? '; Secure' : '';
  return `${verifierCookie}=${encodeURIComponent(value)}; Path=${path}; Max-Age=${maxAgeSeconds}; HttpOnly; SameSite=Lax${secure}`;
}

function withError(target: string, code: string): string {
  return `${target}${target.includes('?') ? '&' : '?'}openrouter_error=${encodeURIComponent(code)}`;
}

/**
 * PKCE sign-in with OpenRouter. `GET /auth/sign-in` sends the browser to OpenRouter's consent page
 * (the code verifier waits in an HttpOnly cookie scoped to these routes); `GET /auth/callback`
 * exchanges the code and keeps the user's key in `keyStore` under their user id — the key never
 * reaches the browser; `POST /auth/sign-out` forgets it; `GET /auth/status` says whether one is kept.
 */
export function createSignInRoutes(gateway: Gateway, options: SignInOptions): SignInRoutes {
  const successRedirect = options.successRedirect ?? '/';
  const failureRedirect = options.failureRedirect;
  const issues = [
    ...(!isLocalPath(successRedirect)
      ? [{ path: 'signIn.successRedirect', message: 'must be a path on this site, e.g. "/"' }]
      : []),
    ...(failureRedirect !== undefined && !isLocalPath(failureRedirect)
      ? [{ path: 'signIn.failureRedirect', message: 'must be a path on this site, e.g. "/?signin=failed"' }]
      : []),
    ...(options.callbackUrl !== undefined && !/^https?:\/\/[^/]/.test(options.callbackUrl)
      ? [{ path: 'signIn.callbackUrl', message: 'must be an absolute http(s) URL' }]
      : []),
    ...(options.authURL !== undefined && !/^https?:\/\/[^/]/.test(options.authURL)
      ? [{ path: 'signIn.authURL', message: 'must be an absolute http(s) URL' }]
      : []),
  ];
  if (issues.length > 0) throw new InvalidOptionsError({ issues });
  const authURL = options.authURL ?? gateway.options.baseURL.replace(/\/api\/v1$/, '/auth');
  const { keyStore } = options;

  const fail = (call: RouteCall, code: string): void => {
    call.response.setHeader('set-cookie', cookie(call, '', 0));
    call.response.redirect(302, withError(failureRedirect ?? successRedirect, code));
  };

  return {
    async signIn(call) {
      const { request, response } = call;
      const pair = await createPkcePair();
      const callbackUrl =
        options.callbackUrl ??
        `${request.protocol}://${request.headers.host ?? 'localhost'}${request.baseUrl}/auth/callback`;
      const target = buildAuthUrl({
        callbackUrl,
        codeChallenge: pair.codeChallenge,
        codeChallengeMethod: pair.codeChallengeMethod,
        baseURL: authURL,
      });
      response.setHeader('set-cookie', cookie(call, pair.codeVerifier, verifierMaxAgeSeconds));
      response.setHeader('cache-control', 'no-store');
      response.redirect(302, String(target));
    },
    async callback(call) {
      const { request, response, userId } = call;
      const code = request.query.code;
      const verifier = readCookie(request.headers.cookie, verifierCookie);
      if (typeof code !== 'string' || code === '' || code.length > 512) return fail(call, 'missing_code');
      if (!verifier) return fail(call, 'missing_verifier');
      let key: string;
      try {
        ({ key } = await exchangeAuthCode({
          code,
          codeVerifier: verifier,
          baseURL: gateway.options.baseURL,
        }));
      } catch (error) {
        gateway.reportError(error, { phase: 'sign-in', userId, path: request.path });
        return fail(call, 'exchange_failed');
      }
      await callHook('signIn.keyStore.set', () => keyStore.set(userId, key));
      gateway.log('info', 'openrouter middleware: user signed in with OpenRouter', { userId });
      response.setHeader('set-cookie', cookie(call, '', 0));
      response.setHeader('cache-control', 'no-store');
      response.redirect(302, successRedirect);
    },
    async signOut(call) {
      await callHook('signIn.keyStore.delete', () => keyStore.delete(call.userId));
      call.response.status(204).end();
    },
    async status(call) {
      const key = await callHook('signIn.keyStore.get', () => keyStore.get(call.userId));
      call.response.setHeader('cache-control', 'no-store');
      call.response.json({ data: { signed_in: typeof key === 'string' && key !== '' } });
    },
  };
}
