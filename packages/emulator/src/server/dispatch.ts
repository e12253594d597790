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
function authenticate(context: HandlerContext): void {
  const header = context.request.headers.authorization;
  const match = header ? /^Bearer\s+(.+)$/i.exec(header.trim()) : null;
  const key = match ? (match[1] as string).trim() : undefined;
  const { state, options } = context.emulator;
  if (options.requireAuth) {
    if (!key) throw new EmulatorHttpError(401, 'No auth credentials found', { metadata: null });
    if (!state.isKnownKey(key)) throw new EmulatorHttpError(401, 'User not found.', { metadata: null });
  }
  context.apiKey = key;
  context.account = state.account(key);
}

function methodNotAllowed(allowed: string): EmulatorHttpError {
  return new EmulatorHttpError(405, `Method Not Allowed (use ${allowed})`, {
    metadata: null,
    headers: { allow: allowed },
  });
}

function expect(context: HandlerContext, method: 'GET' | 'POST'): void {
  if (context.request.method !== method) throw methodNotAllowed(method);
}

/** Routes one request to its handler. */
export async function dispatch(context: HandlerContext): Promise<void> {
  const method = context.request.method ?? 'GET';
  const path =
    context.url.pathname.length > 1 && context.url.pathname.endsWith('/')
      ? context.url.pathname.slice(0, -1)
      : context.url.pathname;
  if (method === 'OPTIONS') {
    context.response.writeHead(204, {
      ...CORS_HEADERS,
      'access-control-allow-methods': 'GET, POST, OPTIONS',
      'access-control-allow-headers':
        (context.request.headers['access-control-request-headers'] as string | undefined) ?? '*',
      'access-control-max-age': '86400',
      'content-length': 0,
    });
    context.response.end();
    return;
  }
  if (path === '/auth') {
    expect(context, 'GET');
    handleAuthPage(context);
    return;
  }
  if (path === '/auth/approve') {
    expect(context, 'POST');
    handleAuthDecision(context);
    return;
  }
  if (path === '/' || path === API_PREFIX) {
    sendJson(context.response, 200, {
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
      expect(context, 'POST');
      authenticate(context);
      await handleGenerationRequest(context, 'chat');
      return;
    case '/completions':
      expect(context, 'POST');
      authenticate(context);
      await handleGenerationRequest(context, 'text');
      return;
    case '/embeddings':
      expect(context, 'POST');
      authenticate(context);
      await handleEmbeddings(context);
      return;
    case '/models':
      expect(context, 'GET');
      handleModels(context, false);
      return;
    case '/embeddings/models':
      expect(context, 'GET');
      handleModels(context, true);
      return;
    case '/generation':
      expect(context, 'GET');
      authenticate(context);
      handleGeneration(context);
      return;
    case '/key':
      expect(context, 'GET');
      authenticate(context);
      handleKey(context);
      return;
    case '/credits':
      expect(context, 'GET');
      authenticate(context);
      handleCredits(context);
      return;
    case '/auth/keys':
      expect(context, 'POST');
      handleAuthKeys(context);
      return;
  }
  const endpoints = /^\/models\/([^/]+)\/([^/]+)\/endpoints$/.exec(route);
  if (endpoints) {
    expect(context, 'GET');
    handleModelEndpoints(context, endpoints[1] as string, endpoints[2] as string);
    return;
  }
  throw new EmulatorHttpError(404, `Not Found: ${context.request.method} ${path}`, { metadata: null });
}
