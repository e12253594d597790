import { createHash } from 'node:crypto';
import { badRequest, EmulatorHttpError } from '../http/emulator-http-error';
import { readJsonBody } from '../http/read-json-body';
import { CORS_HEADERS, sendJson } from '../http/send-json';
import type { HandlerContext } from '../server/emulator-context';
import { randomHex } from '../util/ids';

const CODE_TTL_MS = 10 * 60 * 1000;

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}

function checkCallbackUrl(value: string | null): URL {
  if (!value) throw badRequest('Missing required query parameter: callback_url');
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw badRequest(`callback_url is not a valid URL: ${value}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw badRequest('callback_url must use http or https');
  return url;
}

function redirect(context: HandlerContext, location: string): void {
  context.response.writeHead(302, { ...CORS_HEADERS, location, 'content-length': 0 });
  context.response.end();
}

type ConsentRequest = { callbackUrl: URL; challenge: string | null; method: 'S256' | 'plain' };

function readConsent(parameters: URLSearchParams): ConsentRequest {
  const callbackUrl = checkCallbackUrl(parameters.get('callback_url'));
  const challenge = parameters.get('code_challenge') || null;
  const rawMethod = parameters.get('code_challenge_method');
  const method = rawMethod === null || rawMethod === '' ? (challenge ? 'plain' : 'S256') : rawMethod;
  if (method !== 'S256' && method !== 'plain')
    throw badRequest('code_challenge_method must be "S256" or "plain"');
  return { callbackUrl, challenge, method };
}

function approve(context: HandlerContext, consent: ConsentRequest): void {
  const code = randomHex(20);
  context.emulator.state.pkceGrants.set(code, {
    challenge: consent.challenge,
    method: consent.method,
    callbackUrl: consent.callbackUrl.toString(),
    expiresAt: Date.now() + CODE_TTL_MS,
  });
  const target = new URL(consent.callbackUrl);
  target.searchParams.set('code', code);
  redirect(context, target.toString());
}

/**
 * `GET /auth`: OpenRouter's consent page. "Authorize" redirects to `callback_url?code=...`.
 * Tests can skip the click with `?emulator_auto_approve=1` or header `X-Emulator-Auto-Approve: 1`.
 */
export function handleAuthPage(context: HandlerContext): void {
  const parameters = context.url.searchParams;
  const consent = readConsent(parameters);
  const auto = parameters.get('emulator_auto_approve') ?? context.request.headers['x-emulator-auto-approve'];
  if (auto === '1' || auto === 'true') {
    approve(context, consent);
    return;
  }
  const hidden = ['callback_url', 'code_challenge', 'code_challenge_method']
    .map((name) => `<input type="hidden" name="${name}" value="${escapeHtml(parameters.get(name) ?? '')}">`)
    .join('');
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Authorize application · OpenRouter emulator</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:4rem auto;padding:0 1rem;color:#111}
.card{border:1px solid #ddd;border-radius:12px;padding:1.5rem}button{font:inherit;padding:.6rem 1.2rem;border-radius:8px;border:1px solid #333;cursor:pointer}
#authorize{background:#111;color:#fff}code{background:#f4f4f4;padding:.1rem .3rem;border-radius:4px}</style></head>
<body><div class="card"><h1>Authorize application</h1>
<p>An application at <code>${escapeHtml(consent.callbackUrl.origin)}</code> wants an API key for your OpenRouter account.</p>
<p>This is the local OpenRouter emulator: the key only works against this emulator.</p>
<form method="post" action="/auth/approve">${hidden}
<button id="authorize" type="submit" name="decision" value="approve">Authorize</button>
<button id="deny" type="submit" name="decision" value="deny">Cancel</button></form></div></body></html>`;
  context.response.writeHead(200, {
    'content-type': 'text/html; charset=utf-8',
    'content-length': Buffer.byteLength(html),
  });
  context.response.end(html);
}

/** `POST /auth/approve`: the consent form's target. */
export function handleAuthDecision(context: HandlerContext): void {
  if (context.body.kind === 'too-large')
    throw new EmulatorHttpError(413, 'Request payload too large', { metadata: null });
  const parameters = new URLSearchParams(context.body.kind === 'text' ? context.body.text : '');
  const consent = readConsent(parameters);
  if (parameters.get('decision') === 'deny') {
    const target = new URL(consent.callbackUrl);
    target.searchParams.set('error', 'access_denied');
    redirect(context, target.toString());
    return;
  }
  approve(context, consent);
}

function base64Url(buffer: Buffer): string {
  return buffer.toString('base64').replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** `POST /auth/keys`: exchanges a one-time code (+ PKCE verifier) for a key the emulator then accepts. */
export function handleAuthKeys(context: HandlerContext): void {
  const body = readJsonBody(context);
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw badRequest('Request body must be a JSON object');
  const { code, code_verifier: verifier, code_challenge_method: method } = body as Record<string, unknown>;
  if ('code_verifier' in (body as object))
    context.record.body = { ...(body as object), code_verifier: '[redacted]' };
  if (typeof code !== 'string' || code === '') throw badRequest('Missing required field: code');
  if (verifier !== undefined && typeof verifier !== 'string')
    throw badRequest('code_verifier must be a string');
  if (method !== undefined && method !== null && method !== 'S256' && method !== 'plain') {
    throw badRequest('code_challenge_method must be "S256" or "plain"');
  }
  const grants = context.emulator.state.pkceGrants;
  const grant = grants.get(code);
  grants.delete(code); // one-time: any attempt consumes the code
  if (!grant || grant.expiresAt < Date.now()) {
    throw new EmulatorHttpError(403, 'Invalid code: it is unknown, expired or was already used', {
      metadata: null,
    });
  }
  if (grant.challenge !== null) {
    if (typeof verifier !== 'string' || verifier === '')
      throw new EmulatorHttpError(403, 'Invalid code_verifier: a code_verifier is required', {
        metadata: null,
      });
    if (method && method !== grant.method) {
      throw new EmulatorHttpError(
        403,
        `Invalid code_challenge_method: the authorization used ${grant.method}`,
        { metadata: null },
      );
    }
    const expected =
      grant.method === 'S256' ? base64Url(createHash('sha256').update(verifier).digest()) : verifier;
    if (expected !== grant.challenge) {
      throw new EmulatorHttpError(403, 'Invalid code_verifier: it does not match the code_challenge', {
        metadata: null,
      });
    }
  }
  const key = `sk-or-v1-${randomHex(32)}`;
  context.emulator.state.issueKey(key);
  sendJson(context.response, 200, { key, user_id: 'user_emulator' });
}
