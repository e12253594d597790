import { handleGenerationRequest } from '../chat/handle-generation-request';
import { handleCredits, handleGeneration, handleKey } from '../endpoints/handle-account';
import { handleAuthDecision, handleAuthKeys, handleAuthPage } from '../endpoints/handle-auth';
import { handleEmbeddings } from '../endpoints/handle-embeddings';
import { handleModelEndpoints, handleModels } from '../endpoints/handle-models';
import { EmulatorHttpError } from '../http/emulator-http-error';
import { CORS_HEADERS, sendJson } from '../http/send-json';
import type { HandlerContext } from './emulator-context';

const API_PREFIX = '/api/v1';

/** Reads the bearer key and applies `requireAuth` with OpenRouter's 401 wording. */
function authenticate(ctx: HandlerContext): void {
  const header = ctx.request.headers.authorization;
  const match = header ? /^Bearer\s+(.+)$/i.exec(header.trim()) : null;
  const key = match ? (match[1] as string).trim() : undefined;
  const { state, options } = ctx.emulator;
  if (options.requireAuth) {
    if (!key) throw new EmulatorHttpError(401, 'No auth credentials found', { metadata: null });
    if (!state.isKnownKey(key)) throw new EmulatorHttpError(401, 'User not found.', { metadata: null });
  }
  ctx.apiKey = key;
  ctx.account = state.account(key);
}

function methodNotAllowed(allowed: string): EmulatorHttpError {
  return new EmulatorHttpError(405, `Method Not Allowed (use ${allowed})`, {
    metadata: null,
    headers: { allow: allowed },
  });
}

function expect(ctx: HandlerContext, method: 'GET' | 'POST'): void {
  if (ctx.request.method !== method) throw methodNotAllowed(method);
}

/** Routes one request to its handler. */
export async function dispatch(ctx: HandlerContext): Promise<void> {
  const method = ctx.request.method ?? 'GET';
  const path =
    ctx.url.pathname.length > 1 && ctx.url.pathname.endsWith('/')
      ? ctx.url.pathname.slice(0, -1)
      : ctx.url.pathname;
  if (method === 'OPTIONS') {
    ctx.response.writeHead(204, {
      ...CORS_HEADERS,
      'access-control-allow-methods': 'GET, POST, OPTIONS',
      'access-control-allow-headers':
        (ctx.request.headers['access-control-request-headers'] as string | undefined) ?? '*',
      'access-control-max-age': '86400',
      'content-length': 0,
    });
    ctx.response.end();
    return;
  }
  if (path === '/auth') {
    expect(ctx, 'GET');
    handleAuthPage(ctx);
    return;
  }
  if (path === '/auth/approve') {
    expect(ctx, 'POST');
    handleAuthDecision(ctx);
    return;
  }
  if (path === '/' || path === API_PREFIX) {
    sendJson(ctx.response, 200, {
      name: 'openrouter-emulator',
      version: __PACKAGE_VERSION__,
      base_url: API_PREFIX,
    });
    return;
  }
  if (!path.startsWith(`${API_PREFIX}/`))
    throw new EmulatorHttpError(404, `Not Found: ${path}`, { metadata: null });
  const route = path.slice(API_PREFIX.length);
  switch (route) {
    case '/chat/completions':
      expect(ctx, 'POST');
      authenticate(ctx);
      await handleGenerationRequest(ctx, 'chat');
      return;
    case '/completions':
      expect(ctx, 'POST');
      authenticate(ctx);
      await handleGenerationRequest(ctx, 'text');
      return;
    case '/embeddings':
      expect(ctx, 'POST');
      authenticate(ctx);
      await handleEmbeddings(ctx);
      return;
    case '/models':
      expect(ctx, 'GET');
      handleModels(ctx, false);
      return;
    case '/embeddings/models':
      expect(ctx, 'GET');
      handleModels(ctx, true);
      return;
    case '/generation':
      expect(ctx, 'GET');
      authenticate(ctx);
      handleGeneration(ctx);
      return;
    case '/key':
      expect(ctx, 'GET');
      authenticate(ctx);
      handleKey(ctx);
      return;
    case '/credits':
      expect(ctx, 'GET');
      authenticate(ctx);
      handleCredits(ctx);
      return;
    case '/auth/keys':
      expect(ctx, 'POST');
      handleAuthKeys(ctx);
      return;
  }
  const endpoints = /^\/models\/([^/]+)\/([^/]+)\/endpoints$/.exec(route);
  if (endpoints) {
    expect(ctx, 'GET');
    handleModelEndpoints(ctx, endpoints[1] as string, endpoints[2] as string);
    return;
  }
  throw new EmulatorHttpError(404, `Not Found: ${ctx.request.method} ${path}`, { metadata: null });
}
